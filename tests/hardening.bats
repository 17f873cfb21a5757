#!/usr/bin/env bats
# hardening.bats -- the server stages (05-poll, 06-epoll, 07-http) against hostile clients, through
# bin/test-hostile: idle and slow clients (slowloris), the -c connection limit, running out of fds (EMFILE),
# resets, half-closes and clients that vanish mid-answer, answers larger than the socket buffers (EPOLLOUT),
# byte-by-byte, pipelined and malformed requests, and 10,000 connections of every shape with no fd leaked.

load helpers
bats_require_minimum_version 1.5.0

# SOCKWALK_BIN=DIR tests a build made elsewhere (e.g. a sanitizer build), as the stage checks do.
BIN="${SOCKWALK_BIN:-$BIN}"
HOSTILE="$BIN/test-hostile"
CLIENT="$BIN/test-client"

# fd_count PID -- how many fds the process has open, from /proc/PID/fd.
fd_count() {
	local fds=(/proc/"$1"/fd/*)
	echo "${#fds[@]}"
}

# wait_for_fd_count PID N -- readiness check: the process is back to N open fds (10 s at most).
wait_for_fd_count() {
	local pid="$1" want="$2" i
	for ((i = 0; i < 1000; i++)); do
		[ "$(fd_count "$pid")" -eq "$want" ] && return 0
		sleep 0.01
	done
	echo "pid $pid has $(fd_count "$pid") fds open, not $want:" >&2
	ls -l /proc/"$pid"/fd >&2
	return 1
}

# cpu_ticks PID -- user + system CPU time the process has used so far, in clock ticks (1/100 s).
cpu_ticks() {
	local stat
	stat=$(</proc/"$1"/stat)
	stat=${stat##*) } # the fields after the command name, which may hold spaces
	read -r -a f <<<"$stat"
	echo $((f[11] + f[12])) # utime and stime are fields 14 and 15 of the line
}

# start STAGE ARGS... -- start a stage on a loopback port 0 (sets PORT and SERVER_PID).
# speaks_http STAGE -- whether STAGE is one of the HTTP servers (07, and 08 in its sandbox).
speaks_http() {
	case "$1" in 07-http | 08-sandbox) return 0 ;; *) return 1 ;; esac
}

start() {
	local stage="$1"
	shift
	start_server srv "$BIN/$stage" -a 127.0.0.1 -p 0 "$@"
}

# hostile_bg NAME ARGS... -- run test-hostile in the background, its output in NAME.out; sets HOSTILE_PID.
hostile_bg() {
	local name="$1"
	shift
	"$HOSTILE" "$@" >"$BATS_TEST_TMPDIR/$name.out" 2>&1 &
	HOSTILE_PID=$!
	track "$HOSTILE_PID"
}

# ---------------------------------------------------------------------------------------------------------
# The checks, each run against several stages below. Extra arguments go to the server.

# 10,000 connections of every shape (whole, byte by byte, pipelined, half-closed, malformed, silent, reset at
# once, reset mid-request, reset mid-answer): each behaves as it should, the server survives (no SIGPIPE) and
# ends with exactly the fds it had when idle.
check_mix_no_fd_leak() {
	local stage="$1" http=()
	shift
	speaks_http "$stage" && http=(-H)
	start "$stage" "$@"
	local idle
	idle=$(fd_count "$SERVER_PID")
	run timeout 120 "$HOSTILE" "${http[@]}" -p "$PORT" mix 10000
	assert_success
	assert_line --regexp '^mix: 10000 connections in [0-9.]+ s, 0 unexpected$'
	assert_line --regexp '^reset-mid-answer +1111 as expected, 0 not$'
	wait_for_fd_count "$SERVER_PID" "$idle"
	kill -0 "$SERVER_PID"
	# and it still answers
	if speaks_http "$stage"; then
		run "$HOSTILE" -H -p "$PORT" raw 'GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'
		assert_line 'Hello, world!'
	else
		run "$CLIENT" -p "$PORT"
		assert_line 'connection 1: Message received.'
	fi
}

# 50 clients connect and say nothing (or half a request), and hold on: another client is answered at once.
check_idle_crowd_blocks_nobody() {
	local stage="$1" bytes="$2"
	start "$stage"
	hostile_bg crowd -p "$PORT" hold 50 "$bytes"
	wait_for_line "$BATS_TEST_TMPDIR/crowd.out" '^connected 50$' "$HOSTILE_PID"
	if speaks_http "$stage"; then
		run timeout 5 "$HOSTILE" -H -t 2 -p "$PORT" raw 'GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'
		assert_line --index 0 'HTTP/1.1 200 OK'
		assert_line 'Hello, world!'
	else
		run timeout 5 "$CLIENT" -t 2 -p "$PORT"
		assert_success
		assert_line 'connection 1: Message received.'
	fi
	# the crowd is still connected: nobody was closed to make room
	run grep -c '^conn ' "$BATS_TEST_TMPDIR/crowd.out"
	assert_output 0
}

# -c 5: five idle clients are kept; the sixth is accepted and closed at once; the five are still served; and
# when they have gone, the server has the fds it had when idle.
check_client_limit() {
	local stage="$1" http=() ask=$'hello\n' answer='Message received.'
	speaks_http "$stage" && http=(-H) ask='GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n' answer='Hello, world!'
	start "$stage" -c 5
	local idle
	idle=$(fd_count "$SERVER_PID")
	hostile_bg five -p "$PORT" hold 5
	wait_for_line "$BATS_TEST_TMPDIR/five.out" '^connected 5$' "$HOSTILE_PID"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^accept4\(3\) = fd [0-9]+, client .*' "$SERVER_PID"
	run timeout 5 "$HOSTILE" "${http[@]}" -p "$PORT" raw "$ask"
	assert_output --regexp '^(closed|reset)$'
	run grep -c '^too many clients: closing fd ' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 1
	# one of the five leaves: a new client takes its place and is answered
	kill -TERM "$HOSTILE_PID"
	wait_for_exit "$HOSTILE_PID" 5
	run timeout 5 "$HOSTILE" "${http[@]}" -p "$PORT" raw "$ask"
	assert_line "$answer"
	wait_for_fd_count "$SERVER_PID" "$idle"
}

# With 16 fds allowed (ulimit -n 16), room for 10 or 11 clients, 30 clients hold on: accept4() meets EMFILE
# and the server sheds the ones it cannot keep (closes them at once) instead of leaving them queued; those it
# has are still served; while clients keep arriving it does not spin (under 30% of a CPU over a second); and
# when all have gone, it has the fds it had when idle (the spare fd is back).
check_emfile() {
	local stage="$1" http=()
	speaks_http "$stage" && http=(-H)
	start_server srv prlimit --nofile=16:16 "$BIN/$stage" -a 127.0.0.1 -p 0
	local idle shed i
	idle=$(fd_count "$SERVER_PID")
	shed=$((30 - (16 - idle)))
	hostile_bg crowd -p "$PORT" hold 30
	wait_for_line "$BATS_TEST_TMPDIR/crowd.out" '^connected 30$' "$HOSTILE_PID"
	for ((i = 0; i < 500; i++)); do # readiness: the shed connections seen closed by the crowd
		[ "$(grep -c '^conn .* closed after ' "$BATS_TEST_TMPDIR/crowd.out")" -ge "$shed" ] && break
		sleep 0.01
	done
	run grep -c '^conn .* closed after .*: (nothing)$' "$BATS_TEST_TMPDIR/crowd.out"
	assert_output "$shed"
	run grep -c '^accept4(3) = EMFILE: out of fds$' "$BATS_TEST_TMPDIR/srv.out"
	assert_output "$shed"
	# the server is at its limit; new clients keep coming and are shed, and the CPU stays quiet
	local before after
	before=$(cpu_ticks "$SERVER_PID")
	for ((i = 0; i < 10; i++)); do
		"$HOSTILE" "${http[@]}" -t 2 -p "$PORT" raw 'x' >/dev/null
		sleep 0.1
	done
	after=$(cpu_ticks "$SERVER_PID")
	[ $((after - before)) -lt 30 ] || fail "the server used $((after - before)) ticks of CPU in about 1 s at EMFILE"
	# the clients it kept are still served: the crowd leaves, and a new client is answered
	kill -TERM "$HOSTILE_PID"
	wait_for_exit "$HOSTILE_PID" 5
	if speaks_http "$stage"; then
		run timeout 5 "$HOSTILE" -H -p "$PORT" raw 'GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'
		assert_line 'Hello, world!'
	else
		run timeout 5 "$CLIENT" -p "$PORT"
		assert_line 'connection 1: Message received.'
	fi
	wait_for_fd_count "$SERVER_PID" "$idle"
}

# ---------------------------------------------------------------------------------------------------------
@test "05: 10,000 connections of every rude shape are each handled and leave no fd behind" {
	check_mix_no_fd_leak 05-poll
}

@test "06: 10,000 connections of every rude shape are each handled and leave no fd behind" {
	check_mix_no_fd_leak 06-epoll
}

@test "06 -e: edge-triggered, 10,000 connections of every rude shape leave no fd behind" {
	check_mix_no_fd_leak 06-epoll -e
}

@test "07: 10,000 connections of every rude shape are each handled and leave no fd behind" {
	check_mix_no_fd_leak 07-http
}

@test "07 -e: edge-triggered, 10,000 connections of every rude shape leave no fd behind" {
	check_mix_no_fd_leak 07-http -e
}

@test "07 -t 1: 10,000 connections of every rude shape leave no fd behind with the idle timeout on" {
	check_mix_no_fd_leak 07-http -t 1
}

@test "08: in its sandbox, 10,000 connections of every rude shape are each handled and leave no fd behind" {
	check_mix_no_fd_leak 08-sandbox -t 1
}

@test "05: 50 silent clients holding their connections do not delay another client" {
	check_idle_crowd_blocks_nobody 05-poll ''
}

@test "06: 50 silent clients holding their connections do not delay another client" {
	check_idle_crowd_blocks_nobody 06-epoll ''
}

@test "07: 50 clients each holding half a request (slowloris) do not delay another client" {
	check_idle_crowd_blocks_nobody 07-http 'GET /hello HTTP/1.1\r\nHost: a\r\nX-Slow: '
}

@test "05 -c 5: a sixth client is closed at once, and a place that frees up is taken again" {
	check_client_limit 05-poll
}

@test "06 -c 5: a sixth client is closed at once, and a place that frees up is taken again" {
	check_client_limit 06-epoll
}

@test "07 -c 5: a sixth client is closed at once, and a place that frees up is taken again" {
	check_client_limit 07-http
}

@test "08 -c 5: in the sandbox, a sixth client is closed at once, and a place that frees up is taken again" {
	check_client_limit 08-sandbox
}

@test "05: out of fds (EMFILE) it sheds new clients through its spare fd, serves the rest and does not spin" {
	check_emfile 05-poll
}

@test "06: out of fds (EMFILE) it sheds new clients through its spare fd, serves the rest and does not spin" {
	check_emfile 06-epoll
}

@test "07: out of fds (EMFILE) it sheds new clients through its spare fd, serves the rest and does not spin" {
	check_emfile 07-http
}

@test "08: out of fds (EMFILE) in the sandbox, it takes its spare fd back by fcntl(), since open() is refused" {
	check_emfile 08-sandbox
	run grep -cE '^(08-sandbox: (open|fcntl):|seccomp)' "$BATS_TEST_TMPDIR/srv.err"
	assert_output 0
}

@test "05-08: -c needs a number from 1 to 65536 and -t (07, 08) whole seconds from 0 to 86400; both are in -h" {
	local stage
	for stage in 05-poll 06-epoll 07-http 08-sandbox; do
		run --separate-stderr "$BIN/$stage" -c 0
		assert_failure 2
		assert_equal "${stderr_lines[0]}" "$stage: bad client limit '0': want a number from 1 to 65536"
		run --separate-stderr "$BIN/$stage" -c
		assert_failure 2
		assert_equal "${stderr_lines[0]}" "$stage: option -c needs a value"
		run "$BIN/$stage" -h
		assert_line --regexp '^  -c N +at most N clients at once, 1 to 65536; one more is accepted and closed \(default 1000\)$'
	done
	for stage in 07-http 08-sandbox; do
		run --separate-stderr "$BIN/$stage" -t x
		assert_failure 2
		assert_equal "${stderr_lines[0]}" "$stage: bad timeout 'x': want whole seconds from 0 (never) to 86400"
		run "$BIN/$stage" -h
		assert_line --regexp '^  -t SECONDS +close a connection that makes no progress for SECONDS'
	done
}

@test "05: the spare fd sits at the top of the fd table (ulimit -n 2000): the listener is fd 3 and the first client fd 4" {
	local top=1999
	start_server srv prlimit --nofile=2000:2000 "$BIN/05-poll" -a 127.0.0.1 -p 0 -n 1
	run "$CLIENT" -p "$PORT"
	assert_success
	wait_for_exit "$SERVER_PID" 5
	run cat "$BATS_TEST_TMPDIR/srv.out"
	assert_line "spare fd $top -> /dev/null, kept for when the fds run out"
	assert_line --regexp '^accept4\(3\) = fd 4, client '
	assert_line "close($top) = 0"
}

# ---- 07: timeouts ----

@test "07 -t 1: half a request gets 408 Request Timeout after 1 s, a silent connection is just closed" {
	start 07-http -t 1
	local idle slow
	idle=$(fd_count "$SERVER_PID")
	hostile_bg slow -H -p "$PORT" hold 3 'GET /hello HTTP/1.1\r\nHost: a\r\n'
	slow=$HOSTILE_PID
	hostile_bg silent -H -p "$PORT" hold 2
	wait_for_line "$BATS_TEST_TMPDIR/slow.out" '^still open 0$' "$slow"
	wait_for_line "$BATS_TEST_TMPDIR/silent.out" '^still open 0$' "$HOSTILE_PID"
	run cat "$BATS_TEST_TMPDIR/slow.out"
	assert_line --regexp '^conn 0 closed after (9[0-9]{2}|[1-4][0-9]{3}) ms: HTTP/1.1 408 Request Timeout$'
	assert_line --regexp '^conn 2 closed after (9[0-9]{2}|[1-4][0-9]{3}) ms: HTTP/1.1 408 Request Timeout$'
	run cat "$BATS_TEST_TMPDIR/silent.out"
	assert_line --regexp '^conn 0 closed after (9[0-9]{2}|[1-4][0-9]{3}) ms: \(nothing\)$'
	run grep -c 'no progress for 1 s' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 5
	wait_for_fd_count "$SERVER_PID" "$idle"
}

@test "07 -t 1: a slowloris client sending a header byte every 200 ms is still cut off after 1 s" {
	start 07-http -t 1
	run "$HOSTILE" -H -p "$PORT" drip 'GET /hello HTTP/1.1\r\nHost: a\r\nX-Slow: ' 200
	assert_output --regexp '^closed after (9[0-9]{2}|[1-4][0-9]{3}) ms and ([2-9]|[1-9][0-9]) bytes dripped: HTTP/1.1 408 Request Timeout$'
}

@test "07 -t 1: an idle keep-alive connection is closed without a word after its answer" {
	start 07-http -t 1
	hostile_bg ka -H -p "$PORT" hold 1 'GET /hello HTTP/1.1\r\nHost: a\r\n\r\n'
	wait_for_line "$BATS_TEST_TMPDIR/ka.out" '^still open 0$' "$HOSTILE_PID"
	run cat "$BATS_TEST_TMPDIR/ka.out"
	assert_line --regexp '^conn 0 closed after (9[0-9]{2}|[1-4][0-9]{3}) ms: HTTP/1.1 200 OK$'
	run grep -c '408' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 0
}

@test "07: without -t a connection holding half a request stays open (no timeout unless asked)" {
	start 07-http
	hostile_bg slow -H -p "$PORT" hold 1 'GET /hello HTTP/1.1\r\n'
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^read\(5\) = ' "$SERVER_PID"
	sleep 1.5 # nothing to wait for: the check is that nothing happens in this time
	run grep -c '^conn ' "$BATS_TEST_TMPDIR/slow.out"
	assert_output 0
	run grep -c -e 'no progress' -e '^epoll_wait(4) = 0 ready' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 0
}

# ---- 07: big answers, vanishing clients ----

@test "07: 20,000 pipelined requests whose answers fill the socket buffers are all answered (EPOLLOUT)" {
	start 07-http
	local idle
	idle=$(fd_count "$SERVER_PID")
	run timeout 60 "$HOSTILE" -H -p "$PORT" pipeline 20000
	assert_success
	assert_line 'read after the stall; answers 20000 of 20000'
	run grep -c 'wait for EPOLLOUT$' "$BATS_TEST_TMPDIR/srv.out"
	[ "$output" -gt 0 ]
	wait_for_fd_count "$SERVER_PID" "$idle"
}

@test "07: a client that resets while the server waits to send its answers ends only its own connection" {
	start 07-http
	local idle
	idle=$(fd_count "$SERVER_PID")
	run timeout 60 "$HOSTILE" -H -p "$PORT" pipeline 20000 -r
	assert_success
	assert_line 'reset'
	wait_for_fd_count "$SERVER_PID" "$idle"
	run cat "$BATS_TEST_TMPDIR/srv.err"
	assert_line --regexp '^07-http: (write|read): (Connection reset by peer|Broken pipe)$'
	run "$HOSTILE" -H -p "$PORT" raw 'GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'
	assert_line 'Hello, world!'
}

@test "07: a client that half-closes after its request still gets the whole answer" {
	start 07-http
	run "$HOSTILE" -H -p "$PORT" raw 'GET /hello HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n' -w
	assert_line --index 0 'HTTP/1.1 200 OK'
	assert_line 'Hello, world!'
	assert_line '<h1>sockwalk 07-http</h1>'
	assert_line --index $((${#lines[@]} - 1)) 'closed'
}

@test "07: SIGPIPE is ignored (as Go does), so clients that reset mid-answer never kill the server" {
	start 07-http
	local ign
	ign=$(sed -n 's/^SigIgn:[[:space:]]*//p' "/proc/$SERVER_PID/status")
	[ $((0x$ign & (1 << 12))) -ne 0 ] || fail "SIGPIPE (13) is not ignored: SigIgn $ign"
	run timeout 60 "$HOSTILE" -H -p "$PORT" mix 900
	assert_line --regexp '^reset-mid-answer +100 as expected, 0 not$'
	kill -0 "$SERVER_PID"
	run grep -cE ': (write|read): (Broken pipe|Connection reset by peer)$' "$BATS_TEST_TMPDIR/srv.err"
	[ "$output" -gt 0 ]
}

@test "05, 06: SIGPIPE is not ignored, yet clients that reset mid-answer never kill the server (MSG_NOSIGNAL)" {
	local stage ign
	for stage in 05-poll 06-epoll; do
		start "$stage"
		ign=$(sed -n 's/^SigIgn:[[:space:]]*//p' "/proc/$SERVER_PID/status")
		[ $((0x$ign & (1 << 12))) -eq 0 ] || fail "$stage: SIGPIPE (13) is ignored: SigIgn $ign"
		run timeout 60 "$HOSTILE" -p "$PORT" mix 900
		assert_line --regexp '^reset-mid-answer +100 as expected, 0 not$'
		kill -0 "$SERVER_PID"
		kill -TERM "$SERVER_PID"
		wait_for_exit "$SERVER_PID" 5
	done
}

# ---- 07: the same request, whole, byte by byte or pipelined ----

# answers_of ARGS... -- the server's answer lines for raw ARGS, the Date header replaced by a fixed one.
answers_of() {
	"$HOSTILE" -H -p "$PORT" raw "$@" | sed -E 's/^Date: .*/Date: (date)/'
}

@test "07: a request sent one byte at a time is answered exactly as the whole request" {
	start 07-http
	local req='GET /hello HTTP/1.1\r\nHost: a\r\nUser-Agent: test\r\nConnection: close\r\n\r\n'
	local whole bytewise
	whole=$(answers_of "$req")
	bytewise=$(answers_of "$req" -b)
	assert_equal "$bytewise" "$whole"
	[[ "$whole" == *'Hello, world!'* ]]
	# the server really read it in pieces
	run grep -cE '^read\([0-9]+\) = [0-9]: ' "$BATS_TEST_TMPDIR/srv.out"
	[ "$output" -gt 10 ]
}

@test "07: three pipelined requests are answered as the same three sent one after another" {
	start 07-http
	local a='GET / HTTP/1.1\r\nHost: a\r\n' b='HEAD /hello HTTP/1.1\r\nHost: a\r\n' c='GET /nope HTTP/1.1\r\nHost: a\r\n'
	local close='Connection: close\r\n\r\n' together apart
	together=$(answers_of "$a\r\n$b\r\n$c$close")
	apart=$(answers_of "$a$close"; answers_of "$b$close"; answers_of "$c$close")
	# the separate connections' answers say Connection: close and end with "closed" each time
	assert_equal "$(grep -v -e '^Connection: close$' -e '^closed$' <<<"$together")" \
		"$(grep -v -e '^Connection: close$' -e '^closed$' <<<"$apart")"
	run grep -c '^HTTP/1.1 ' <<<"$together"
	assert_output 3
}

# ---- 07: every malformed shape gets its 4xx and the connection closes ----

# status_of BYTES [raw options] -- the status line of the server's first answer to BYTES, and how it ended.
status_of() {
	"$HOSTILE" -H -t 3 -p "$PORT" raw "$@" | sed -n -e '1p' -e '$p' | paste -sd' '
}

@test "07: malformed request lines get 400 Bad Request and the connection closes" {
	start 07-http
	local bad
	for bad in 'GET  / HTTP/1.1\r\nHost: a\r\n\r\n' 'GET /\r\n\r\n' 'GET / HTTP/2.0\r\nHost: a\r\n\r\n' \
		'GET / http/1.1\r\nHost: a\r\n\r\n' 'GET / HTTP/1.x\r\nHost: a\r\n\r\n' ' GET / HTTP/1.1\r\nHost: a\r\n\r\n' \
		'G(T / HTTP/1.1\r\nHost: a\r\n\r\n' 'GET /a\x01b HTTP/1.1\r\nHost: a\r\n\r\n' 'GET / HTTP/1.1\rHost: a\r\n\r\n' \
		'\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n' 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' '\x00\r\n\r\n'; do
		run status_of "$bad"
		assert_output 'HTTP/1.1 400 Bad Request closed'
	done
}

@test "07: malformed or contradictory headers get 400 Bad Request" {
	start 07-http
	local bad
	for bad in 'Host : a' 'Host: a\r\n folded' 'Host: a\r\n\tfolded' 'Host: a\r\nNo-Colon' 'Host: a\r\n: empty-name' \
		'Host: a\x00b' 'Host: a\x7f' 'Host: a\r\nHost: b' 'Accept: */*' 'Host: a\r\nContent-Length: -1' \
		'Host: a\r\nContent-Length: 1x' 'Host: a\r\nContent-Length: 18446744073709551616' \
		'Host: a\r\nContent-Length: 3\r\nContent-Length: 4' 'Host: a\r\nContent-Length: ' 'Host: a\r\nX\x80Y: z'; do
		run status_of "GET / HTTP/1.1\r\n$bad\r\n\r\n"
		assert_output 'HTTP/1.1 400 Bad Request closed'
	done
}

@test "07: a head over 8 KiB or with 65 headers gets 431, a chunked body 501, and each closes" {
	start 07-http
	local pad headers='' i
	pad=$(printf '%*s' 8200 '' | tr ' ' x)
	run status_of "GET / HTTP/1.1\r\nHost: a\r\nX: $pad\r\n\r\n"
	assert_output 'HTTP/1.1 431 Request Header Fields Too Large closed'
	# a head that never ends: 431 as soon as 8 KiB have come, not a wait for more
	run status_of "GET / HTTP/1.1\r\nHost: a\r\nX: $pad"
	assert_output 'HTTP/1.1 431 Request Header Fields Too Large closed'
	for ((i = 0; i < 65; i++)); do headers+="X-$i: $i\r\n"; done
	run status_of "GET / HTTP/1.1\r\nHost: a\r\n$headers\r\n"
	assert_output 'HTTP/1.1 431 Request Header Fields Too Large closed'
	run status_of 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n'
	assert_output 'HTTP/1.1 501 Not Implemented closed'
}

@test "07: a bad request after good pipelined ones: the good are answered, then 400 and close" {
	start 07-http
	run "$HOSTILE" -H -p "$PORT" raw 'GET /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n'
	run grep '^HTTP/1.1 ' <<<"$output"
	assert_output 'HTTP/1.1 200 OK
HTTP/1.1 200 OK
HTTP/1.1 400 Bad Request'
}

@test "07: a request with a body is answered and its body, sent slowly, never read as a request" {
	start 07-http
	# the body: 40 bytes that look like a request ("GET /evil ...", 31 bytes, and 9 more)
	run "$HOSTILE" -H -p "$PORT" raw 'POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 40\r\n\r\nGET /evil HTTP/1.1\r\nHost: a\r\n\r\nxxxxxxxxxGET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n' -b
	run grep '^HTTP/1.1 ' <<<"$output"
	assert_output 'HTTP/1.1 405 Method Not Allowed
HTTP/1.1 200 OK'
	run grep -c ' /evil HTTP/1.1 -> ' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 0
	run grep -c '^fd [0-9]*: POST /hello HTTP/1.1 -> 405' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 1
}
