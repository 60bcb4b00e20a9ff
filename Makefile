# SPDX-License-Identifier: GPL-2.0
#
#   make               build src/kfunc.ko for KVER (default: the running kernel)
#   make demo          build, boot Debian's default kernel in a VM, run the seed example
#   make check         every test: host unit tests, then each kernel of the matrix in a VM
#   make fuzz          every libFuzzer target for FUZZ_TIME seconds (default 300)
#   make bench         kfuncs vs pure BPF vs upstream kfuncs, in the VMs (docs/benchmarks.md)
#   make deb           the Debian packages kfunc-dkms, kfunc-sdk, kfunc-tools, in build/deb/
#   make rpm           the RPM packages, in build/rpm/ (RPMBUILD_FLAGS=--nodeps
#                      where rpm knows no installed package, as on Debian)
#   make docs          docs/locking.md from the lock table (src/locks.h)
#   make tools         kfunc(8) (list, doctor, probe, run), in tools/kfunc/out/
#   make install-dkms  module sources + dkms.conf into $(DESTDIR)/usr/src/kfunc-VERSION
#   make install-sdk   BPF-side headers, uapi headers, kfunc-sdk.pc into $(DESTDIR)$(prefix)
#   make install-tools kfunc(8), its man page and bash completion into $(DESTDIR)$(prefix)
#   make clean
#
# KVER/KDIR pick the target kernel: make KVER=6.1.0-50-amd64
# (KDIR defaults to /lib/modules/$(KVER)/build).

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
VERSION := $(shell sed -n 's/^\#define KFUNC_VERSION "\(.*\)"/\1/p' include/uapi/kfunc/version.h)

BTFIDS := tools/btf/kfunc-btfids
HOST_CFLAGS ?= -O2 -g -Wall -Wextra

prefix ?= /usr
DESTDIR ?=

# What a module build needs: the sources DKMS gets (make install-dkms).
DKMS_FILES := Makefile COPYING src/Kbuild \
	$(filter-out %.mod.c,$(wildcard src/*.[ch] src/lib/*.[ch])) \
	tools/btf/kfunc-btfids.c tools/btf/module-btf.sh \
	$(wildcard include/uapi/kfunc/*.h bpf-headers/kfuncs/*.h)

.PHONY: all module clean clean-module check demo host-test fuzz bench version \
	install-dkms install-sdk install-tools tools deb rpm docs

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

install-dkms:
	@for f in $(DKMS_FILES); do \
		install -D -m 644 $$f $(DESTDIR)/usr/src/kfunc-$(VERSION)/$$f || exit 1; \
	done
	sed 's/#MODULE_VERSION#/$(VERSION)/' dkms.conf >$(DESTDIR)/usr/src/kfunc-$(VERSION)/dkms.conf

install-sdk:
	install -d $(DESTDIR)$(prefix)/include/kfuncs $(DESTDIR)$(prefix)/include/kfunc \
		$(DESTDIR)$(prefix)/share/pkgconfig
	install -m 644 bpf-headers/kfuncs/*.h $(DESTDIR)$(prefix)/include/kfuncs/
	install -m 644 include/uapi/kfunc/*.h $(DESTDIR)$(prefix)/include/kfunc/
	sed 's|@PREFIX@|$(prefix)|; s|@VERSION@|$(VERSION)|' bpf-headers/kfunc-sdk.pc.in \
		>$(DESTDIR)$(prefix)/share/pkgconfig/kfunc-sdk.pc

tools:
	$(MAKE) -C tools/kfunc

install-tools:
	$(MAKE) -C tools/kfunc install DESTDIR=$(DESTDIR) prefix=$(prefix)

# The packages are built from a copy of the source files (git's list in a
# checkout, else every file but build/), so the tree stays clean and the
# packages hold no build products.
SOURCES = $(shell if [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$(CURDIR)" ]; \
	then git ls-files -co --exclude-standard; \
	else find . -path ./build -prune -o -type f -printf '%P\n'; fi)

deb:
	rm -rf build/deb && mkdir -p build/deb/kfunc-$(VERSION)
	cp --parents -t build/deb/kfunc-$(VERSION) $(SOURCES)
	cd build/deb/kfunc-$(VERSION) && dpkg-buildpackage -us -uc -b
	@ls build/deb/*.deb

rpm:
	rm -rf build/rpm && mkdir -p build/rpm/SOURCES
	tar -czf build/rpm/SOURCES/kfunc-$(VERSION).tar.gz \
		--transform 's|^|kfunc-$(VERSION)/|' $(SOURCES)
	rpmbuild -bb $(RPMBUILD_FLAGS) --define '_topdir $(CURDIR)/build/rpm' \
		--define 'kfunc_version $(VERSION)' rpm/kfunc.spec
	@ls build/rpm/RPMS/*/*.rpm

LOCKTABLE := tools/docs/locktable

$(LOCKTABLE): tools/docs/locktable.c src/locks.h
	$(CC) $(HOST_CFLAGS) -Werror -o $@ $<

docs: $(LOCKTABLE)
	$(LOCKTABLE) >docs/locking.md

host-test:
	$(MAKE) -C tests/host run

fuzz:
	$(MAKE) -C tests/fuzz fuzz

bench:
	sh tests/bench/run.sh

check:
	sh tests/run.sh check

demo:
	sh tests/run.sh demo

clean: clean-module
	rm -rf --one-file-system build
	$(MAKE) -C tests/host clean
	$(MAKE) -C tests/fuzz clean
	$(MAKE) -C tools/kfunc clean

clean-module:
	rm -rf src/.btf $(BTFIDS) $(LOCKTABLE)
	rm -f src/*.o src/lib/*.o src/.*.cmd src/lib/.*.cmd src/*.ko src/*.mod \
	      src/*.mod.c src/modules.order src/Module.symvers
