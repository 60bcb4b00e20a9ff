// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc doctor: the checks a user whose program does not load needs, in
 * order, each with a verdict (ok, warn, fail, skip), what was found and,
 * for a failure, the command that fixes it. Exit 0 when none fails.
 *
 * With -k KVER, another installed kernel is checked: its configuration,
 * DKMS build and module file; the checks of a running kernel (loaded
 * module, lockdown, program types) are skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <glob.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <kfunc/version.h>

#include "kfunc.h"

#define TEXT 4096

enum verdict { OK, WARN, FAIL, SKIP };
static const char *const verdicts[] = { "ok", "warn", "fail", "skip" };

static bool json;
static int nchecks, nfailed;

static void report(const char *name, enum verdict v, const char *detail, const char *remedy)
{
	if (v == FAIL)
		nfailed++;
	if (json) {
		printf("%s{\"name\":", nchecks ? "," : "");
		json_str(stdout, name);
		printf(",\"verdict\":\"%s\",\"detail\":", verdicts[v]);
		json_str(stdout, detail);
		printf(",\"remedy\":");
		if (remedy && *remedy)
			json_str(stdout, remedy);
		else
			printf("null");
		printf("}");
	} else {
		const char *p;

		printf("%-4s  %-13s %s\n", verdicts[v], name, detail);
		/* Every line of a remedy, indented, after "fix:". */
		for (p = remedy; p && *p;) {
			int n = strcspn(p, "\n");

			printf("      %-13s %.*s\n", p == remedy ? "fix:" : "", n, p);
			p += n + (p[n] == '\n');
		}
	}
	nchecks++;
}

/* CONFIG_X of KVER: 'y', 'm', 'n' (absent), or 0 when no configuration. */
static char *config;

static void load_config(const char *kver, bool running)
{
	char cmd[512];

	config = calloc(1, 1 << 20);
	if (!config)
		return;
	snprintf(cmd, sizeof(cmd), "cat /boot/config-%s 2>/dev/null", kver);
	if (run_output(cmd, config, 1 << 20) == 0 && config[0])
		return;
	if (running && run_output("zcat /proc/config.gz 2>/dev/null", config, 1 << 20) == 0 &&
	    config[0])
		return;
	free(config);
	config = NULL;
}

static char config_value(const char *option)
{
	char key[128];
	const char *p;

	if (!config)
		return 0;
	snprintf(key, sizeof(key), "\n%s=", option);
	p = strstr(config, key);
	return p ? p[strlen(key)] : 'n';
}

/* Whether /sys/kernel/btf holds a module's BTF (proof of module BTF). */
static bool sysfs_module_btf(void)
{
	DIR *d = opendir("/sys/kernel/btf");
	struct dirent *e;
	bool found = false;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.' && strcmp(e->d_name, "vmlinux"))
			found = true;
	if (d)
		closedir(d);
	return found;
}

static void check_kernel(const char *kver, bool running)
{
	char detail[TEXT], remedy[TEXT];
	int num = kernel_number(kver);
	char c;

	snprintf(detail, sizeof(detail), "Linux %s", kver);
	if (num && num < 6001)
		report("kernel", FAIL, detail, "kfunc needs Linux 6.1 or later: install a newer"
		       " kernel (Debian 12: linux-image-amd64)");
	else
		report("kernel", OK, detail, NULL);

	c = config_value("CONFIG_BPF_SYSCALL");
	if (c == 'y' || (!c && running && !access("/proc/sys/kernel/unprivileged_bpf_disabled", F_OK)))
		report("bpf", OK, "the bpf() system call (CONFIG_BPF_SYSCALL)", NULL);
	else if (!c)
		report("bpf", SKIP, "no configuration of this kernel to read", NULL);
	else
		report("bpf", FAIL, "the kernel is built without CONFIG_BPF_SYSCALL",
		       "use a kernel with BPF (every Debian kernel has it)");

	c = config_value("CONFIG_DEBUG_INFO_BTF");
	if ((running && !access("/sys/kernel/btf/vmlinux", R_OK)) || (!running && c == 'y'))
		report("btf", OK, "kernel BTF (/sys/kernel/btf/vmlinux)", NULL);
	else if (!running && !c)
		report("btf", SKIP, "no configuration of this kernel to read", NULL);
	else
		report("btf", FAIL, "the kernel has no BTF (CONFIG_DEBUG_INFO_BTF)",
		       "use a kernel built with CONFIG_DEBUG_INFO_BTF=y (every Debian kernel"
		       " from 6.1 is)");

	c = config_value("CONFIG_DEBUG_INFO_BTF_MODULES");
	if (c == 'y' || (!c && running && sysfs_module_btf())) {
		report("module-btf", OK, c ? "CONFIG_DEBUG_INFO_BTF_MODULES=y" :
		       "modules carry BTF (/sys/kernel/btf has modules)", NULL);
	} else if (!c) {
		report("module-btf", WARN, "cannot tell whether modules may carry BTF"
		       " (no /boot/config-KVER, no /proc/config.gz)", NULL);
	} else {
		snprintf(remedy, sizeof(remedy), "use a kernel built with"
			 " CONFIG_DEBUG_INFO_BTF_MODULES=y: without it no module can offer kfuncs");
		report("module-btf", FAIL, "CONFIG_DEBUG_INFO_BTF_MODULES is not set", remedy);
	}
}

/* The newest kfunc source DKMS knows (/usr/src/kfunc-V): V, or NULL. */
static const char *dkms_source_version(void)
{
	static char v[64];
	glob_t g;

	if (glob("/usr/src/kfunc-*/dkms.conf", 0, NULL, &g))
		return NULL;
	if (sscanf(g.gl_pathv[g.gl_pathc - 1], "/usr/src/kfunc-%63[^/]", v) != 1)
		v[0] = 0;
	globfree(&g);
	return v[0] ? v : NULL;
}

/*
 * Whether DKMS built kfunc VERSION for KVER: its tree holds the module
 * (dkms 3: /var/lib/dkms/kfunc/VERSION/KVER/ARCH/module/). Read directly:
 * `dkms status` is a shell script, slow where every process start is.
 */
static bool dkms_built(const char *kver, const char *version)
{
	char pattern[512];
	glob_t g;
	bool found;

	snprintf(pattern, sizeof(pattern), "/var/lib/dkms/kfunc/%s/%s/*/module/kfunc.ko*",
		 version, kver);
	found = !glob(pattern, 0, NULL, &g);
	if (found)
		globfree(&g);
	return found;
}

/* The failed build's make.log of DKMS for KVER, if one is there. */
static bool dkms_failed_log(const char *kver, char *path, size_t size)
{
	char line[512], want[256];
	bool found = false;
	glob_t g;
	size_t i;
	FILE *f;

	if (glob("/var/lib/dkms/kfunc/*/build/make.log", 0, NULL, &g))
		return false;
	snprintf(want, sizeof(want), " for kernel %s ", kver);
	for (i = 0; i < g.gl_pathc && !found; i++) {
		f = fopen(g.gl_pathv[i], "r");
		if (!f)
			continue;
		if (fgets(line, sizeof(line), f) && strstr(line, want)) {
			snprintf(path, size, "%s", g.gl_pathv[i]);
			found = true;
		}
		fclose(f);
	}
	globfree(&g);
	return found;
}

/* The last lines of a log, and its lines saying "kfunc: " (what to do). */
static void log_tail(const char *path, char *tail, size_t tsize, char *said, size_t ssize)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "tail -n 8 '%s'", path);
	run_output(cmd, tail, tsize);
	tail[strcspn(tail, "\0")] = 0;
	snprintf(cmd, sizeof(cmd), "grep '^kfunc: ' '%s' | sed 's/^kfunc: //' | tail -n 8", path);
	run_output(cmd, said, ssize);
	if (*said && said[strlen(said) - 1] == '\n')
		said[strlen(said) - 1] = 0;
}

/* Read a (maybe compressed) module file into memory. */
static char *read_module(const char *path, size_t *len)
{
	const char *dec = "cat";
	size_t cap = 1 << 20, n = 0, r;
	char cmd[600], *buf, *nb;
	FILE *p;

	if (strstr(path, ".ko.xz"))
		dec = "xz -dc";
	else if (strstr(path, ".ko.zst"))
		dec = "zstd -dcq";
	else if (strstr(path, ".ko.gz"))
		dec = "gzip -dc";
	snprintf(cmd, sizeof(cmd), "%s '%s' 2>/dev/null", dec, path);
	p = popen(cmd, "r");
	buf = p ? malloc(cap) : NULL;
	while (buf && (r = fread(buf + n, 1, cap - n, p)) > 0) {
		n += r;
		if (n == cap) {
			nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (p && pclose(p) != 0) {
		free(buf);
		buf = NULL;
	}
	*len = n;
	return buf;
}

/* Whether the module file has section NAME (-1: not an ELF file). */
static int has_sections(const char *path, bool *btf, bool *ids)
{
	size_t len, shstrndx;
	char *img = read_module(path, &len);
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	Elf *e;

	*btf = *ids = false;
	if (!img)
		return -1;
	elf_version(EV_CURRENT);
	e = elf_memory(img, len);
	if (!e || elf_getshdrstrndx(e, &shstrndx)) {
		if (e)
			elf_end(e);
		free(img);
		return -1;
	}
	while ((scn = elf_nextscn(e, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (name && !strcmp(name, ".BTF"))
			*btf = true;
		if (name && !strcmp(name, ".BTF_ids"))
			*ids = true;
	}
	elf_end(e);
	free(img);
	return 0;
}

static void trim(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = 0;
}

/* DKMS failed to build for KVER: the end of its log, and what it says to do. */
static void report_failed_build(const char *kver, const char *logp, const char *src)
{
	char detail[TEXT], remedy[TEXT], tail[TEXT], said[TEXT], *p, *save;

	log_tail(logp, tail, sizeof(tail), said, sizeof(said));
	trim(tail);
	snprintf(detail, sizeof(detail), "DKMS failed to build kfunc for %s; the end of %s:%s%s",
		 kver, logp, json ? "\n" : "", json ? tail : "");
	snprintf(remedy, sizeof(remedy), "%s%sthen: dkms install kfunc/%s -k %s",
		 said, said[0] ? "\n" : "", src ? src : KFUNC_VERSION, kver);
	report("build", FAIL, detail, remedy);
	if (json)
		return;
	for (p = strtok_r(tail, "\n", &save); p; p = strtok_r(NULL, "\n", &save))
		printf("      | %s\n", p);
}

/*
 * DKMS's build for KVER: the module file modprobe would load (PATH) and
 * its version (FVER), or why there is none. Returns whether there is one.
 */
static bool check_build(const char *kver, char *path, size_t psize, char *fver, size_t fsize)
{
	char cmd[512], out[TEXT], detail[TEXT], remedy[TEXT], logp[512];
	const char *src = dkms_source_version();

	path[0] = fver[0] = 0;
	snprintf(cmd, sizeof(cmd), "modinfo -k '%s' -n kfunc 2>/dev/null", kver);
	if (run_output(cmd, out, sizeof(out)) == 0 && out[0] == '/') {
		trim(out);
		snprintf(path, psize, "%s", out);
		snprintf(cmd, sizeof(cmd), "modinfo -k '%s' -F version kfunc 2>/dev/null", kver);
		run_output(cmd, fver, fsize);
		trim(fver);
		snprintf(detail, sizeof(detail), "kfunc %s for %s: %s%s", fver, kver, path,
			 dkms_built(kver, fver) ? " (built by DKMS)" : "");
		report("build", OK, detail, NULL);
		return true;
	}
	if (dkms_failed_log(kver, logp, sizeof(logp))) {
		report_failed_build(kver, logp, src);
		return false;
	}
	snprintf(cmd, sizeof(cmd), "/lib/modules/%s/build/Makefile", kver);
	if (!src)
		snprintf(remedy, sizeof(remedy), "apt-get install kfunc-dkms"
			 " (or dnf install kfunc-dkms)");
	else if (access(cmd, F_OK))
		snprintf(remedy, sizeof(remedy), "apt-get install linux-headers-%s"
			 " (DKMS then builds kfunc for it)", kver);
	else
		snprintf(remedy, sizeof(remedy), "dkms install kfunc/%s -k %s", src, kver);
	snprintf(detail, sizeof(detail), "no kfunc module for %s%s", kver,
		 src ? "" : " (kfunc-dkms is not installed)");
	report("build", FAIL, detail, remedy);
	return false;
}

/* The module file carries the sections that make its kfuncs visible. */
static void check_module_file(const char *kver, const char *path, const char *fver,
			      const char *src)
{
	char detail[TEXT], remedy[TEXT];
	bool btf, ids;

	if (has_sections(path, &btf, &ids)) {
		snprintf(detail, sizeof(detail), "%s cannot be read as a module", path);
		report("module-file", FAIL, detail, "reinstall it: apt-get install --reinstall"
		       " kfunc-dkms");
	} else if (!btf || !ids) {
		snprintf(detail, sizeof(detail), "%s has no %s section: the kernel would see"
			 " no kfunc in it", path, btf ? ".BTF_ids" : ".BTF");
		snprintf(remedy, sizeof(remedy), "rebuild it: dkms remove kfunc/%s -k %s &&"
			 " dkms install kfunc/%s -k %s", src ? src : fver, kver,
			 src ? src : fver, kver);
		report("module-file", FAIL, detail, remedy);
	} else {
		snprintf(detail, sizeof(detail), "%s has its BTF (.BTF, .BTF_ids)", path);
		report("module-file", OK, detail, NULL);
	}
}

static void check_loaded(const char *fver)
{
	const char *mver = module_version(), *sver = sdk_version();
	char detail[TEXT], remedy[TEXT];

	if (access("/sys/module/kfunc", F_OK)) {
		report("loaded", FAIL, "the kfunc module is not loaded", "modprobe kfunc");
		report("kfunc-btf", SKIP, "the module is not loaded", NULL);
	} else {
		snprintf(detail, sizeof(detail), "kfunc %s is loaded", mver ? mver : "(no version)");
		report("loaded", OK, detail, NULL);
		if (access("/sys/kernel/btf/kfunc", R_OK))
			report("kfunc-btf", FAIL, "the loaded module has no BTF"
			       " (/sys/kernel/btf/kfunc): no program can see its kfuncs",
			       "reload the DKMS-built module: modprobe -r kfunc && modprobe kfunc");
		else
			report("kfunc-btf", OK, "/sys/kernel/btf/kfunc", NULL);
	}

	if (!mver) {
		report("version", SKIP, "the module is not loaded", NULL);
	} else if (fver[0] && strcmp(mver, fver)) {
		snprintf(detail, sizeof(detail), "the loaded module is kfunc %s, the installed"
			 " one kfunc %s", mver, fver);
		report("version", FAIL, detail, "load the installed one: modprobe -r kfunc &&"
		       " modprobe kfunc");
	} else if (sver && strcmp(mver, sver)) {
		snprintf(detail, sizeof(detail), "the loaded module is kfunc %s, kfunc-sdk's"
			 " headers are %s: programs built with them may call kfuncs the module"
			 " does not have", mver, sver);
		snprintf(remedy, sizeof(remedy), "install the same version of both:"
			 " apt-get install kfunc-dkms=%s-* (or kfunc-sdk=%s-*)", sver, mver);
		report("version", FAIL, detail, remedy);
	} else {
		snprintf(detail, sizeof(detail), "kfunc %s%s%s", mver,
			 sver ? ", kfunc-sdk " : " (kfunc-sdk is not installed)", sver ? sver : "");
		report("version", OK, detail, NULL);
	}
}

static void check_secure_boot(const char *kver, const char *path)
{
	char cmd[512], out[TEXT], signer[256], detail[TEXT];
	bool enabled;

	if (access("/sys/firmware/efi", F_OK)) {
		report("secure-boot", OK, "not booted with EFI: no Secure Boot", NULL);
		return;
	}
	if (run_output("mokutil --sb-state 2>&1", out, sizeof(out)) < 0 ||
	    !strstr(out, "SecureBoot")) {
		report("secure-boot", WARN, "EFI system, but mokutil cannot tell the Secure"
		       " Boot state", NULL);
		return;
	}
	enabled = strstr(out, "SecureBoot enabled");
	signer[0] = 0;
	if (path[0]) {
		snprintf(cmd, sizeof(cmd), "modinfo -k '%s' -F signer kfunc 2>/dev/null", kver);
		run_output(cmd, signer, sizeof(signer));
		trim(signer);
	}
	if (!enabled) {
		report("secure-boot", OK, "Secure Boot is disabled", NULL);
	} else if (!path[0]) {
		report("secure-boot", SKIP, "Secure Boot is enabled; no module to check", NULL);
	} else if (!signer[0]) {
		report("secure-boot", FAIL, "Secure Boot is enabled and the module is not"
		       " signed: the kernel refuses to load it",
		       "give DKMS a key and rebuild: see /usr/share/doc/kfunc-dkms/README.md"
		       " (dkms signs with /var/lib/dkms/mok.key), then"
		       " mokutil --import /var/lib/dkms/mok.pub and reboot");
	} else if (run_output("mokutil --test-key /var/lib/dkms/mok.pub 2>&1", out,
			      sizeof(out)) >= 0 && strstr(out, "already enrolled")) {
		snprintf(detail, sizeof(detail), "Secure Boot is enabled; the module is signed"
			 " by \"%s\", whose key is enrolled", signer);
		report("secure-boot", OK, detail, NULL);
	} else {
		snprintf(detail, sizeof(detail), "Secure Boot is enabled; the module is signed"
			 " by \"%s\", but /var/lib/dkms/mok.pub is not enrolled", signer);
		report("secure-boot", FAIL, detail, "mokutil --import /var/lib/dkms/mok.pub,"
		       " reboot, and enroll the key in the MOK manager");
	}
}

static void check_lockdown(void)
{
	char line[256], detail[TEXT];

	if (access("/sys/kernel/security/lsm", F_OK)) {
		report("lockdown", SKIP, "securityfs is not mounted on /sys/kernel/security:"
		       " cannot tell", NULL);
	} else if (read_line("/sys/kernel/security/lockdown", line, sizeof(line))) {
		report("lockdown", OK, "no lockdown (the kernel has no lockdown LSM)", NULL);
	} else if (strstr(line, "[none]")) {
		report("lockdown", OK, "none", NULL);
	} else if (strstr(line, "[integrity]")) {
		report("lockdown", OK, "integrity: only signed modules load (see secure-boot)",
		       NULL);
	} else {
		snprintf(detail, sizeof(detail), "%s: BPF programs may not read kernel memory"
			 " (bpf_probe_read_kernel and the like are refused)", line);
		report("lockdown", WARN, detail, NULL);
	}
}

static void check_program_types(const char *kver)
{
	char lsm[512] = "", detail[TEXT];
	bool kprobe = kernel_number(kver) >= 6010, known, bpf_lsm;

	known = !read_line("/sys/kernel/security/lsm", lsm, sizeof(lsm));
	bpf_lsm = strstr(lsm, "bpf") != NULL;
	snprintf(detail, sizeof(detail), "tc, XDP, syscall, fentry/fexit/fmod_ret, tp_btf%s%s%s",
		 bpf_lsm ? ", LSM" : "", kprobe ? ", kprobe/uprobe" : "",
		 kprobe ? "" : " (kprobe programs from 6.10)");
	report("program-types", OK, detail, NULL);
	if (!known)
		report("bpf-lsm", SKIP, "securityfs is not mounted on /sys/kernel/security:"
		       " cannot tell whether the BPF LSM is active", NULL);
	else if (!bpf_lsm)
		report("bpf-lsm", WARN, "the BPF LSM is not active: LSM programs load but do not"
		       " run", "add bpf to the lsm= list on the kernel command line");
}

int cmd_doctor(int argc, char **argv)
{
	const char *kver = running_kernel();
	char path[512], fver[64];
	bool running = true;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j")) {
			json = true;
		} else if ((!strcmp(argv[i], "-k") || !strcmp(argv[i], "--kernel")) && i + 1 < argc) {
			kver = argv[++i];
			running = !strcmp(kver, running_kernel());
		} else {
			fprintf(stderr, "usage: kfunc doctor [--json] [-k KVER]\n");
			return EXIT_USAGE;
		}
	}
	load_config(kver, running);
	if (json) {
		printf("{\"kernel\":");
		json_str(stdout, kver);
		printf(",\"running\":%s,\"tool_version\":\"%s\",\"checks\":[",
		       running ? "true" : "false", KFUNC_VERSION);
	} else {
		printf("kfunc doctor %s: kernel %s%s\n", KFUNC_VERSION, kver,
		       running ? "" : " (not running: its build only)");
	}
	check_kernel(kver, running);
	if (check_build(kver, path, sizeof(path), fver, sizeof(fver)))
		check_module_file(kver, path, fver, dkms_source_version());
	else
		report("module-file", SKIP, "no module file", NULL);
	if (running) {
		check_loaded(fver);
		check_lockdown();
		check_program_types(kver);
	}
	check_secure_boot(kver, path);
	if (json)
		printf("],\"failed\":%d,\"ok\":%s}\n", nfailed, nfailed ? "false" : "true");
	else
		printf("%d checks, %d failed\n", nchecks, nfailed);
	free(config);
	return nfailed ? EXIT_FAIL : EXIT_OK;
}
