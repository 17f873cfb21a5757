# helpers.bash -- shared by every bats file: assertions, starting a server and learning its port,
# and killing everything a test started.

load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

ROOT="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
BIN="$ROOT/bin"

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

# Processes started by a test; teardown kills each by its own pid.
STARTED_PIDS=()

# start_server NAME CMD... -- run CMD in the background, its stdout in $BATS_TEST_TMPDIR/NAME.out and
# stderr in NAME.err, and wait (up to 10 s) for its "listening on ADDR:PORT" line. Sets SERVER_PID and
# PORT. Fails with the server's output if it exits or never says it is listening.
start_server() {
	local name="$1"
	shift
	local out="$BATS_TEST_TMPDIR/$name.out" err="$BATS_TEST_TMPDIR/$name.err"
	[ "$1" = fresh_fds ] && shift # callers that asked for it themselves
	# emptied here, not by the background job's redirection: a server started earlier under the same NAME
	# left its "listening on" line, which the wait below would otherwise take for this one's
	: >"$out"
	: >"$err"
	fresh_fds "$@" >"$out" 2>"$err" &
	SERVER_PID=$!
	STARTED_PIDS+=("$SERVER_PID")
	wait_for_line "$out" 'listening on ' "$SERVER_PID" || {
		echo "server '$*' did not say 'listening on'; its stdout:" >&2
		cat "$out" >&2
		echo "its stderr:" >&2
		cat "$err" >&2
		return 1
	}
	PORT=$(grep -m1 'listening on ' "$out" | sed -E 's/.*:([0-9]+)$/\1/')
	[ -n "$PORT" ]
}

# wait_for_line FILE REGEX [PID] -- readiness check: poll FILE until a line matches REGEX (10 s at most),
# giving up early if PID is given and has exited.
wait_for_line() {
	local file="$1" re="$2" pid="${3:-}" i
	for ((i = 0; i < 1000; i++)); do
		grep -qE -- "$re" "$file" 2>/dev/null && return 0
		if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
			grep -qE -- "$re" "$file" 2>/dev/null && return 0
			return 1
		fi
		sleep 0.01
	done
	return 1
}

# wait_for_exit PID [SECONDS] -- wait for a process we started to exit (default 10 s); sets EXIT_STATUS.
wait_for_exit() {
	local pid="$1" limit="${2:-10}" i
	for ((i = 0; i < limit * 100; i++)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			EXIT_STATUS=0
			wait "$pid" 2>/dev/null || EXIT_STATUS=$? # not our child: its status is not ours to read
			return 0
		fi
		sleep 0.01
	done
	return 1
}

# track PID -- make teardown kill a process the test started by other means.
track() {
	STARTED_PIDS+=("$1")
}

kill_started() {
	local pid
	for pid in "${STARTED_PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${STARTED_PIDS[@]}"; do
		wait_for_exit "$pid" 2 || { kill -KILL "$pid" 2>/dev/null || true; }
	done
	STARTED_PIDS=()
}

teardown() {
	kill_started
}
