# SPDX-License-Identifier: GPL-2.0
# Rules for a BPF program and its libbpf loader, libbpf-bootstrap style:
# NAME.bpf.c -> $(OUT)/NAME.bpf.o -> $(OUT)/NAME.skel.h -> $(OUT)/NAME.
# The including Makefile sets OUT and the search path for sources (VPATH).
.DEFAULT_GOAL := all
TOP ?= $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
CLANG ?= clang
BPFTOOL ?= bpftool
ARCH := $(shell uname -m | sed 's/x86_64/x86/; s/aarch64/arm64/')
MULTIARCH := $(shell $(CC) -print-multiarch 2>/dev/null)
KFUNC_CFLAGS ?= -I$(TOP)/bpf-headers -I$(TOP)/include/uapi
BPF_CFLAGS := -g -O2 -Wall -Werror -target bpf -D__TARGET_ARCH_$(ARCH) \
	$(if $(MULTIARCH),-I/usr/include/$(MULTIARCH)) $(KFUNC_CFLAGS)
USER_CFLAGS := -g -O2 -Wall -Wextra -I$(OUT)

$(OUT)/%.bpf.o: %.bpf.c $(wildcard $(TOP)/bpf-headers/kfuncs/*.h) | $(OUT)
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(OUT)/%.skel.h: $(OUT)/%.bpf.o
	$(BPFTOOL) gen skeleton $< name $(subst .,_,$*)_bpf > $@

$(OUT)/%: %.c $(OUT)/%.skel.h
	$(CC) $(USER_CFLAGS) $< -o $@ -lbpf

$(OUT):
	mkdir -p $@
