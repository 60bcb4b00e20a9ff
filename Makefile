# SPDX-License-Identifier: GPL-2.0
#
#   make               build src/kfunc.ko for KVER (default: the running kernel)
#   make demo          build, boot Debian's default kernel in a VM, run the seed example
#   make check         every test: host unit tests, then each kernel of the matrix in a VM
#   make clean
#
# KVER/KDIR pick the target kernel: make KVER=6.1.0-50-amd64
# (KDIR defaults to /lib/modules/$(KVER)/build).

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
VERSION := $(shell sed -n 's/^\#define KFUNC_VERSION "\(.*\)"/\1/p' include/uapi/kfunc/version.h)

BTFIDS := tools/btf/kfunc-btfids
HOST_CFLAGS ?= -O2 -g -Wall -Wextra

.PHONY: all module clean check demo host-test version

all: module

version:
	@echo $(VERSION)

$(BTFIDS): tools/btf/kfunc-btfids.c
	$(CC) $(HOST_CFLAGS) -o $@ $< $$(pkg-config --cflags --libs libbpf libelf)

module: $(BTFIDS)
	@test -f $(KDIR)/Makefile || { echo "kfunc: no kernel headers for $(KVER) in $(KDIR):" \
		"apt-get install linux-headers-$(KVER) (or pass KVER=/KDIR=)" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR)/src W=1 modules
	sh tools/btf/module-btf.sh $(CURDIR)/src/kfunc.ko $(KVER) $(KDIR) $(CURDIR)/$(BTFIDS)

host-test:
	$(MAKE) -C tests/host run

check:
	sh tests/run.sh check

demo:
	sh tests/run.sh demo

clean:
	rm -rf src/.btf build $(BTFIDS)
	$(MAKE) -C tests/host clean
	rm -f src/*.o src/lib/*.o src/.*.cmd src/lib/.*.cmd src/*.ko src/*.mod \
	      src/*.mod.c src/modules.order src/Module.symvers
