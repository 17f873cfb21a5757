#!/usr/bin/env bats
# 12-reuseport: N worker processes (-w N), each with a listener of its own on one port (SO_REUSEPORT), the
# kernel spreading connections across their accept queues; -s: one listener shared by all the workers.
# Each worker is 04's one-client-at-a-time server and prefixes its lines with "worker N: ".

# shellcheck disable=SC2153,SC2154 # PORT, SERVER_PID, stderr, fds named by udp_socket... are set by helpers and bats
load helpers
load server-behaviour
# shellcheck disable=SC2034 # read by server-behaviour.bash
STAGE=12-reuseport

# A sanitizer build reads /proc/self/maps as it starts, different from run to run with address space
# randomisation, and asks the clock by syscall: the runs compared with strace's go without randomisation
# (setarch -R) and without clock_gettime, under both tracers.
NO_ASLR=() SAN_FILTER=()
if ldd "$BIN/12-reuseport" 2>/dev/null | grep -q libasan; then
	NO_ASLR=(setarch "$(uname -m)" -R)
	SAN_FILTER=(-e 'trace=!clock_gettime')
fi

# client09 ARGS... -- 09-client with fresh fds.
client09() {
	(fresh_fds "$BIN/09-client" "$@")
}

srv_out() {
	cat "$BATS_TEST_TMPDIR/srv.out"
}

# The workers that accepted connections, one line each: "worker N: K accepted".
accepts_by_worker() {
	sed -nE 's/^(worker [0-9]+): accept4\(.*/\1/p' "$BATS_TEST_TMPDIR/${1:-srv}.out" | sort | uniq -c |
		awk '{ print $2 " " $3 ": " $1 " accepted" }'
}

# clients_at_once N -- N 09-clients (a line each, at most 1 s to wait for the answer) started together;
# prints how many were answered.
clients_at_once() {
	local n=$1 i pids=() ok=0
	for ((i = 1; i <= n; i++)); do
		client09 -a 127.0.0.1 -p "$PORT" -m "client $i" -t 1 >"$BATS_TEST_TMPDIR/c$i.out" 2>&1 &
		pids+=($!)
	done
	for i in "${pids[@]}"; do
		if wait "$i"; then ok=$((ok + 1)); fi
	done
	echo "$ok"
}

# ---- SO_REUSEPORT: one listener per worker ----

@test "12: -w 4 makes four listeners on one port, each in its own worker process: ss sees four LISTEN sockets" {
	start_stage srv -a 127.0.0.1 -p 0 -w 4
	run grep -c 'listening on' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 1
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^worker 4: close\(5\) = 0' "$SERVER_PID"
	run ss -Hltnp "sport = :$PORT"
	assert_equal "${#lines[@]}" 4
	run bash -c "ss -Hltnp 'sport = :$PORT' | grep -o 'pid=[0-9]*' | sort -u | wc -l"
	assert_output 4
	run srv_out
	assert_line 'setsockopt(3, SOL_SOCKET, SO_REUSEPORT, 1) = 0'
	assert_line 'bind(3, 127.0.0.1:0) = 0'
	assert_line "bind(4, 127.0.0.1:$PORT) = 0"
	assert_line "bind(6, 127.0.0.1:$PORT) = 0"
	assert_line 'worker 2: close(3) = 0: another worker'"'"'s listener'
	assert_line "close(3) = 0: the parent's copy"
}

@test "12: the kernel spreads 40 connections over more than one of 4 workers, and every one is answered" {
	start_stage srv -a 127.0.0.1 -p 0 -w 4
	run timeout 60 "$CLIENT" -q -p "$PORT" -c 40
	assert_success
	assert_output '40 of 40 answered "Message received."'
	run accepts_by_worker
	printf '# %s\n' "${lines[@]}" >&3 # how the kernel spread them, in the TAP output
	[ "${#lines[@]}" -ge 2 ] || fail "all 40 connections went to one worker: $output"
	run grep -c 'accept4(' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 40
}

@test "12: with -n 1, a worker closes its listener when it takes its connection: two clients one after another end two workers" {
	start_stage srv -a 127.0.0.1 -p 0 -w 2 -n 1
	run client09 -a 127.0.0.1 -p "$PORT" -m first
	assert_success
	run client09 -a 127.0.0.1 -p "$PORT" -m second
	assert_success
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run accepts_by_worker
	assert_output $'worker 1: 1 accepted\nworker 2: 1 accepted'
	run srv_out
	assert_line 'worker 1: close(3) = 0: no more connections for this worker'
	assert_line 'worker 2: close(4) = 0: no more connections for this worker'
	assert_line '2 workers exited, 0 failed'
}

@test "12: a worker busy with a silent client holds up the connections the kernel put in its queue, though another worker is idle" {
	start_stage srv -a 127.0.0.1 -p 0 -w 2
	exec {silent}<>"/dev/tcp/127.0.0.1/$PORT"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" 'accept4\(' "$SERVER_PID"
	run clients_at_once 16
	# about half of them hashed to the busy worker's queue and got no answer within 1 s
	[ "$output" -lt 16 ] || fail "all 16 were answered: none went to the busy worker's queue"
	[ "$output" -gt 0 ] || fail "none of the 16 was answered by the idle worker"
	exec {silent}>&-
}

# ---- -s: one listener shared by every worker ----

@test "12 -s: one listener shared by four workers: ss sees one LISTEN socket held by four processes, no SO_REUSEPORT" {
	start_stage srv -s -a 127.0.0.1 -p 0 -w 4
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" "^close\(3\) = 0: the parent's copy" "$SERVER_PID"
	run ss -Hltnp "sport = :$PORT"
	assert_equal "${#lines[@]}" 1
	run bash -c "ss -Hltnp 'sport = :$PORT' | grep -o 'pid=[0-9]*' | sort -u | wc -l"
	assert_output 4
	run srv_out
	refute_line --partial 'SO_REUSEPORT'
	assert_line --regexp '^worker 1: pid [0-9]+, accepts on fd 3$'
	assert_line --regexp '^worker 4: pid [0-9]+, accepts on fd 3$'
}

@test "12 -s: with one shared queue, an idle worker takes every connection while another is busy with a silent client" {
	start_stage srv -s -a 127.0.0.1 -p 0 -w 2
	exec {silent}<>"/dev/tcp/127.0.0.1/$PORT"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" 'accept4\(' "$SERVER_PID"
	run clients_at_once 16
	assert_output 16
	exec {silent}>&-
}

@test "12 -s: with -n 1 the two workers take one connection each from the shared listener, then all exit 0" {
	start_stage srv -s -a 127.0.0.1 -p 0 -w 2 -n 1
	run client09 -a 127.0.0.1 -p "$PORT"
	assert_success
	run client09 -a 127.0.0.1 -p "$PORT"
	assert_success
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run accepts_by_worker
	assert_output $'worker 1: 1 accepted\nworker 2: 1 accepted'
	run grep -E '^worker [12]: accept4\(3\) = fd 4, client ' "$BATS_TEST_TMPDIR/srv.out"
	assert_equal "${#lines[@]}" 2
}

# ---- SO_REUSEPORT and SO_REUSEADDR ----

@test "12: SO_REUSEADDR is not enough: 04 (SO_REUSEADDR only) on 12's port gets EADDRINUSE; another 12 shares it" {
	start_stage a -a 127.0.0.1 -p 0 -w 1
	local port=$PORT
	run "$BIN/04-accept" -a 127.0.0.1 -p "$port"
	assert_failure 1
	assert_line '04-accept: bind: Address already in use'
	# a second, separate server process with SO_REUSEPORT joins the port
	start_stage b -a 127.0.0.1 -p "$port" -w 1
	assert_equal "$PORT" "$port"
	run ss -Hltn "sport = :$port"
	assert_equal "${#lines[@]}" 2
	# and the kernel spreads connections across the two programs
	run timeout 60 "$CLIENT" -q -p "$port" -c 30
	assert_success
	run accepts_by_worker a
	assert_output --regexp '^worker 1: [0-9]+ accepted$'
	run accepts_by_worker b
	assert_output --regexp '^worker 1: [0-9]+ accepted$'
}

@test "12: another user cannot join the port: SO_REUSEPORT wants the same user, the other gets EADDRINUSE" {
	[ "$(id -u)" -eq 0 ] || skip "needs root, to run a second server as another user"
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
	start_stage srv -a 127.0.0.1 -p 0 -w 1
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$(STAGE_BIN)" -a 127.0.0.1 -p "$PORT" -w 1
	assert_failure 1
	assert_line '12-reuseport: bind: Address already in use'
}

# ---- signals ----

@test "12: SIGTERM to the parent alone is passed on: every worker closes its listener and exits 0, then the parent" {
	start_stage srv -a 127.0.0.1 -p 0 -w 3
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^worker 3: close\(4\) = 0' "$SERVER_PID"
	kill -TERM "$SERVER_PID"
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run srv_out
	assert_line 'worker 1: got SIGTERM'
	assert_line 'worker 2: got SIGTERM'
	assert_line 'worker 3: got SIGTERM'
	assert_line 'worker 3: close(5) = 0: no more connections for this worker'
	assert_line 'got SIGTERM'
	assert_line --index $((${#lines[@]} - 1)) '3 workers exited, 0 failed'
	run ss -Hltn "sport = :$PORT"
	assert_output ''
}

@test "12: Ctrl-C (SIGINT to the whole process group) stops the workers and the parent, exit 0" {
	# setsid: a process group of its own, as a terminal gives a command; then SIGINT to the whole group
	start_server srv fresh_fds setsid "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -w 2
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^worker 2: close\(3\) = 0' "$SERVER_PID"
	kill -INT -- "-$SERVER_PID"
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run srv_out
	assert_line 'worker 1: got SIGINT'
	assert_line 'worker 2: got SIGINT'
	assert_line '2 workers exited, 0 failed'
}

# ---- the trace ----

@test "12: the tracer (-f) sees the parent make two SO_REUSEPORT listeners, fork twice, and each worker accept on its own" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -w 2 -n 1
	run client09 -a 127.0.0.1 -p "$PORT"
	assert_success
	run client09 -a 127.0.0.1 -p "$PORT"
	assert_success
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) += 3$' \
		'^setsockopt\(3, SOL_SOCKET, SO_REUSEPORT, \[1\], 4\) += 0$' \
		'^bind\(3, \{sa_family=AF_INET, sin_port=htons\(0\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) += 0$' \
		'^listen\(3, 4096\) += 0$' \
		'^socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) += 4$' \
		'^setsockopt\(4, SOL_SOCKET, SO_REUSEPORT, \[1\], 4\) += 0$' \
		"^bind\(4, \{sa_family=AF_INET, sin_port=htons\($PORT\), sin_addr=inet_addr\(\"127\.0\.0\.1\"\)\}, 16\) += 0$" \
		'^listen\(4, 4096\) += 0$' \
		'^clone\(child_stack=NULL, flags=CLONE_CHILD_CLEARTID\|CLONE_CHILD_SETTID\|SIGCHLD'
	# which process did what: the raw trace keeps the pids
	local raw="$BATS_TEST_TMPDIR/t.raw" parent w1 w2
	parent=$(awk 'NR == 1 { print $1 }' "$raw")
	w1=$(grep -E '^[0-9]+ +accept4\(3,' "$raw" | awk '{ print $1 }')
	w2=$(grep -E '^[0-9]+ +accept4\(4,' "$raw" | awk '{ print $1 }')
	[ -n "$w1" ] && [ -n "$w2" ] && [ "$w1" != "$w2" ] && [ "$w1" != "$parent" ] && [ "$w2" != "$parent" ] ||
		fail "accept4(3) by '$w1', accept4(4) by '$w2', parent $parent"
	run grep -cE "^$parent +(<\.\.\. )?clone.* = ($w1|$w2)\$" "$raw"
	assert_output 2
	run grep -E "^$parent +wait4\(-1, " "$raw"
	assert_equal "${#lines[@]}" 2
	# (a call may be cut in two in a -f trace, "close(4 <unfinished ...>": only its start is matched)
	run grep -E "^$w1 +close\(4[)< ]" "$raw"
	assert_success
	run grep -E "^$w2 +close\(3[)< ]" "$raw"
	assert_success
}

@test "12: the tracer (-f) sees SIGTERM reach the parent, the parent kill() each worker with it, and all three exit 0" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -w 2
	wait_for_line "$BATS_TEST_TMPDIR/t.out" '^worker 1: close\(4\) = 0' "$SERVER_PID"
	wait_for_line "$BATS_TEST_TMPDIR/t.out" '^worker 2: close\(3\) = 0' "$SERVER_PID"
	kill -TERM "$SERVER_PID"
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	local raw="$BATS_TEST_TMPDIR/t.raw" parent
	parent=$(awk 'NR == 1 { print $1 }' "$raw")
	# (a call may be cut in two in a -f trace, "kill(N, SIGTERM <unfinished ...>": only its start is matched)
	run grep -cE "^$parent +--- SIGTERM \\{si_signo=SIGTERM, si_code=SI_USER, " "$raw"
	assert_output 1
	run grep -cE "^$parent +kill\\([0-9]+, SIGTERM" "$raw"
	assert_output 2
	# each worker gets the parent's SIGTERM (si_pid is the parent), closes its listener and exits 0
	run grep -cE "^[0-9]+ +--- SIGTERM \{si_signo=SIGTERM, si_code=SI_USER, si_pid=$parent, " "$raw"
	assert_output 2
	run grep -cE '^[0-9]+ +\+\+\+ exited with 0 \+\+\+$' "$raw"
	assert_output 3
}

@test "12 -s: the tracer (-f) sees one listener without SO_REUSEPORT, and both workers accept on the same fd 3" {
	start_traced_server t "$(STAGE_BIN)" -s -a 127.0.0.1 -p 0 -w 2 -n 1
	run client09 -a 127.0.0.1 -p "$PORT"
	assert_success
	run client09 -a 127.0.0.1 -p "$PORT"
	assert_success
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	run trace_of t
	refute_line --partial 'SO_REUSEPORT'
	run grep -c '^listen(' "$BATS_TEST_TMPDIR/t.trace"
	assert_output 1
	run bash -c "grep -E '^[0-9]+ +accept4\(3,' '$BATS_TEST_TMPDIR/t.raw' | awk '{ print \$1 }' | sort -u | wc -l"
	assert_output 2
}

@test "12: the tracer says in plain words that SO_REUSEPORT shares the port, and why 04's listener still says no" {
	start_server srv fresh_fds "$BIN/04-accept" -a 127.0.0.1 -p 0
	(fresh_fds "${TRACED_ENV[@]}" "$BIN/tracer" -e trace=setsockopt,bind -o "$BATS_TEST_TMPDIR/e.txt" -- \
		"$(STAGE_BIN)" -a 127.0.0.1 -p "$PORT" -w 1 >/dev/null 2>&1) || true
	run cat "$BATS_TEST_TMPDIR/e.txt"
	assert_line --index 2 'setsockopt(3, SOL_SOCKET, SO_REUSEPORT, [1], 4) = 0'
	assert_line --index 3 --regexp '^  # .*share.*port'
	assert_line --index 4 --regexp "^bind\(3, .*\) += -1 EADDRINUSE \(Address already in use\)$"
	assert_line --index 5 --regexp "^  # .*$PORT"
}

# per_process FILE -- a compare-strace-normalised -f trace, process by process: the lines of PID1, then PID2...
# (compare-strace numbers the pids in the order they appear: the parent, then its children as fork() made them)
# (each process's own order kept), a call cut at "<unfinished ...>" joined with its "<... resumed>" part, and
# the pids the workers print (fork() = N, pid N), the CPU times of SIGCHLD and, in the parent's lines, which
# worker exited first replaced: what the two tracers must agree on, whatever the
# order in which the processes happened to run.
per_process() {
	awk '
		match($0, /^PID[0-9]+ /) {
			p = substr($0, 1, RLENGTH - 1); rest = substr($0, RLENGTH + 1)
			if (!(p in seen)) { seen[p] = 1; order[++n] = p }
			if (rest ~ / ?<unfinished \.\.\.>$/) { sub(/ ?<unfinished \.\.\.>$/, "", rest); pending[p] = rest; next }
			if (rest ~ /^<\.\.\. [a-z0-9_]+ resumed>/) { sub(/^<\.\.\. [a-z0-9_]+ resumed>/, "", rest); rest = pending[p] rest }
			gsub(/\) +=/, ") =", rest)
			gsub(/si_utime=[0-9]+( \/\* [0-9.]+ s \*\/)?, si_stime=[0-9]+( \/\* [0-9.]+ s \*\/)?/, "si_utime=T, si_stime=T", rest)
			gsub(/(fork\(\) = |waitpid\(-1\) = |: pid )[0-9]+/, "&#", rest); gsub(/[0-9]+#/, "N", rest)
			# the parent: which worker exits first depends on which one the kernel gave the first client
			if (p == order[1]) { gsub(/PID[2-9][0-9]*/, "PIDW", rest); gsub(/worker [0-9]+ ex/, "worker W ex", rest) }
			lines[p] = lines[p] rest "\n"
		}
		END { for (i = 1; i <= n; i++) printf "%s", lines["PID" i] }' "$1"
}

# same_as_strace MODE... -- 12 with two workers (and MODE, e.g. -s) under strace, then under bin/tracer
# --no-explain (both -f -yy), each serving two clients one after the other; the traces compared process by
# process.
same_as_strace() {
	local side
	command -v strace >/dev/null || skip "strace is not installed"
	for side in strace tracer; do
		local tr=(strace)
		[ "$side" = tracer ] && tr=("$BIN/tracer" --no-explain)
		start_server t fresh_fds "${TRACED_ENV[@]}" "${NO_ASLR[@]}" "${tr[@]}" "${SAN_FILTER[@]}" -f -yy -o "$BATS_TEST_TMPDIR/t.$side" -- \
			"$(STAGE_BIN)" "$@" -a 127.0.0.1 -p 0 -w 2 -n 1
		client09 -a 127.0.0.1 -p "$PORT" >/dev/null
		client09 -a 127.0.0.1 -p "$PORT" >/dev/null
		wait_for_exit "$SERVER_PID" 10
	done
	"$ROOT/scripts/compare-strace" --keep "$BATS_TEST_TMPDIR/keep" \
		--files "$BATS_TEST_TMPDIR/t.strace" "$BATS_TEST_TMPDIR/t.tracer" >/dev/null || true
	diff -u <(per_process "$BATS_TEST_TMPDIR/keep/strace.norm") <(per_process "$BATS_TEST_TMPDIR/keep/tracer.norm")
}

@test "12: bin/tracer prints the trace of the parent and of each worker (-f -yy) as strace does" {
	run same_as_strace
	assert_success
	run per_process "$BATS_TEST_TMPDIR/keep/tracer.norm"
	assert_line --regexp '^accept4\(3<TCP:\[127\.0\.0\.1:PORT\]>, '
	assert_line --regexp '^accept4\(4<TCP:\[127\.0\.0\.1:PORT\]>, '
}

@test "12 -s: bin/tracer prints the trace of the parent and of each worker (-f -yy) as strace does" {
	run same_as_strace -s
	assert_success
}

# ---- options ----

@test "12: -h prints the usage: -n per worker, -w N workers, -s" {
	run --separate-stderr stage -h
	assert_success
	assert_line --index 0 'usage: 12-reuseport [-a ADDR] [-p PORT] [-b BACKLOG] [-n N] [-w N] [-s] [-h]'
	assert_line --regexp '^  -n N +each worker serves N connections, then exits \(default: until Ctrl-C\)$'
	assert_line --regexp '^  -w N +start N worker processes, 1 to 64 \(default 4\)$'
	assert_line --regexp '^  -s +one listener shared by every worker, without SO_REUSEPORT$'
	assert_equal "$stderr" ''
}

@test "12: bad options give a message and the usage on stderr, and exit 2" {
	run --separate-stderr stage -w 0
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "12-reuseport: bad worker count '0': want a number from 1 to 64"
	assert_equal "${stderr_lines[1]}" 'usage: 12-reuseport [-a ADDR] [-p PORT] [-b BACKLOG] [-n N] [-w N] [-s] [-h]'
	run stage -w 65
	assert_failure 2
	assert_line "12-reuseport: bad worker count '65': want a number from 1 to 64"
	run stage -w
	assert_failure 2
	assert_line '12-reuseport: option -w needs a value'
	run stage -n 0
	assert_failure 2
	assert_line "12-reuseport: bad count '0': want a number from 1 up"
	run stage -e
	assert_failure 2
	assert_line '12-reuseport: unknown option -e'
}

@test "12: docs/12-reuseport.md shows the usage the server prints" {
	run stage -h
	usage=$output
	run sed -n '/^usage: 12-reuseport /,/^```/p' "$ROOT/docs/12-reuseport.md"
	assert_output "$usage"$'\n```'
}
