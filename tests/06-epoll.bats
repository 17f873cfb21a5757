#!/usr/bin/env bats
# 06-epoll: the same with epoll and non-blocking fds, level-triggered by default and edge-triggered with -e.

load helpers
load server-behaviour
STAGE=06-epoll

# ---- what every server stage does (tests/server-behaviour.bash) ----

@test "06: says 'listening on 127.0.0.1:PORT' once, on the port the kernel chose" {
	check_says_listening_once
}

@test "06: answers a client's line with 'Message received.' and prints what it read" {
	check_answers_message_received
}

@test "06: serves IPv6 clients too: -a ::1 listens on [::1]:PORT" {
	check_ipv6
}

@test "06: with -n 3 it serves three clients, then exits 0 by itself" {
	check_serves_n_then_exits
}

@test "06: Ctrl-C (SIGINT) lets a connected client go, closes its fds and exits 0" {
	check_stops_on_signal INT
}

@test "06: SIGTERM lets a connected client go, closes its fds and exits 0" {
	check_stops_on_signal TERM
}

@test "06: restarted at once on the same port although the last connection is in TIME_WAIT (SO_REUSEADDR)" {
	check_restarts_on_same_port
}

@test "06: a port already in use gives '06-epoll: bind: Address already in use' and exit 1" {
	check_busy_port
}

@test "06: bad options give a message and the usage on stderr, and exit 2" {
	check_bad_options
}

@test "06: -h prints the usage on stdout and exits 0" {
	check_help
}

@test "06: clients that close or reset in the middle of a request do not stop the server" {
	check_survives_client_disconnect
}

@test "06: 100 clients connected at once, all sending together, are all answered" {
	check_serves_many_together 100
}

@test "06: of 100 connected clients the last is answered first while the 99 others stay silent" {
	# listener fd 3, epoll fd 4, clients fd 5 to 104: all open at the same time
	check_serves_many_at_once 100 5
}

# ---- the same behaviour, edge-triggered (-e) ----

@test "06 -e: edge-triggered, it answers a client's line with 'Message received.'" {
	SERVER_ARGS=(-e)
	check_answers_message_received
}

@test "06 -e: edge-triggered, with -n 3 it serves three clients, then exits 0 by itself" {
	SERVER_ARGS=(-e)
	check_serves_n_then_exits
}

@test "06 -e: edge-triggered, SIGTERM lets a connected client go, closes its fds and exits 0" {
	SERVER_ARGS=(-e)
	check_stops_on_signal TERM
}

@test "06 -e: edge-triggered, clients that close or reset in the middle do not stop the server" {
	SERVER_ARGS=(-e)
	check_survives_client_disconnect
}

@test "06 -e: edge-triggered, 100 clients connected at once, all sending together, are all answered" {
	SERVER_ARGS=(-e)
	check_serves_many_together 100
}

@test "06 -e: edge-triggered, of 100 connected clients the last is answered first" {
	SERVER_ARGS=(-e)
	check_serves_many_at_once 100 5
}

# ---- what is particular to 06 ----

# The lines of the server's narration that show the accepting: epoll_pwait, accept4, and EAGAIN.
accept_story() {
	grep -E '^(epoll_pwait|accept4)' "$BATS_TEST_TMPDIR/srv.out"
}

@test "06: edge-triggered, each time the listener is reported the server accepts until accept4() says EAGAIN" {
	start_stage srv -e -a 127.0.0.1 -p 0 -n 30
	run "$CLIENT" -q -p "$PORT" -c 30
	assert_success
	wait_for_exit "$SERVER_PID" 10
	# every run of accepts ends with EAGAIN before the next epoll_pwait; 30 clients were accepted
	run awk '/^accept4\(3\) = fd/ { open = 1; n++ } /^accept4\(3\) = EAGAIN/ { open = 0 }
		/^epoll_pwait/ && open { print "epoll_pwait before EAGAIN after line " NR; bad = 1 }
		END { print n " accepted"; exit bad }' <(accept_story)
	assert_success
	assert_output '30 accepted'
}

@test "06: level-triggered, the server accepts one client per report and epoll_pwait reports the listener again" {
	start_stage srv -a 127.0.0.1 -p 0 -n 30
	run "$CLIENT" -q -p "$PORT" -c 30
	assert_success
	wait_for_exit "$SERVER_PID" 10
	run accept_story
	refute_line --partial 'EAGAIN'
	# every accept4 comes straight after an epoll_pwait
	run awk '/^accept4/ && prev !~ /^epoll_pwait/ { print "line " NR " follows: " prev; bad = 1 } { prev = $0 }
		END { exit bad }' <(accept_story)
	assert_success
}

@test "06: with 50 idle clients connected, epoll_pwait() hands back just the one client that sent" {
	start_stage srv -a 127.0.0.1 -p 0
	for i in $(seq 50); do
		exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
		idle+=("$fd")
	done
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^accept4\(3\) = fd 54,' "$SERVER_PID"
	run "$CLIENT" -p "$PORT" -m $'the 51st\n'
	assert_success
	run grep -B1 -E '^read\(55\)' "$BATS_TEST_TMPDIR/srv.out"
	assert_line --index 0 'epoll_pwait(4) = 1 ready'
	assert_line --index 1 'read(55) = 9: "the 51st\n"'
	for fd in "${idle[@]}"; do exec {fd}>&-; done
}

@test "06: strace sees listen, epoll_create1 = 4, epoll_ctl for fd 3, epoll_pwait, accept4 non-blocking, read, sendto" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -n 1
	run "$CLIENT" -p "$PORT" -m $'hello\n'
	assert_success
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^socket\(AF_INET, SOCK_STREAM\|SOCK_NONBLOCK, IPPROTO_IP\) += 3$' \
		'^setsockopt\(3, SOL_SOCKET, SO_REUSEADDR, \[1\], 4\) += 0$' \
		'^bind\(3, \{sa_family=AF_INET, sin_port=htons\(0\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) += 0$' \
		"^getsockname\(3, \{sa_family=AF_INET, sin_port=htons\($PORT\), .*\) += 0$" \
		'^listen\(3, 4096\) += 0$' \
		'^epoll_create1\(EPOLL_CLOEXEC\) += 4$' \
		'^epoll_ctl\(4, EPOLL_CTL_ADD, 3, \{events=EPOLLIN, data=\{u32=3, u64=3\}\}\) += 0$' \
		'^epoll_pwait\(4, \[\{events=EPOLLIN, data=\{u32=3, u64=3\}\}\], 64, -1, \[\], 8\) += 1$' \
		'^accept4\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[[0-9]+ => 16\], SOCK_CLOEXEC\|SOCK_NONBLOCK\) += 5$' \
		'^epoll_ctl\(4, EPOLL_CTL_ADD, 5, \{events=EPOLLIN, data=\{u32=5, u64=5\}\}\) += 0$' \
		'^epoll_pwait\(4, \[\{events=EPOLLIN, data=\{u32=5, u64=5\}\}\], 64, -1, \[\], 8\) += 1$' \
		'^read\(5, "hello\\n", 4096\) += 6$' \
		'^sendto\(5, "Message received\.\\n", 18, MSG_NOSIGNAL, NULL, 0\) += 18$' \
		'^close\(5\) += 0$' \
		'^close\(4\) += 0$' \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
}

@test "06 -e: strace sees EPOLLET on every fd and accept4() ending in EAGAIN" {
	start_traced_server t "$(STAGE_BIN)" -e -a 127.0.0.1 -p 0 -n 1
	run "$CLIENT" -p "$PORT" -m $'hello\n'
	assert_success
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^epoll_ctl\(4, EPOLL_CTL_ADD, 3, \{events=EPOLLIN\|EPOLLET, data=\{u32=3, u64=3\}\}\) += 0$' \
		'^epoll_pwait\(4, \[\{events=EPOLLIN, data=\{u32=3, u64=3\}\}\], 64, -1, \[\], 8\) += 1$' \
		'^accept4\(3, .*, SOCK_CLOEXEC\|SOCK_NONBLOCK\) += 5$' \
		'^epoll_ctl\(4, EPOLL_CTL_ADD, 5, \{events=EPOLLIN\|EPOLLET, data=\{u32=5, u64=5\}\}\) += 0$' \
		'^accept4\(3, .*, SOCK_CLOEXEC\|SOCK_NONBLOCK\) += -1 EAGAIN ' \
		'^read\(5, "hello\\n", 4096\) += 6$' \
		'^close\(5\) += 0$'
}

@test "06: strace sees SIGTERM interrupt epoll_pwait(), then the idle client, the epoll fd and the listener closed" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0
	exec {c1}<>"/dev/tcp/127.0.0.1/$PORT"
	wait_for_line "$BATS_TEST_TMPDIR/t.out" '^accept4\(3\) = fd 5,' "$SERVER_PID"
	kill -TERM "$SERVER_PID"
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^epoll_pwait\(4, .*, \[\], 8\) += -1 EINTR ' \
		'^--- SIGTERM ' \
		'^rt_sigreturn\(\{mask=\[INT TERM\]\}\) += -1 EINTR ' \
		'^close\(5\) += 0$' \
		'^close\(4\) += 0$' \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
	exec {c1}>&-
}

@test "06: -e appears in the usage of 06 only" {
	run stage -h
	assert_line 'usage: 06-epoll [-a ADDR] [-p PORT] [-b BACKLOG] [-n N] [-e] [-c N] [-h]'
	assert_line --regexp '^  -e +edge-triggered epoll'
	run "$BIN/05-poll" -e
	assert_failure 2
}

# ---- scripts/stage-diff: what 06 adds to 05, and the script's errors ----

@test "06: scripts/stage-diff 05 06 shows poll() replaced by epoll, and the steps up to listen() untouched" {
	run "$ROOT/scripts/stage-diff" 05 06
	assert_success
	assert_line --index 0 '--- stages/05-poll.c'
	assert_line --index 1 '+++ stages/06-epoll.c'
	assert_line '-#include <poll.h>'
	assert_line '+#include <sys/epoll.h>'
	assert_line '+	int ep = epoll_create1(EPOLL_CLOEXEC);'
	assert_line '-		int ready = ppoll(fds, n, NULL, sleep_mask); /* NULL: no timeout */'
	assert_line '+		int ready = epoll_pwait(ep, events, MAX_EVENTS, -1, sleep_mask);'
	refute_line --regexp '^[-+].*(setsockopt|bind|getsockname|listen)\('
}

@test "06: scripts/stage-diff 06 alone is the same as scripts/stage-diff 05 06" {
	run "$ROOT/scripts/stage-diff" 05 06
	both=$output
	run "$ROOT/scripts/stage-diff" 06-epoll
	assert_success
	assert_output "$both"
}

@test "stage-diff: with one stage, 09 to 12 are shown against 04-accept, the stage they build on; 08 against 07" {
	local n both
	for n in 09 10 11 12; do
		run "$ROOT/scripts/stage-diff" 04 "$n"
		both=$output
		run "$ROOT/scripts/stage-diff" "$n"
		assert_success
		assert_output "$both"
		assert_line --index 0 '--- stages/04-accept.c'
	done
	run "$ROOT/scripts/stage-diff" 08
	assert_line --index 0 '--- stages/07-http.c'
	assert_line '+#include <seccomp.h>'
}

@test "06: scripts/stage-diff names the stages there are when asked for one that does not exist (exit 2)" {
	run --separate-stderr "$ROOT/scripts/stage-diff" 05 99
	assert_failure 2
	assert_equal "$output" ''
	assert_equal "$stderr" "stage-diff: there is no stage 99; the stages are: $(cd "$ROOT/stages" && ls [0-9][0-9]-*.c | sed 's/\.c$//' | paste -sd ' ')"
	run "$ROOT/scripts/stage-diff" 05-epoll 06
	assert_failure 2
	assert_output "stage-diff: there is no stage '05-epoll'; did you mean 05-poll?"
	run "$ROOT/scripts/stage-diff"
	assert_failure 2
	assert_line --index 0 --regexp '^usage: scripts/stage-diff '
}

@test "06: scripts/stage-diff -h prints its usage and exits 0" {
	run --separate-stderr "$ROOT/scripts/stage-diff" -h
	assert_success
	assert_line --index 0 'usage: scripts/stage-diff [--color=auto|always|never] A [B]'
	assert_equal "$stderr" ''
}
