#!/usr/bin/env bats
# 11-dualstack: one AF_INET6 listener on [::]. IPV6_V6ONLY off (the default here, as Go's ":8080"): IPv4
# clients are served too, seen as ::ffff:127.0.0.1, and the IPv4 port is taken. -6 (IPV6_V6ONLY on): IPv6
# only, IPv4 clients are refused and 0.0.0.0:PORT stays free for another socket. The server itself is 04's.

# shellcheck disable=SC2153,SC2154 # PORT, SERVER_PID, stderr, fds named by udp_socket... are set by helpers and bats
load helpers
load server-behaviour
# shellcheck disable=SC2034 # read by server-behaviour.bash
STAGE=11-dualstack

# A sanitizer build reads /proc/self/maps as it starts, different from run to run with address space
# randomisation, and asks the clock by syscall: the runs compared with strace's go without randomisation
# (setarch -R) and without clock_gettime, under both tracers.
NO_ASLR=() SAN_FILTER=()
if ldd "$BIN/11-dualstack" 2>/dev/null | grep -q libasan; then
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

# The port 09-client's own end got, from its output.
our_port() {
	sed -nE 's/^getsockname\(3\) = .*:([0-9]+): our end.*/\1/p' <<<"$output"
}

# ---- what every server stage does (tests/server-behaviour.bash), where it does not assume IPv4 ----

@test "11: serves IPv6 clients: -a ::1 listens on [::1]:PORT" {
	check_ipv6
}

@test "11: with -n 3 it serves three clients, then exits 0 by itself" {
	check_serves_n_then_exits
}

@test "11: clients that close or reset in the middle of a request do not stop the server" {
	check_survives_client_disconnect
}

@test "11: 100 IPv4 clients connected at once to [::] are all answered" {
	check_serves_many_together 100
}

# ---- dual stack: IPV6_V6ONLY off ----

@test "11: by default it listens on [::]:PORT with IPV6_V6ONLY off; ss shows the port for both families, as *:PORT" {
	start_stage srv -p 0
	run srv_out
	assert_line --index 0 'socket(AF_INET6, SOCK_STREAM, 0) = fd 3'
	assert_line 'setsockopt(3, IPPROTO_IPV6, IPV6_V6ONLY, 0) = 0: IPv4 clients too'
	assert_line 'bind(3, [::]:0) = 0'
	assert_line "listening on [::]:$PORT"
	run ss -Hltn "sport = :$PORT"
	assert_output --regexp "^LISTEN .* \*:$PORT "
}

@test "11: an IPv4 client (127.0.0.1) is served by the IPv6 socket and appears as [::ffff:127.0.0.1]" {
	start_stage srv -p 0 -n 1
	run client09 -a 127.0.0.1 -p "$PORT"
	assert_success
	assert_line 'Message received.'
	local ours
	ours=$(our_port)
	wait_for_exit "$SERVER_PID" 5
	run srv_out
	assert_line "accept4(3) = fd 4, client [::ffff:127.0.0.1]:$ours"
	assert_line "  an IPv4 client: 127.0.0.1:$ours, in an IPv4-mapped IPv6 address"
	assert_line 'read(4) = 6: "hello\n"'
}

@test "11: an IPv6 client (::1) on the same listener is plain IPv6" {
	start_stage srv -p 0 -n 1
	run client09 -a ::1 -p "$PORT"
	assert_success
	local ours
	ours=$(our_port)
	wait_for_exit "$SERVER_PID" 5
	run srv_out
	assert_line "accept4(3) = fd 4, client [::1]:$ours"
	refute_line --partial 'an IPv4 client'
}

@test "11: the dual-stack listener holds the IPv4 port too: an IPv4 server on 0.0.0.0 or 127.0.0.1 gets EADDRINUSE" {
	start_stage srv -p 0
	run "$BIN/04-accept" -a 0.0.0.0 -p "$PORT"
	assert_failure 1
	assert_line '04-accept: bind: Address already in use'
	run "$BIN/04-accept" -a 127.0.0.1 -p "$PORT"
	assert_failure 1
	assert_line '04-accept: bind: Address already in use'
}

# ---- -6: IPV6_V6ONLY on ----

@test "11 -6: IPV6_V6ONLY on: ss shows [::]:PORT, IPv6 clients are served and an IPv4 client is refused" {
	start_stage srv -6 -p 0
	run srv_out
	assert_line 'setsockopt(3, IPPROTO_IPV6, IPV6_V6ONLY, 1) = 0: IPv6 clients only'
	run ss -Hltn "sport = :$PORT"
	assert_output --regexp "^LISTEN .* \[::\]:$PORT "
	run client09 -a ::1 -p "$PORT"
	assert_success
	assert_line 'Message received.'
	run --separate-stderr client09 -a 127.0.0.1 -p "$PORT"
	assert_failure 1
	assert_equal "$stderr" "09-client: connect to 127.0.0.1:$PORT: Connection refused"
	run srv_out
	refute_line --partial '::ffff:'
}

@test "11 -6: the IPv4 port stays free: 04 listens on 0.0.0.0:PORT beside it and gets the IPv4 clients" {
	start_stage srv -6 -p 0
	local port=$PORT
	start_server v4 fresh_fds "$BIN/04-accept" -a 0.0.0.0 -p "$port" -n 1
	run client09 -a 127.0.0.1 -p "$port"
	assert_success
	run client09 -a ::1 -p "$port"
	assert_success
	wait_for_line "$BATS_TEST_TMPDIR/v4.out" '^close\(4\) = 0$' "$SERVER_PID"
	run grep '^accept4' "$BATS_TEST_TMPDIR/v4.out"
	assert_output --regexp '^accept4\(3\) = fd 4, client 127\.0\.0\.1:[0-9]+$'
	run grep '^accept4' "$BATS_TEST_TMPDIR/srv.out"
	assert_output --regexp '^accept4\(3\) = fd 4, client \[::1\]:[0-9]+$'
	run ss -Hltn "sport = :$port"
	assert_line --regexp "^LISTEN .* \[::\]:$port "
}

@test "11: -a ::1 takes IPv6 loopback clients only, whatever IPV6_V6ONLY says: 127.0.0.1 is refused" {
	start_stage srv -a ::1 -p 0
	run --separate-stderr client09 -a 127.0.0.1 -p "$PORT"
	assert_failure 1
	assert_equal "$stderr" "09-client: connect to 127.0.0.1:$PORT: Connection refused"
}

@test "11: an IPv4-mapped address: -a ::ffff:127.0.0.1 is an IPv6 socket for IPv4 clients only; with -6, bind fails" {
	start_stage srv -a ::ffff:127.0.0.1 -p 0 -n 1
	run grep 'listening on' "$BATS_TEST_TMPDIR/srv.out"
	assert_output "listening on [::ffff:127.0.0.1]:$PORT"
	run client09 -a 127.0.0.1 -p "$PORT"
	assert_success
	run stage -6 -a ::ffff:127.0.0.1 -p 0
	assert_failure 1
	assert_line '11-dualstack: bind: Invalid argument'
}

# ---- signals, busy port ----

@test "11: SIGTERM lets a connected IPv4 client go, closes its fds and exits 0" {
	local fd status=0
	start_stage srv -p 0
	exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^accept4\(3\)' "$SERVER_PID"
	kill -TERM "$SERVER_PID"
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	read -r -t 5 -u "$fd" _ || status=$?
	exec {fd}>&-
	[ "$status" -eq 1 ] || fail "the connected client was not let go (read status $status)"
	run srv_out
	assert_line 'got SIGTERM'
	assert_line 'close(3) = 0'
}

@test "11: a port already in use gives '11-dualstack: bind: Address already in use' and exit 1" {
	start_stage first -p 0
	run stage -p "$PORT"
	assert_failure 1
	assert_line '11-dualstack: bind: Address already in use'
	refute_line --partial 'listening on'
}

# ---- the trace ----

@test "11: the tracer sees socket(AF_INET6), setsockopt(SOL_IPV6, IPV6_V6ONLY, [0]) before bind to ::, and an accept4 from ::ffff:127.0.0.1" {
	start_traced_server t "$(STAGE_BIN)" -p 0 -n 1
	run client09 -a 127.0.0.1 -p "$PORT"
	assert_success
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^socket\(AF_INET6, SOCK_STREAM, IPPROTO_IP\) += 3$' \
		'^setsockopt\(3, SOL_SOCKET, SO_REUSEADDR, \[1\], 4\) += 0$' \
		'^setsockopt\(3, SOL_IPV6, IPV6_V6ONLY, \[0\], 4\) += 0$' \
		'^bind\(3, \{sa_family=AF_INET6, sin6_port=htons\(0\), sin6_flowinfo=htonl\(0\), inet_pton\(AF_INET6, "::", &sin6_addr\), sin6_scope_id=0\}, 28\) += 0$' \
		'^listen\(3, 4096\) += 0$' \
		'^accept4\(3, \{sa_family=AF_INET6, sin6_port=htons\([0-9]+\), sin6_flowinfo=htonl\(0\), inet_pton\(AF_INET6, "::ffff:127\.0\.0\.1", &sin6_addr\), sin6_scope_id=0\}, \[128 => 28\], SOCK_CLOEXEC\) += 4$' \
		'^read\(4, "hello\\n", 4096\) += 6$' \
		'^close\(4\) += 0$' \
		'^close\(3\) += 0$'
}

@test "11 -6: the tracer sees IPV6_V6ONLY set to [1], then an IPv4-mapped bind() refused with EINVAL" {
	traced t "$(STAGE_BIN)" -6 -a ::ffff:127.0.0.1 -p 0 || true
	assert_calls_in_order t \
		'^setsockopt\(3, SOL_IPV6, IPV6_V6ONLY, \[1\], 4\) += 0$' \
		'^bind\(3, \{sa_family=AF_INET6, .*"::ffff:127\.0\.0\.1".*\}, 28\) += -1 EINVAL \(Invalid argument\)$'
}

@test "11: the tracer says in plain words what IPV6_V6ONLY off means" {
	(fresh_fds "${TRACED_ENV[@]}" "$BIN/tracer" -e trace=setsockopt -o "$BATS_TEST_TMPDIR/e.txt" -- \
		"$(STAGE_BIN)" -6 -a ::ffff:127.0.0.1 -p 0 >/dev/null 2>&1) || true
	start_stage first -a ::1 -p 0 # so that the next run stops at bind(), on EADDRINUSE
	(fresh_fds "${TRACED_ENV[@]}" "$BIN/tracer" -e trace=setsockopt -o "$BATS_TEST_TMPDIR/f.txt" -- \
		"$(STAGE_BIN)" -a ::1 -p "$PORT" >/dev/null 2>&1) || true
	run grep -A1 'IPV6_V6ONLY' "$BATS_TEST_TMPDIR/e.txt" "$BATS_TEST_TMPDIR/f.txt"
	assert_line --regexp 'e\.txt-  # .*(IPv6 only|only IPv6|IPv6 clients only)'
	assert_line --regexp 'f\.txt-  # .*IPv4 too'
}

@test "11: bin/tracer prints the server's whole trace (-f -yy) as strace does, with an IPv4 and an IPv6 client" {
	command -v strace >/dev/null || skip "strace is not installed"
	local side
	for side in strace tracer; do
		local tr=(strace)
		[ "$side" = tracer ] && tr=("$BIN/tracer" --no-explain)
		start_server t fresh_fds "${TRACED_ENV[@]}" "${NO_ASLR[@]}" "${tr[@]}" "${SAN_FILTER[@]}" -f -yy -o "$BATS_TEST_TMPDIR/t.$side" -- "$(STAGE_BIN)" -p 0 -n 2
		client09 -a 127.0.0.1 -p "$PORT" >/dev/null
		client09 -a ::1 -p "$PORT" >/dev/null
		wait_for_exit "$SERVER_PID" 10
	done
	run "$ROOT/scripts/compare-strace" --files "$BATS_TEST_TMPDIR/t.strace" "$BATS_TEST_TMPDIR/t.tracer"
	assert_success
	run grep -c '"::ffff:127.0.0.1"' "$BATS_TEST_TMPDIR/t.tracer"
	assert_success
}

# ---- options ----

@test "11: -h prints the usage: an IPv6 -a ADDR (default ::) and -6" {
	run --separate-stderr stage -h
	assert_success
	assert_line --index 0 'usage: 11-dualstack [-a ADDR] [-p PORT] [-b BACKLOG] [-n N] [-6] [-h]'
	assert_line --regexp '^  -a ADDR +IPv6 address, e\.g\. :: or ::1 \(default ::\)$'
	assert_line --regexp '^  -6 +IPV6_V6ONLY on: IPv6 clients only'
	assert_equal "$stderr" ''
}

@test "11: an IPv4 address is refused with a message and the usage (exit 2); other bad options too" {
	run --separate-stderr stage -a 127.0.0.1
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "11-dualstack: bad address '127.0.0.1': want an IPv6 literal such as :: or ::1"
	assert_equal "${stderr_lines[1]}" 'usage: 11-dualstack [-a ADDR] [-p PORT] [-b BACKLOG] [-n N] [-6] [-h]'
	run stage -a localhost
	assert_failure 2
	assert_line "11-dualstack: bad address 'localhost': want an IPv6 literal such as :: or ::1"
	run stage -p 70000
	assert_failure 2
	assert_line "11-dualstack: bad port '70000': want a number from 0 to 65535"
	run stage -e
	assert_failure 2
	assert_line '11-dualstack: unknown option -e'
}

@test "11: docs/11-dualstack.md shows the usage the server prints" {
	run stage -h
	usage=$output
	run sed -n '/^usage: 11-dualstack /,/^```/p' "$ROOT/docs/11-dualstack.md"
	assert_output "$usage"$'\n```'
}
