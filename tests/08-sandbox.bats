#!/usr/bin/env bats
# 08-sandbox: stage 07's HTTP server in a seccomp sandbox (libseccomp), checked with real clients over
# loopback: the filter is on once the listener is set up, normal serving still works under load (many
# connections, keep-alive, a full send buffer, clients that reset, Ctrl-C and -n), and a syscall outside the
# allowlist is stopped: GET /forbidden opens /etc/passwd, and the kernel kills the server with SIGSYS (-E:
# the call fails with EPERM, the client gets 500 and the server goes on). Then the same under a tracer.

load helpers
load server-behaviour
STAGE=08-sandbox

# LeakSanitizer's check at exit (a sanitizer build, make check) needs clone and ptrace, which the sandbox
# does not allow: the stage turns it off by default, and make check's ASAN_OPTIONS would turn it back on.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# The syscalls the stage allows, as it prints them (a sanitizer build adds its allocator's mmap and munmap).
ALLOWED_RE='epoll_pwait accept4 read write epoll_ctl close fcntl brk rt_sigreturn exit_group( mmap munmap madvise)?'

# ---- helpers ----

# http ARGS... -- curl -sS with a time limit, carriage returns removed so lines compare plainly.
http() {
	local out status=0
	out=$(curl -sS --max-time 5 "$@") || status=$?
	printf '%s\n' "${out//$'\r'/}"
	return "$status"
}

srv_out() {
	cat "$BATS_TEST_TMPDIR/srv.out"
}

# start_sandboxed ARGS... -- start the stage on 127.0.0.1, port 0, and wait until its sandbox is on.
start_sandboxed() {
	start_stage srv "$@" -a 127.0.0.1 -p 0
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^seccomp_load\(\) = 0: the sandbox is on' "$SERVER_PID"
}

# status_field PID NAME -- a field of /proc/PID/status (Seccomp, Seccomp_filters, NoNewPrivs).
status_field() {
	sed -n "s/^$2:[[:space:]]*//p" "/proc/$1/status"
}

# load_http URL N PARALLEL [CURL ARGS...] -- N GETs of URL?1..URL?N, PARALLEL at a time (curl reuses each
# connection for the next request unless told "Connection: close"); prints how many were answered with
# each status code, e.g. "1000 200".
load_http() {
	local url="$1" n="$2" parallel="$3"
	shift 3
	curl -s --no-progress-meter --max-time 60 --parallel --parallel-max "$parallel" -o /dev/null -w '%{http_code}\n' "$@" \
		"$url?[1-$n]" | sort | uniq -c | awk '{ print $1, $2 }'
}

# ---- the sandbox is on ----

@test "08: says 'listening on 127.0.0.1:PORT' once, on the port the kernel chose" {
	check_says_listening_once
}

@test "08: once the listener is set up, it lists the syscalls it allows and loads its filter: Seccomp: 2 in /proc" {
	start_sandboxed
	run srv_out
	assert_line --index 5 'listen(3, 4096) = 0'
	assert_line --index 7 --regexp '^spare fd [0-9]+ -> /dev/null, kept for when the fds run out \(copied from fd [0-9]+\)$'
	assert_line --index 8 'epoll_create1(EPOLL_CLOEXEC) = fd 4'
	assert_line --index 9 'epoll_ctl(4, EPOLL_CTL_ADD, 3, EPOLLIN) = 0'
	assert_line --index 10 --regexp "^seccomp: (10|13) syscalls allowed: $ALLOWED_RE\$"
	assert_line --index 11 'seccomp: any other syscall kills the server with SIGSYS'
	assert_line --index 12 'seccomp_load() = 0: the sandbox is on, for good'
	# the kernel says so: mode 2 is a seccomp-BPF filter, one of them, and no_new_privs is set
	run status_field "$SERVER_PID" Seccomp
	assert_output 2
	run status_field "$SERVER_PID" Seccomp_filters
	assert_output 1
	run status_field "$SERVER_PID" NoNewPrivs
	assert_output 1
}

@test "08: -h prints the usage on stdout and exits 0" {
	check_help
	assert_line --index 0 'usage: 08-sandbox [-a ADDR] [-p PORT] [-b BACKLOG] [-n N] [-e] [-c N] [-t SECONDS] [-E] [-h]'
}

@test "08: bad options give a message and the usage on stderr, and exit 2" {
	check_bad_options
}

@test "08: a port already in use gives '08-sandbox: bind: Address already in use' and exit 1, before any sandbox" {
	check_busy_port
	refute_line --partial 'seccomp'
}

# ---- serving in the sandbox ----

@test "08: GET /hello answers 200 'Hello, world!' from inside the sandbox, Server: sockwalk/08" {
	start_sandboxed
	run http -i "http://127.0.0.1:$PORT/hello"
	assert_success
	assert_line --index 0 'HTTP/1.1 200 OK'
	assert_line 'Server: sockwalk/08'
	assert_line 'Content-Length: 14'
	assert_line --index $((${#lines[@]} - 1)) 'Hello, world!'
	run http "http://127.0.0.1:$PORT/"
	assert_line '<h1>sockwalk 08-sandbox</h1>'
	assert_line '<li><a href="/forbidden">/forbidden</a>: a syscall the sandbox does not allow'
}

@test "08: under load, 2000 requests, 50 connections at a time, kept alive or not, are all answered 200 in the sandbox" {
	start_sandboxed
	run load_http "http://127.0.0.1:$PORT/hello" 1000 50
	assert_output '1000 200'
	run load_http "http://127.0.0.1:$PORT/" 1000 50 -H 'Connection: close'
	assert_output '1000 200'
	# still serving, still sandboxed, nothing refused on the way
	run http "http://127.0.0.1:$PORT/hello"
	assert_output 'Hello, world!'
	run status_field "$SERVER_PID" Seccomp
	assert_output 2
	assert_equal "$(cat "$BATS_TEST_TMPDIR/srv.err")" ''
	run grep -c '^accept4(3) = fd ' "$BATS_TEST_TMPDIR/srv.out"
	[ "$output" -ge 1001 ] || fail "only $output connections accepted"
	# the heap grew and shrank for the clients' buffers: brk is on the list for that
	kill -TERM "$SERVER_PID"
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
}

@test "08 -e: edge-triggered, under load, 1000 requests, 50 connections at a time, are all answered 200" {
	start_sandboxed -e
	run load_http "http://127.0.0.1:$PORT/hello" 1000 50
	assert_output '1000 200'
	run status_field "$SERVER_PID" Seccomp
	assert_output 2
	assert_equal "$(cat "$BATS_TEST_TMPDIR/srv.err")" ''
}

@test "08: thousands of pipelined requests fill the send buffer: EAGAIN, then EPOLLOUT, all answered in the sandbox" {
	local wmem rmem n chunk fd writer reply i
	read -r _ _ wmem </proc/sys/net/ipv4/tcp_wmem
	read -r _ rmem _ </proc/sys/net/ipv4/tcp_rmem
	n=$(((wmem + 2 * rmem) / 250 / 1000 + 1)) # thousands of requests
	[ "$n" -le 100 ] || skip "socket buffers of $wmem bytes need more than 100000 requests to fill"
	printf -v chunk '%.0sGET / HTTP/1.1\r\nHost: a\r\n\r\n' {1..1000}
	for ((i = 0; i < n; i++)); do printf '%s' "$chunk"; done >"$BATS_TEST_TMPDIR/requests"
	printf 'GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n' >>"$BATS_TEST_TMPDIR/requests"
	start_sandboxed
	exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
	cat "$BATS_TEST_TMPDIR/requests" >&"$fd" &
	writer=$!
	track "$writer"
	# nobody reads the answers until the server has met a full send buffer
	for ((i = 0; i < 3000; i++)); do
		tail -c 4096 "$BATS_TEST_TMPDIR/srv.out" | grep -qE '^send\(5\) = EAGAIN: ' && break
		kill -0 "$SERVER_PID" || break
		sleep 0.01
	done
	reply=$(timeout 60 cat <&"$fd" | tr -d '\r' | grep -E '^(HTTP/1\.1 |Hello)' | uniq -c)
	exec {fd}>&-
	wait "$writer"
	run printf '%s\n' "$reply"
	assert_output --regexp "^ +$((n * 1000 + 1)) HTTP/1\.1 200 OK
 +1 Hello, world!$"
	run grep -m1 -E '^epoll_ctl\(4, EPOLL_CTL_MOD, 5, (EPOLLIN\|)?EPOLLOUT\) = 0$' "$BATS_TEST_TMPDIR/srv.out"
	assert_success
	kill -0 "$SERVER_PID"
}

@test "08: clients that close or reset mid-request end only their connection; -n 3 counts them and exits 0" {
	local fd
	start_sandboxed -n 3
	exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
	local req
	printf -v req 'GET /hello HTTP/1.1\r\nHo'
	head -c "${#req}" <<<"$req" >&"$fd" # one write: bash's printf writes up to each newline
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^read\(5\) = 23: ' "$SERVER_PID"
	exec {fd}>&-
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^fd 5: the client left in the middle of a request$' "$SERVER_PID"
	run "$CLIENT" -p "$PORT" -m 'GET /hello HTTP/1.1' -r
	assert_success
	run http "http://127.0.0.1:$PORT/hello"
	assert_output 'Hello, world!'
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run srv_out
	assert_line 'served 3 connections'
	assert_line --index $((${#lines[@]} - 1)) 'close(3) = 0'
}

@test "08: Ctrl-C (SIGINT) lets a connected client go and exits 0 from inside the sandbox" {
	check_stops_on_signal INT
}

@test "08: SIGTERM lets a connected client go and exits 0 from inside the sandbox" {
	check_stops_on_signal TERM
}

# ---- a syscall outside the sandbox ----

@test "08: GET /forbidden: the kernel refuses open(\"/etc/passwd\") and kills the server with SIGSYS; the client gets no answer" {
	start_sandboxed
	run http "http://127.0.0.1:$PORT/forbidden"
	assert_failure 52 # curl: (52) Empty reply from server
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" $((128 + 31)) # SIGSYS is signal 31
	# the narration stops where the server tried: open() never returned, so there is no error message either
	run srv_out
	assert_line --index $((${#lines[@]} - 1)) 'open("/etc/passwd", O_RDONLY): a syscall the sandbox does not allow'
	refute_line --partial 'GET /forbidden HTTP/1.1 ->'
	assert_equal "$(cat "$BATS_TEST_TMPDIR/srv.err")" ''
}

@test "08 -E: GET /forbidden fails with EPERM: the client gets 500, the server says why and goes on serving" {
	start_sandboxed -E
	run srv_out
	assert_line 'seccomp: any other syscall fails with EPERM'
	run http -i "http://127.0.0.1:$PORT/forbidden"
	assert_success
	assert_line --index 0 'HTTP/1.1 500 Internal Server Error'
	assert_line '500 internal server error'
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^fd 5: GET /forbidden HTTP/1\.1 -> 500 Internal Server Error$' "$SERVER_PID"
	run cat "$BATS_TEST_TMPDIR/srv.err"
	assert_output '08-sandbox: open: Operation not permitted'
	# the next request is answered as usual, in the same sandbox
	run http "http://127.0.0.1:$PORT/hello"
	assert_output 'Hello, world!'
	run status_field "$SERVER_PID" Seccomp
	assert_output 2
}

@test "08: DELETE /forbidden answers 405 and tries nothing" {
	start_sandboxed
	run http -i -X DELETE "http://127.0.0.1:$PORT/forbidden"
	assert_success
	assert_line --index 0 'HTTP/1.1 405 Method Not Allowed'
	kill -0 "$SERVER_PID"
	run srv_out
	refute_line --partial 'open("/etc/passwd"'
}

# ---- under a tracer (bin/tracer --no-explain, or SOCKWALK_TRACER=strace) ----

@test "08 traced: the filter is loaded after the listener's epoll_ctl, then only allowed calls; /forbidden's openat ends in SIGSYS" {
	start_traced_server tr "$BIN/$STAGE" -a 127.0.0.1 -p 0
	wait_for_line "$BATS_TEST_TMPDIR/tr.out" '^seccomp_load\(\) = 0' "$SERVER_PID"
	run http "http://127.0.0.1:$PORT/hello"
	assert_output 'Hello, world!'
	run http "http://127.0.0.1:$PORT/forbidden"
	assert_failure 52
	finish_trace tr
	assert_equal "$EXIT_STATUS" $((128 + 31))
	# the call the kernel refused never ran: what shows as its result is its own number (openat is 257 on
	# x86_64), left in the register the result would have been written to
	assert_calls_in_order tr \
		'^listen\(3, 4096\) += 0$' \
		'^epoll_ctl\(4, EPOLL_CTL_ADD, 3, \{events=EPOLLIN, data=\{u32=3, u64=3\}\}\) += 0$' \
		'^prctl\(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0\) += 0$' \
		'^seccomp\(.*\) += 0$' \
		'^accept4\(3, ' \
		'^write\(5, "HTTP/1\.1 200 OK' \
		'^openat\(AT_FDCWD, "/etc/passwd", O_RDONLY\) += [0-9]+$' \
		'^--- SIGSYS \{si_signo=SIGSYS, si_code=' \
		'^\+\+\+ killed by SIGSYS( \(core dumped\))? \+\+\+$'
	# once the filter is on, every call the server made is on its list, but the one it was killed for
	local allowed name
	allowed=$(sed -n 's/^seccomp: [0-9]* syscalls allowed: //p' "$BATS_TEST_TMPDIR/tr.out")
	run bash -c "sed -n '/^seccomp(SECCOMP_SET_MODE_FILTER, 0, {len=/,\$p' '$BATS_TEST_TMPDIR/tr.trace' | sed 1d |
		grep -oE '^[a-z0-9_]+\\(' | tr -d '(' | sort -u"
	[ "${#lines[@]}" -ge 5 ] || fail "too few calls after the filter: ${lines[*]}"
	for name in "${lines[@]}"; do
		[[ " $allowed openat " == *" $name "* ]] || fail "$name was made in the sandbox but is not on its list ($allowed)"
	done
}

@test "08 -E traced: the refused openat returns -1 EPERM, the server says so on stderr and answers 500" {
	start_traced_server tr "$BIN/$STAGE" -E -a 127.0.0.1 -p 0 -n 1
	wait_for_line "$BATS_TEST_TMPDIR/tr.out" '^seccomp_load\(\) = 0' "$SERVER_PID"
	run http -H 'Connection: close' "http://127.0.0.1:$PORT/forbidden"
	assert_output '500 internal server error'
	finish_trace tr
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order tr \
		'^seccomp\(SECCOMP_SET_MODE_FILTER, 0, \{len=' \
		'^openat\(AT_FDCWD, "/etc/passwd", O_RDONLY\) += -1 EPERM \(Operation not permitted\)$' \
		'^write\(2, "08-sandbox: open: Operation not "\.\.\., 42\) += 42$' \
		'^write\(5, "HTTP/1\.1 500 Internal Server Err"\.\.\., [0-9]+\) += [0-9]+$' \
		'^exit_group\(0\) += \?$'
}

# ---- bin/tracer against strace ----

@test "08: bin/tracer prints stage 08 serving a client as strace does (compare-strace --stage 08), seccomp() aside" {
	run "$ROOT/scripts/compare-strace" --stage 08 -e 'trace=!seccomp'
	assert_success
}

@test "08: bin/tracer prints the sandbox's seccomp() calls as strace does: SECCOMP_SET_MODE_FILTER, {len=N, filter=ADDR}" {
	run "$ROOT/scripts/compare-strace" --keep "$BATS_TEST_TMPDIR/keep" --stage 08 -e trace=prctl,seccomp
	# known gap, reported: tracer/ has no decoder for seccomp() yet and prints its raw arguments
	if [ "$status" -eq 1 ] && grep -qE '^seccomp\(0x1, 0, 0x[0-9a-f]+\) += 0$' "$BATS_TEST_TMPDIR/keep/tracer.raw"; then
		skip "bin/tracer does not decode seccomp()'s arguments yet"
	fi
	assert_success
	run cat "$BATS_TEST_TMPDIR/keep/tracer.raw"
	assert_line --regexp '^seccomp\(SECCOMP_SET_MODE_FILTER, 0, \{len=[0-9]+, filter=0x[0-9a-f]+\}\) += 0$'
}

# Run the stage under bin/tracer -f (explanations on, as a learner runs it), ask for GET /forbidden, wait
# for the end; the trace, pids taken out, is in tr.trace.
forbidden_under_our_tracer() {
	start_server tr "$BIN/tracer" -f -o "$BATS_TEST_TMPDIR/tr.raw" -- "$BIN/$STAGE" -a 127.0.0.1 -p 0
	local tracer=$SERVER_PID
	run http "http://127.0.0.1:$PORT/forbidden"
	assert_failure 52
	wait_for_exit "$tracer" 10
	assert_equal "$EXIT_STATUS" $((128 + 31))
	strip_pids "$BATS_TEST_TMPDIR/tr.raw" >"$BATS_TEST_TMPDIR/tr.trace"
}

@test "08 under bin/tracer -f: the forbidden openat, then SIGSYS, then 'killed by SIGSYS'; the tracer exits 159" {
	forbidden_under_our_tracer
	assert_calls_in_order tr \
		'^openat\(AT_FDCWD, "/etc/passwd", O_RDONLY\) += [0-9]+$' \
		'^--- SIGSYS \{si_signo=SIGSYS, si_code=' \
		'^\+\+\+ killed by SIGSYS( \(core dumped\))? \+\+\+$'
}

@test "08 under bin/tracer -f: the SIGSYS line names the refused syscall as strace does (si_code=SYS_SECCOMP, si_syscall)" {
	forbidden_under_our_tracer
	run grep -E '^--- SIGSYS ' "$BATS_TEST_TMPDIR/tr.trace"
	assert_success
	# known gap, reported: tracer/siginfo.c does not decode SIGSYS's fields yet
	[ "$output" != '--- SIGSYS {si_signo=SIGSYS, si_code=1} ---' ] ||
		skip "bin/tracer prints '$output': SIGSYS's SYS_SECCOMP fields are not decoded yet"
	assert_output --regexp '^--- SIGSYS \{si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x[0-9a-f]+, si_syscall=__NR_openat, si_arch=AUDIT_ARCH_[A-Z0-9_]+\} ---$'
}

# ---- the docs ----

@test "08: docs/seccomp.md shows the allowlist the stage prints" {
	start_sandboxed
	local printed
	# a sanitizer build adds its allocator's calls; the page shows the normal build's list
	printed=$(grep '^seccomp: [0-9]* syscalls allowed: ' "$BATS_TEST_TMPDIR/srv.out" |
		sed -E 's/^seccomp: 13 (.*) mmap munmap madvise$/seccomp: 10 \1/')
	run grep -c -x -F "$printed" "$ROOT/docs/seccomp.md"
	assert_output 1
}
