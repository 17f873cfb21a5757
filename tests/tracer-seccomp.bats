#!/usr/bin/env bats
# tracer-seccomp: the tracer's seccomp features (tracer/prefilter.c, tracer/profile.c and their parts of
# session.c and main.c). The BPF pre-filter (--seccomp-bpf, on by default when the tracer starts a program
# with -f and -e trace=) makes the kernel stop the program only at the traced syscalls: the trace must be the
# one strace and --no-seccomp-bpf print, children and threads included, at a fraction of the cost; -p cannot
# use it and says so; PTRACE_O_EXITKILL never leaves a program with the filter and no tracer. --dump-filter
# prints the filter as libseccomp's pseudo-code; --seccomp-profile FILE writes the syscalls a program made as
# an OCI/Docker seccomp profile, merged with the names FILE already allowed.
# shellcheck disable=SC2154 # stderr is set by bats' run --separate-stderr

load helpers
load server-behaviour

bats_require_minimum_version 1.5.0

# SOCKWALK_BIN=DIR runs these checks against binaries built elsewhere (server-behaviour.bash set BIN from it).
TRACER="$BIN/tracer"
NET_CALLS="$BIN/test-net-calls"
# LeakSanitizer cannot work under ptrace: a sanitizer build (make check) of a traced program would fail at exit.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# ---- helpers ----

# seccomp_of PID -- the Seccomp: field of /proc/PID/status: 0 no filter, 2 a seccomp-BPF filter.
seccomp_of() {
	sed -n 's/^Seccomp:[[:space:]]*//p' "/proc/$1/status"
}

# tracee_of TRACER_PID COMM -- print the pid of the program the tracer started, once it runs COMM (the
# tracer's child waits to be seized, installs the filter, then execs). Fails after 10 s or when the tracer
# has ended.
tracee_of() {
	local tracer="$1" comm="$2" i child
	for ((i = 0; i < 1000; i++)); do
		for child in $(pgrep -P "$tracer"); do
			if [ "$(cat "/proc/$child/comm" 2>/dev/null)" = "$comm" ]; then
				echo "$child"
				return 0
			fi
		done
		kill -0 "$tracer" 2>/dev/null || return 1
		sleep 0.01
	done
	return 1
}

# gone PID -- succeed when PID no longer runs: it does not exist, or it is a zombie nobody reaped yet.
gone() {
	local state
	state=$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$1/stat" 2>/dev/null) || return 0
	[ "$state" = Z ] || [ "$state" = X ]
}

# wait_gone PID [SECONDS] -- wait (default 5 s) until PID no longer runs.
wait_gone() {
	local pid="$1" limit="${2:-5}" i
	for ((i = 0; i < limit * 100; i++)); do
		gone "$pid" && return 0
		sleep 0.01
	done
	return 1
}

# filter_state OPTIONS... -- start `sleep 30` under the tracer with OPTIONS, print the Seccomp: field of
# the traced sleep, then end it (SIGTERM to sleep; the tracer ends with it).
filter_state() {
	local tracer sleeper
	(fresh_fds "$TRACER" "$@" -o /dev/null -- sleep 30) &
	tracer=$!
	track "$tracer"
	sleeper=$(tracee_of "$tracer" sleep) || { echo "no traced sleep under the tracer ($*)" >&2; return 1; }
	track "$sleeper"
	seccomp_of "$sleeper"
	kill -TERM "$sleeper"
	wait_for_exit "$tracer" 5
}

# profile_names FILE -- the names of FILE's SCMP_ACT_ALLOW list, one a line, in the file's order.
profile_names() {
	sed -n '/"names": \[/,/\]/p' "$1" | sed -n -E 's/^[[:space:]]*"([a-z0-9_]+)",?$/\1/p'
}

# counted_by_strace FILE CMD... -- the names of the syscalls `strace -f -c` counts for CMD, one a line, sorted,
# plus exit_group (strace counts only the calls that return).
counted_by_strace() {
	local file="$1"
	shift
	(fresh_fds strace -f -c -U name -o "$file" -- "$@") >/dev/null 2>&1
	{ sed -n '3,$p' "$file" | grep -E '^[a-z0-9_]+$' | grep -vx total; echo exit_group; } | sort -u
}

# ---- --dump-filter ----

@test "--dump-filter prints libseccomp's pseudo-filter code naming the -e trace= syscalls, and runs nothing" {
	run "$TRACER" -e trace=accept4,listen --dump-filter -- touch "$BATS_TEST_TMPDIR/ran"
	assert_success
	assert_line '# pseudo filter code start'
	assert_line '# pseudo filter code end'
	assert_line --regexp '^  # filter for syscall "accept4" \([0-9]+\)'
	assert_line --regexp '^  # filter for syscall "listen" \([0-9]+\)'
	# execve is always stopped for: the trace of a started program begins there
	assert_line --regexp '^  # filter for syscall "execve" \([0-9]+\)'
	assert_line '    action TRACE(0);'
	assert_line '  action ALLOW;'
	refute_line --partial '"read"'
	refute_line --partial '"socket"'
	[ ! -e "$BATS_TEST_TMPDIR/ran" ] || fail "--dump-filter ran the command"
}

@test "--dump-filter with -e trace=%net names every socket syscall and no other family's" {
	run "$TRACER" -e trace=%net --dump-filter
	assert_success
	local name
	for name in socket socketpair bind listen accept accept4 connect getsockname getpeername sendto recvfrom \
		sendmsg recvmsg sendmmsg recvmmsg shutdown setsockopt getsockopt; do
		assert_line --regexp "^  # filter for syscall \"$name\" \\([0-9]+\\)"
	done
	for name in read write close openat epoll_wait; do
		refute_line --partial "\"$name\""
	done
}

@test "--dump-filter on x86_64 covers the x86_64, i386 and x32 ABIs, each tracing the set and allowing the rest" {
	[ "$(uname -m)" = x86_64 ] || skip "the ABIs checked are those of x86_64"
	run "$TRACER" -e trace=listen --dump-filter
	assert_success
	# one section per ABI, in this order, each with its own number for listen and ALLOW for everything else:
	# no 32-bit syscall escapes the trace, and none is killed
	run awk '
		/^# filter for arch / { arch = $5 }
		/# filter for syscall "listen"/ { print arch, "listen", $6 }
		/^    if \(\$a0 == 4\)/ { print arch, "socketcall(SYS_LISTEN)" }
		/^  action ALLOW;/ { print arch, "ALLOW" }' <<<"$output"
	assert_output "x86_64 listen (50)
x86_64 ALLOW
x86 listen (363)
x86 socketcall(SYS_LISTEN)
x86 ALLOW
x32 listen (1073741874)
x32 ALLOW"
}

# ---- the pre-filter: when it is on ----

@test "-f -e trace=%net starts the program under a seccomp filter (Seccomp: 2); --no-seccomp-bpf does not" {
	run filter_state -f -e trace=%net
	assert_success
	assert_output 2
	run filter_state -f -e trace=%net --no-seccomp-bpf
	assert_success
	assert_output 0
}

@test "the pre-filter is the default only with -f and -e trace=; --seccomp-bpf asks for it" {
	run filter_state -e trace=%net
	assert_output 0
	run filter_state -f
	assert_output 0
	run filter_state --seccomp-bpf -f -e trace=%net
	assert_output 2
}

@test "--seccomp-bpf without -f leaves no child with the filter and no tracer: the child's syscalls work, as under strace" {
	# A child that is not followed would inherit the filter, and each syscall the filter stops for (execve is
	# one) would fail with ENOSYS, since no tracer is there to see it. strace ignores --seccomp-bpf without -f.
	run fresh_fds "$TRACER" --no-explain --seccomp-bpf -e trace=%net -o "$BATS_TEST_TMPDIR/t" -- \
		sh -c "'$NET_CALLS' socket; echo \"child exit \$?\""
	assert_success
	assert_line 'child exit 0'
	refute_line --partial 'Function not implemented'
}

# ---- the pre-filter: the same trace ----

@test "under the pre-filter, -f -e trace=%net prints exactly strace's lines (compare-strace, test-net-calls)" {
	run fresh_fds "$ROOT/scripts/compare-strace" -f -e trace=%net -- "$NET_CALLS"
	assert_success
}

@test "under the pre-filter, -f -y -e trace=%net prints exactly strace's lines, fd paths included" {
	run fresh_fds "$ROOT/scripts/compare-strace" -f -y -e trace=%net -- "$NET_CALLS"
	assert_success
}

@test "under the pre-filter, -f -e trace=%net prints the lines --no-seccomp-bpf prints" {
	local side
	for side in --seccomp-bpf --no-seccomp-bpf; do
		(fresh_fds "$TRACER" --no-explain "$side" -f -e trace=%net -o "$BATS_TEST_TMPDIR/$side.raw" -- "$NET_CALLS") \
			>/dev/null 2>&1 || fail "test-net-calls failed under tracer $side"
	done
	run "$ROOT/scripts/compare-strace" --files "$BATS_TEST_TMPDIR/--seccomp-bpf.raw" "$BATS_TEST_TMPDIR/--no-seccomp-bpf.raw"
	assert_success
	# and the trace is not empty: the socket calls are there
	run grep -c -E '^[0-9]+ +(socket|connect|accept4?|sendto|recvfrom)\(' "$BATS_TEST_TMPDIR/--seccomp-bpf.raw"
	[ "$output" -gt 50 ] || fail "only $output socket calls traced under the filter"
}

@test "under the pre-filter, the children of a program are traced (-f): sh running test-net-calls twice, as strace" {
	# signals are left out: SIGCHLD's si_utime/si_stime are times, which differ from run to run
	run fresh_fds "$ROOT/scripts/compare-strace" -f -e trace=%net -e signal=none -- \
		sh -c "'$NET_CALLS' socket inet; '$NET_CALLS' udp unix"
	assert_success
	# three processes in the trace: sh and its two children
	run fresh_fds "$TRACER" --no-explain -f -e trace=%net -e signal=none -o "$BATS_TEST_TMPDIR/kids.raw" -- \
		sh -c "'$NET_CALLS' socket inet; '$NET_CALLS' udp unix"
	assert_success
	run bash -c "grep -E '^[0-9]+ +socket\(' '$BATS_TEST_TMPDIR/kids.raw' | cut -d' ' -f1 | sort -u | wc -l"
	assert_output 2
}

@test "under the pre-filter, every thread is traced (-f): test-threads' socket calls, counted per call as strace counts them" {
	local side
	(fresh_fds strace -f -e trace=%net -o "$BATS_TEST_TMPDIR/strace.raw" -- "$BIN/test-threads" -t 4 -n 5) >/dev/null 2>&1 ||
		fail "test-threads failed under strace"
	(fresh_fds "$TRACER" --no-explain -f -e trace=%net -o "$BATS_TEST_TMPDIR/tracer.raw" -- "$BIN/test-threads" -t 4 -n 5) \
		>/dev/null 2>&1 || fail "test-threads failed under the tracer"
	# interleaving differs from run to run, so compare what is stable: how many calls of each name, in how many
	# tasks (a call cut by another thread's line is counted once, at its start)
	for side in strace tracer; do
		sed -E 's/^[0-9]+ +//' "$BATS_TEST_TMPDIR/$side.raw" | grep -oE '^[a-z0-9_]+\(' | sort | uniq -c \
			>"$BATS_TEST_TMPDIR/$side.counts"
		grep -oE '^[0-9]+ +[a-z0-9_]+\(' "$BATS_TEST_TMPDIR/$side.raw" | cut -d' ' -f1 | sort -u | wc -l \
			>>"$BATS_TEST_TMPDIR/$side.counts"
	done
	run diff "$BATS_TEST_TMPDIR/strace.counts" "$BATS_TEST_TMPDIR/tracer.counts"
	assert_success
	# 4 threads x 5 rounds: 20 connects, 20 accept4s, in 5 tasks (main and the 4 threads)
	run cat "$BATS_TEST_TMPDIR/tracer.counts"
	assert_line --regexp '^ +20 connect\($'
	assert_line --regexp '^ +20 accept4\($'
	assert_line --index $((${#lines[@]} - 1)) 5
}

# ---- the pre-filter: what it saves ----

@test "the pre-filter saves the stops: -e trace=%net of 20,000 reads and writes costs under a quarter of the CPU time without it" {
	# CPU time (user + system, of the tracer and the program together) rather than elapsed time: other work on
	# the machine changes it less. Measured here: about 0.07 s with the filter, 1 s without.
	local side
	for side in --seccomp-bpf --no-seccomp-bpf; do
		(
			"$TRACER" "$side" -f -e trace=%net -o /dev/null -- dd if=/dev/zero of=/dev/null bs=1 count=10000 2>/dev/null
			times
		) 3>&- | tail -n 1 >"$BATS_TEST_TMPDIR/$side.times"
	done
	# `times`' second line: the children's user and system time, e.g. "0m0.021s 0m0.090s"
	cpu_ms() {
		awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, /m|s/); t += p[1] * 60000 + p[2] * 1000 } print int(t) }' "$1"
	}
	local with without
	with=$(cpu_ms "$BATS_TEST_TMPDIR/--seccomp-bpf.times")
	without=$(cpu_ms "$BATS_TEST_TMPDIR/--no-seccomp-bpf.times")
	echo "CPU time: ${with} ms with the filter, ${without} ms without" >&2
	[ "$without" -gt 0 ] || fail "no CPU time measured without the filter"
	[ $((with * 4)) -lt "$without" ] || fail "the filter saved too little: ${with} ms with it, ${without} ms without"
}

# ---- -p ----

@test "-p with --seccomp-bpf says the filter cannot be used when attaching, and traces without it" {
	# shellcheck disable=SC2034 # read by start_stage (server-behaviour.bash)
	STAGE=07-http
	start_stage srv -a 127.0.0.1 -p 0
	local server=$SERVER_PID tracer
	(fresh_fds "$TRACER" --no-explain --seccomp-bpf -f -e trace=%net -o "$BATS_TEST_TMPDIR/attach.trace" -p "$server") \
		2>"$BATS_TEST_TMPDIR/attach.err" &
	tracer=$!
	track "$tracer"
	wait_for_line "$BATS_TEST_TMPDIR/attach.err" 'cannot be used with -p' "$tracer"
	run cat "$BATS_TEST_TMPDIR/attach.err"
	assert_line 'tracer: --seccomp-bpf cannot be used with -p (the filter must be installed before the program starts); tracing without it'
	# attached: the kernel names the tracer in the server's status
	local i
	for ((i = 0; i < 500; i++)); do
		grep -q "^TracerPid:[[:space:]]*$tracer\$" "/proc/$server/status" && break
		sleep 0.01
	done
	run curl -sS --max-time 5 "http://127.0.0.1:$PORT/hello"
	assert_output 'Hello, world!'
	wait_for_line "$BATS_TEST_TMPDIR/attach.trace" "^$server +accept4\\(3, " "$tracer"
	run strip_pids "$BATS_TEST_TMPDIR/attach.trace"
	assert_line --regexp '^accept4\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[128 => 16\], SOCK_CLOEXEC\|SOCK_NONBLOCK\) += 5$'
	# no filter was put on the server, and Ctrl-C detaches, leaving it running
	run seccomp_of "$server"
	assert_output 0
	kill -INT "$tracer"
	wait_for_exit "$tracer" 5
	kill -0 "$server"
	run curl -sS --max-time 5 "http://127.0.0.1:$PORT/hello"
	assert_output 'Hello, world!'
}

# ---- PTRACE_O_EXITKILL ----

@test "a program traced with the filter dies with its tracer (SIGKILL to the tracer), children included" {
	local tracer shell sleeper i
	(fresh_fds "$TRACER" -f -e trace=%net -o /dev/null -- sh -c 'sleep 60 & wait') &
	tracer=$!
	track "$tracer"
	shell=$(tracee_of "$tracer" sh) || fail "no traced sh"
	track "$shell"
	for ((i = 0; i < 1000; i++)); do
		sleeper=$(pgrep -P "$shell") && [ "$(cat "/proc/$sleeper/comm" 2>/dev/null)" = sleep ] && break
		sleeper=""
		sleep 0.01
	done
	[ -n "$sleeper" ] || fail "sh did not start sleep"
	track "$sleeper"
	# both run under the filter, which stops them at traced syscalls for a tracer
	run seccomp_of "$shell"
	assert_output 2
	run seccomp_of "$sleeper"
	assert_output 2
	kill -KILL "$tracer"
	wait_for_exit "$tracer" 5
	wait_gone "$shell" || fail "sh still runs with the filter and no tracer"
	wait_gone "$sleeper" || fail "sleep still runs with the filter and no tracer"
}

# ---- --seccomp-profile ----

@test "--seccomp-profile writes an OCI profile: SCMP_ACT_ERRNO by default, the native ABIs, the program's syscalls allowed" {
	local profile="$BATS_TEST_TMPDIR/profile.json"
	run fresh_fds "$TRACER" -o /dev/null --seccomp-profile "$profile" -- "$NET_CALLS" socket
	assert_success
	run cat "$profile"
	assert_line --index 0 '{'
	assert_line --regexp '^[[:space:]]+"defaultAction": "SCMP_ACT_ERRNO",$'
	assert_line --regexp '^[[:space:]]+"action": "SCMP_ACT_ALLOW"$'
	assert_line --index $((${#lines[@]} - 1)) '}'
	if [ "$(uname -m)" = x86_64 ]; then
		run sed -n '/"architectures": \[/,/\]/p' "$profile"
		assert_output --regexp '"SCMP_ARCH_X86_64",[[:space:]]+"SCMP_ARCH_X86",[[:space:]]+"SCMP_ARCH_X32"'
	fi
	run profile_names "$profile"
	assert_line socket
	assert_line socketpair
	assert_line execve
	assert_line exit_group
	refute_line listen # the socket section never listens
	# sorted, each name once
	assert_equal "$output" "$(profile_names "$profile" | LC_ALL=C sort -u)"
}

@test "--seccomp-profile lists exactly the syscalls strace -f -c counts for the same program, children included" {
	local profile="$BATS_TEST_TMPDIR/profile.json"
	local cmd=(sh -c 'cat /etc/hostname; ls / >/dev/null')
	run fresh_fds "$TRACER" -f -o /dev/null --seccomp-profile "$profile" -- "${cmd[@]}"
	assert_success
	run profile_names "$profile"
	# a child's calls are in: ls reads the directory, sh waits for its children
	assert_line getdents64
	assert_line wait4
	assert_equal "$output" "$(counted_by_strace "$BATS_TEST_TMPDIR/strace.c" "${cmd[@]}")"
}

@test "--seccomp-profile merges into an existing profile: names it allowed stay, names under other actions do not" {
	local profile="$BATS_TEST_TMPDIR/profile.json"
	cat >"$profile" <<'EOF'
{
	"defaultAction": "SCMP_ACT_ERRNO",
	"syscalls": [
		{ "names": [ "chdir", "kill" ], "action": "SCMP_ACT_ALLOW" },
		{ "names": [ "ptrace" ], "action": "SCMP_ACT_ERRNO" }
	]
}
EOF
	run fresh_fds "$TRACER" -o /dev/null --seccomp-profile "$profile" -- "$NET_CALLS" socket
	assert_success
	run profile_names "$profile"
	assert_line chdir
	assert_line kill
	assert_line socket
	refute_line ptrace
	assert_equal "$output" "$(profile_names "$profile" | LC_ALL=C sort -u)"
	# a second program's calls join them
	run fresh_fds "$TRACER" -o /dev/null --seccomp-profile "$profile" -- cat /etc/hostname
	assert_success
	run profile_names "$profile"
	assert_line chdir
	assert_line socket
	assert_line openat
}

@test "--seccomp-profile sees every syscall: it turns the pre-filter off, and says so if --seccomp-bpf asked for it" {
	local profile="$BATS_TEST_TMPDIR/profile.json"
	run --separate-stderr fresh_fds "$TRACER" --no-explain --seccomp-bpf -f -e trace=%net -o "$BATS_TEST_TMPDIR/t" \
		--seccomp-profile "$profile" -- cat /etc/hostname
	assert_success
	assert_equal "$stderr" 'tracer: --seccomp-profile needs to see every syscall; tracing without --seccomp-bpf'
	run profile_names "$profile"
	assert_line openat
	assert_line read
	# the trace still shows only -e trace='s syscalls: cat makes no socket call
	run grep -c -E '^[a-z0-9_]+\(' "$BATS_TEST_TMPDIR/t"
	assert_output 0
	# and without asking, nothing is said, and nothing is missed either
	run --separate-stderr fresh_fds "$TRACER" -f -e trace=%net -o /dev/null --seccomp-profile "$profile" -- cat /etc/hostname
	assert_success
	assert_equal "$stderr" ''
	run profile_names "$profile"
	assert_line read
}

@test "--seccomp-profile of stage 07 serving one client lists the serving loop's syscalls" {
	local profile="$BATS_TEST_TMPDIR/07.json"
	start_server srv "$TRACER" -f -o /dev/null --seccomp-profile "$profile" -- "$BIN/07-http" -a 127.0.0.1 -p 0 -n 1
	local tracer=$SERVER_PID
	run curl -sS --max-time 5 "http://127.0.0.1:$PORT/hello"
	assert_output 'Hello, world!'
	wait_for_exit "$tracer" 10
	assert_equal "$EXIT_STATUS" 0
	run profile_names "$profile"
	local name
	for name in socket setsockopt bind listen epoll_create1 epoll_ctl epoll_pwait accept4 read write close rt_sigprocmask exit_group; do
		assert_line "$name"
	done
}
