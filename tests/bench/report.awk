# SPDX-License-Identifier: GPL-2.0
#
# make bench's report: reads the tab-separated rows of the run (run.sh
# writes them) and prints the summary table on stdout, the JSON file
# (-v json=PATH) and docs/benchmarks.md (-v md=PATH).
#
#   M key value                  metadata (date, host CPU, times, ...)
#   R kernel clock job impl size status median min max runs repeat
#     verified_insns xlated_insns processed states peak verif_us load_ms msg
#                                one BPF program (tests/bench/bench.c)
#   N job size impl median min max runs
#                                host-native (tests/bench/native.c)
#   V kernel clock seconds status
#                                one VM: its wall time and how it ended
#   P kernel clock method depth status median min max runs calls
#     verified_insns path_len got_len whole msg
#                                one (path method, depth) (tests/bench/pathbench.c)

BEGIN {
	FS = "\t"
	njobs = split("strstr strcmp memchr pbvar jhash xxh64 crc32c crc32 fnv1a", jobs, " ")
	nimpls = split("kf loop cb chunk up", impls, " ")
	kfname["strstr"] = "kf_strstr"
	kfname["strcmp"] = "kf_strcmp"
	kfname["memchr"] = "kf_memchr"
	kfname["pbvar"] = "kf_pb_get_varint"
	kfname["jhash"] = "kf_hash(JHASH)"
	kfname["xxh64"] = "kf_hash(XXH64)"
	kfname["crc32c"] = "kf_hash(CRC32C)"
	kfname["crc32"] = "kf_hash(CRC32)"
	kfname["fnv1a"] = "kf_hash(FNV1A64)"
	upname["strstr"] = "bpf_strstr"
	upname["strcmp"] = "bpf_strcmp"
	upname["memchr"] = "bpf_strnchr"
	implname["kf"] = "kfunc"
	implname["loop"] = "bounded loop"
	implname["cb"] = "bpf_loop"
	implname["chunk"] = "bpf_loop, 16 a call"
	implname["up"] = "upstream kfunc"
	clockname["tcg"] = "TCG, ns"
	clockname["icount"] = "icount, instruction-time"
	nsizes = split("16 256 4096", sizes, " ")
	npm = split("kf tetragon falco tracee", pmethods, " ")
	pname["kf"] = "kf_file_path"
	pname["tetragon"] = "Tetragon `d_path_local`"
	pname["falco"] = "Falco `d_path_approx`"
	pname["tracee"] = "Tracee `get_path_str_buf`"
	pbound["kf"] = "none (65536 steps)"
	pbound["tetragon"] = "2048 steps, `bpf_loop`"
	pbound["falco"] = "96 components, unrolled"
	pbound["tracee"] = "20 steps, unrolled"
}

$1 == "M" { meta[$2] = $3; next }

$1 == "R" {
	k = $2; c = $3
	if (!(k in kseen)) { kseen[k] = 1; kernels[++nk] = k }
	if (!(c in cseen)) { cseen[c] = 1; clocks[++nc] = c }
	key = k SUBSEP c SUBSEP $4 SUBSEP $5 SUBSEP $6
	rows[++nrows] = key
	st[key] = $7; med[key] = $8; lo[key] = $9; hi[key] = $10; nruns[key] = $11
	rep[key] = $12; ver[key] = $13; xl[key] = $14; proc[key] = $15
	states[key] = $16; peak[key] = $17; vus[key] = $18; lms[key] = $19; msg[key] = $20
	next
}

$1 == "N" {
	key = $2 SUBSEP $3 SUBSEP $4
	if (!(key in nmed))
		nrowsn[++nn] = key
	nmed[key] = $5; nlo[key] = $6; nhi[key] = $7; nnruns[key] = $8
	next
}

$1 == "P" {
	if (!($2 in kseen)) { kseen[$2] = 1; kernels[++nk] = $2 }
	if (!($3 in cseen)) { cseen[$3] = 1; clocks[++nc] = $3 }
	key = $2 SUBSEP $3 SUBSEP $4 SUBSEP $5
	prows[++npr] = key
	if (!($5 in pdseen)) { pdseen[$5] = 1; pdepths[++npd] = $5 }
	pst[key] = $6; pmed[key] = $7; plo[key] = $8; phi[key] = $9; pruns[key] = $10
	pcalls[key] = $11; pver[key] = $12; plen[key] = $13; pgot[key] = $14; pwhole[key] = $15
	pmsg[key] = $16
	next
}

$1 == "V" {
	if (!($2 in kseen)) { kseen[$2] = 1; kernels[++nk] = $2 }
	if (!($3 in cseen)) { cseen[$3] = 1; clocks[++nc] = $3 }
	vtime[$2 SUBSEP $3] = $4
	vstat[$2 SUBSEP $3] = $5
	next
}

# "6.1.0-50-amd64" -> "6.1"
function short(k,   v) {
	split(k, v, /[.-]/)
	return v[1] "." v[2]
}

function unit(x) {
	return x < 1000 ? 1 : x < 1e6 ? 1000 : 1e6
}

function num(x, d) {
	x /= d
	return x >= 100 || d == 1 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x)
}

function usuffix(d) {
	return d == 1 ? " ns" : d == 1000 ? " µs" : " ms"
}

function fmt(x,   d) {
	d = unit(x)
	return num(x, d) usuffix(d)
}

# median (min-max) of a row, or what happened instead
function cell(key, wide,   d) {
	if (!(key in st) || st[key] == "absent")
		return "—"
	if (st[key] == "rejected")
		return "not verified"
	if (st[key] == "skipped")
		return "skipped"
	if (st[key] != "ok")
		return st[key]
	d = unit(med[key])
	if (!wide)
		return num(med[key], d) usuffix(d)
	return num(med[key], d) " (" num(lo[key], d) "–" num(hi[key], d) ")" usuffix(d)
}

function ok(key) {
	return (key in st) && st[key] == "ok"
}

function ratio(x) {
	return x >= 100 ? sprintf("%.0f×", x) : x >= 10 ? sprintf("%.1f×", x) : sprintf("%.2f×", x)
}

# A path method's ns per call less the timing's own (the "none" program's).
function pnet(k, c, m, d,   f, x) {
	f = k SUBSEP c SUBSEP "none" SUBSEP d
	x = pmed[k SUBSEP c SUBSEP m SUBSEP d] - (pok(f) ? pmed[f] : 0)
	return x > 0.1 ? x : 0.1
}

function pok(key) {
	return (key in pst) && pst[key] == "ok"
}

# The fastest pure-BPF path walk that verified and ran at depth d, or "".
function pbest(k, c, d,   b, m, x) {
	b = ""
	for (m = 2; m <= npm; m++) {
		x = k SUBSEP c SUBSEP pmethods[m] SUBSEP d
		if (pok(x) && (b == "" || pmed[x] < pmed[k SUBSEP c SUBSEP b SUBSEP d]))
			b = pmethods[m]
	}
	return b
}

# One (method, depth): net time and whether the path was whole.
function pcell(key, k, c, m, d) {
	if (!(key in pst))
		return "—"
	if (pst[key] == "rejected")
		return "not verified"
	if (pst[key] != "ok")
		return pst[key]
	return fmt(pnet(k, c, m, d)) ", " (pwhole[key] == "yes" ? "whole" : pwhole[key] == "no" ? \
	       "**cut**: " pgot[key] " of " plen[key] " B" : "**" pwhole[key] "**")
}

# The fastest pure-BPF row that verified and ran: its impl, or "".
function best(k, c, j, s,   b, m, x) {
	b = ""
	for (m = 2; m <= 4; m++) {
		x = k SUBSEP c SUBSEP j SUBSEP impls[m] SUBSEP s
		if (ok(x) && (b == "" || med[x] < med[k SUBSEP c SUBSEP j SUBSEP b SUBSEP s]))
			b = impls[m]
	}
	return b
}

function jstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	gsub(/\t/, " ", s)
	return "\"" s "\""
}

function jnum(x) {
	return x == "" ? "null" : x + 0
}

# target NAME KERNEL CLOCK VALUE GOAL MET TEXT: one line of the targets
function target(name, k, c, value, goal, met, text) {
	ntargets++
	tname[ntargets] = name; tk[ntargets] = k; tc[ntargets] = c
	tval[ntargets] = value; tgoal[ntargets] = goal; tmet[ntargets] = met; ttext[ntargets] = text
}

END {
	# ---- the targets ----
	for (i = 1; i <= nk; i++) {
		k = kernels[i]
		for (ci = 1; ci <= nc; ci++) {
			c = clocks[ci]
			kf = k SUBSEP c SUBSEP "strstr" SUBSEP "kf" SUBSEP 4096
			if (!ok(kf))
				continue
			b = best(k, c, "strstr", 4096)
			if (b != "") {
				bk = k SUBSEP c SUBSEP "strstr" SUBSEP b SUBSEP 4096
				r = med[bk] / med[kf]
				target("kf_strstr 4 KiB speed vs the best pure-BPF strstr", k, c, r, 20, r >= 20,
				       sprintf("%s vs %s (%s, the fastest that verifies)", fmt(med[kf]), fmt(med[bk]), implname[b]))
				r = ver[bk] / ver[kf]
				target("kf_strstr 4 KiB verified insns vs the best pure-BPF strstr", k, c, r, 50, r >= 50,
				       sprintf("%d vs %d verified insns (%s)", ver[kf], ver[bk], implname[b]))
			}
			lk = k SUBSEP c SUBSEP "strstr" SUBSEP "loop" SUBSEP 4096
			if ((lk in st) && st[lk] == "rejected")
				target("kf_strstr 4 KiB verified insns vs the bounded loop", k, c, proc[lk] / ver[kf], 50,
				       proc[lk] / ver[kf] >= 50,
				       sprintf("%d vs %d processed before the verifier gave up: %s", ver[kf], proc[lk], msg[lk]))
			uk = k SUBSEP c SUBSEP "strstr" SUBSEP "up" SUBSEP 4096
			if (ok(uk)) {
				r = med[uk] / med[kf]
				target("kf_strstr 4 KiB speed vs upstream bpf_strstr", k, c, r, 3, r >= 3,
				       sprintf("%s vs %s", fmt(med[kf]), fmt(med[uk])))
			}
		}
	}
	for (i = 1; i <= nk; i++)
		for (ci = 1; ci <= nc; ci++) {
			k = kernels[i]; c = clocks[ci]
			kf = k SUBSEP c SUBSEP "kf" SUBSEP 16
			b = pbest(k, c, 16)
			if (!pok(kf) || b == "")
				continue
			r = pnet(k, c, b, 16) / pnet(k, c, "kf", 16)
			target("kf_file_path depth 16 speed vs the fastest pure-BPF path walk", k, c, r, 10, r >= 10,
			       sprintf("%s vs %s (%s, %s; net of the timing's own %s)", fmt(pnet(k, c, "kf", 16)),
				       fmt(pnet(k, c, b, 16)), b, pwhole[k SUBSEP c SUBSEP b SUBSEP 16] == "yes" ? \
				       "whole path" : "cut path", fmt(pmed[k SUBSEP c SUBSEP "none" SUBSEP 16])))
		}
	split("strstr:memmem strcasestr:strcasestr strcmp:strcmp memchr:memchr", pairs, " ")
	for (p = 1; p in pairs; p++) {
		split(pairs[p], pj, ":")
		for (si = 1; si <= nsizes; si++) {
			a = pj[1] SUBSEP sizes[si] SUBSEP "kfl_" pj[1]
			g = pj[1] SUBSEP sizes[si] SUBSEP pj[2]
			if (!(a in nmed) || !(g in nmed))
				continue
			r = nmed[a] / nmed[g]
			target("host-native kfl_" pj[1] " within 2× of glibc " pj[2] "()", "host", sizes[si] " B",
			       r, 2, r <= 2, sprintf("%.1f ns vs %.1f ns", nmed[a], nmed[g]))
			tfn[ntargets] = "kfl_" pj[1]
		}
	}

	# The VM targets by (target, kernel): judged under icount, which
	# repeats itself; TCG's figure is shown beside it.
	for (t = 1; t <= ntargets; t++) {
		if (tk[t] == "host")
			continue
		g = tname[t] SUBSEP tk[t]
		if (!(g in gfirst)) {
			gfirst[g] = t
			groups[++ngroups] = g
		}
		gat[g, tc[t]] = t
	}
	for (gi = 1; gi <= ngroups; gi++) {
		g = groups[gi]
		gjudge[g] = (g SUBSEP "icount") in gat ? gat[g, "icount"] : gfirst[g]
	}

	# ---- stdout ----
	printf "\nmake bench: %s, %s\n", meta["date"], meta["mode"]
	for (i = 1; i <= nk; i++) {
		for (ci = 1; ci <= nc; ci++) {
			k = kernels[i]; c = clocks[ci]
			printf "\n%s, %s (median of %s runs; pure-BPF and upstream ratios are their time / the kfunc's)\n",
			       k, clockname[c], meta[c "_runs"]
			printf "%-17s %5s %10s %12s %12s %12s %12s %8s %8s  %s\n", "kfunc", "size", "kfunc",
			       "loop", "bpf_loop", "bpf_loop/16", "upstream", "pure/kf", "up/kf",
			       "verified insns kf/loop/cb/cb16/up"
			for (ji = 1; ji <= njobs; ji++) {
				j = jobs[ji]
				for (si = 1; si <= nsizes; si++) {
					s = sizes[si]
					base = k SUBSEP c SUBSEP j SUBSEP
					kf = base "kf" SUBSEP s
					if (!(kf in st))
						continue
					b = best(k, c, j, s)
					pr = ok(kf) && b != "" ? ratio(med[base b SUBSEP s] / med[kf]) : "-"
					ur = ok(kf) && ok(base "up" SUBSEP s) ? ratio(med[base "up" SUBSEP s] / med[kf]) : "-"
					vi = ""
					for (m = 1; m <= nimpls; m++) {
						x = base impls[m] SUBSEP s
						v = !(x in st) || st[x] == "absent" ? "-" : \
						    st[x] == "rejected" ? "X" proc[x] : ver[x]
						vi = vi (m > 1 ? "/" : "") v
					}
					printf "%-17s %5s %10s %12s %12s %12s %12s %8s %8s  %s\n", kfname[j], s,
					       cell(kf), cell(base "loop" SUBSEP s), cell(base "cb" SUBSEP s),
					       cell(base "chunk" SUBSEP s), cell(base "up" SUBSEP s), pr, ur, vi
				}
			}
		}
	}
	if (nn) {
		printf "\nhost-native (%s): src/lib compiled as the kernel does (-O2, no SIMD) vs glibc\n", meta["host_cpu"]
		printf "%-12s %5s %-16s %10s  %-12s %10s %8s\n", "function", "size", "kfl", "ns", "glibc", "ns", "kfl/glibc"
		for (p = 1; p in pairs; p++) {
			split(pairs[p], pj, ":")
			for (si = 1; si <= nsizes; si++) {
				a = pj[1] SUBSEP sizes[si] SUBSEP "kfl_" pj[1]
				g = pj[1] SUBSEP sizes[si] SUBSEP pj[2]
				if (a in nmed && g in nmed)
					printf "%-12s %5s %-16s %10.1f  %-12s %10.1f %8s\n", pj[1], sizes[si],
					       "kfl_" pj[1], nmed[a], pj[2] "()", nmed[g], ratio(nmed[a] / nmed[g])
			}
		}
	}
	for (i = 1; i <= nk && npr; i++)
		for (ci = 1; ci <= nc; ci++) {
			k = kernels[i]; c = clocks[ci]
			if (!((k SUBSEP c SUBSEP "kf" SUBSEP pdepths[1]) in pst))
				continue
			printf "\nfile paths, %s, %s (ns per call less the timing's own; Y whole path, N cut, W wrong)\n",
			       k, clockname[c]
			printf "%-10s %9s", "method", "verified"
			for (d = 1; d <= npd; d++)
				printf " %14s", "depth " pdepths[d]
			printf "\n"
			for (m = 1; m <= npm; m++) {
				x = k SUBSEP c SUBSEP pmethods[m] SUBSEP pdepths[1]
				printf "%-10s %9s", pmethods[m], pok(x) ? pver[x] : pst[x] == "rejected" ? "refused" : pst[x]
				for (d = 1; d <= npd; d++) {
					x = k SUBSEP c SUBSEP pmethods[m] SUBSEP pdepths[d]
					printf " %14s", pok(x) ? fmt(pnet(k, c, pmethods[m], pdepths[d])) " " \
					       (pwhole[x] == "yes" ? "Y" : pwhole[x] == "no" ? "N" : "W") : "-"
				}
				printf "\n"
			}
		}
	printf "\ntargets (judged under icount; TCG beside it):\n"
	for (gi = 1; gi <= ngroups; gi++) {
		g = groups[gi]
		t = gjudge[g]
		printf "  %-4s %s (%s): %s%s, goal >= %s (%s)\n", (tmet[t] ? "MET" : "MISS"), tname[t], short(tk[t]),
		       ratio(tval[t]) " " tc[t], ((g SUBSEP "tcg") in gat && tc[t] != "tcg" ? ", " ratio(tval[gat[g, "tcg"]]) " tcg" : ""),
		       ratio(tgoal[t]), ttext[t]
	}
	for (t = 1; t <= ntargets; t++)
		if (tk[t] == "host")
			printf "  %-4s %s (%s): %s, goal <= %s (%s)\n", (tmet[t] ? "MET" : "MISS"), tname[t], tc[t],
			       ratio(tval[t]), ratio(tgoal[t]), ttext[t]

	# ---- JSON ----
	if (json != "") {
		printf "{\n  \"generated\": %s,\n  \"host_cpu\": %s,\n  \"mode\": %s,\n", jstr(meta["date"]),
		       jstr(meta["host_cpu"]), jstr(meta["mode"]) > json
		printf "  \"guest_cpu\": %s,\n  \"qemu\": %s,\n  \"runs\": {\"tcg\": %s, \"icount\": %s},\n  \"seconds\": %s,\n", jstr(meta["guest_cpu"]),
		       jstr(meta["qemu"]), jnum(meta["tcg_runs"]), jnum(meta["icount_runs"]), jnum(meta["seconds"]) > json
		printf "  \"units\": {\"tcg\": \"ns (emulated CPU, wall clock)\", \"icount\": \"instruction-time: 1 ns = 1 guest instruction\"},\n" > json
		printf "  \"programs\": [" > json
		for (r = 1; r <= nrows; r++) {
			split(rows[r], f, SUBSEP)
			x = rows[r]
			printf "%s\n    {\"kernel\": %s, \"clock\": %s, \"job\": %s, \"impl\": %s, \"size\": %d, \"status\": %s, ",
			       (r > 1 ? "," : ""), jstr(f[1]), jstr(f[2]), jstr(f[3]), jstr(f[4]), f[5], jstr(st[x]) > json
			printf "\"ns\": {\"median\": %s, \"min\": %s, \"max\": %s, \"runs\": %s, \"repeat\": %s}, ",
			       jnum(med[x]), jnum(lo[x]), jnum(hi[x]), jnum(nruns[x]), jnum(rep[x]) > json
			printf "\"verifier\": {\"verified_insns\": %s, \"xlated_insns\": %s, \"processed_insns\": %s, \"total_states\": %s, \"peak_states\": %s, \"time_us\": %s}, ",
			       jnum(ver[x]), jnum(xl[x]), jnum(proc[x]), jnum(states[x]), jnum(peak[x]), jnum(vus[x]) > json
			printf "\"load_ms\": %s, \"message\": %s}", jnum(lms[x]), jstr(msg[x]) > json
		}
		printf "\n  ],\n  \"paths\": [" > json
		for (r = 1; r <= npr; r++) {
			split(prows[r], f, SUBSEP)
			x = prows[r]
			printf "%s\n    {\"kernel\": %s, \"clock\": %s, \"method\": %s, \"depth\": %d, \"status\": %s, ",
			       (r > 1 ? "," : ""), jstr(f[1]), jstr(f[2]), jstr(f[3]), f[4], jstr(pst[x]) > json
			printf "\"ns\": {\"median\": %s, \"min\": %s, \"max\": %s, \"runs\": %s, \"calls\": %s}, ",
			       jnum(pmed[x]), jnum(plo[x]), jnum(phi[x]), jnum(pruns[x]), jnum(pcalls[x]) > json
			printf "\"verified_insns\": %s, \"path_len\": %s, \"got_len\": %s, \"whole\": %s, \"message\": %s}",
			       jnum(pver[x]), jnum(plen[x]), jnum(pgot[x]), jstr(pwhole[x]), jstr(pmsg[x]) > json
		}
		printf "\n  ],\n  \"native\": [" > json
		for (r = 1; r <= nn; r++) {
			split(nrowsn[r], f, SUBSEP)
			x = nrowsn[r]
			printf "%s\n    {\"job\": %s, \"size\": %d, \"impl\": %s, \"ns\": {\"median\": %s, \"min\": %s, \"max\": %s, \"runs\": %s}}",
			       (r > 1 ? "," : ""), jstr(f[1]), f[2], jstr(f[3]), nmed[x], nlo[x], nhi[x], nnruns[x] > json
		}
		printf "\n  ],\n  \"vms\": [" > json
		first = 1
		for (i = 1; i <= nk; i++)
			for (ci = 1; ci <= nc; ci++) {
				x = kernels[i] SUBSEP clocks[ci]
				printf "%s\n    {\"kernel\": %s, \"clock\": %s, \"seconds\": %s, \"status\": %s}", (first ? "" : ","),
				       jstr(kernels[i]), jstr(clocks[ci]), jnum(vtime[x]), jstr(vstat[x]) > json
				first = 0
			}
		printf "\n  ],\n  \"targets\": [" > json
		for (t = 1; t <= ntargets; t++)
			printf "%s\n    {\"target\": %s, \"kernel\": %s, \"clock\": %s, \"value\": %.3f, \"goal\": %s, \"met\": %s, \"detail\": %s}",
			       (t > 1 ? "," : ""), jstr(tname[t]), jstr(tk[t]), jstr(tc[t]), tval[t], tgoal[t],
			       (tmet[t] ? "true" : "false"), jstr(ttext[t]) > json
		printf "\n  ]\n}\n" > json
		close(json)
	}

	if (md != "")
		markdown()
}

function mdp(s) {
	print s > md
}

function paths_md(   i, ci, k, c, m, d, x, kf, b, line) {
	mdp("## File paths")
	mdp("")
	mdp("`kf_file_path` (the path of a `struct file`, as `d_path()` makes it) against the pure-BPF dentry walks of three tools, each written as its source does it (`tests/bench/paths.bpf.c`: the algorithm, loop bounds, buffers and helpers of Tetragon's `d_path_local()` in its 6.1+ build, Falco's `auxmap__store_d_path_approx()`, Tracee's `get_path_str_buf()`), on a file DEPTH directories below a tmpfs (names of 8 bytes; the deepest path is about 4 KiB, near `PATH_MAX`). Each is an fentry program on `security_file_open()` that times one call with `bpf_ktime_get_ns()` when the benchmark opens the file; a run is " pcalls[prows[1]] " opens, the figure the median of " pruns[prows[1]] " runs, less the timing's own cost (an empty program's, given below). \"whole\": the path it made equals `readlink(/proc/self/fd/N)`; \"cut\": it kept only the path's end. Goal (issue 13): ≥ 10× faster than the fastest of them at depth 16, and always the whole path up to `PATH_MAX` where they cut it.")
	mdp("")
	for (i = 1; i <= nk; i++)
		for (ci = 1; ci <= nc; ci++) {
			k = kernels[i]; c = clocks[ci]
			if (!((k SUBSEP c SUBSEP "kf" SUBSEP pdepths[1]) in pst))
				continue
			line = "| method | loop bound | verified insns"
			for (d = 1; d <= npd; d++)
				line = line " | depth " pdepths[d]
			mdp("**" short(k) ", " c "**")
			mdp("")
			mdp(line " |")
			line = "|---|---|---:"
			for (d = 1; d <= npd; d++)
				line = line "|---:"
			mdp(line "|")
			for (m = 1; m <= npm; m++) {
				x = k SUBSEP c SUBSEP pmethods[m] SUBSEP pdepths[1]
				line = "| " pname[pmethods[m]] " | " pbound[pmethods[m]] " | " \
				       (pok(x) ? pver[x] : pst[x] == "rejected" ? "refused: `" pmsg[x] "`" : pst[x])
				for (d = 1; d <= npd; d++)
					line = line " | " pcell(k SUBSEP c SUBSEP pmethods[m] SUBSEP pdepths[d], k, c, pmethods[m], pdepths[d])
				mdp(line " |")
			}
			x = k SUBSEP c SUBSEP "none" SUBSEP 16
			kf = k SUBSEP c SUBSEP "kf" SUBSEP 16
			b = pbest(k, c, 16)
			mdp("")
			if (pok(kf) && b != "")
				mdp("Depth 16: kf_file_path **" ratio(pnet(k, c, b, 16) / pnet(k, c, "kf", 16)) "** faster than the fastest walk (" b ", " \
				    (pwhole[k SUBSEP c SUBSEP b SUBSEP 16] == "yes" ? "whole path" : "cut path") "). " \
				    "Path lengths: " plen[k SUBSEP c SUBSEP "kf" SUBSEP pdepths[1]] " to " plen[k SUBSEP c SUBSEP "kf" SUBSEP pdepths[npd]] " bytes. " \
				    (pok(x) ? "The timing's own cost, taken off every figure: " fmt(pmed[x]) " per call." : ""))
			mdp("")
		}
	mdp("Why: every walk reads each pointer and name it follows without trusting it: the BPF walks with `bpf_probe_read_kernel()` (a helper call into `copy_from_kernel_nofault()` for each read), the kfunc with the same nofault loads inline (`kf_read()` in `src/file.c`: the address check of `copy_from_kernel_nofault()`, then one load a word with its exception-table fixup), about three reads a component (the parent, the name's `qstr`, the name's bytes; the mount's root once a mount). Inlining those reads is what makes it about twice as fast as the fastest walk; with a helper call per read (its first version) it was 1.07 to 1.16×. Tetragon also reads the parent twice and makes a `bpf_loop()` call per step; Falco and Tracee stop after 96 and 20 steps (mount crossings included) and then return the path's end as if it were whole. The kfunc has no such bound below 65536 steps and returned the whole path at every depth, with a verifier cost of about a hundred instructions against thousands (Falco's 96 unrolled steps the most). A lead of 10× would take plain loads (as `d_path()` makes under RCU), which the kfunc cannot make: its pointer arguments are not checked by the verifier (`__ign`), so any of them may be wrong.")
	mdp("")
}

function markdown(   i, ci, k, c, ji, j, si, s, base, kf, b, t, x, m, p, pj, a, g, gi, n, first, vc) {
	mdp("# Benchmarks")
	mdp("")
	mdp("Generated by `make bench` (`tests/bench/run.sh`) on " meta["date"] ", in " meta["seconds"] " s. Do not edit: run `make bench` again.")
	mdp("")
	mdp("- Kernels: " meta["kernels"] " (Debian's), each booted under QEMU " meta["qemu"] " (virtme-ng, " meta["guest_cpu"] ", 1 vCPU) on a host " meta["host_cpu"] ".")
	mdp("- Mode: " meta["mode"] ".")
	mdp("- Each figure: the median of " meta["tcg_runs"] " runs under TCG, " meta["icount_runs"] " under icount, (min–max) beside it. A run is one `BPF_PROG_TEST_RUN` of a tc program on a 64-byte packet, with `repeat` chosen for about " meta["tcg_ms"] " ms (TCG) or " meta["icount_ms"] " ms (icount); the figure is the kernel's average per call (`duration`). Every program runs once in turn, then again, so that a disturbance of the host touches one run of many programs. Inputs are in the program's `.bss` (a map value).")
	mdp("")
	mdp("## Headline")
	mdp("")
	mdp("kf_strstr on 4 KiB of text (needle at the end) against the pure-BPF strstr a BPF author would write and, on 7.x, the kernel's own `bpf_strstr`: how many times faster the kfunc is, and its verifier cost. Goals (issue 7): ≥ 20× faster than the best pure-BPF strstr with ≤ 1/50 of its verified instructions; ≥ 3× faster than `bpf_strstr`.")
	mdp("")
	mdp("| kernel | clock | kfunc | best pure BPF | × faster | verified insns, kfunc vs best | bounded loop | × faster than bpf_strstr |")
	mdp("|---|---|---:|---|---:|---:|---|---:|")
	for (i = 1; i <= nk; i++)
		for (ci = 1; ci <= nc; ci++) {
			k = kernels[i]; c = clocks[ci]
			base = k SUBSEP c SUBSEP "strstr" SUBSEP
			kf = base "kf" SUBSEP 4096
			if (!ok(kf))
				continue
			b = best(k, c, "strstr", 4096)
			x = base "loop" SUBSEP 4096
			mdp("| " short(k) " | " c " | " cell(kf) " | " (b != "" ? implname[b] ", " cell(base b SUBSEP 4096) : "—") " | " \
			    (b != "" ? "**" ratio(med[base b SUBSEP 4096] / med[kf]) "**" : "—") " | " \
			    (b != "" ? ver[kf] " vs " ver[base b SUBSEP 4096] " (1/" sprintf("%.0f", ver[base b SUBSEP 4096] / ver[kf]) ")" : "—") " | " \
			    (st[x] == "rejected" ? "refused after " proc[x] " insns" : ok(x) ? ver[x] " verified insns, " ratio(med[x] / med[kf]) " slower" : "—") " | " \
			    (ok(base "up" SUBSEP 4096) ? "**" ratio(med[base "up" SUBSEP 4096] / med[kf]) "**" : "—") " |")
		}
	n = 0
	for (t = 1; t <= ntargets; t++)
		if (tk[t] == "host" && tc[t] == "4096 B")
			s = s (n++ ? ", " : "") "`" tfn[t] "` " ratio(tval[t])
	if (n)
		mdp("\nHost-native at 4 KiB, src/lib's time ÷ glibc's (goal: ≤ 2×): " s ".")
	mdp("")
	mdp("## Targets")
	mdp("")
	mdp("Judged on the icount figures, which repeat to the instruction; the TCG figure (wall-clock under emulation, disturbed by whatever else the host runs) is beside it.")
	mdp("")
	mdp("| target | kernel | icount | TCG | goal | met |")
	mdp("|---|---|---|---|---|---|")
	for (gi = 1; gi <= ngroups; gi++) {
		g = groups[gi]
		t = gjudge[g]
		x = (g SUBSEP "tcg") in gat ? gat[g, "tcg"] : 0
		mdp("| " tname[t] " | " short(tk[t]) " | " (tc[t] == "icount" ? ratio(tval[t]) " (" ttext[t] ")" : "—") " | " \
		    (x ? ratio(tval[x]) (tc[t] == "icount" ? "" : " (" ttext[x] ")") : "—") " | ≥ " ratio(tgoal[t]) " | " \
		    (tmet[t] ? "yes" : "**no**") " |")
	}
	mdp("")
	mdp("| host-native target | size | measured | goal | met |")
	mdp("|---|---:|---|---|---|")
	for (t = 1; t <= ntargets; t++)
		if (tk[t] == "host")
			mdp("| " tname[t] " | " tc[t] " | " ratio(tval[t]) " (" ttext[t] ") | ≤ " ratio(tgoal[t]) " | " (tmet[t] ? "yes" : "**no**") " |")
	mdp("")
	if (npr)
		paths_md()
	while ((getline line < whyfile) > 0)
		mdp(line)
	close(whyfile)
	mdp("")
	for (i = 1; i <= nk; i++) {
		for (ci = 1; ci <= nc; ci++) {
			k = kernels[i]; c = clocks[ci]
			mdp("## " short(k) " (" k "), " (c == "icount" ? "icount: instruction-time (1 ns = 1 guest instruction), repeatable" : "TCG: emulated wall-clock ns, noisy"))
			mdp("")
			mdp("| kfunc | size | kfunc | bounded loop | bpf_loop | bpf_loop, 16 a call | upstream | best pure BPF ÷ kfunc | upstream ÷ kfunc |")
			mdp("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
			for (ji = 1; ji <= njobs; ji++) {
				j = jobs[ji]
				for (si = 1; si <= nsizes; si++) {
					s = sizes[si]
					base = k SUBSEP c SUBSEP j SUBSEP
					kf = base "kf" SUBSEP s
					if (!(kf in st))
						continue
					b = best(k, c, j, s)
					mdp("| " kfname[j] " | " s " | " cell(kf, 1) " | " cell(base "loop" SUBSEP s, 1) " | " \
					    cell(base "cb" SUBSEP s, 1) " | " cell(base "chunk" SUBSEP s, 1) " | " (j in upname && ok(base "up" SUBSEP s) ? upname[j] " " : "") \
					    cell(base "up" SUBSEP s, 1) " | " \
					    (ok(kf) && b != "" ? "**" ratio(med[base b SUBSEP s] / med[kf]) "** (" implname[b] ")" : "—") " | " \
					    (ok(kf) && ok(base "up" SUBSEP s) ? "**" ratio(med[base "up" SUBSEP s] / med[kf]) "**" : "—") " |")
				}
			}
			x = k SUBSEP c SUBSEP "empty" SUBSEP "tc" SUBSEP 0
			if (ok(x))
				mdp("\nThe floor: an empty tc program costs " cell(x, 1) " per run here; every figure above includes it.")
			mdp("")
		}
		# The verifier: instructions and states are the same under both
		# clocks; its time is repeatable under icount.
		c = ("icount" in cseen) ? "icount" : clocks[1]
		mdp("### Verifier cost on " short(k))
		mdp("")
		mdp("`verified_insns` from `bpf_prog_info`; processed instructions, states and time from the log's statistics (`BPF_LOG_STATS`; time under " clockname[c] "). Refused programs: instructions processed until the verifier gave up, and its message.")
		mdp("")
		mdp("<details><summary>" short(k) ": all programs</summary>")
		mdp("")
		mdp("| kfunc | size | implementation | verified insns | program insns | processed | states (peak) | verification time | result |")
		mdp("|---|---:|---|---:|---:|---:|---:|---:|---|")
		for (ji = 1; ji <= njobs; ji++) {
			j = jobs[ji]
			for (si = 1; si <= nsizes; si++) {
				s = sizes[si]
				for (m = 1; m <= nimpls; m++) {
					x = k SUBSEP c SUBSEP j SUBSEP impls[m] SUBSEP s
					if (!(x in st) || st[x] == "absent")
						continue
					mdp("| " kfname[j] " | " s " | " implname[impls[m]] (impls[m] == "up" ? " " upname[j] : "") " | " \
					    (st[x] == "rejected" ? "—" : ver[x]) " | " (st[x] == "rejected" ? "—" : xl[x]) " | " proc[x] " | " \
					    states[x] " (" peak[x] ") | " fmt(vus[x] * 1000) " | " \
					    (st[x] == "ok" ? "ok" : st[x] == "rejected" ? "**refused**: `" msg[x] "`" : st[x] " " msg[x]) " |")
				}
			}
		}
		mdp("")
		mdp("</details>")
		mdp("")
	}
	if (nn) {
		mdp("## Host-native: src/lib against glibc")
		mdp("")
		mdp("The same C as the module (`src/lib`), compiled on the host as the kernel compiles it (gcc -O2, no SIMD or FPU registers: `-mno-sse -mno-sse2 -mno-mmx -mno-avx`), against glibc's functions (which use SSE2/AVX2/EVEX on this CPU: " meta["host_cpu"] "), on the same inputs as in the VMs: English-like text with the needle (or byte) at the very end; strcmp compares two equal strings. Median of " meta["native_runs"] " runs of about 20 ms; ns per call.")
		mdp("")
		mdp("| function | size | src/lib | glibc | src/lib ÷ glibc |")
		mdp("|---|---:|---:|---:|---:|")
		for (p = 1; p in pairs; p++) {
			split(pairs[p], pj, ":")
			for (si = 1; si <= nsizes; si++) {
				a = pj[1] SUBSEP sizes[si] SUBSEP "kfl_" pj[1]
				g = pj[1] SUBSEP sizes[si] SUBSEP pj[2]
				if (a in nmed && g in nmed)
					mdp(sprintf("| kfl_%s vs %s() | %d | %.1f ns (%.1f–%.1f) | %.1f ns (%.1f–%.1f) | %s |", pj[1], pj[2],
					    sizes[si], nmed[a], nlo[a], nhi[a], nmed[g], nlo[g], nhi[g], ratio(nmed[a] / nmed[g])))
			}
		}
		mdp("")
	}
	mdp("## The runs")
	mdp("")
	mdp("| kernel | clock | VM wall time | result |")
	mdp("|---|---|---:|---|")
	for (i = 1; i <= nk; i++)
		for (ci = 1; ci <= nc; ci++) {
			x = kernels[i] SUBSEP clocks[ci]
			mdp("| " kernels[i] " | " clocks[ci] " | " vtime[x] " s | " vstat[x] " |")
		}
	mdp("")
	mdp("Machine-readable: `build/bench/bench.json` (every program's row, the host-native rows, the targets).")
	close(md)
}
