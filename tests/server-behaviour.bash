# server-behaviour.bash -- what the stage bats files share after helpers.bash: running a stage under a
# syscall tracer and matching its lines in order, and the behaviour checks every server stage must pass
# (one protocol check for 04, 05 and 06, as one test suite ran every variant of a server).
#
# A bats file loads it after helpers and names its stage:
#     load helpers
#     load server-behaviour
#     STAGE=04-accept
# then each @test calls one check, e.g. `check_answers_message_received`.

bats_require_minimum_version 1.5.0 # run --separate-stderr, run -N

# SOCKWALK_BIN=DIR runs these checks against binaries built elsewhere (e.g. a sanitizer build in /tmp).
BIN="${SOCKWALK_BIN:-$BIN}"

STAGE_BIN() { echo "$BIN/$STAGE"; }
# shellcheck disable=SC2034 # used by the checks below and by the bats files
CLIENT="$BIN/test-client"
# shellcheck disable=SC2034
REPLY='Message received.'

# fresh_fds CMD... -- run CMD with only stdin, stdout and stderr open, as from a terminal. bats keeps fds
# of its own open (3 and up) and a child inherits them; a stage would then get fd 5 from socket() where a
# learner sees 3, and a server left in the background would hold bats' output open.
fresh_fds() {
	local fd
	for fd in /proc/"$BASHPID"/fd/*; do
		fd=${fd##*/}
		[ "$fd" -gt 2 ] && eval "exec $fd>&-"
	done
	exec "$@"
}

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
# Syscall traces. strace for now; once bin/tracer prints strace-compatible lines, SOCKWALK_TRACER can point
# at it (e.g. SOCKWALK_TRACER="$BIN/tracer --no-explain") and every check below runs against our tracer.
read -r -a TRACER_CMD <<<"${SOCKWALK_TRACER:-strace}"
# LeakSanitizer cannot work under ptrace and would fail a sanitizer build (make check): no leak check there.
TRACED_ENV=(env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")

# traced NAME CMD... -- run CMD to the end under the tracer (-f), its stdout in NAME.out and stderr in
# NAME.err; the trace goes to NAME.trace, one syscall per line without strace's "PID " prefix.
# Returns CMD's exit status.
traced() {
	local name="$1" status=0
	shift
	(fresh_fds "${TRACED_ENV[@]}" "${TRACER_CMD[@]}" -f -o "$BATS_TEST_TMPDIR/$name.raw" "$@") \
		>"$BATS_TEST_TMPDIR/$name.out" 2>"$BATS_TEST_TMPDIR/$name.err" || status=$?
	strip_pids "$BATS_TEST_TMPDIR/$name.raw" >"$BATS_TEST_TMPDIR/$name.trace"
	return "$status"
}

# start_traced_server NAME CMD... -- start_server under the tracer. The tracer blocks SIGTERM while it
# runs a program, so the traced program's own pid is tracked too: teardown stops it, and the tracer then ends.
start_traced_server() {
	local name="$1"
	shift
	start_server "$name" fresh_fds "${TRACED_ENV[@]}" "${TRACER_CMD[@]}" -f -o "$BATS_TEST_TMPDIR/$name.raw" "$@" || return 1
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
