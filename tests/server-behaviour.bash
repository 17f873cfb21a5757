# server-behaviour.bash -- what the stage bats files share after helpers.bash: running a stage under a
# syscall tracer and matching its lines in order, and the behaviour checks every server stage must pass
# (one protocol check for 04, 05 and 06, as one test suite ran every variant of a server).
#
# A bats file loads it after helpers and names its stage:
#     load helpers
#     load server-behaviour
#     STAGE=04-accept
# then each @test calls one check, e.g. `check_answers_message_received`.

# shellcheck disable=SC2153,SC2154 # PORT, SERVER_PID, output, lines, stderr... are set by helpers.bash and bats
bats_require_minimum_version 1.5.0 # run --separate-stderr, run -N

# SOCKWALK_BIN=DIR runs these checks against binaries built elsewhere (e.g. a sanitizer build in /tmp).
BIN="${SOCKWALK_BIN:-$BIN}"

STAGE_BIN() { echo "$BIN/$STAGE"; }
# shellcheck disable=SC2034 # used by the checks below and by the bats files
CLIENT="$BIN/test-client"
# shellcheck disable=SC2034
REPLY='Message received.'

# stage ARGS... -- run this stage in the foreground with fresh fds (e.g. `run stage -p 0`).
stage() {
	(fresh_fds "$(STAGE_BIN)" "$@")
}

# start_stage NAME ARGS... -- start this stage as a server with fresh fds (start_server from helpers.bash:
# sets PORT and SERVER_PID; the pid is the stage's own, so teardown stops the stage itself).
start_stage() {
	local name="$1"
	shift
	start_server "$name" fresh_fds "$(STAGE_BIN)" "$@"
}

# ---------------------------------------------------------------------------------------------------------
# Syscall traces, by our own bin/tracer (with --no-explain: strace's lines) unless SOCKWALK_TRACER names
# another tracer taking strace's -f and -o: SOCKWALK_TRACER=strace runs every trace check below against
# strace, the reference our tracer is held to.
if [ "${SOCKWALK_TRACER:-tracer}" = tracer ]; then
	TRACER_CMD=("$BIN/tracer" --no-explain)
else
	read -r -a TRACER_CMD <<<"$SOCKWALK_TRACER"
fi
# LeakSanitizer cannot work under ptrace and would fail a sanitizer build (make check): no leak check there.
TRACED_ENV=(env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")

# traced NAME CMD... -- run CMD to the end under the tracer (-f), its stdout in NAME.out and stderr in
# NAME.err; the trace goes to NAME.trace, one syscall per line without strace's "PID " prefix.
# Returns CMD's exit status.
traced() {
	local name="$1" status=0
	shift
	(fresh_fds "${TRACED_ENV[@]}" "${TRACER_CMD[@]}" -f -o "$BATS_TEST_TMPDIR/$name.raw" -- "$@") \
		>"$BATS_TEST_TMPDIR/$name.out" 2>"$BATS_TEST_TMPDIR/$name.err" || status=$?
	strip_pids "$BATS_TEST_TMPDIR/$name.raw" >"$BATS_TEST_TMPDIR/$name.trace"
	return "$status"
}

# start_traced_server NAME CMD... -- start_server under the tracer. The tracer blocks SIGTERM while it
# runs a program, so the traced program's own pid is tracked too: teardown stops it, and the tracer then ends.
start_traced_server() {
	local name="$1"
	shift
	start_server "$name" fresh_fds "${TRACED_ENV[@]}" "${TRACER_CMD[@]}" -f -o "$BATS_TEST_TMPDIR/$name.raw" -- "$@" || return 1
	TRACER_PID=$SERVER_PID
	SERVER_PID=$(pgrep -P "$TRACER_PID")
	[ -n "$SERVER_PID" ] || { echo "no traced program under tracer pid $TRACER_PID" >&2; return 1; }
	track "$SERVER_PID"
}

# finish_trace NAME -- wait for a traced server started by start_traced_server to end (it must end by
# itself, e.g. thanks to -n), then write NAME.trace. Sets EXIT_STATUS to the tracer's (= the program's) status.
finish_trace() {
	local name="$1"
	wait_for_exit "$TRACER_PID" 10 || { echo "the traced server did not exit" >&2; return 1; }
	# the traced program ended with its tracer: teardown need not (and, not its parent, cannot) wait for it
	local pid kept=()
	for pid in "${STARTED_PIDS[@]}"; do
		[ "$pid" = "$SERVER_PID" ] || kept+=("$pid")
	done
	STARTED_PIDS=("${kept[@]}")
	strip_pids "$BATS_TEST_TMPDIR/$name.raw" >"$BATS_TEST_TMPDIR/$name.trace"
}

strip_pids() {
	sed -E 's/^[0-9]+ +//' "$1"
}

# trace_of NAME -- print NAME.trace, for `run trace_of NAME` followed by assert_line.
trace_of() {
	cat "$BATS_TEST_TMPDIR/$1.trace"
}

# assert_calls_in_order NAME REGEX... -- each extended REGEX matches a line of NAME.trace, each on a
# later line than the one before: the syscalls happened in this order.
assert_calls_in_order() {
	local trace="$BATS_TEST_TMPDIR/$1.trace" re after=0 n
	shift
	for re in "$@"; do
		n=$(tail -n "+$((after + 1))" "$trace" | grep -n -m1 -E -- "$re" | cut -d: -f1) || true
		if [ -z "$n" ]; then
			{
				echo "-- no line matching /$re/ after line $after of the trace --"
				echo "expected in this order:"
				printf '  %s\n' "$@"
				echo "trace:"
				cat -n "$trace"
				echo "--"
			} >&2
			return 1
		fi
		after=$((after + n))
	done
}

# ---------------------------------------------------------------------------------------------------------
# Behaviour every server stage (04, 05, 06) must show. Each check starts its own server on port 0; extra
# arguments for the server (e.g. -e for 06's edge-triggered mode) come from SERVER_ARGS.
SERVER_ARGS=()

# It says "listening on ADDR:PORT" exactly once, with the port the kernel chose, and ss sees it listening.
check_says_listening_once() {
	start_stage srv "${SERVER_ARGS[@]}" -a 127.0.0.1 -p 0
	run grep 'listening on' "$BATS_TEST_TMPDIR/srv.out"
	assert_output "listening on 127.0.0.1:$PORT"
	[ "$PORT" -gt 0 ]
	run ss -Hltn "sport = :$PORT"
	assert_output --regexp "^LISTEN .* 127\.0\.0\.1:$PORT "
}

# A client sends a line and reads "Message received."; the server prints what it read and closes.
check_answers_message_received() {
	start_stage srv "${SERVER_ARGS[@]}" -p 0
	run "$CLIENT" -p "$PORT" -m $'hello from a test\n'
	assert_success
	assert_line "connection 1: $REPLY"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^close\([0-9]+\) = 0$' "$SERVER_PID"
	run cat "$BATS_TEST_TMPDIR/srv.out"
	assert_line --regexp '^accept4\(3\) = fd [0-9]+, client 127\.0\.0\.1:[0-9]+$'
	assert_line --regexp '^read\([0-9]+\) = 18: "hello from a test\\n"$'
	assert_line --regexp '^send\([0-9]+, "Message received\.\\n"\) = 18$'
}

# The same over IPv6: -a ::1 prints [::1]:PORT and an IPv6 client is answered.
check_ipv6() {
	start_stage srv "${SERVER_ARGS[@]}" -a ::1 -p 0
	run grep 'listening on' "$BATS_TEST_TMPDIR/srv.out"
	assert_output "listening on [::1]:$PORT"
	run "$CLIENT" -a ::1 -p "$PORT"
	assert_success
	assert_line "connection 1: $REPLY"
	run cat "$BATS_TEST_TMPDIR/srv.out"
	assert_line --regexp '^accept4\(3\) = fd [0-9]+, client \[::1\]:[0-9]+$'
}

# -n 3: three clients one after another are answered, then the server exits 0 by itself.
check_serves_n_then_exits() {
	start_stage srv "${SERVER_ARGS[@]}" -p 0 -n 3
	local i
	for i in 1 2 3; do
		run "$CLIENT" -p "$PORT" -m "client $i"
		assert_success
	done
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run cat "$BATS_TEST_TMPDIR/srv.out"
	assert_line 'served 3 connections'
	assert_line --index $((${#lines[@]} - 1)) 'close(3) = 0'
}

# SIG is INT (Ctrl-C) or TERM. A client is connected and silent when the signal comes: the server lets it
# go (the client reads end-of-file or a reset at once, it is not left waiting), closes the listener and
# exits 0, and the port is free again.
check_stops_on_signal() {
	local sig="$1" fd status=0
	start_stage srv "${SERVER_ARGS[@]}" -a 127.0.0.1 -p 0
	exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^accept4\(3\)' "$SERVER_PID"
	kill -"$sig" "$SERVER_PID"
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	read -r -t 5 -u "$fd" _ || status=$?
	exec {fd}>&-
	[ "$status" -eq 1 ] || fail "the connected client was not let go (read status $status; >128 means it timed out)"
	run cat "$BATS_TEST_TMPDIR/srv.out"
	assert_line "got SIG$sig"
	assert_line 'close(3) = 0'
	run ss -Hltn "sport = :$PORT"
	assert_output ''
}

# A server restarted on its port binds it at once, although its last connection is still in TIME_WAIT
# (the server closed it first): that is what SO_REUSEADDR is for.
check_restarts_on_same_port() {
	start_stage first "${SERVER_ARGS[@]}" -a 127.0.0.1 -p 0 -n 1
	local port=$PORT
	run "$CLIENT" -p "$port"
	assert_success
	wait_for_exit "$SERVER_PID" 5
	run ss -Htn state time-wait "sport = :$port"
	assert_output --partial "127.0.0.1:$port"
	start_stage again "${SERVER_ARGS[@]}" -a 127.0.0.1 -p "$port"
	assert_equal "$PORT" "$port"
}

# A port some server listens on: "NN-name: bind: Address already in use", exit 1, never "listening on".
check_busy_port() {
	start_stage first "${SERVER_ARGS[@]}" -a 127.0.0.1 -p 0
	run stage "${SERVER_ARGS[@]}" -a 127.0.0.1 -p "$PORT"
	assert_failure 1
	assert_line "$STAGE: bind: Address already in use"
	refute_line --partial 'listening on'
}

# Wrong arguments: a message naming the problem, the usage, on stderr, exit 2.
check_bad_options() {
	run --separate-stderr stage -x
	assert_failure 2
	assert_equal "$output" ''
	assert_equal "${stderr_lines[0]}" "$STAGE: unknown option -x"
	assert_equal "${stderr_lines[1]:0:$((8 + ${#STAGE}))}" "usage: $STAGE "
	run stage -p 70000
	assert_failure 2
	assert_line "$STAGE: bad port '70000': want a number from 0 to 65535"
	run stage -p
	assert_failure 2
	assert_line "$STAGE: option -p needs a value"
	run stage -a localhost
	assert_failure 2
	assert_line --partial "bad address 'localhost'"
	run stage -n 0
	assert_failure 2
	assert_line "$STAGE: bad count '0': want a number from 1 up"
	run stage -b -1
	assert_failure 2
	assert_line "$STAGE: bad backlog '-1': want a number from 0 up"
	run stage -p 0 surplus
	assert_failure 2
	assert_line "$STAGE: unexpected argument 'surplus'"
}

# -h: the usage with every common server option, on stdout, exit 0.
check_help() {
	run --separate-stderr stage -h
	assert_success
	assert_line --index 0 --regexp "^usage: $STAGE \[-a ADDR\] \[-p PORT\] \[-b BACKLOG\] \[-n N\]( \[-e\])?( \[-c N\])?( \[-t SECONDS\])?( \[-E\])? \[-h\]$"
	assert_line --regexp '^  -n N +serve N connections, then exit'
	assert_equal "$stderr" ''
}

# Clients that go away in the middle: one connects and closes without a word, one sends half a line and
# resets the connection, one sends a line and resets before the answer reaches it. Each of them ends only
# its own connection: the server is still there and answers the next client.
check_survives_client_disconnect() {
	local fd
	start_stage srv "${SERVER_ARGS[@]}" -p 0
	exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
	exec {fd}>&-
	run "$CLIENT" -p "$PORT" -m 'half a li' -r
	assert_success
	run "$CLIENT" -p "$PORT" -m $'a whole line\n' -r
	assert_success
	run "$CLIENT" -p "$PORT" -m $'still there?\n'
	assert_success
	assert_line "connection 1: $REPLY"
	kill -0 "$SERVER_PID"
	run cat "$BATS_TEST_TMPDIR/srv.out"
	assert_line --regexp '^read\([0-9]+\) = 0: the client closed without sending anything$'
	assert_line --regexp '^read\([0-9]+\) = 13: "still there\?\\n"$'
}

# N clients all connect first, then all send, then all read: every one is answered, and -n N ends the server.
check_serves_many_together() {
	local n="$1"
	start_stage srv "${SERVER_ARGS[@]}" -p 0 -n "$n"
	run timeout 60 "$CLIENT" -q -p "$PORT" -c "$n" -o together
	assert_success
	assert_output "$n of $n answered \"$REPLY\""
	wait_for_exit "$SERVER_PID" 10
	assert_equal "$EXIT_STATUS" 0
	run grep -c '^send(.*) = 18$' "$BATS_TEST_TMPDIR/srv.out"
	assert_output "$n"
}

# N clients connect; the LAST one sends first and must be answered while the other N-1 are connected and
# silent, then the next-to-last, and so on. A server that waits on one client at a time cannot do this.
# All N connections were open at once in the server: it handed out N client fds without closing one.
check_serves_many_at_once() {
	local n="$1" first_fd="$2"
	start_stage srv "${SERVER_ARGS[@]}" -p 0 -n "$n"
	run timeout 60 "$CLIENT" -q -p "$PORT" -c "$n" -o reverse
	assert_success
	assert_output "$n of $n answered \"$REPLY\""
	wait_for_exit "$SERVER_PID" 10
	assert_equal "$EXIT_STATUS" 0
	run cat "$BATS_TEST_TMPDIR/srv.out"
	assert_line --regexp "^accept4\(3\) = fd $((first_fd + n - 1)), client "
	# the first client (fd $first_fd) was served last
	run grep -E '^send\(' "$BATS_TEST_TMPDIR/srv.out"
	assert_line --index $((n - 1)) --regexp "^send\($first_fd, "
}
