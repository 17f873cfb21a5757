#!/usr/bin/env bats
# 09-client: the other side of the conversation. getaddrinfo(), a non-blocking connect() finished by poll()
# and SO_ERROR, one request, the answer read to its end; against stages 04 and 07, and the ways it can fail
# (refused, unreachable, no answer to the handshake, no answer to the request), each with its own message.
# The unreachable paths run in a network namespace of their own, where no packet can leave the machine.

# shellcheck disable=SC2153,SC2154 # PORT, SERVER_PID, stderr, fds named by udp_socket... are set by helpers and bats
load helpers
load server-behaviour
# shellcheck disable=SC2034 # read by server-behaviour.bash
STAGE=09-client

# A sanitizer build reads /proc/self/maps as it starts, different from run to run with address space
# randomisation, and asks the clock by syscall: the runs compared with strace's go without randomisation
# (setarch -R) and without clock_gettime, under both tracers.
NO_ASLR=() SAN_FILTER=()
if ldd "$BIN/09-client" 2>/dev/null | grep -q libasan; then
	NO_ASLR=(setarch "$(uname -m)" -R)
	SAN_FILTER=(-e 'trace=!clock_gettime')
fi

out() {
	cat "$BATS_TEST_TMPDIR/$1.out"
}

# bound_not_listening -- a port on 127.0.0.1 that a socket holds (02-bind -w: bound, never listening), so
# that nobody else may take it while the test runs and a connection to it is refused. Sets PORT.
bound_not_listening() {
	local f="$BATS_TEST_TMPDIR/bound.out"
	(fresh_fds "$BIN/02-bind" -a 127.0.0.1 -p 0 -w >"$f" 2>&1) &
	track $!
	wait_for_line "$f" '^waiting for Ctrl-C' $!
	PORT=$(sed -nE 's/^bound to 127\.0\.0\.1:([0-9]+)$/\1/p' "$f")
	[ -n "$PORT" ]
}

# need_netns -- skip unless this machine lets us make a network namespace (unshare -rn) with ip in it.
need_netns() {
	command -v ip >/dev/null || skip "ip (iproute2) is not installed"
	unshare -rn true 2>/dev/null || skip "no network namespace here: unshare -rn is not allowed"
}

# in_netns CMD... -- run CMD (fresh fds) in a new network namespace, where nothing can leave the machine:
# only lo, brought up, no default route; 10.9.9.9 has a route of type "unreachable", and 10.6.6.6 is
# routed into lo, where nothing answers (the SYN is dropped on the way in: the connection can only time out).
in_netns() {
	(fresh_fds unshare -rn sh -c 'ip link set lo up && ip route add unreachable 10.9.9.9/32 &&
		ip route add 10.6.6.6/32 dev lo && exec "$@"' sh "$@")
}

# explained TRACER-ARGS... -- bin/tracer with its explanations, fresh fds (the trace goes to stderr).
explained() {
	(fresh_fds "${TRACED_ENV[@]}" "$BIN/tracer" "$@")
}

# ---- talking to the servers of 04 and 07 ----

@test "09: talks to 04: sends 'hello', reads 'Message received.' until 04 closes, prints the answer" {
	start_server srv fresh_fds "$BIN/04-accept" -a 127.0.0.1 -p 0 -n 1
	run stage -a 127.0.0.1 -p "$PORT"
	assert_success
	assert_line --index 0 "getaddrinfo(\"127.0.0.1\", \"$PORT\", SOCK_STREAM) = 127.0.0.1:$PORT"
	assert_line --index 1 'socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0) = fd 3'
	assert_line --index 2 "connect(3, 127.0.0.1:$PORT) = EINPROGRESS: the SYN is sent, the handshake goes on"
	assert_line --index 3 'poll(fd 3, POLLOUT, 5000 ms) = 1: POLLOUT'
	assert_line --index 4 'getsockopt(3, SO_ERROR) = 0: connected'
	assert_line --index 5 --regexp '^getsockname\(3\) = 127\.0\.0\.1:[0-9]+: our end, chosen by the kernel$'
	assert_line --index 6 'send(3, "hello\n") = 6'
	assert_line 'read(3) = 18: "Message received.\n"'
	assert_line 'read(3) = 0: the server closed the connection'
	assert_line 'close(3) = 0'
	assert_line --index $((${#lines[@]} - 2)) 'answer (18 bytes):'
	assert_line --index $((${#lines[@]} - 1)) 'Message received.'
	# the port our end got is the one 04 saw
	local ours
	ours=$(sed -nE 's/^getsockname\(3\) = 127\.0\.0\.1:([0-9]+):.*/\1/p' <<<"$output")
	wait_for_exit "$SERVER_PID" 5
	run out srv
	assert_line "accept4(3) = fd 4, client 127.0.0.1:$ours"
	assert_line 'read(4) = 6: "hello\n"'
}

@test "09: -m TEXT sends that line, with its newline, in one send()" {
	start_server srv fresh_fds "$BIN/04-accept" -a 127.0.0.1 -p 0 -n 1
	run stage -a 127.0.0.1 -p "$PORT" -m 'two words'
	assert_success
	assert_line 'send(3, "two words\n") = 10'
	wait_for_exit "$SERVER_PID" 5
	run out srv
	assert_line 'read(4) = 10: "two words\n"'
}

@test "09: -g /hello asks 07 for a page over HTTP/1.1 and reads the answer until 07 closes (Connection: close)" {
	start_server srv fresh_fds "$BIN/07-http" -a 127.0.0.1 -p 0 -n 1
	run stage -a 127.0.0.1 -p "$PORT" -g /hello
	assert_success
	# the request, as print_bytes() shows it: its first 64 bytes, then "..."
	assert_line --regexp "^send\(3, \"GET /hello HTTP/1\.1\\\\r\\\\nHost: 127\.0\.0\.1:$PORT\\\\r\\\\nConnection: close\\\\r\\\\n.*\) = $((60 + ${#PORT}))\$"
	assert_line 'read(3) = 0: the server closed the connection'
	assert_line --regexp '^answer \([0-9]+ bytes\):$'
	assert_line $'HTTP/1.1 200 OK\r'
	assert_line $'Connection: close\r'
	assert_line --index $((${#lines[@]} - 1)) 'Hello, world!'
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^fd 5: GET /hello HTTP/1\.1 -> 200 OK \(Connection: close\)$' "$SERVER_PID"
}

@test "09: an IPv6 literal: -a ::1 connects with an AF_INET6 socket to [::1]:PORT" {
	start_server srv fresh_fds "$BIN/04-accept" -a ::1 -p 0 -n 1
	run stage -a ::1 -p "$PORT"
	assert_success
	assert_line --index 0 "getaddrinfo(\"::1\", \"$PORT\", SOCK_STREAM) = [::1]:$PORT"
	assert_line --index 1 'socket(AF_INET6, SOCK_STREAM|SOCK_NONBLOCK, 0) = fd 3'
	assert_line --regexp '^getsockname\(3\) = \[::1\]:[0-9]+: our end'
	assert_line 'Message received.'
}

# ---- the resolver ----

@test "09: -a localhost is looked up in /etc/hosts by getaddrinfo(), and one of its addresses answers" {
	start_server srv fresh_fds "$BIN/04-accept" -a 127.0.0.1 -p 0 -n 1
	traced t "$(STAGE_BIN)" -a localhost -p "$PORT"
	run out t
	assert_line --regexp "^getaddrinfo\(\"localhost\", \"$PORT\", SOCK_STREAM\) = .*127\.0\.0\.1:$PORT"
	assert_line 'Message received.'
	# getaddrinfo() read the name service switch, then found the name in /etc/hosts, before any socket
	assert_calls_in_order t \
		'^openat\(AT_FDCWD, "/etc/nsswitch\.conf", O_RDONLY\|O_CLOEXEC\) += 3$' \
		'^openat\(AT_FDCWD, "/etc/hosts", O_RDONLY\|O_CLOEXEC\) += 3$' \
		'^read\(3, "[^"]*localhost' \
		'^close\(3\) += 0$' \
		'^socket\(AF_INET6?, SOCK_STREAM\|SOCK_NONBLOCK, IPPROTO_IP\) += 3$'
}

@test "09: an address literal needs no resolver: getaddrinfo() opens no file and sends nothing" {
	start_server srv fresh_fds "$BIN/04-accept" -a 127.0.0.1 -p 0 -n 1
	traced t "$(STAGE_BIN)" -a 127.0.0.1 -p "$PORT"
	run trace_of t
	refute_line --partial '/etc/hosts'
	refute_line --partial '/etc/nsswitch.conf'
	refute_line --partial '/etc/resolv.conf'
	run grep -c '^socket(' "$BATS_TEST_TMPDIR/t.trace"
	assert_output 1
}

@test "09: a name with two addresses: the first refuses, the client goes on to the second and is answered" {
	unshare -rm true 2>/dev/null || skip "no mount namespace here: unshare -rm is not allowed"
	# a private /etc/hosts (bind-mounted in a mount namespace of the client's own) gives "pair" two addresses
	printf '127.0.0.3 pair\n127.0.0.4 pair\n' >"$BATS_TEST_TMPDIR/hosts"
	with_hosts() {
		# shellcheck disable=SC2016 # $0 and $@ are the inner shell's
		(fresh_fds unshare -rm sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$BATS_TEST_TMPDIR/hosts" "$@")
	}
	# the order getaddrinfo() gives them (RFC 6724 may sort them): nothing listens yet on this port
	bound_not_listening
	run with_hosts "$(STAGE_BIN)" -a pair -p "$PORT"
	assert_failure 1
	local first second
	first=$(sed -nE "s/^getaddrinfo\(\"pair\", \"$PORT\", SOCK_STREAM\) = (127\.0\.0\.[34]):$PORT, (127\.0\.0\.[34]):$PORT$/\1/p" <<<"$output")
	second=$(sed -nE "s/^getaddrinfo\(\"pair\", \"$PORT\", SOCK_STREAM\) = (127\.0\.0\.[34]):$PORT, (127\.0\.0\.[34]):$PORT$/\2/p" <<<"$output")
	[ -n "$first" ] && [ -n "$second" ] || fail "getaddrinfo() did not give two addresses: $output"
	# now a server listens on the second one only
	start_server srv fresh_fds "$BIN/04-accept" -a "$second" -p 0 -n 1
	run --separate-stderr with_hosts "$(STAGE_BIN)" -a pair -p "$PORT"
	assert_success
	assert_equal "$stderr" "09-client: connect to $first:$PORT: Connection refused"
	assert_line "connect(3, $first:$PORT) = EINPROGRESS: the SYN is sent, the handshake goes on"
	assert_line 'getsockopt(3, SO_ERROR) = ECONNREFUSED: the answer to our SYN was a reset: nothing listens on that port'
	assert_line "connect(3, $second:$PORT) = EINPROGRESS: the SYN is sent, the handshake goes on"
	assert_line 'getsockopt(3, SO_ERROR) = 0: connected'
	assert_line 'Message received.'
}

# ---- when it goes wrong: each way has its own message ----

@test "09: a port where nothing listens: 'connect to 127.0.0.1:PORT: Connection refused', exit 1" {
	bound_not_listening
	run --separate-stderr stage -a 127.0.0.1 -p "$PORT"
	assert_failure 1
	assert_equal "$stderr" "09-client: connect to 127.0.0.1:$PORT: Connection refused"
	assert_line "connect(3, 127.0.0.1:$PORT) = EINPROGRESS: the SYN is sent, the handshake goes on"
	assert_line 'poll(fd 3, POLLOUT, 5000 ms) = 1: POLLOUT|POLLERR|POLLHUP'
	assert_line 'getsockopt(3, SO_ERROR) = ECONNREFUSED: the answer to our SYN was a reset: nothing listens on that port'
	assert_line --index $((${#lines[@]} - 1)) 'close(3) = 0'
	refute_line --regexp '^answer'
}

@test "09: refused, as the tracer sees it: connect EINPROGRESS, poll reports POLLERR, SO_ERROR is ECONNREFUSED" {
	bound_not_listening
	traced t "$(STAGE_BIN)" -a 127.0.0.1 -p "$PORT" || true
	assert_calls_in_order t \
		'^socket\(AF_INET, SOCK_STREAM\|SOCK_NONBLOCK, IPPROTO_IP\) += 3$' \
		"^connect\(3, \{sa_family=AF_INET, sin_port=htons\($PORT\), sin_addr=inet_addr\(\"127\.0\.0\.1\"\)\}, 16\) += -1 EINPROGRESS \(Operation now in progress\)$" \
		'^poll\(\[\{fd=3, events=POLLOUT\}\], 1, 5000\) += 1 \(\[\{fd=3, revents=POLLOUT\|POLLERR\|POLLHUP\}\]\)$' \
		'^getsockopt\(3, SOL_SOCKET, SO_ERROR, \[ECONNREFUSED\], \[4\]\) += 0$' \
		'^close\(3\) += 0$' \
		'^write\(2, "09-client: connect to 127\.0\.0\.1:' \
		'^exit_group\(1\) += \?$'
}

@test "09: no route to the network: 'Network is unreachable' at once, from connect() itself (network namespace)" {
	need_netns
	run --separate-stderr in_netns "$(STAGE_BIN)" -a 10.1.2.3 -p 80
	assert_failure 1
	assert_equal "$stderr" '09-client: connect to 10.1.2.3:80: Network is unreachable'
	assert_line 'connect(3, 10.1.2.3:80) = ENETUNREACH: no route leads to that network: not one packet was sent'
	refute_line --partial 'poll('
}

@test "09: a route that says the host is unreachable: 'No route to host' at once (network namespace)" {
	need_netns
	run --separate-stderr in_netns "$(STAGE_BIN)" -a 10.9.9.9 -p 80
	assert_failure 1
	assert_equal "$stderr" '09-client: connect to 10.9.9.9:80: No route to host'
	assert_line 'connect(3, 10.9.9.9:80) = EHOSTUNREACH: the route says that host cannot be reached: not one packet was sent'
}

@test "09: a handshake nobody answers ends with -t: 'no answer within 0.3 s (timed out)' (network namespace)" {
	need_netns
	local start=$SECONDS
	run --separate-stderr in_netns "$(STAGE_BIN)" -a 10.6.6.6 -p 80 -t 0.3
	assert_failure 1
	assert_equal "$stderr" '09-client: connect to 10.6.6.6:80: no answer within 0.3 s (timed out)'
	assert_line 'connect(3, 10.6.6.6:80) = EINPROGRESS: the SYN is sent, the handshake goes on'
	assert_line 'poll(fd 3, POLLOUT, 300 ms) = 0: nothing within 0.3 s'
	assert_line --index $((${#lines[@]} - 1)) 'close(3) = 0'
	[ $((SECONDS - start)) -lt 5 ]
}

@test "09: unreachable and timed out, as the tracer sees them: connect ENETUNREACH; poll 0 (Timeout) (network namespace)" {
	need_netns
	in_netns "${TRACED_ENV[@]}" "${TRACER_CMD[@]}" -o "$BATS_TEST_TMPDIR/u.trace" -- "$(STAGE_BIN)" -a 10.1.2.3 -p 80 >/dev/null 2>&1 || true
	assert_calls_in_order u \
		'^connect\(3, \{sa_family=AF_INET, sin_port=htons\(80\), sin_addr=inet_addr\("10\.1\.2\.3"\)\}, 16\) += -1 ENETUNREACH \(Network is unreachable\)$' \
		'^close\(3\) += 0$'
	in_netns "${TRACED_ENV[@]}" "${TRACER_CMD[@]}" -o "$BATS_TEST_TMPDIR/w.trace" -- "$(STAGE_BIN)" -a 10.6.6.6 -p 80 -t 0.3 >/dev/null 2>&1 || true
	assert_calls_in_order w \
		'^connect\(3, \{sa_family=AF_INET, sin_port=htons\(80\), sin_addr=inet_addr\("10\.6\.6\.6"\)\}, 16\) += -1 EINPROGRESS ' \
		'^poll\(\[\{fd=3, events=POLLOUT\}\], 1, 300\) += 0 \(Timeout\)$' \
		'^close\(3\) += 0$' \
		'^exit_group\(1\) += \?$'
}

@test "09: a server that takes the connection but never answers (03-listen): 'no answer from ... within 0.5 s'" {
	start_server srv fresh_fds "$BIN/03-listen" -a 127.0.0.1 -p 0
	run --separate-stderr stage -a 127.0.0.1 -p "$PORT" -t 0.5
	assert_failure 1
	assert_equal "$stderr" "09-client: no answer from 127.0.0.1:$PORT within 0.5 s"
	# the handshake did succeed: the kernel of 03-listen completed it and queued the connection
	assert_line 'getsockopt(3, SO_ERROR) = 0: connected'
	assert_line 'send(3, "hello\n") = 6'
	assert_line 'poll(fd 3, POLLIN, 500 ms) = 0: nothing within 0.5 s'
}

@test "09: a name the resolver cannot find: 'getaddrinfo: NAME: ...', exit 1 (network namespace: no DNS server is reached)" {
	need_netns
	run --separate-stderr in_netns env RES_OPTIONS='attempts:1 timeout:1' "$(STAGE_BIN)" -a no-such-host.invalid -p 80
	assert_failure 1
	assert_output ''
	assert_equal "${stderr%%: [A-Z]*}" '09-client: getaddrinfo: no-such-host.invalid'
}

# ---- the trace of a whole conversation ----

@test "09: the tracer sees socket non-blocking, connect EINPROGRESS, poll POLLOUT, SO_ERROR 0, sendto, poll POLLIN, read to 0, close" {
	start_server srv fresh_fds "$BIN/04-accept" -a 127.0.0.1 -p 0 -n 1
	traced t "$(STAGE_BIN)" -a 127.0.0.1 -p "$PORT"
	assert_calls_in_order t \
		'^socket\(AF_INET, SOCK_STREAM\|SOCK_NONBLOCK, IPPROTO_IP\) += 3$' \
		"^connect\(3, \{sa_family=AF_INET, sin_port=htons\($PORT\), sin_addr=inet_addr\(\"127\.0\.0\.1\"\)\}, 16\) += -1 EINPROGRESS \(Operation now in progress\)$" \
		'^poll\(\[\{fd=3, events=POLLOUT\}\], 1, 5000\) += 1 \(\[\{fd=3, revents=POLLOUT\}\]\)$' \
		'^getsockopt\(3, SOL_SOCKET, SO_ERROR, \[0\], \[4\]\) += 0$' \
		'^getsockname\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[128 => 16\]\) += 0$' \
		'^sendto\(3, "hello\\n", 6, MSG_NOSIGNAL, NULL, 0\) += 6$' \
		'^poll\(\[\{fd=3, events=POLLIN\}\], 1, 5000\) += 1 \(\[\{fd=3, revents=POLLIN\}\]\)$' \
		'^read\(3, "Message received\.\\n", 4096\) += 18$' \
		'^read\(3, "", 4096\) += 0$' \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
}

@test "09: the tracer explains the non-blocking connect and SO_ERROR in plain words" {
	start_server srv fresh_fds "$BIN/04-accept" -a 127.0.0.1 -p 0 -n 1
	run --separate-stderr explained -e trace=connect,getsockopt -- "$(STAGE_BIN)" -a 127.0.0.1 -p "$PORT"
	assert_success
	run grep -A1 -E '^(connect|getsockopt)\(' <<<"$stderr"
	assert_line --index 1 --regexp "^  # .*127\.0\.0\.1:$PORT.*(under way|in progress)"
	assert_line --index 3 --regexp "^  # .*fd 3.*127\.0\.0\.1:$PORT"
}

# same_as_strace NAME ARGS... -- run the client with ARGS under strace, then under bin/tracer --no-explain (both
# -f -yy, fresh fds, the same output files), and compare the two traces with scripts/compare-strace.
same_as_strace() {
	local name=$1 side
	shift
	for side in strace tracer; do
		local tr=(strace)
		[ "$side" = tracer ] && tr=("$BIN/tracer" --no-explain)
		(fresh_fds "${TRACED_ENV[@]}" "${NO_ASLR[@]}" "${tr[@]}" "${SAN_FILTER[@]}" -f -yy -o "$BATS_TEST_TMPDIR/$name.$side" -- "$(STAGE_BIN)" "$@" \
			>"$BATS_TEST_TMPDIR/$name.out" 2>"$BATS_TEST_TMPDIR/$name.err") || true
	done
	"$ROOT/scripts/compare-strace" --files "$BATS_TEST_TMPDIR/$name.strace" "$BATS_TEST_TMPDIR/$name.tracer"
}

@test "09: bin/tracer prints the client's whole trace (-f -yy) as strace does: answered, via /etc/hosts, refused, HTTP, no answer" {
	command -v strace >/dev/null || skip "strace is not installed"
	start_server s4 fresh_fds "$BIN/04-accept" -a 127.0.0.1 -p 0
	local p4=$PORT
	start_server s7 fresh_fds "$BIN/07-http" -a 127.0.0.1 -p 0
	local p7=$PORT
	start_server s3 fresh_fds "$BIN/03-listen" -a 127.0.0.1 -p 0
	local p3=$PORT
	run same_as_strace a -a 127.0.0.1 -p "$p4"
	assert_success
	run same_as_strace b -a localhost -p "$p4"
	assert_success
	run same_as_strace c -a ::1 -p "$p4"
	assert_success
	run same_as_strace d -a 127.0.0.1 -p "$p7" -g /hello
	assert_success
	run same_as_strace e -a 127.0.0.1 -p "$p3" -t 0.2
	assert_success
	# each run did what its name says
	run grep -c 'Message received' "$BATS_TEST_TMPDIR/a.out"
	assert_output 2
	run grep -E '(openat|read)\(.*/etc/hosts' "$BATS_TEST_TMPDIR/b.tracer"
	assert_success
	run grep -E 'SO_ERROR, \[ECONNREFUSED\]' "$BATS_TEST_TMPDIR/c.tracer"
	assert_success
	run grep -E 'HTTP/1\.1 200 OK' "$BATS_TEST_TMPDIR/d.out"
	assert_success
	run grep -E 'poll\(.*POLLIN.*, 200\) += 0 \(Timeout\)' "$BATS_TEST_TMPDIR/e.tracer"
	assert_success
}

@test "09: bin/tracer prints the unreachable and timed-out clients' traces as strace does (network namespace)" {
	command -v strace >/dev/null || skip "strace is not installed"
	need_netns
	local side name
	for name in u w; do
		for side in strace tracer; do
			local tr=(strace)
			[ "$side" = tracer ] && tr=("$BIN/tracer" --no-explain)
			if [ "$name" = u ]; then
				in_netns "${TRACED_ENV[@]}" "${NO_ASLR[@]}" "${tr[@]}" "${SAN_FILTER[@]}" -f -yy -o "$BATS_TEST_TMPDIR/$name.$side" -- "$(STAGE_BIN)" -a 10.1.2.3 -p 80 \
					>"$BATS_TEST_TMPDIR/$name.out" 2>"$BATS_TEST_TMPDIR/$name.err" || true
			else
				in_netns "${TRACED_ENV[@]}" "${NO_ASLR[@]}" "${tr[@]}" "${SAN_FILTER[@]}" -f -yy -o "$BATS_TEST_TMPDIR/$name.$side" -- "$(STAGE_BIN)" -a 10.6.6.6 -p 80 -t 0.2 \
					>"$BATS_TEST_TMPDIR/$name.out" 2>"$BATS_TEST_TMPDIR/$name.err" || true
			fi
		done
		run "$ROOT/scripts/compare-strace" --files "$BATS_TEST_TMPDIR/$name.strace" "$BATS_TEST_TMPDIR/$name.tracer"
		assert_success
	done
	run grep -c 'ENETUNREACH' "$BATS_TEST_TMPDIR/u.tracer"
	assert_success
}

# ---- options ----

@test "09: -h prints the client's usage on stdout and exits 0" {
	run --separate-stderr stage -h
	assert_success
	assert_line --index 0 'usage: 09-client [-a HOST] [-p PORT] [-m TEXT] [-g PATH] [-u] [-t SECONDS] [-h]'
	assert_line --regexp '^  -a HOST +host name or address to connect to, looked up by getaddrinfo\(\) \(default localhost\)$'
	assert_line --regexp '^  -p PORT +port to connect to \(default 8080\)$'
	assert_line --regexp '^  -t SECONDS +how long to wait for the connection, then for the answer \(default 5\)$'
	assert_equal "$stderr" ''
}

@test "09: bad options give a message and the usage on stderr, and exit 2" {
	run --separate-stderr stage -x
	assert_failure 2
	assert_equal "${stderr_lines[0]}" '09-client: unknown option -x'
	assert_equal "${stderr_lines[1]:0:18}" 'usage: 09-client ['
	run stage -p 70000
	assert_failure 2
	assert_line "09-client: bad port '70000': want a number from 0 to 65535"
	run stage -t 0
	assert_failure 2
	assert_line "09-client: bad time '0': want seconds from 0.001 to 3600"
	run stage -g hello
	assert_failure 2
	assert_line "09-client: bad path 'hello': want one that starts with /"
	run stage -u -g /
	assert_failure 2
	assert_line '09-client: -g and -u do not go together: HTTP runs over TCP'
	run stage -b 5
	assert_failure 2
	assert_line '09-client: unknown option -b'
}

@test "09: docs/09-client.md shows the usage the client prints" {
	run stage -h
	usage=$output
	run sed -n '/^usage: 09-client /,/^```/p' "$ROOT/docs/09-client.md"
	assert_output "$usage"$'\n```'
}

@test "09: the conversation shown in docs/09-client.md is what the client and the tracer print today" {
	start_server srv fresh_fds "$BIN/04-accept" -a 127.0.0.1 -p 0 -n 1
	(cd "$ROOT" && fresh_fds "${TRACED_ENV[@]}" "$BIN/tracer" -o "$BATS_TEST_TMPDIR/c.trace" \
		-e trace=%net,poll,read,close -- "$(STAGE_BIN)" -a 127.0.0.1 -p "$PORT" >"$BATS_TEST_TMPDIR/c.out")
	# normalised as scripts/make-docs does it (its helpers), and the port in getaddrinfo's "PORT" too
	bash -c 'source "$1/scripts/make-docs" && set +eu && cd "$2" && make_normaliser "$3" c.trace c.out >c.sed &&
		printf "s/\"%s\"/\"PORT\"/\n" "$3" >>c.sed &&
		{ echo "\`\`\`console"; echo "\$ bin/tracer -o 09.trace -e trace=%net,poll,read,close -- bin/09-client -a 127.0.0.1 -p \$PORT";
		  sed -E -f c.sed c.out; echo "\`\`\`"; echo; echo "\`\`\`text"; from_first_socket <c.trace | sed -E -f c.sed; echo "\`\`\`"; } >now.md' \
		_ "$ROOT" "$BATS_TEST_TMPDIR" "$PORT"
	sed -n '/^<!-- BEGIN checked: conversation -->$/,/^<!-- END checked -->$/p' "$ROOT/docs/09-client.md" | sed '1d;$d' >"$BATS_TEST_TMPDIR/doc.md"
	run diff -u "$BATS_TEST_TMPDIR/doc.md" "$BATS_TEST_TMPDIR/now.md"
	assert_success
}
