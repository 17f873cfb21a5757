#!/usr/bin/env bats
# 10-udp: a datagram echo server. One UDP socket, bound, never listening nor accepting: recvfrom() gives one
# whole datagram and its sender, sendto() sends it back. Clients: 09-client -u, and bash's /dev/udp.

# shellcheck disable=SC2153,SC2154 # PORT, SERVER_PID, stderr, fds named by udp_socket... are set by helpers and bats
load helpers
load server-behaviour
# shellcheck disable=SC2034 # read by server-behaviour.bash
STAGE=10-udp

# A sanitizer build reads /proc/self/maps as it starts, different from run to run with address space
# randomisation, and asks the clock by syscall: the runs compared with strace's go without randomisation
# (setarch -R) and without clock_gettime, under both tracers.
NO_ASLR=() SAN_FILTER=()
if ldd "$BIN/10-udp" 2>/dev/null | grep -q libasan; then
	NO_ASLR=(setarch "$(uname -m)" -R)
	SAN_FILTER=(-e 'trace=!clock_gettime')
fi

# client09 ARGS... -- 09-client with fresh fds (its socket is fd 3, as from a terminal).
client09() {
	(fresh_fds "$BIN/09-client" "$@")
}

srv_out() {
	cat "$BATS_TEST_TMPDIR/srv.out"
}

# udp_socket VAR -- open a UDP socket connected to 127.0.0.1:$PORT as a new fd of this shell (bash's
# /dev/udp), its number in VAR. Each write to it is one datagram.
# shellcheck disable=SC2034 # var names the caller's variable
udp_socket() {
	local -n var=$1
	exec {var}<>"/dev/udp/127.0.0.1/$PORT"
}

# ---- the server ----

@test "10: says 'listening on 127.0.0.1:PORT' once; ss sees a UDP socket bound there, not a listener" {
	start_stage srv -a 127.0.0.1 -p 0
	run grep 'listening on' "$BATS_TEST_TMPDIR/srv.out"
	assert_output "listening on 127.0.0.1:$PORT"
	run srv_out
	assert_line --index 0 'socket(AF_INET, SOCK_DGRAM, 0) = fd 3'
	refute_line --partial 'listen('
	refute_line --partial 'SO_REUSEADDR'
	run ss -Hlun "sport = :$PORT"
	assert_output --regexp "^UNCONN .* 127\.0\.0\.1:$PORT "
	run ss -Hltn "sport = :$PORT"
	assert_output ''
}

@test "10: 09-client -u sends 'hello' as one datagram and gets the same bytes back" {
	start_stage srv -a 127.0.0.1 -p 0 -n 1
	run client09 -u -a 127.0.0.1 -p "$PORT"
	assert_success
	assert_line --index 0 "getaddrinfo(\"127.0.0.1\", \"$PORT\", SOCK_DGRAM) = 127.0.0.1:$PORT"
	assert_line --index 1 'socket(AF_INET, SOCK_DGRAM, 0) = fd 3'
	assert_line --index 2 "connect(3, 127.0.0.1:$PORT) = 0: nothing is sent, the kernel notes where our datagrams go"
	assert_line 'send(3, "hello\n") = 6: one datagram'
	assert_line 'recv(3) = 6: "hello\n": one datagram'
	assert_line --index $((${#lines[@]} - 1)) 'hello'
	local ours
	ours=$(sed -nE 's/^getsockname\(3\) = 127\.0\.0\.1:([0-9]+):.*/\1/p' <<<"$output")
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run srv_out
	assert_line "recvfrom(3) = 6: \"hello\\n\" from 127.0.0.1:$ours"
	assert_line "sendto(3, \"hello\\n\", 127.0.0.1:$ours) = 6"
	assert_line 'answered 1 datagrams'
	assert_line --index $((${#lines[@]} - 1)) 'close(3) = 0'
}

@test "10: message boundaries are kept: two datagrams sent back to back are received as two, never joined" {
	start_stage srv -a 127.0.0.1 -p 0 -n 3
	udp_socket u
	echo -n 'one' >&"$u"
	echo -n 'two' >&"$u"
	echo -n 'three' >&"$u"
	wait_for_exit "$SERVER_PID" 5
	run grep '^recvfrom' "$BATS_TEST_TMPDIR/srv.out"
	assert_line --index 0 --regexp '^recvfrom\(3\) = 3: "one" from 127\.0\.0\.1:[0-9]+$'
	assert_line --index 1 --regexp '^recvfrom\(3\) = 3: "two" from 127\.0\.0\.1:[0-9]+$'
	assert_line --index 2 --regexp '^recvfrom\(3\) = 5: "three" from 127\.0\.0\.1:[0-9]+$'
	# and the three echoes come back as three datagrams: each read takes exactly one
	run timeout 5 dd bs=65536 count=3 status=none <&"$u"
	assert_output 'onetwothree'
	exec {u}>&-
}

@test "10: no connection state: one socket answers clients in the order their datagrams come, no accept, no new fd" {
	start_stage srv -a 127.0.0.1 -p 0 -n 3
	udp_socket a
	udp_socket b
	echo -n 'a1' >&"$a"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '"a1"' "$SERVER_PID"
	echo -n 'b1' >&"$b"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '"b1"' "$SERVER_PID"
	echo -n 'a2' >&"$a"
	wait_for_exit "$SERVER_PID" 5
	run grep -E '^(recvfrom|sendto)' "$BATS_TEST_TMPDIR/srv.out"
	[ "${#lines[@]}" -eq 6 ]
	local pa pb
	pa=$(sed -nE 's/^recvfrom\(3\) = 2: "a1" from 127\.0\.0\.1:([0-9]+)$/\1/p' <<<"$output")
	pb=$(sed -nE 's/^recvfrom\(3\) = 2: "b1" from 127\.0\.0\.1:([0-9]+)$/\1/p' <<<"$output")
	[ -n "$pa" ] && [ -n "$pb" ] && [ "$pa" != "$pb" ]
	assert_line --index 4 "recvfrom(3) = 2: \"a2\" from 127.0.0.1:$pa"
	assert_line --index 5 "sendto(3, \"a2\", 127.0.0.1:$pa) = 2"
	run srv_out
	refute_line --partial 'accept'
	refute_line --regexp 'fd [4-9]'
	exec {a}>&- {b}>&-
}

@test "10: a datagram waits in the socket's queue while the server is stopped, and is answered when it runs again" {
	start_stage srv -a 127.0.0.1 -p 0 -n 2
	kill -STOP "$SERVER_PID"
	run --separate-stderr client09 -u -a 127.0.0.1 -p "$PORT" -m late -t 0.3
	assert_failure 1
	assert_equal "$stderr" "09-client: no answer from 127.0.0.1:$PORT within 0.3 s"
	assert_line 'poll(fd 3, POLLIN, 300 ms) = 0: nothing within 0.3 s'
	run ss -Hlun "sport = :$PORT"
	assert_output --regexp "^UNCONN +[1-9][0-9]* "
	kill -CONT "$SERVER_PID"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^sendto\(3, "late\\n", ' "$SERVER_PID"
	# the answer went to a socket that is gone: UDP does not tell the server, which serves the next one
	run client09 -u -a 127.0.0.1 -p "$PORT" -m next
	assert_success
	assert_line 'next'
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
}

@test "10: a datagram to a port nobody holds: the ICMP error reaches 09-client -u as ECONNREFUSED, at once" {
	start_stage srv -a 127.0.0.1 -p 0
	local port=$PORT
	kill -TERM "$SERVER_PID"
	wait_for_exit "$SERVER_PID" 5
	run --separate-stderr client09 -u -a 127.0.0.1 -p "$port" -t 5
	assert_failure 1
	assert_equal "$stderr" "09-client: send to 127.0.0.1:$port: Connection refused"
	assert_line 'poll(fd 3, POLLIN, 5000 ms) = 1: POLLERR'
	assert_line 'recv(3) = ECONNREFUSED: an ICMP "port unreachable" came back: nobody listens on that port'
}

@test "10: serves IPv6 clients: -a ::1 listens on [::1]:PORT and 09-client -u -a ::1 is answered" {
	start_stage srv -a ::1 -p 0 -n 1
	run grep 'listening on' "$BATS_TEST_TMPDIR/srv.out"
	assert_output "listening on [::1]:$PORT"
	run client09 -u -a ::1 -p "$PORT" -m six
	assert_success
	assert_line 'recv(3) = 4: "six\n": one datagram'
	wait_for_exit "$SERVER_PID" 5
	run srv_out
	assert_line --regexp '^recvfrom\(3\) = 4: "six\\n" from \[::1\]:[0-9]+$'
}

@test "10: with -n 3 it answers three datagrams, then exits 0 by itself" {
	start_stage srv -a 127.0.0.1 -p 0 -n 3
	for i in 1 2 3; do
		run client09 -u -a 127.0.0.1 -p "$PORT" -m "datagram $i"
		assert_success
	done
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run srv_out
	assert_line 'answered 3 datagrams'
	assert_line --index $((${#lines[@]} - 1)) 'close(3) = 0'
}

@test "10: SIGTERM interrupts recvfrom(): it closes its socket and exits 0" {
	start_stage srv -a 127.0.0.1 -p 0
	kill -TERM "$SERVER_PID"
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run srv_out
	assert_line 'got SIGTERM'
	assert_line --index $((${#lines[@]} - 1)) 'close(3) = 0'
	run ss -Hlun "sport = :$PORT"
	assert_output ''
}

@test "10: Ctrl-C (SIGINT) interrupts recvfrom(): it closes its socket and exits 0" {
	start_stage srv -a 127.0.0.1 -p 0
	kill -INT "$SERVER_PID"
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run srv_out
	assert_line 'got SIGINT'
}

@test "10: a UDP port in use gives '10-udp: bind: Address already in use'; the same TCP port number is another port" {
	local try first
	for try in 1 2 3 4 5; do
		start_stage first -a 127.0.0.1 -p 0
		first=$SERVER_PID
		run stage -a 127.0.0.1 -p "$PORT"
		assert_failure 1
		assert_line '10-udp: bind: Address already in use'
		refute_line --partial 'listening on'
		# TCP's ports are a space of their own: 04 listens on the number 10 holds for UDP (unless some other
		# program's TCP socket happens to hold that number already: then again with another port)
		start_server tcp fresh_fds "$BIN/04-accept" -a 127.0.0.1 -p "$PORT" 2>/dev/null && return 0
		grep -q '^04-accept: bind: Address already in use$' "$BATS_TEST_TMPDIR/tcp.err" ||
			fail "04-accept could not listen on TCP port $PORT: $(cat "$BATS_TEST_TMPDIR/tcp.err")"
		kill "$first" # the next try starts another
		wait_for_exit "$first" 5
	done
	fail "five UDP ports in a row had their TCP number taken by other programs"
}

# ---- the trace ----

@test "10: the tracer sees socket(SOCK_DGRAM), bind, getsockname, then recvfrom and sendto with the client's address: no listen, no accept" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -n 1
	run client09 -u -a 127.0.0.1 -p "$PORT"
	assert_success
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^socket\(AF_INET, SOCK_DGRAM, IPPROTO_IP\) += 3$' \
		'^bind\(3, \{sa_family=AF_INET, sin_port=htons\(0\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) += 0$' \
		"^getsockname\(3, \{sa_family=AF_INET, sin_port=htons\($PORT\), sin_addr=inet_addr\(\"127\.0\.0\.1\"\)\}, \[128 => 16\]\) += 0$" \
		'^recvfrom\(3, "hello\\n", 65536, 0, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[128 => 16\]\) += 6$' \
		'^sendto\(3, "hello\\n", 6, 0, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) += 6$' \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
	run trace_of t
	refute_line --regexp '^(listen|accept4?|setsockopt)\('
}

@test "10: the tracer sees 09-client -u connect() a datagram socket at once (= 0), then sendto and recvfrom with no address" {
	start_stage srv -a 127.0.0.1 -p 0 -n 1
	traced t "$BIN/09-client" -u -a 127.0.0.1 -p "$PORT"
	assert_calls_in_order t \
		'^socket\(AF_INET, SOCK_DGRAM, IPPROTO_IP\) += 3$' \
		"^connect\(3, \{sa_family=AF_INET, sin_port=htons\($PORT\), sin_addr=inet_addr\(\"127\.0\.0\.1\"\)\}, 16\) += 0$" \
		'^sendto\(3, "hello\\n", 6, 0, NULL, 0\) += 6$' \
		'^poll\(\[\{fd=3, events=POLLIN\}\], 1, 5000\) += 1 \(\[\{fd=3, revents=POLLIN\}\]\)$' \
		'^recvfrom\(3, "hello\\n", 65536, 0, NULL, NULL\) += 6$' \
		'^close\(3\) += 0$'
}

@test "10: the tracer says in plain words who each datagram came from and went to" {
	start_stage srv -a 127.0.0.1 -p 0 -n 1
	local ours
	(fresh_fds "${TRACED_ENV[@]}" "$BIN/tracer" -e trace=recvfrom,sendto -o "$BATS_TEST_TMPDIR/e.txt" -- \
		"$BIN/09-client" -u -a 127.0.0.1 -p "$PORT" >/dev/null)
	run cat "$BATS_TEST_TMPDIR/e.txt"
	assert_line --index 0 --regexp '^sendto\(3, "hello\\n", 6, 0, NULL, 0\) += 6$'
	assert_line --index 1 --regexp "^  # .*127\.0\.0\.1:$PORT"
	assert_line --index 2 --regexp '^recvfrom\(3, "hello\\n", 65536, 0, NULL, NULL\) += 6$'
	assert_line --index 3 --regexp "^  # .*127\.0\.0\.1:$PORT"
}

# same_as_strace NAME CMD... -- run the server CMD under strace, then under bin/tracer --no-explain (both -f -yy,
# fresh fds, the same output files), each time answering two datagrams of 09-client -u, and compare the two
# traces with scripts/compare-strace (ports, inodes, pids... normalised).
same_as_strace() {
	local name=$1 side
	shift
	command -v strace >/dev/null || skip "strace is not installed"
	for side in strace tracer; do
		local tr=(strace)
		[ "$side" = tracer ] && tr=("$BIN/tracer" --no-explain)
		start_server "$name" fresh_fds "${TRACED_ENV[@]}" "${NO_ASLR[@]}" "${tr[@]}" "${SAN_FILTER[@]}" -f -yy -o "$BATS_TEST_TMPDIR/$name.$side" -- "$@"
		client09 -u -a 127.0.0.1 -p "$PORT" -m one >/dev/null
		client09 -u -a 127.0.0.1 -p "$PORT" -m two >/dev/null
		wait_for_exit "$SERVER_PID" 10
	done
	"$ROOT/scripts/compare-strace" --files "$BATS_TEST_TMPDIR/$name.strace" "$BATS_TEST_TMPDIR/$name.tracer"
}

@test "10: bin/tracer prints the server's whole trace (-f -yy) as strace does" {
	run same_as_strace t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -n 2
	assert_success
	assert_output ''
}

@test "10: bin/tracer prints 09-client -u's whole trace (-f -yy) as strace does, answered or refused" {
	command -v strace >/dev/null || skip "strace is not installed"
	start_stage srv -a 127.0.0.1 -p 0 -n 2
	local side port=$PORT
	for side in strace tracer; do
		local tr=(strace)
		[ "$side" = tracer ] && tr=("$BIN/tracer" --no-explain)
		(fresh_fds "${TRACED_ENV[@]}" "${NO_ASLR[@]}" "${tr[@]}" "${SAN_FILTER[@]}" -f -yy -o "$BATS_TEST_TMPDIR/c.$side" -- \
			"$BIN/09-client" -u -a 127.0.0.1 -p "$port" >"$BATS_TEST_TMPDIR/c.out" 2>"$BATS_TEST_TMPDIR/c.err")
	done
	run "$ROOT/scripts/compare-strace" --files "$BATS_TEST_TMPDIR/c.strace" "$BATS_TEST_TMPDIR/c.tracer"
	assert_success
	wait_for_exit "$SERVER_PID" 5
	for side in strace tracer; do
		local tr=(strace)
		[ "$side" = tracer ] && tr=("$BIN/tracer" --no-explain)
		(fresh_fds "${TRACED_ENV[@]}" "${NO_ASLR[@]}" "${tr[@]}" "${SAN_FILTER[@]}" -f -yy -o "$BATS_TEST_TMPDIR/r.$side" -- \
			"$BIN/09-client" -u -a 127.0.0.1 -p "$port" >"$BATS_TEST_TMPDIR/c.out" 2>"$BATS_TEST_TMPDIR/c.err") || true
	done
	run "$ROOT/scripts/compare-strace" --files "$BATS_TEST_TMPDIR/r.strace" "$BATS_TEST_TMPDIR/r.tracer"
	assert_success
	run grep -c 'recvfrom(.* = -1 ECONNREFUSED' "$BATS_TEST_TMPDIR/r.tracer"
	assert_output 1
}

# ---- options ----

@test "10: -h prints the usage: -a, -p, -n N datagrams, no backlog" {
	run --separate-stderr stage -h
	assert_success
	assert_line --index 0 'usage: 10-udp [-a ADDR] [-p PORT] [-n N] [-h]'
	assert_line --regexp '^  -n N +answer N datagrams, then exit \(default: until Ctrl-C\)$'
	assert_equal "$stderr" ''
}

@test "10: bad options give a message and the usage on stderr, and exit 2" {
	run --separate-stderr stage -b 5
	assert_failure 2
	assert_equal "${stderr_lines[0]}" '10-udp: unknown option -b'
	assert_equal "${stderr_lines[1]}" 'usage: 10-udp [-a ADDR] [-p PORT] [-n N] [-h]'
	run stage -n 0
	assert_failure 2
	assert_line "10-udp: bad count '0': want a number from 1 up"
	run stage -a localhost
	assert_failure 2
	assert_line --partial "bad address 'localhost'"
}

@test "10: docs/10-udp.md shows the usage the server prints" {
	run stage -h
	usage=$output
	run sed -n '/^usage: 10-udp /,/^```/p' "$ROOT/docs/10-udp.md"
	assert_output "$usage"$'\n```'
}
