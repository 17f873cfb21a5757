#!/usr/bin/env bats
# 04-accept: a blocking accept4() loop that answers one client at a time; the next ones wait in the queue.

load helpers
load server-behaviour
STAGE=04-accept

# ---- what every server stage does (tests/server-behaviour.bash) ----

@test "04: says 'listening on 127.0.0.1:PORT' once, on the port the kernel chose" {
	check_says_listening_once
}

@test "04: answers a client's line with 'Message received.' and prints what it read" {
	check_answers_message_received
}

@test "04: serves IPv6 clients too: -a ::1 listens on [::1]:PORT" {
	check_ipv6
}

@test "04: with -n 3 it serves three clients, then exits 0 by itself" {
	check_serves_n_then_exits
}

@test "04: Ctrl-C (SIGINT) lets a connected client go, closes its fds and exits 0" {
	check_stops_on_signal INT
}

@test "04: SIGTERM lets a connected client go, closes its fds and exits 0" {
	check_stops_on_signal TERM
}

@test "04: restarted at once on the same port although the last connection is in TIME_WAIT (SO_REUSEADDR)" {
	check_restarts_on_same_port
}

@test "04: a port already in use gives '04-accept: bind: Address already in use' and exit 1" {
	check_busy_port
}

@test "04: bad options give a message and the usage on stderr, and exit 2" {
	check_bad_options
}

@test "04: -h prints the usage on stdout and exits 0" {
	check_help
}

@test "04: clients that close or reset in the middle of a request do not stop the server" {
	check_survives_client_disconnect
}

@test "04: 100 clients connected at once are all answered, one after another" {
	check_serves_many_together 100
}

# ---- what is particular to 04 ----

@test "04: a second client waits until the first one is done: the server is busy reading the first" {
	start_stage srv -a 127.0.0.1 -p 0
	exec {first}<>"/dev/tcp/127.0.0.1/$PORT"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^accept4\(3\) = fd 4,' "$SERVER_PID"
	exec {second}<>"/dev/tcp/127.0.0.1/$PORT"
	printf 'second\n' >&"$second"
	# the second client sent its line, but the server sits in read() on the first: no answer comes
	if read -r -t 1 -u "$second" answer; then
		fail "the second client was answered ('$answer') while the first one was still connected"
	fi
	run grep -c '^accept4' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 1
	# the first client speaks: it is answered, then the server accepts the second and answers it too
	printf 'first\n' >&"$first"
	read -r -t 5 -u "$first" answer
	assert_equal "$answer" "$REPLY"
	read -r -t 5 -u "$second" answer
	assert_equal "$answer" "$REPLY"
	exec {first}>&- {second}>&-
	run grep -E '^(accept4|read)' "$BATS_TEST_TMPDIR/srv.out"
	assert_line --index 0 --regexp '^accept4\(3\) = fd 4,'
	assert_line --index 1 'read(4) = 6: "first\n"'
	assert_line --index 2 --regexp '^accept4\(3\) = fd 4,'
	assert_line --index 3 'read(4) = 7: "second\n"'
}

@test "04: each client gets fd 4 again, because the previous client's fd 4 was closed" {
	start_stage srv -p 0 -n 3
	for i in 1 2 3; do
		"$CLIENT" -q -p "$PORT"
	done
	wait_for_exit "$SERVER_PID" 5
	run grep -c '^accept4(3) = fd 4, ' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 3
}

@test "04: strace sees listen(3, 4096), accept4() of a client as fd 4, read, sendto, close(4), close(3)" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -n 1
	run "$CLIENT" -p "$PORT" -m $'hello\n'
	assert_success
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) += 3$' \
		'^setsockopt\(3, SOL_SOCKET, SO_REUSEADDR, \[1\], 4\) += 0$' \
		'^bind\(3, \{sa_family=AF_INET, sin_port=htons\(0\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) += 0$' \
		"^getsockname\(3, \{sa_family=AF_INET, sin_port=htons\($PORT\), sin_addr=inet_addr\(\"127\.0\.0\.1\"\)\}, \[[0-9]+ => 16\]\) += 0$" \
		'^listen\(3, 4096\) += 0$' \
		'^accept4\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[[0-9]+ => 16\], SOCK_CLOEXEC\) += 4$' \
		'^read\(4, "hello\\n", 4096\) += 6$' \
		'^sendto\(4, "Message received\.\\n", 18, MSG_NOSIGNAL, NULL, 0\) += 18$' \
		'^close\(4\) += 0$' \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
}

@test "04: strace sees SIGTERM interrupt the blocking accept4(), then close(3) and exit 0" {
	start_traced_server t "$(STAGE_BIN)" -p 0
	kill -TERM "$SERVER_PID"
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^listen\(3, 4096\) += 0$' \
		'^accept4\(3, .* = \? ERESTARTSYS' \
		'^--- SIGTERM ' \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
}

@test "04: a client that resets after sending costs the server one failed send, visible under strace" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -n 3
	# a first client keeps the server busy, so the next one has reset its connection before it is accepted
	exec {first}<>"/dev/tcp/127.0.0.1/$PORT"
	wait_for_line "$BATS_TEST_TMPDIR/t.out" '^accept4\(3\) = fd 4,' "$SERVER_PID"
	run "$CLIENT" -p "$PORT" -m $'bye\n' -r
	assert_success
	printf 'first\n' >&"$first"
	read -r -t 5 -u "$first" answer
	assert_equal "$answer" "$REPLY"
	exec {first}>&-
	run "$CLIENT" -p "$PORT" -m $'next\n'
	assert_success
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^read\(4, "first\\n", 4096\) += 6$' \
		'^close\(4\) += 0$' \
		'^read\(4, "bye\\n", 4096\) += 4$' \
		'^sendto\(4, "Message received\.\\n", 18, MSG_NOSIGNAL, NULL, 0\) += -1 (ECONNRESET|EPIPE) ' \
		'^close\(4\) += 0$' \
		'^read\(4, "next\\n", 4096\) += 5$' \
		'^sendto\(4, "Message received\.\\n", 18, MSG_NOSIGNAL, NULL, 0\) += 18$'
	run trace_of t
	refute_line --partial 'SIGPIPE'
}
