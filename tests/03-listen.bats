#!/usr/bin/env bats
# 03-listen: listen() makes the socket a listener; the kernel queues connections nobody accepts.

load helpers
load server-behaviour
STAGE=03-listen

# Recv-Q and Send-Q of the listener on $PORT, as `ss -ltn` shows them: "RECVQ SENDQ".
listen_queue() {
	ss -Hltn "sport = :$PORT" | awk '{ print $2, $3 }'
}

@test "03: prints 'listen(3, 4096) = 0' and then exactly one 'listening on ADDR:PORT' line" {
	start_stage srv -a 127.0.0.1 -p 0
	run cat "$BATS_TEST_TMPDIR/srv.out"
	assert_line 'listen(3, 4096) = 0'
	assert_line "listening on 127.0.0.1:$PORT"
	run grep -c 'listening on' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 1
}

@test "03: three clients connect although the program never calls accept(): they wait in the accept queue" {
	start_stage srv -a 127.0.0.1 -p 0
	exec {c1}<>"/dev/tcp/127.0.0.1/$PORT"
	exec {c2}<>"/dev/tcp/127.0.0.1/$PORT"
	exec {c3}<>"/dev/tcp/127.0.0.1/$PORT"
	# Recv-Q of a listener is its accept queue: three connections, handshake done, not accepted
	run listen_queue
	assert_output '3 4096'
	run ss -Htn state established "dport = :$PORT"
	assert_equal "${#lines[@]}" 3
	exec {c1}>&- {c2}>&- {c3}>&-
}

@test "03: the backlog bounds the queue: with -b 1 two clients get in and a third cannot finish connecting" {
	start_stage srv -a 127.0.0.1 -p 0 -b 1
	exec {c1}<>"/dev/tcp/127.0.0.1/$PORT"
	exec {c2}<>"/dev/tcp/127.0.0.1/$PORT"
	# Linux queues backlog + 1 connections; the SYN of the next one is dropped and the client keeps retrying
	run timeout 1 "$CLIENT" -p "$PORT" -t 1
	assert_failure
	run listen_queue
	assert_output '2 1'
	exec {c1}>&- {c2}>&-
}

@test "03: the kernel caps the backlog at /proc/sys/net/core/somaxconn: -b 100000 queues at most that many" {
	start_stage srv -a 127.0.0.1 -p 0 -b 100000
	run cat "$BATS_TEST_TMPDIR/srv.out"
	assert_line 'listen(3, 100000) = 0'
	run listen_queue
	assert_output "0 $(cat /proc/sys/net/core/somaxconn)"
}

@test "03: strace sees socket, setsockopt, bind, getsockname, listen(3, 4096), then pause() and never accept" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0
	exec {c1}<>"/dev/tcp/127.0.0.1/$PORT"
	kill -TERM "$SERVER_PID"
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) += 3$' \
		'^setsockopt\(3, SOL_SOCKET, SO_REUSEADDR, \[1\], 4\) += 0$' \
		'^bind\(3, \{sa_family=AF_INET, sin_port=htons\(0\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) += 0$' \
		"^getsockname\(3, \{sa_family=AF_INET, sin_port=htons\($PORT\), .*\) += 0$" \
		'^listen\(3, 4096\) += 0$' \
		'^pause\(\) += \? ERESTARTNOHAND' \
		'^--- SIGTERM ' \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
	run trace_of t
	refute_line --regexp '^accept'
	exec {c1}>&-
}

@test "03: -b 16 is passed to listen() as it is" {
	start_traced_server t "$(STAGE_BIN)" -p 0 -b 16
	kill -INT "$SERVER_PID"
	finish_trace t
	run trace_of t
	assert_line --regexp '^listen\(3, 16\) += 0$'
}

@test "03: Ctrl-C (SIGINT) or SIGTERM makes it close fd 3 and exit 0, and the port is free again" {
	for sig in INT TERM; do
		start_stage "srv$sig" -a 127.0.0.1 -p 0
		kill -"$sig" "$SERVER_PID"
		wait_for_exit "$SERVER_PID" 5
		assert_equal "$EXIT_STATUS" 0
		run tail -n 2 "$BATS_TEST_TMPDIR/srv$sig.out"
		assert_line --index 0 "got SIG$sig"
		assert_line --index 1 'close(3) = 0'
		run ss -Hltn "sport = :$PORT"
		assert_output ''
	done
}

@test "03: a client still waiting in the queue when the listener closes is reset (Connection reset by peer)" {
	start_stage srv -a 127.0.0.1 -p 0
	"$CLIENT" -p "$PORT" >"$BATS_TEST_TMPDIR/client.out" 2>&1 &
	client=$!
	track "$client"
	wait_for_line "$BATS_TEST_TMPDIR/client.out" '^1 connected' "$client"
	kill -TERM "$SERVER_PID"
	wait_for_exit "$client" 10
	assert_equal "$EXIT_STATUS" 1
	run cat "$BATS_TEST_TMPDIR/client.out"
	assert_line 'test-client: connection 1: read: Connection reset by peer'
}

@test "03: -a :: listens for IPv6 as [::]:PORT, and an IPv6 client connects over ::1" {
	start_stage srv -a :: -p 0
	run grep 'listening on' "$BATS_TEST_TMPDIR/srv.out"
	assert_output "listening on [::]:$PORT"
	exec {c1}<>"/dev/tcp/::1/$PORT"
	# ss prints a socket bound to [::] (IPv6 and IPv4 alike) as "*"
	run ss -Hltn "sport = :$PORT"
	assert_output --regexp "^LISTEN +1 +4096 +(\\[::\\]|\\*):$PORT "
	exec {c1}>&-
}

@test "03: a port already listened on gives '03-listen: bind: Address already in use' and exit 1" {
	start_stage first -a 127.0.0.1 -p 0
	run stage -a 127.0.0.1 -p "$PORT"
	assert_failure 1
	assert_line '03-listen: bind: Address already in use'
	refute_line --partial 'listening on'
}

@test "03: a bad backlog, or -n (03 serves nobody), prints the usage and exits 2" {
	run stage -b many
	assert_failure 2
	assert_line "03-listen: bad backlog 'many': want a number from 0 up"
	assert_line 'usage: 03-listen [-a ADDR] [-p PORT] [-b BACKLOG] [-h]'
	run stage -n 1
	assert_failure 2
	assert_line '03-listen: unknown option -n'
}
