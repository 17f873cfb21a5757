#!/usr/bin/env bats
# compare-strace.bats -- scripts/compare-strace: its exit status (0 same, 1 different, 2 trouble), its
# diff, and its normalisation. Real runs use strace itself as "our" tracer (a stand-in that drops
# --no-explain), so two traces of the same program differ only in what changes from run to run (ports,
# pids, inodes, addresses, times) and must come out equal; what bin/tracer still prints differently
# is the tracer tests' business, not this script's. The exceptions are --stage 09 to 12, which drive
# those stages with clients of their own (a server for the client, a datagram, IPv4 and IPv6, forked
# workers): they run bin/tracer itself, which must print what strace prints.

load helpers

COMPARE="$ROOT/scripts/compare-strace"

setup() {
	STANDIN="$BATS_TEST_TMPDIR/strace-as-tracer"
	cat >"$STANDIN" <<'EOF'
#!/usr/bin/env bash
# strace standing in for bin/tracer: the same options without --no-explain.
set -euo pipefail
args=()
for a in "$@"; do [ "$a" = --no-explain ] || args+=("$a"); done
# bash hands its environment on in an order of its own: sorted again, as compare-strace gave it (a sanitizer
# build's runtime reads /proc/self/environ, and would see the difference)
mapfile -d '' vars < <(env -0 -u _ | sort -z)
exec env -i "${vars[@]}" strace "${args[@]}"
EOF
	chmod +x "$STANDIN"
}

# Two trace files for --files: A is written with the given text, B likewise.
write_traces() {
	printf '%s\n' "$1" >"$BATS_TEST_TMPDIR/a.trace"
	printf '%s\n' "$2" >"$BATS_TEST_TMPDIR/b.trace"
}

@test "-h prints the usage and exits 0" {
	run "$COMPARE" -h
	assert_success
	assert_line --index 0 --regexp '^usage: scripts/compare-strace .*-- COMMAND'
	assert_output --partial '--stage NN'
	assert_output --partial '--files A B'
}

@test "a call without a command, stage or files is a usage error: exit 2" {
	run "$COMPARE" -f
	assert_failure 2
	assert_output --partial 'give exactly one of'
}

@test "an unknown option is a usage error: exit 2, naming it" {
	run "$COMPARE" --frobnicate -- true
	assert_failure 2
	assert_output --partial "unknown option '--frobnicate'"
}

@test "-s without a number is a usage error: exit 2" {
	run "$COMPARE" -s many -- true
	assert_failure 2
	assert_output --partial '-s needs a number'
}

@test "a stage number that is not a number is a usage error: exit 2" {
	run "$COMPARE" --stage abc
	assert_failure 2
	assert_output --partial '--stage needs a stage number'
}

@test "a stage and a command together is a usage error: exit 2" {
	run "$COMPARE" --stage 04 -- true
	assert_failure 2
}

@test "a stage that was never built is trouble: exit 2, naming it" {
	COMPARE_STRACE_TRACER="$STANDIN" run "$COMPARE" --stage 99
	assert_failure 2
	assert_output --partial 'no single bin/99-*'
}

@test "a tracer that does not exist is trouble: exit 2" {
	COMPARE_STRACE_TRACER="$BATS_TEST_TMPDIR/no-such-tracer" run "$COMPARE" -- true
	assert_failure 2
	assert_output --partial 'not found'
}

@test "two traces of a command that prints its ephemeral port are equal after normalisation: exit 0" {
	# 02-bind binds port 0 and prints the port the kernel chose: it differs between the two runs.
	COMPARE_STRACE_TRACER="$STANDIN" run "$COMPARE" -yy -- "$BIN/02-bind" -a 127.0.0.1 -p 0
	assert_success
	assert_output ''
}

@test "two traces of stage 04 serving one client over loopback, with -f -yy -T, are equal: exit 0" {
	COMPARE_STRACE_TRACER="$STANDIN" run "$COMPARE" --stage 04 -f -yy -T --keep "$BATS_TEST_TMPDIR/keep"
	assert_success
	assert_output ''
	# Both runs really served the client, and what varied was normalised, not dropped.
	run grep -E '^PID1 accept4\(3<TCP:\[127\.0\.0\.1:PORT\]>, .* = 4<TCP:\[127\.0\.0\.1:PORT->127\.0\.0\.1:PORT\]> <TIME>$' \
		"$BATS_TEST_TMPDIR/keep/tracer.norm"
	assert_success
	run grep -E '^PID1 read\(4<TCP:\[[^]]*\]>, "hello\\n", [0-9]+\) = 6 <TIME>$' "$BATS_TEST_TMPDIR/keep/strace.norm"
	assert_success
	# The raw traces did differ: different client ports at least.
	run diff -q "$BATS_TEST_TMPDIR/keep/strace.raw" "$BATS_TEST_TMPDIR/keep/tracer.raw"
	assert_failure
}

@test "stage 03, which runs until Ctrl-C, is stopped by SIGINT in both runs and the traces are equal" {
	COMPARE_STRACE_TRACER="$STANDIN" run "$COMPARE" --stage 03 -yy --keep "$BATS_TEST_TMPDIR/keep"
	assert_success
	assert_output ''
	run grep -E '^--- SIGINT \{si_signo=SIGINT, si_code=SI_USER, si_pid=PID[0-9]+, ' "$BATS_TEST_TMPDIR/keep/tracer.norm"
	assert_success
}

@test "stage 07 answering one HTTP GET, with -s 400 showing its Date header, gives equal traces" {
	COMPARE_STRACE_TRACER="$STANDIN" run "$COMPARE" --stage 07 -s 400 --keep "$BATS_TEST_TMPDIR/keep"
	assert_success
	assert_output ''
	# the request arrived in one read in both runs, and the answer's clock was normalised
	run grep -c -E '^read\(5, "GET / HTTP/1\.1\\r\\nHost: 127\.0\.0\.1\\r\\nConnection: close\\r\\n\\r\\n", [0-9]+\) += 54$' \
		"$BATS_TEST_TMPDIR/keep/strace.norm" "$BATS_TEST_TMPDIR/keep/tracer.norm"
	assert_output --regexp 'strace.norm:1.*tracer.norm:1'
	run grep -c 'Date: DATE' "$BATS_TEST_TMPDIR/keep/tracer.norm"
	refute_output 0
}

@test "with -xx the ports and inodes inside hex strings are normalised too: exit 0" {
	COMPARE_STRACE_TRACER="$STANDIN" run "$COMPARE" --stage 04 -xx
	assert_success
	assert_output ''
}

@test "a different -s on our side only gives exit 1 and a diff of the cut strings" {
	COMPARE_STRACE_TRACER="$STANDIN" COMPARE_STRACE_TRACER_ARGS="-s 4" run "$COMPARE" --stage 04 -e trace=read,write
	assert_failure 1
	assert_line --index 0 -- '--- strace'
	assert_line --index 1 -- '+++ tracer'
	assert_line -- '-read(4, "hello\n", 4096)                = 6'
	assert_line -- '+read(4, "hell"..., 4096)                = 6'
}

@test "--files: traces that differ only in pids, addresses, ports, inodes and times are equal" {
	write_traces \
'1234  14:02:03.123456 execve("/bin/x", ["x"], 0x7ffc5c3d1fd8 /* 41 vars */) = 0 <0.000400>
1234  14:02:03.123999 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[81234]> <0.000010>
1234  14:02:03.124000 bind(3<TCP:[81234]>, {sa_family=AF_INET, sin_port=htons(40001), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000011>
1234  14:02:03.124100 write(1</dev/null<char 1:3>>, "listening on 127.0.0.1:40001\n", 29) = 29 <0.000012>
1234  14:02:03.124200 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f1c2a3b4a10) = 1240 <0.000100>
1240  14:02:03.124300 getpid()  = 1240 <0.000003>
1240  14:02:03.124301 getrandom("\x1a\x2b\x3c\x4d", 4, GRND_NONBLOCK) = 4 <0.000003>
1240  14:02:03.124310 read(0<UNIX-STREAM:[81240->81241]>, "x", 1) = 1 <0.000005>
1234  14:02:03.124400 wait4(1240, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 1240 <0.000200>
1234  14:02:03.124500 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1240, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---' \
'77001 09:59:58.000001 execve("/bin/x", ["x"], 0x7fff00112230 /* 41 vars */) = 0 <0.000300>
77001 09:59:58.000002 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3<TCP:[9]> <0.000009>
77001 09:59:58.000003 bind(3<TCP:[9]>, {sa_family=AF_INET, sin_port=htons(5), sin_addr=inet_addr("127.0.0.1")}, 16) = 0 <0.000011>
77001 09:59:58.000004 write(1</dev/null<char 1:3>>, "listening on 127.0.0.1:5\n", 25) = 25 <0.000012>
77001 09:59:58.000005 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f00aa000a10) = 77020 <0.000100>
77020 09:59:58.000006 getpid()  = 77020 <0.000003>
77020 09:59:58.000007 getrandom("\xff\xee\xdd\xcc", 4, GRND_NONBLOCK) = 4 <0.000004>
77020 09:59:58.000008 read(0<UNIX-STREAM:[7->8]>, "x", 1) = 1 <0.000005>
77001 09:59:58.000009 wait4(77020, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 77020 <0.000200>
77001 09:59:58.000010 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=77020, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---'
	run "$COMPARE" --files "$BATS_TEST_TMPDIR/a.trace" "$BATS_TEST_TMPDIR/b.trace"
	assert_success
	assert_output ''
}

@test "--files: a wait4 for the wrong process is a difference, although pids are normalised" {
	write_traces \
'100 clone(child_stack=NULL, flags=SIGCHLD) = 101
100 wait4(101, NULL, 0, NULL) = 101' \
'200 clone(child_stack=NULL, flags=SIGCHLD) = 201
200 wait4(200, NULL, 0, NULL) = 201'
	run "$COMPARE" --files "$BATS_TEST_TMPDIR/a.trace" "$BATS_TEST_TMPDIR/b.trace"
	assert_failure 1
	assert_line -- '-PID1 wait4(PID2, NULL, 0, NULL) = PID2'
	assert_line -- '+PID1 wait4(PID1, NULL, 0, NULL) = PID2'
}

@test "--files: a different flag, fd or small constant is a difference" {
	write_traces \
'openat(AT_FDCWD, "/etc/hosts", O_RDONLY|O_CLOEXEC) = 3
mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3, 0x1000) = 0x7f0000001000' \
'openat(AT_FDCWD, "/etc/hosts", O_RDONLY) = 3
mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3, 0x2000) = 0x7f0000009000'
	run "$COMPARE" --files "$BATS_TEST_TMPDIR/a.trace" "$BATS_TEST_TMPDIR/b.trace"
	assert_failure 1
	assert_line -- '-openat(AT_FDCWD, "/etc/hosts", O_RDONLY|O_CLOEXEC) = 3'
	assert_line -- '+openat(AT_FDCWD, "/etc/hosts", O_RDONLY) = 3'
	assert_line -- '+mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3, 0x2000) = 0xADDR'
}

@test "--files: a -c table compares calls, errors and names, not times or row order" {
	write_traces \
'% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 60.00    0.000060          30         2           read
 40.00    0.000040          40         1         1 openat
------ ----------- ----------- --------- --------- ----------------
100.00    0.000100          33         3         1 total' \
'% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 90.00    0.000900         900         1         1 openat
 10.00    0.000100          50         2           read
------ ----------- ----------- --------- --------- ----------------
100.00    0.001000         333         3         1 total'
	run "$COMPARE" --files "$BATS_TEST_TMPDIR/a.trace" "$BATS_TEST_TMPDIR/b.trace"
	assert_success
	# one more read on one side is a difference
	sed -i 's/          50         2           read/          50         3           read/' "$BATS_TEST_TMPDIR/b.trace"
	run "$COMPARE" --files "$BATS_TEST_TMPDIR/a.trace" "$BATS_TEST_TMPDIR/b.trace"
	assert_failure 1
	assert_line -- '+calls=3 errors=0 read'
}

@test "--files with a file that does not exist is trouble: exit 2" {
	run "$COMPARE" --files "$BATS_TEST_TMPDIR/none-a" "$BATS_TEST_TMPDIR/none-b"
	assert_failure 2
	assert_output --partial 'cannot read'
}

# ---- --stage 09-12: bin/tracer against strace ----

@test "--stage 09: the client, against an untraced 04-accept, traced by bin/tracer -f -yy as by strace: exit 0" {
	command -v strace >/dev/null || skip "strace is not installed"
	run "$COMPARE" --stage 09 -f -yy --keep "$BATS_TEST_TMPDIR/keep"
	assert_success
	assert_output ''
	# both runs were answered, over a non-blocking connect, by the same server (its port is in both)
	local side
	for side in strace tracer; do
		run grep -cE '^PID1 (connect\(3<TCP:\[INODE\]>, \{sa_family=AF_INET, sin_port=htons\(PORT\).* = -1 EINPROGRESS|read\(3<TCP:\[127\.0\.0\.1:PORT->127\.0\.0\.1:PORT\]>, "Message received\.\\n", 4096\) = 18$)' \
			"$BATS_TEST_TMPDIR/keep/$side.norm"
		assert_output 2
	done
	run grep -ohE '"-p", "[0-9]+"' "$BATS_TEST_TMPDIR/keep/strace.raw" "$BATS_TEST_TMPDIR/keep/tracer.raw"
	assert_equal "${#lines[@]}" 2
	assert_equal "${lines[0]}" "${lines[1]}"
}

@test "--stage 10: the UDP server, sent one datagram, echoes it; bin/tracer -yy prints what strace does: exit 0" {
	command -v strace >/dev/null || skip "strace is not installed"
	run "$COMPARE" --stage 10 -yy --keep "$BATS_TEST_TMPDIR/keep"
	assert_success
	assert_output ''
	run grep -E '^(recvfrom|sendto)\(3<UDP:\[127\.0\.0\.1:PORT\]>, "hello\\n", ' "$BATS_TEST_TMPDIR/keep/tracer.norm"
	assert_equal "${#lines[@]}" 2
	run grep -cE '^(listen|accept4?)\(' "$BATS_TEST_TMPDIR/keep/tracer.norm"
	assert_output 0
}

@test "--stage 11: the dual-stack server on [::], an IPv4 then an IPv6 client, bin/tracer -yy as strace: exit 0" {
	command -v strace >/dev/null || skip "strace is not installed"
	run "$COMPARE" --stage 11 -yy --keep "$BATS_TEST_TMPDIR/keep"
	assert_success
	assert_output ''
	run grep -oE '^accept4\(.*inet_pton\(AF_INET6, "[^"]*"' "$BATS_TEST_TMPDIR/keep/tracer.norm"
	assert_line --index 0 --partial '"::ffff:127.0.0.1"'
	assert_line --index 1 --partial '"::1"'
	assert_equal "${#lines[@]}" 2
}

@test "--stage 12: two forked workers, one client each: -f is implied, the traces compared process by process: exit 0" {
	command -v strace >/dev/null || skip "strace is not installed"
	run "$COMPARE" --stage 12 -yy --keep "$BATS_TEST_TMPDIR/keep"
	assert_success
	assert_output ''
	local norm="$BATS_TEST_TMPDIR/keep/tracer.norm"
	# the parent made both listeners and both workers, then reaped them (which first is left out)
	run grep -cE '^PID1 clone\(.* = PID[23]$' "$norm"
	assert_output 2
	run grep -cE '^PID1 wait4\(-1, \[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 0\}\], 0, NULL\) = PIDW$' "$norm"
	assert_output 2
	# each worker accepted one client on its own listener, and printed its own pid
	run grep -E '^PID[23] accept4\(' "$norm"
	assert_line --index 0 --regexp '^PID2 accept4\(3<TCP:\[127\.0\.0\.1:PORT\]>, '
	assert_line --index 1 --regexp '^PID3 accept4\(4<TCP:\[127\.0\.0\.1:PORT\]>, '
	run grep -cE '^PID([23]) write\(1<[^>]*>, "worker [12]: pid PID\1, ' "$norm"
	assert_output 2
	# process by process: the lines of the first worker come together, although the raw trace mixes them
	run awk '{ print $1 }' "$norm"
	run uniq <<<"$output"
	assert_output $'PID1\nPID2\nPID3'
}

@test "--stage 12 with -xx and -e trace=%net, strace as both tracers: which worker ends first is left out, in hex too" {
	COMPARE_STRACE_TRACER="$STANDIN" run "$COMPARE" --stage 12 -xx --keep "$BATS_TEST_TMPDIR/keep"
	assert_success
	assert_output ''
	# "waitpid(-1) = PIDW: worker W " in hex
	run grep -c '\\x50\\x49\\x44\\x57\\x3a\\x20\\x77\\x6f\\x72\\x6b\\x65\\x72\\x20\\x57\\x20' "$BATS_TEST_TMPDIR/keep/strace.norm"
	assert_output 2
	# with clone() filtered out, the workers are still numbered in the order they were made
	COMPARE_STRACE_TRACER="$STANDIN" run "$COMPARE" --stage 12 -e trace=%net --keep "$BATS_TEST_TMPDIR/net"
	assert_success
	assert_output ''
	run grep -E '^PID[23] accept4\(' "$BATS_TEST_TMPDIR/net/strace.norm"
	assert_line --index 0 --regexp '^PID2 accept4\(3, '
	assert_line --index 1 --regexp '^PID3 accept4\(4, '
}

@test "--per-process --files: the interleaving of processes and where a call was cut do not matter; each process's calls do" {
	write_traces \
'100 clone(child_stack=NULL, flags=SIGCHLD) = 101
101 write(1, "child 101\n", 10 <unfinished ...>
100 write(1, "parent of 101\n", 14) = 14
101 <... write resumed>) = 10
100 wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 101
100 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=101, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---' \
'5000 clone(child_stack=NULL, flags=SIGCHLD) = 99999
5000 write(1, "parent of 99999\n", 16 <unfinished ...>
99999 write(1, "child 99999\n", 12) = 12
5000 <... write resumed>) = 16
5000 wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 99999
5000 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=99999, si_uid=0, si_status=0, si_utime=2, si_stime=1} ---'
	run "$COMPARE" --per-process --files "$BATS_TEST_TMPDIR/a.trace" "$BATS_TEST_TMPDIR/b.trace"
	assert_success
	assert_output ''
	# without --per-process the order of the lines is compared
	run "$COMPARE" --files "$BATS_TEST_TMPDIR/a.trace" "$BATS_TEST_TMPDIR/b.trace"
	assert_failure 1
	# a child that writes something else is a difference, process by process too
	sed -i 's/"child 99999\\n", 12) = 12/"child 99999!", 12) = 12/' "$BATS_TEST_TMPDIR/b.trace"
	run "$COMPARE" --per-process --files "$BATS_TEST_TMPDIR/a.trace" "$BATS_TEST_TMPDIR/b.trace"
	assert_failure 1
	assert_line -- '-PID2 write(1, "child PID2\n", LEN) = LEN'
	assert_line -- '+PID2 write(1, "child PID2!", LEN) = LEN'
}
