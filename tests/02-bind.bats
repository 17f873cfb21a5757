#!/usr/bin/env bats
# 02-bind: setsockopt(SO_REUSEADDR), bind() to ADDR:PORT, getsockname() to learn the port really bound.

load helpers
load server-behaviour
STAGE=02-bind

# The port in a "bound to ADDR:PORT" line of the output.
bound_port() {
	grep -m1 '^bound to ' | sed -E 's/.*:([0-9]+)$/\1/'
}

@test "02: with port 0 the kernel chooses a free port, and getsockname() tells the program which" {
	run stage -a 127.0.0.1 -p 0
	assert_success
	assert_line 'bind(3, 127.0.0.1:0) = 0'
	assert_line --regexp '^bound to 127\.0\.0\.1:[0-9]+$'
	port=$(bound_port <<<"$output")
	[ "$port" -ge 1024 ] && [ "$port" -le 65535 ]
}

@test "02: the steps are socket, SO_REUSEADDR, bind, getsockname, close, and the program exits 0" {
	run stage -p 0
	assert_success
	assert_line --index 0 'socket(AF_INET, SOCK_STREAM, 0) = fd 3'
	assert_line --index 2 'setsockopt(3, SOL_SOCKET, SO_REUSEADDR, 1) = 0'
	assert_line --index 3 'bind(3, 0.0.0.0:0) = 0'
	assert_line --index 4 --regexp '^bound to 0\.0\.0\.0:[0-9]+$'
	assert_line --index 5 'close(3) = 0'
}

@test "02: strace sees setsockopt(SO_REUSEADDR), bind() to port 0, getsockname() with the chosen port, close(3)" {
	traced t "$(STAGE_BIN)" -a 127.0.0.1 -p 0
	port=$(bound_port <"$BATS_TEST_TMPDIR/t.out")
	assert_calls_in_order t \
		'^socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) += 3$' \
		'^setsockopt\(3, SOL_SOCKET, SO_REUSEADDR, \[1\], 4\) += 0$' \
		'^bind\(3, \{sa_family=AF_INET, sin_port=htons\(0\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) += 0$' \
		"^getsockname\(3, \{sa_family=AF_INET, sin_port=htons\($port\), sin_addr=inet_addr\(\"127\.0\.0\.1\"\)\}, \[[0-9]+ => 16\]\) += 0$" \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
}

@test "02: -a :: binds an IPv6 socket to every address, printed as [::]:PORT" {
	traced t "$(STAGE_BIN)" -a :: -p 0
	run cat "$BATS_TEST_TMPDIR/t.out"
	assert_line 'socket(AF_INET6, SOCK_STREAM, 0) = fd 3'
	assert_line 'bind(3, [::]:0) = 0'
	assert_line --regexp '^bound to \[::\]:[0-9]+$'
	run trace_of t
	assert_line --regexp '^bind\(3, \{sa_family=AF_INET6, sin6_port=htons\(0\), .*inet_pton\(AF_INET6, "::", &sin6_addr\).*\}, 28\) += 0$'
}

@test "02: a port another server listens on gives '02-bind: bind: Address already in use' and exit 1" {
	start_server listener fresh_fds "$BIN/03-listen" -a 127.0.0.1 -p 0
	run stage -a 127.0.0.1 -p "$PORT"
	assert_failure 1
	assert_line '02-bind: bind: Address already in use'
	refute_line --partial 'bound to'
	traced t "$(STAGE_BIN)" -a 127.0.0.1 -p "$PORT" || true
	run trace_of t
	assert_line --regexp "^bind\(3, \{sa_family=AF_INET, sin_port=htons\($PORT\), .*\}, 16\) += -1 EADDRINUSE \(Address already in use\)$"
	assert_line '+++ exited with 1 +++'
}

@test "02: a port below 1024 as an ordinary user gives '02-bind: bind: Permission denied' (EACCES) and exit 1" {
	[ "$(cat /proc/sys/net/ipv4/ip_unprivileged_port_start)" -gt 80 ] ||
		skip 'this machine lets every user bind port 80 (net.ipv4.ip_unprivileged_port_start)'
	as_user=()
	[ "$(id -u)" -eq 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	run fresh_fds "${as_user[@]}" "$(STAGE_BIN)" -p 80
	assert_failure 1
	assert_line '02-bind: bind: Permission denied'
}

@test "02: -w keeps the socket bound but not listening: connecting is refused and ss -ltn does not list it" {
	fresh_fds "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -w >"$BATS_TEST_TMPDIR/w.out" 2>&1 &
	pid=$!
	track "$pid"
	wait_for_line "$BATS_TEST_TMPDIR/w.out" '^waiting for Ctrl-C' "$pid"
	port=$(bound_port <"$BATS_TEST_TMPDIR/w.out")
	run bash -c "exec 5<>/dev/tcp/127.0.0.1/$port"
	assert_failure
	assert_output --partial 'Connection refused'
	run ss -Hltn "sport = :$port"
	assert_output ''
	kill -INT "$pid"
	wait_for_exit "$pid" 5
	assert_equal "$EXIT_STATUS" 0
	run tail -n 2 "$BATS_TEST_TMPDIR/w.out"
	assert_line --index 0 'got SIGINT'
	assert_line --index 1 'close(3) = 0'
}

@test "02: a bad port or an option 02-bind does not take prints the usage and exits 2" {
	run stage -p 65536
	assert_failure 2
	assert_line "02-bind: bad port '65536': want a number from 0 to 65535"
	assert_line 'usage: 02-bind [-a ADDR] [-p PORT] [-w] [-h]'
	run stage -p http
	assert_failure 2
	run stage -b 10
	assert_failure 2
	assert_line '02-bind: unknown option -b'
}

@test "02: -h lists -a, -p and -w and exits 0" {
	run --separate-stderr stage -h
	assert_success
	assert_line 'usage: 02-bind [-a ADDR] [-p PORT] [-w] [-h]'
	assert_line --regexp '^  -w +stay bound \(but not listening\) until Ctrl-C'
}
