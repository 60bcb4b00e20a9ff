# SPDX-License-Identifier: GPL-2.0
# Rules for a BPF program and its libbpf loader, libbpf-bootstrap style:
# NAME.bpf.c -> $(OUT)/NAME.bpf.o -> $(OUT)/NAME.skel.h -> $(OUT)/NAME.
# The including Makefile sets OUT and the search path for sources (VPATH).
#
# The kfunc headers come from `pkg-config kfunc-sdk` only, as in any BPF
# project: the installed kfunc-sdk package, or, inside this source tree, a
# kfunc-sdk-uninstalled.pc generated here that points at the tree's headers
# (pkg-config prefers -uninstalled files found on PKG_CONFIG_PATH).
.DEFAULT_GOAL := all
TOP ?= $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
CLANG ?= clang
BPFTOOL ?= bpftool
ARCH := $(shell uname -m | sed 's/x86_64/x86/; s/aarch64/arm64/')
MULTIARCH := $(shell $(CC) -print-multiarch 2>/dev/null)

ifneq ($(wildcard $(TOP)/bpf-headers/kfunc-sdk.pc.in),)
SDK_PC_DIR := $(OUT)/pkgconfig
$(shell mkdir -p $(SDK_PC_DIR) && \
	{ echo 'Name: kfunc-sdk'; \
	  echo 'Description: kfunc SDK, uninstalled (the source tree $(TOP))'; \
	  echo "Version: $$(sed -n 's/^\#define KFUNC_VERSION "\(.*\)"/\1/p' $(TOP)/include/uapi/kfunc/version.h)"; \
	  echo 'Cflags: -I$(TOP)/bpf-headers -I$(TOP)/include/uapi'; \
	} >$(SDK_PC_DIR)/kfunc-sdk-uninstalled.pc)
export PKG_CONFIG_PATH := $(SDK_PC_DIR)$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH))
endif
KFUNC_CFLAGS := $(shell pkg-config --cflags kfunc-sdk)
ifneq ($(.SHELLSTATUS),0)
$(error pkg-config cannot find kfunc-sdk: apt-get install kfunc-sdk (or make deb))
endif

BPF_CFLAGS := -g -O2 -Wall -Werror -target bpf -D__TARGET_ARCH_$(ARCH) \
	$(if $(MULTIARCH),-I/usr/include/$(MULTIARCH)) $(KFUNC_CFLAGS)
USER_CFLAGS := -g -O2 -Wall -Wextra -I$(OUT) $(KFUNC_CFLAGS)
LIBBPF_LIBS := $(shell pkg-config --libs libbpf)

$(OUT)/%.bpf.o: %.bpf.c | $(OUT)
	$(CLANG) $(BPF_CFLAGS) -MMD -MP -c $< -o $@

# Rebuild a BPF object when a header it includes (the SDK's too) changes.
-include $(wildcard $(OUT)/*.bpf.d)

$(OUT)/%.skel.h: $(OUT)/%.bpf.o
	$(BPFTOOL) gen skeleton $< name $(subst .,_,$*)_bpf > $@

$(OUT)/%: %.c $(OUT)/%.skel.h
	$(CC) $(USER_CFLAGS) $< -o $@ $(LIBBPF_LIBS)

$(OUT):
	mkdir -p $@
