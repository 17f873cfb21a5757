#!/usr/bin/env bats
# 05-poll: one thread serves many clients at once with poll() over the listener and every client fd.

load helpers
load server-behaviour
STAGE=05-poll

# ---- what every server stage does (tests/server-behaviour.bash) ----

@test "05: says 'listening on 127.0.0.1:PORT' once, on the port the kernel chose" {
	check_says_listening_once
}

@test "05: answers a client's line with 'Message received.' and prints what it read" {
	check_answers_message_received
}

@test "05: serves IPv6 clients too: -a ::1 listens on [::1]:PORT" {
	check_ipv6
}

@test "05: with -n 3 it serves three clients, then exits 0 by itself" {
	check_serves_n_then_exits
}

@test "05: Ctrl-C (SIGINT) lets a connected client go, closes its fds and exits 0" {
	check_stops_on_signal INT
}

@test "05: SIGTERM lets a connected client go, closes its fds and exits 0" {
	check_stops_on_signal TERM
}

@test "05: restarted at once on the same port although the last connection is in TIME_WAIT (SO_REUSEADDR)" {
	check_restarts_on_same_port
}

@test "05: a port already in use gives '05-poll: bind: Address already in use' and exit 1" {
	check_busy_port
}

@test "05: bad options give a message and the usage on stderr, and exit 2" {
	check_bad_options
}

@test "05: -h prints the usage on stdout and exits 0" {
	check_help
}

@test "05: clients that close or reset in the middle of a request do not stop the server" {
	check_survives_client_disconnect
}

@test "05: 100 clients connected at once, all sending together, are all answered" {
	check_serves_many_together 100
}

@test "05: of 100 connected clients the last is answered first while the 99 others stay silent" {
	# listener fd 3, clients fd 4 to 103: all open at the same time
	check_serves_many_at_once 100 4
}

# ---- what is particular to 05 ----

@test "05: each ppoll() is handed the listener and every connected client, idle ones included" {
	start_stage srv -a 127.0.0.1 -p 0
	exec {c1}<>"/dev/tcp/127.0.0.1/$PORT"
	exec {c2}<>"/dev/tcp/127.0.0.1/$PORT"
	exec {c3}<>"/dev/tcp/127.0.0.1/$PORT"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^accept4\(3\) = fd 6,' "$SERVER_PID"
	printf 'third\n' >&"$c3"
	read -r -t 5 -u "$c3" answer
	assert_equal "$answer" "$REPLY"
	run grep -E '^(ppoll|accept4|read)' "$BATS_TEST_TMPDIR/srv.out"
	assert_output "ppoll(1 fds) = 1 ready
accept4(3) = fd 4, client 127.0.0.1:${lines[1]##*:}
ppoll(2 fds) = 1 ready
accept4(3) = fd 5, client 127.0.0.1:${lines[3]##*:}
ppoll(3 fds) = 1 ready
accept4(3) = fd 6, client 127.0.0.1:${lines[5]##*:}
ppoll(4 fds) = 1 ready
read(6) = 6: \"third\n\""
	exec {c1}>&- {c2}>&- {c3}>&-
}

@test "05: a client that hangs up is seen by ppoll() as readable, and read() returns 0" {
	start_stage srv -a 127.0.0.1 -p 0 -n 1
	exec {c1}<>"/dev/tcp/127.0.0.1/$PORT"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^accept4\(3\) = fd 4,' "$SERVER_PID"
	exec {c1}>&-
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	# the three lines from the hang-up on, wherever they stand in the narration
	run grep -A2 -x 'ppoll(2 fds) = 1 ready' "$BATS_TEST_TMPDIR/srv.out"
	assert_line --index 1 'read(4) = 0: the client closed without sending anything'
	assert_line --index 2 'close(4) = 0'
}

@test "05: strace sees ppoll() on fd 3 with SIGINT and SIGTERM let in, accept4(), ppoll() on fds 3 and 4, read, sendto, close(4)" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -n 1
	run "$CLIENT" -p "$PORT" -m $'hello\n'
	assert_success
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) += 3$' \
		'^setsockopt\(3, SOL_SOCKET, SO_REUSEADDR, \[1\], 4\) += 0$' \
		'^bind\(3, \{sa_family=AF_INET, sin_port=htons\(0\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) += 0$' \
		"^getsockname\(3, \{sa_family=AF_INET, sin_port=htons\($PORT\), .*\) += 0$" \
		'^listen\(3, 4096\) += 0$' \
		'^ppoll\(\[\{fd=3, events=POLLIN\}\], 1, NULL, \[\], 8\) += 1 \(\[\{fd=3, revents=POLLIN\}\]\)$' \
		'^accept4\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[[0-9]+ => 16\], SOCK_CLOEXEC\) += 4$' \
		'^ppoll\(\[\{fd=3, events=POLLIN\}, \{fd=4, events=POLLIN\}\], 2, NULL, \[\], 8\) += 1 \(\[\{fd=4, revents=POLLIN\}\]\)$' \
		'^read\(4, "hello\\n", 4096\) += 6$' \
		'^sendto\(4, "Message received\.\\n", 18, MSG_NOSIGNAL, NULL, 0\) += 18$' \
		'^close\(4\) += 0$' \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
}

@test "05: strace sees SIGINT and SIGTERM blocked, SIGTERM interrupt ppoll(), then the idle client's fd and the listener closed" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0
	exec {c1}<>"/dev/tcp/127.0.0.1/$PORT"
	wait_for_line "$BATS_TEST_TMPDIR/t.out" '^accept4\(3\) = fd 4,' "$SERVER_PID"
	kill -TERM "$SERVER_PID"
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^rt_sigprocmask\(SIG_BLOCK, \[INT TERM\], \[\], 8\) += 0$' \
		'^listen\(3, 4096\) += 0$' \
		'^ppoll\(\[\{fd=3, events=POLLIN\}, \{fd=4, events=POLLIN\}\], 2, NULL, \[\], 8\) += \? ERESTART' \
		'^--- SIGTERM ' \
		'^rt_sigreturn\(\{mask=\[INT TERM\]\}\) += -1 EINTR ' \
		'^close\(4\) += 0$' \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
	exec {c1}>&-
}
