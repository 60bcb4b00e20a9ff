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
#
# The packet benchmark (tests/bench/pktbench.c) writes R lines too, of jobs
# xmemmem (size: the packet's bytes) and dnsname (size: the name's labels).

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
	nxs = split("64 512 1500 9000", xsizes, " ")
	nxi = split("kf loop cb win", ximpls, " ")
	xname["kf"] = "`kf_xdp_memmem`"
	xname["loop"] = "bounded loop, direct packet access"
	xname["cb"] = "`bpf_loop`, `bpf_xdp_load_bytes()` of 16 B a position"
	xname["win"] = "`bpf_loop`, 256 positions a call (one `bpf_xdp_load_bytes()`)"
	xshort["loop"] = "bounded loop"
	xshort["cb"] = "bpf_loop, 1 a call"
	xshort["win"] = "bpf_loop, 256 a call"
	nds = split("2 5 10", dsizes, " ")
	ndi = split("kf walk bcc", dimpls, " ")
	dname["kf"] = "`kf_xdp_dns_name`"
	dname["walk"] = "label walk to text (bcc's loop, `kf_dns_name`'s text)"
	dname["bcc"] = "bcc's copy (the wire form)"
	dshort["walk"] = "label walk"
	dshort["bcc"] = "bcc's copy"
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
	if ($5 == "loopmax")
		lmax[k] = key	# searched under one clock
	if ($4 == "xmemmem" || $4 == "dnsname")
		xseen = 1
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

# The fastest pure-BPF program of packet job j that verified and ran at s,
# or "".
function xbest(k, c, j, s,   b, m, x, n, im) {
	b = ""
	n = j == "xmemmem" ? nxi : ndi
	for (m = 2; m <= n; m++) {
		im = j == "xmemmem" ? ximpls[m] : dimpls[m]
		x = k SUBSEP c SUBSEP j SUBSEP im SUBSEP s
		if (ok(x) && (b == "" || med[x] < med[k SUBSEP c SUBSEP j SUBSEP b SUBSEP s]))
			b = im
	}
	return b
}

# One packet program's figure, or what happened instead.
function xcell(key) {
	if ((key in st) && st[key] == "blind")
		return "blind: sees the linear part only"
	return cell(key, 1)
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
	for (i = 1; i <= nk; i++)
		for (ci = 1; ci <= nc; ci++) {
			k = kernels[i]; c = clocks[ci]
			kf = k SUBSEP c SUBSEP "xmemmem" SUBSEP "kf" SUBSEP 1500
			b = xbest(k, c, "xmemmem", 1500)
			if (ok(kf) && b != "") {
				x = k SUBSEP c SUBSEP "xmemmem" SUBSEP b SUBSEP 1500
				r = med[x] / med[kf]
				target("kf_xdp_memmem 1500 B speed vs the fastest pure-BPF scan", k, c, r, 10, r >= 10,
				       sprintf("%s vs %s (%s)", fmt(med[kf]), fmt(med[x]), xshort[b]))
			}
			kf = k SUBSEP c SUBSEP "dnsname" SUBSEP "kf" SUBSEP 5
			b = xbest(k, c, "dnsname", 5)
			if (ok(kf) && b != "") {
				x = k SUBSEP c SUBSEP "dnsname" SUBSEP b SUBSEP 5
				r = med[x] / med[kf]
				target("kf_xdp_dns_name 5 labels speed vs the fastest pure-BPF label walk", k, c, r, 5, r >= 5,
				       sprintf("%s vs %s (%s)", fmt(med[kf]), fmt(med[x]), dshort[b]))
			}
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
	packets_stdout()
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

# A packet program's verifier cost, short: verified insns, or X and the
# instructions processed before a refusal.
function xver(x) {
	return !(x in st) ? "-" : st[x] == "rejected" ? "X" proc[x] : ver[x]
}

function packets_stdout(   i, ci, k, c, m, s, x, b, kf, line, im, j, n, ns, sz, job, f) {
	for (i = 1; i <= nk; i++)
		for (ci = 1; ci <= nc; ci++) {
			k = kernels[i]; c = clocks[ci]
			for (j = 1; j <= 2; j++) {
				job = j == 1 ? "xmemmem" : "dnsname"
				n = j == 1 ? nxi : ndi
				ns = j == 1 ? nxs : nds
				if (!((k SUBSEP c SUBSEP job SUBSEP "kf" SUBSEP (j == 1 ? xsizes[1] : dsizes[1])) in st))
					continue
				printf "\n%s, %s, %s (median per run, / verified insns; X: refused after N insns)\n", \
				       j == 1 ? "kf_xdp_memmem, packet bytes" : "kf_xdp_dns_name, name labels", k, clockname[c]
				line = sprintf("%-22s", "")
				for (s = 1; s <= ns; s++)
					line = line sprintf(" %18s", j == 1 ? xsizes[s] " B" : dsizes[s] " labels")
				print line
				for (m = 1; m <= n + 1; m++) {
					im = m > n ? "none" : j == 1 ? ximpls[m] : dimpls[m]
					line = sprintf("%-22s", m == 1 ? (j == 1 ? "kf_xdp_memmem" : "kf_xdp_dns_name") : \
						       m > n ? "empty (floor)" : j == 1 ? xshort[im] : dshort[im])
					for (s = 1; s <= ns; s++) {
						sz = j == 1 ? xsizes[s] : dsizes[s]
						x = k SUBSEP c SUBSEP job SUBSEP im SUBSEP sz
						line = line sprintf(" %18s", cell(x) " / " xver(x))
					}
					print line
				}
				line = sprintf("%-22s", "fastest pure / kf")
				for (s = 1; s <= ns; s++) {
					sz = j == 1 ? xsizes[s] : dsizes[s]
					kf = k SUBSEP c SUBSEP job SUBSEP "kf" SUBSEP sz
					b = xbest(k, c, job, sz)
					line = line sprintf(" %18s", ok(kf) && b != "" ? \
						ratio(med[k SUBSEP c SUBSEP job SUBSEP b SUBSEP sz] / med[kf]) " " b : "-")
				}
				print line
				x = lmax[k]
				if (j == 1 && x != "" && index(x, k SUBSEP c SUBSEP) == 1) {
					split(x, f, SUBSEP)
					printf "bounded loop: accepted up to a %d-byte packet (searched to 16 B), %s verified insns; %s\n", \
					       f[5], ver[x], msg[x]
				}
			}
		}
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

# The time table of packet job @job on kernel k under clock c.
function packets_table(k, c, job,   n, ns, m, im, s, sz, x, b, kf, line, f) {
	n = job == "xmemmem" ? nxi : ndi
	ns = job == "xmemmem" ? nxs : nds
	line = "| program"
	for (s = 1; s <= ns; s++)
		line = line " | " (job == "xmemmem" ? xsizes[s] " B" (xsizes[s] == 9000 ? " (fragments)" : "") : dsizes[s] " labels")
	mdp("**" short(k) ", " c "**")
	mdp("")
	mdp(line " |")
	line = "|---"
	for (s = 1; s <= ns; s++)
		line = line "|---:"
	mdp(line "|")
	for (m = 1; m <= n + 1; m++) {
		im = m > n ? "none" : job == "xmemmem" ? ximpls[m] : dimpls[m]
		line = "| " (m > n ? "empty XDP program (the floor)" : job == "xmemmem" ? xname[im] : dname[im])
		for (s = 1; s <= ns; s++) {
			sz = job == "xmemmem" ? xsizes[s] : dsizes[s]
			line = line " | " xcell(k SUBSEP c SUBSEP job SUBSEP im SUBSEP sz)
		}
		mdp(line " |")
	}
	if (job == "xmemmem") {
		line = "| **fastest pure BPF ÷ kfunc**"
		for (s = 1; s <= ns; s++) {
			sz = xsizes[s]
			kf = k SUBSEP c SUBSEP job SUBSEP "kf" SUBSEP sz
			b = xbest(k, c, job, sz)
			line = line " | " (ok(kf) && b != "" ? "**" ratio(med[k SUBSEP c SUBSEP job SUBSEP b SUBSEP sz] / med[kf]) \
			       "** (" xshort[b] ")" : "—")
		}
		mdp(line " |")
	} else {
		for (m = 2; m <= n; m++) {
			line = "| **" dshort[dimpls[m]] " ÷ kfunc**"
			for (s = 1; s <= ns; s++) {
				sz = dsizes[s]
				kf = k SUBSEP c SUBSEP job SUBSEP "kf" SUBSEP sz
				x = k SUBSEP c SUBSEP job SUBSEP dimpls[m] SUBSEP sz
				line = line " | " (ok(kf) && ok(x) ? "**" ratio(med[x] / med[kf]) "**" : "—")
			}
			mdp(line " |")
		}
	}
	mdp("")
}

# One row of the packet programs' verifier table.
function packets_vrow(x, what, bound,   f) {
	if (!(x in st))
		return
	split(x, f, SUBSEP)
	mdp("| " what " | " bound " | " (st[x] == "rejected" ? "—" : ver[x]) " | " proc[x] " | " states[x] " (" peak[x] ") | " \
	    fmt(vus[x] * 1000) (f[2] != "icount" ? " (" f[2] ")" : "") " | " (st[x] == "rejected" ? "**refused**: `" msg[x] "`" : st[x] == "limit" ? \
	    "the largest bound accepted, searched to 16 B with the loop's twin (its bound a `.rodata` constant set before the load); " msg[x] : \
	    st[x] == "blind" ? "accepted; blind to the fragments" : "accepted") " |")
}

# Time per unit between two sizes of a packet job, under clock c: "—" when
# either is missing.
function slope(k, c, job, im, s1, s2, d,   x, y) {
	x = k SUBSEP c SUBSEP job SUBSEP im SUBSEP s1
	y = k SUBSEP c SUBSEP job SUBSEP im SUBSEP s2
	if (!ok(x) || !ok(y) || d <= 0)
		return "—"
	return sprintf("%.1f", (med[y] - med[x]) / d)
}

# The instructions a byte under icount, per kernel, and why.
function packets_why(   i, k, c, x, y, l2, l10, line) {
	c = "icount"
	if (!(c in cseen))
		return
	mdp("**Instructions a byte** (icount: the time between two sizes over the bytes between them; positions scanned for the searches, characters of the name for the DNS programs):")
	mdp("")
	mdp("| kernel | `kf_xdp_memmem` (512 → 1500 B) | bounded loop (64 → 512 B) | `bpf_loop`, 256 a call (512 → 1500 B) | `bpf_loop`, 1 a call (512 → 1500 B) | `kf_xdp_memmem`, fixed (64 B, less the floor) | `kf_xdp_dns_name` (2 → 10 labels) | label walk | bcc's copy |")
	mdp("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for (i = 1; i <= nk; i++) {
		k = kernels[i]
		x = k SUBSEP c SUBSEP "xmemmem" SUBSEP "kf" SUBSEP 64
		if (!(x in st) && !((k SUBSEP c SUBSEP "dnsname" SUBSEP "kf" SUBSEP 2) in st))
			continue
		y = k SUBSEP c SUBSEP "xmemmem" SUBSEP "none" SUBSEP 64
		l2 = length(msg[k SUBSEP c SUBSEP "dnsname" SUBSEP "kf" SUBSEP 2])
		l10 = length(msg[k SUBSEP c SUBSEP "dnsname" SUBSEP "kf" SUBSEP 10])
		line = "| " short(k) " | " slope(k, c, "xmemmem", "kf", 512, 1500, 988) " | " \
		       slope(k, c, "xmemmem", "loop", 64, 512, 448) " | " slope(k, c, "xmemmem", "win", 512, 1500, 988) " | " \
		       slope(k, c, "xmemmem", "cb", 512, 1500, 988) " | " \
		       (ok(x) && ok(y) ? sprintf("%.0f", med[x] - med[y]) : "—") " | " \
		       slope(k, c, "dnsname", "kf", 2, 10, l10 - l2) " | " slope(k, c, "dnsname", "walk", 2, 10, l10 - l2) " | " \
		       slope(k, c, "dnsname", "bcc", 2, 10, l10 - l2) " |"
		mdp(line)
	}
	mdp("")
	mdp("Why: `kf_xdp_memmem` hands the packet's pieces (the linear part, then each fragment) to kf_strstr's search (`kfl_memmem_blocks()`, `src/lib/memmem.c`), which tests a word of starts at a time (SWAR), and costs a fixed few hundred instructions a call (the call, the pieces' set-up, the search's): at 64 bytes the bounded loop, which has nothing to set up, is faster. Every pure-BPF scan tests a byte at a time, and the fastest of them, the 256-position `bpf_loop`, spreads the cost of a callback call and a helper call (a copy of 271 bytes) over 256 positions, and its scan of the copy costs less a byte than the bounded loop's scan of the packet (the table above). The kfunc's lead at 1500 bytes is therefore about the ratio of a byte loop to a word scan, which the table above gives; it is larger against the one-position `bpf_loop` (a callback call and a helper call at every position). The bounded loop leaves the verifier one branch to come back to per position, and past the bound given below (the verifier cost's table) it refuses the program (\"The sequence of 8193 jumps is too complex\"); it could not read the fragments anyway. The `bpf_loop` scans verify at any size and read fragments through the helper, the 256-position one at a verifier cost of hundreds of thousands of instructions (it walks the 256 steps of the inner loop; from 6.7 the verifier walks a callback again until its state converges).")
	mdp("")
	mdp("`kf_xdp_dns_name` decodes a byte at a time too (`kfl_dns_name()`, `src/lib/dns.c`): a table gives each byte of a label its text (or says to escape it), and while the label fits in the output nothing else is tested, so it costs about as few instructions a byte as bcc's copy, which only copies, and a third fewer than the label walk, which writes the same text (the table above). A byte-by-byte decoder cannot be 5 times faster than a byte-by-byte loop: the fixed cost of the call and of the decoder's checks weighs on names this short, and the kfunc's advantages are its verifier cost (a dozen instructions, where the walks are verified through each of their 255 iterations) and what the walks do not do (compression pointers, escapes, malformed names refused). Under TCG the ratios are lower.")
	mdp("")
}

function packets_md(   i, ci, k, c, s, x, a, lin, names, n) {
	mdp("## Packets: kf_xdp_memmem and DNS names")
	mdp("")
	mdp("`kf_xdp_memmem` and `kf_xdp_dns_name` (issue 15) against the pure-BPF code a BPF author writes for the same job (`tests/bench/pktbpf.bpf.c`; the kfunc programs are in `pktkf.bpf.c`, the loader is `pktbench.c`). Every program is an XDP program (`xdp.frags`) that `BPF_PROG_TEST_RUN` runs on one packet: Ethernet, IPv4 and UDP headers (42 bytes), then the payload. A figure is the kernel's average time per run (`duration`) over a `repeat` chosen for about " meta["tcg_ms"] " ms (TCG) or " meta["icount_ms"] " ms (icount), the median of " meta["tcg_runs"] " or " meta["icount_runs"] " runs (min–max beside it), every (program, packet) timed once in turn, then again, as in the tables above; it includes `BPF_PROG_TEST_RUN`'s own cost per run, the empty XDP program's (the last row of each table). A ratio is the pure-BPF program's median over the kfunc's, from the same VM and the same run. Each program's result is checked before it is timed: the needle's offset; the name's text, or for bcc's copy its wire form. Goals (issue 15): `kf_xdp_memmem` ≥ 10× faster than the fastest pure-BPF scan at 1500 bytes; `kf_xdp_dns_name` ≥ 5× faster than the pure-BPF label walk for a name of 5 labels, judged below against the faster of the two walks.")
	mdp("")
	lin = ""
	for (i = 1; i <= nk && lin == ""; i++)
		for (ci = 1; ci <= nc && lin == ""; ci++) {
			x = kernels[i] SUBSEP clocks[ci] SUBSEP "xmemmem" SUBSEP "none" SUBSEP 9000
			if (ok(x) && split(msg[x], a, " ") >= 3)
				lin = a[3]
		}
	mdp("### Searching a packet: kf_xdp_memmem")
	mdp("")
	mdp("The payload is English-like text (kf_strstr's, `tests/bench/inputs.h`) whose last 16 bytes are the needle `password=hunter2`: every position is scanned. Each program searches from the payload's start. The **bounded loop** reads the packet in place (`data`, `data_end`), tests each position's first byte and compares the other 15 on a match; its bound is the packet's size, a constant as in a program written for that MTU (one program per size), and the loader also searches for the largest bound the verifier accepts (with a twin of the loop whose bound is a `.rodata` constant, set before each load). The **`bpf_loop()` scans** fetch the bytes with `bpf_xdp_load_bytes()`, which reads fragments too: 16 bytes at each position (a call of the callback and of the helper per position), or 271 bytes for 256 positions, scanned as the loop does. The 9000-byte packet is a multi-buffer packet (`xdp.frags`): " (lin != "" ? lin " bytes linear, the rest in page fragments" : "a linear part, the rest in page fragments") "; direct packet access reaches the linear part only.")
	mdp("")
	for (i = 1; i <= nk; i++)
		for (ci = 1; ci <= nc; ci++)
			if ((kernels[i] SUBSEP clocks[ci] SUBSEP "xmemmem" SUBSEP "kf" SUBSEP 64) in st)
				packets_table(kernels[i], clocks[ci], "xmemmem")
	names = ""
	n = 0
	for (s = 1; s <= nds; s++)
		for (i = 1; i <= nk; i++)
			for (ci = 1; ci <= nc; ci++) {
				x = kernels[i] SUBSEP clocks[ci] SUBSEP "dnsname" SUBSEP "kf" SUBSEP dsizes[s]
				if (ok(x) && !((dsizes[s]) in dseen)) {
					dseen[dsizes[s]] = 1
					names = names (n++ ? ", " : "") "`" msg[x] "` (" dsizes[s] ")"
				}
			}
	mdp("### Decoding a DNS name: kf_xdp_dns_name")
	mdp("")
	mdp("A DNS query (header, then the question) whose name has 2, 5 or 10 labels" (names != "" ? ": " names : "") ". `kf_xdp_dns_name` decodes the question's name where it lies in the packet into a 256-byte buffer in `.bss`: its text as `dig` prints it. The pure-BPF programs walk the name as bcc's `examples/networking/dns_matching` does, a byte at a time in a loop bounded by 255 (the longest name in wire form), reading the packet in place (bcc's socket filter reads with `load_byte`): **bcc's copy** is its loop, which copies the bytes, length bytes included, up to the zero byte (the wire form, its hash map's key); the **label walk** is the same loop writing `kf_dns_name`'s text (a '.' for each length byte but the first, letters in lower case, a NUL). Neither follows a compression pointer, escapes a byte that is not a letter, digit or '-', or checks the name as the kfunc does: both do less than the kfunc. The header checks of bcc's program (Ethernet type, IP protocol, port 53, a query) are left out of every program.")
	mdp("")
	for (i = 1; i <= nk; i++)
		for (ci = 1; ci <= nc; ci++)
			if ((kernels[i] SUBSEP clocks[ci] SUBSEP "dnsname" SUBSEP "kf" SUBSEP 2) in st)
				packets_table(kernels[i], clocks[ci], "dnsname")
	packets_why()
	mdp("### Verifier cost of the packet programs")
	mdp("")
	mdp("`verified_insns` from `bpf_prog_info` (the same under both clocks); processed instructions, states and time from the log's statistics (`BPF_LOG_STATS`; time under icount where it ran). A refused program: the instructions processed until the verifier gave up, and its message.")
	mdp("")
	for (i = 1; i <= nk; i++) {
		k = kernels[i]
		c = ("icount" in cseen) ? "icount" : clocks[1]
		if (!((k SUBSEP c SUBSEP "xmemmem" SUBSEP "kf" SUBSEP 64) in st) && !((k SUBSEP c SUBSEP "dnsname" SUBSEP "kf" SUBSEP 2) in st))
			continue
		mdp("**" short(k) "**")
		mdp("")
		mdp("| program | bound | verified insns | processed | states (peak) | verification time | result |")
		mdp("|---|---|---:|---:|---:|---:|---|")
		x = k SUBSEP c SUBSEP "xmemmem" SUBSEP
		packets_vrow(x "kf" SUBSEP 64, xname["kf"], "none")
		for (s = 1; s <= nxs; s++)
			packets_vrow(x "loop" SUBSEP xsizes[s], xname["loop"], xsizes[s] " B")
		if (lmax[k] != "") {
			split(lmax[k], a, SUBSEP)
			packets_vrow(lmax[k], xname["loop"], a[5] " B")
		}
		packets_vrow(x "cb" SUBSEP 64, xname["cb"], "the packet's length")
		packets_vrow(x "win" SUBSEP 64, xname["win"], "the packet's length")
		x = k SUBSEP c SUBSEP "dnsname" SUBSEP
		packets_vrow(x "kf" SUBSEP 2, dname["kf"], "none")
		packets_vrow(x "walk" SUBSEP 2, dname["walk"], "255 B")
		packets_vrow(x "bcc" SUBSEP 2, dname["bcc"], "255 B")
		packets_vrow(x "none" SUBSEP 2, "empty XDP program", "—")
		mdp("")
	}
}

function markdown(   i, ci, k, c, ji, j, si, s, base, kf, b, t, x, m, p, pj, a, g, gi, n, first, vc) {
	mdp("# Benchmarks")
	mdp("")
	mdp("Generated by `make bench` (`tests/bench/run.sh`) on " meta["date"] ", in " meta["seconds"] " s. Do not edit: run `make bench` again.")
	mdp("")
	mdp("- Kernels: " meta["kernels"] " (Debian's), each booted under QEMU " meta["qemu"] " (virtme-ng, " meta["guest_cpu"] ", 1 vCPU" \
	    (meta["jobs"] != "" ? "; " meta["jobs"] " VM" (meta["jobs"] == 1 ? "" : "s") " of this run at a time" : "") ") on a host " meta["host_cpu"] ".")
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
	if (xseen)
		packets_md()
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
