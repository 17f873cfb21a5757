#!/usr/bin/env bats
# 07-http: an HTTP/1.1 server on 06's epoll loop, checked with real clients (curl, nc, bash /dev/tcp) over
# loopback: status codes, headers, HEAD, keep-alive, pipelining, clients that leave, answers that overflow
# the kernel's send buffer, and its syscalls as strace sees them. Most checks run level- and edge-triggered.

load helpers
load server-behaviour
# shellcheck disable=SC2034 # read by server-behaviour.bash
STAGE=07-http

# ---- helpers ----

# http ARGS... -- curl -sS with a time limit, carriage returns removed so lines compare plainly.
http() {
	local out status=0
	out=$(curl -sS --max-time 5 "$@") || status=$?
	printf '%s\n' "${out//$'\r'/}"
	return "$status"
}

# say FD BYTES -- write BYTES (with printf escapes) to FD in one write(). (bash's own printf and echo write
# up to each newline, so the server would see several reads; head writes what it read at once.)
say() {
	local bytes LC_ALL=C
	# shellcheck disable=SC2059 # BYTES is a printf format on purpose
	printf -v bytes "$2"
	head -c "${#bytes}" <<<"$bytes" >&"$1"
}

# raw BYTES -- send BYTES (printf escapes) in one write on one connection with nc, print everything the
# server sends back until it closes the connection (the test's last request must make it close), carriage
# returns removed.
raw() {
	local out status=0
	out=$(say 1 "$1" | timeout 5 nc 127.0.0.1 "$PORT") || status=$?
	[ "$status" -ne 124 ] || { echo "the server did not close the connection within 5 s" >&2; return 1; }
	printf '%s\n' "${out//$'\r'/}"
	return "$status"
}

# connects ARGS... URL... -- fetch each URL with one curl command, as a browser would one page after another,
# and print for each the number of new connections it took (0 = a kept-alive one was reused) and its status.
connects() {
	local args=() a
	for a in "$@"; do
		case "$a" in http://*) args+=(-o /dev/null "$a") ;; *) args+=("$a") ;; esac
	done
	http -w '%{num_connects} %{http_code}\n' "${args[@]}"
}

srv_out() {
	cat "$BATS_TEST_TMPDIR/srv.out"
}

# ---- checks that run in both modes (SERVER_ARGS=(-e) for edge-triggered) ----

check_hello() {
	start_stage srv "${SERVER_ARGS[@]}" -a 127.0.0.1 -p 0
	run http -i "http://127.0.0.1:$PORT/hello"
	assert_success
	assert_line --index 0 'HTTP/1.1 200 OK'
	assert_line 'Server: sockwalk/07'
	assert_line 'Content-Type: text/plain; charset=utf-8'
	assert_line 'Content-Length: 14'
	assert_line --regexp '^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-3][0-9] (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-6][0-9] GMT$'
	refute_line --partial 'Connection:'
	assert_line --index $((${#lines[@]} - 1)) 'Hello, world!'
	# the server says what it answered
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^fd 5: GET /hello HTTP/1\.1 -> 200 OK$' "$SERVER_PID"
}

check_keep_alive() {
	start_stage srv "${SERVER_ARGS[@]}" -a 127.0.0.1 -p 0
	# curl reuses its connection for the second URL when the server keeps it open: 1 new connection, then 0
	run connects "http://127.0.0.1:$PORT/hello" "http://127.0.0.1:$PORT/nope"
	assert_success
	assert_output $'1 200\n0 404'
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^close\(5\) = 0$' "$SERVER_PID"
	run grep -c '^accept4(3) = fd' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 1
	run grep -E '^fd 5: ' "$BATS_TEST_TMPDIR/srv.out"
	assert_output $'fd 5: GET /hello HTTP/1.1 -> 200 OK\nfd 5: GET /nope HTTP/1.1 -> 404 Not Found'
}

check_pipelining() {
	start_stage srv "${SERVER_ARGS[@]}" -a 127.0.0.1 -p 0
	# three requests in one write, without waiting for any answer; the last one asks the server to close
	run raw 'GET /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /nope HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'
	assert_success
	run grep -E '^(HTTP/1\.1 |Content-Type|Connection|Hello|404 page)' <<<"$output"
	assert_output "HTTP/1.1 200 OK
Content-Type: text/plain; charset=utf-8
Hello, world!
HTTP/1.1 404 Not Found
Content-Type: text/plain; charset=utf-8
404 page not found
HTTP/1.1 200 OK
Content-Type: text/html; charset=utf-8
Connection: close"
}

check_split_request() {
	local fd reply
	start_stage srv "${SERVER_ARGS[@]}" -a 127.0.0.1 -p 0
	exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
	say "$fd" 'GET /hello HT'
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^read\(5\) = 13: "GET /hello HT"$' "$SERVER_PID"
	say "$fd" 'TP/1.1\r\nHost: a\r\nConn'
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^read\(5\) = 21: "TP/1\.1\\r\\nHost: a\\r\\nConn"$' "$SERVER_PID"
	# half a head is not a request: nothing is answered yet
	run grep -c '^fd 5: .* -> ' "$BATS_TEST_TMPDIR/srv.out"
	assert_output 0
	say "$fd" 'ection: close\r\n\r\n'
	reply=$(timeout 5 cat <&"$fd")
	exec {fd}>&-
	run printf '%s\n' "${reply//$'\r'/}"
	assert_line --index 0 'HTTP/1.1 200 OK'
	assert_line 'Connection: close'
	assert_line 'Hello, world!'
}

check_client_leaves_mid_request() {
	local fd
	start_stage srv "${SERVER_ARGS[@]}" -a 127.0.0.1 -p 0 -n 3
	# one sends half a request and closes, one sends half a request and resets the connection
	exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
	say "$fd" 'GET /hello HTTP/1.1\r\nHo'
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^read\(5\) = 23: ' "$SERVER_PID"
	exec {fd}>&-
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^fd 5: the client left in the middle of a request$' "$SERVER_PID"
	run "$CLIENT" -p "$PORT" -m 'GET /hello HTTP/1.1' -r
	assert_success
	# the server is still there and answers the next client
	run http "http://127.0.0.1:$PORT/hello"
	assert_success
	assert_output 'Hello, world!'
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run srv_out
	assert_line 'served 3 connections'
	assert_line --index $((${#lines[@]} - 1)) 'close(3) = 0'
}

check_bad_request() {
	start_stage srv "${SERVER_ARGS[@]}" -a 127.0.0.1 -p 0
	# no HTTP version: the server cannot tell where this request ends, so it answers 400 and closes
	run raw 'GET /hello\r\n\r\n'
	assert_success
	assert_line --index 0 'HTTP/1.1 400 Bad Request'
	assert_line 'Connection: close'
	assert_line '400 bad request'
	# a space before the colon of a header name is refused too (RFC 9112), even on a kept-alive connection
	run raw 'GET /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost : a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n'
	assert_success
	run grep -E '^HTTP/1\.1 ' <<<"$output"
	# the third request is never answered: the connection closed after the 400
	assert_output $'HTTP/1.1 200 OK\nHTTP/1.1 400 Bad Request'
}

# wait_for_last_lines FILE REGEX PID -- like wait_for_line, but looks only at the last 4 KiB of FILE: a
# server that narrates thousands of requests would make grep read megabytes a hundred times a second.
wait_for_last_lines() {
	local file="$1" re="$2" pid="$3" i
	for ((i = 0; i < 3000; i++)); do
		tail -c 4096 "$file" | grep -qE -- "$re" && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.01
	done
	return 1
}

# Thousands of pipelined GET / on one connection whose answers (about 300 bytes each) are more than the
# kernel's send buffer (tcp_wmem's maximum) plus the client's receive buffer can hold while the client does
# not read: write() takes part, then fails with EAGAIN, the rest waits for EPOLLOUT, and every answer arrives
# in order.
check_send_buffer_full() {
	local wmem rmem n chunk fd writer reply i
	read -r _ _ wmem </proc/sys/net/ipv4/tcp_wmem
	read -r _ rmem _ </proc/sys/net/ipv4/tcp_rmem
	n=$(((wmem + 2 * rmem) / 250 / 1000 + 1)) # thousands of requests
	[ "$n" -le 100 ] || skip "socket buffers of $wmem bytes need more than 100000 requests to fill"
	printf -v chunk '%.0sGET / HTTP/1.1\r\nHost: a\r\n\r\n' {1..1000}
	for ((i = 0; i < n; i++)); do printf '%s' "$chunk"; done >"$BATS_TEST_TMPDIR/requests"
	printf 'GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n' >>"$BATS_TEST_TMPDIR/requests"
	start_stage srv "${SERVER_ARGS[@]}" -a 127.0.0.1 -p 0
	exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
	cat "$BATS_TEST_TMPDIR/requests" >&"$fd" &
	writer=$!
	track "$writer"
	# nobody reads the answers until the server has met a full send buffer
	wait_for_last_lines "$BATS_TEST_TMPDIR/srv.out" '^write\(5\) = EAGAIN: ' "$SERVER_PID"
	reply=$(timeout 60 cat <&"$fd" | tr -d '\r' | grep -E '^(HTTP/1\.1 |Hello)' | uniq -c)
	exec {fd}>&-
	wait "$writer"
	run printf '%s\n' "$reply"
	assert_output --regexp "^ +$((n * 1000 + 1)) HTTP/1\.1 200 OK
 +1 Hello, world!$"
	run grep -m1 -E '^epoll_ctl\(4, EPOLL_CTL_MOD, 5, (EPOLLIN\|)?EPOLLOUT(\|EPOLLET)?\) = 0$' "$BATS_TEST_TMPDIR/srv.out"
	assert_success
	run grep -m1 -E '^write\(5\) = EAGAIN: the kernel.s send buffer is full; [0-9]+ bytes wait for EPOLLOUT$' "$BATS_TEST_TMPDIR/srv.out"
	assert_success
}

# ---- what every server stage does (tests/server-behaviour.bash) ----

@test "07: says 'listening on 127.0.0.1:PORT' once, on the port the kernel chose" {
	check_says_listening_once
}

@test "07: Ctrl-C (SIGINT) lets a connected client go, closes its fds and exits 0" {
	check_stops_on_signal INT
}

@test "07: SIGTERM lets a connected client go, closes its fds and exits 0" {
	check_stops_on_signal TERM
}

@test "07 -e: edge-triggered, SIGTERM lets a connected client go, closes its fds and exits 0" {
	SERVER_ARGS=(-e)
	check_stops_on_signal TERM
}

@test "07: a port already in use gives '07-http: bind: Address already in use' and exit 1" {
	check_busy_port
}

@test "07: bad options give a message and the usage on stderr, and exit 2" {
	check_bad_options
}

@test "07: -h prints the usage, with -e, on stdout and exits 0" {
	check_help
	assert_line --index 0 'usage: 07-http [-a ADDR] [-p PORT] [-b BACKLOG] [-n N] [-e] [-c N] [-t SECONDS] [-h]'
}

# ---- status codes and headers ----

@test "07: GET /hello answers 200 'Hello, world!' with Date, Server, Content-Type and Content-Length" {
	check_hello
}

@test "07 -e: edge-triggered, GET /hello answers 200 'Hello, world!'" {
	SERVER_ARGS=(-e)
	check_hello
}

@test "07: the body of /hello is exactly the 14 bytes 'Hello, world!\\n'" {
	start_stage srv -a 127.0.0.1 -p 0
	run curl -sS --max-time 5 -o "$BATS_TEST_TMPDIR/body" -w '%{http_code} %{size_download}' "http://127.0.0.1:$PORT/hello"
	assert_success
	assert_output '200 14'
	assert_equal "$(od -An -c "$BATS_TEST_TMPDIR/body" | tr -s ' ')" ' H e l l o , w o r l d ! \n'
}

@test "07: the Date header is the current time in GMT" {
	start_stage srv -a 127.0.0.1 -p 0
	run http -I "http://127.0.0.1:$PORT/hello"
	assert_success
	local date
	date=$(sed -n 's/^Date: //p' <<<"$output")
	[ -n "$date" ]
	local sent now
	sent=$(date -u -d "$date" +%s)
	now=$(date -u +%s)
	[ $((now - sent)) -ge 0 ] && [ $((now - sent)) -le 5 ] || fail "Date: $date is not now ($(date -u))"
}

@test "07: GET / answers a text/html page that lists the routes" {
	start_stage srv -a 127.0.0.1 -p 0
	run http -i "http://127.0.0.1:$PORT/"
	assert_success
	assert_line --index 0 'HTTP/1.1 200 OK'
	assert_line 'Content-Type: text/html; charset=utf-8'
	assert_line --partial '<a href="/hello">/hello</a>'
	assert_line --partial '<a href="/">/</a>'
}

@test "07: a path with a query string is routed by its path: /hello?x=1 is /hello" {
	start_stage srv -a 127.0.0.1 -p 0
	run http "http://127.0.0.1:$PORT/hello?x=1"
	assert_success
	assert_output 'Hello, world!'
}

@test "07: an unknown path answers 404 Not Found" {
	start_stage srv -a 127.0.0.1 -p 0
	run http -i "http://127.0.0.1:$PORT/nope"
	assert_success
	assert_line --index 0 'HTTP/1.1 404 Not Found'
	assert_line 'Content-Length: 19'
	assert_line '404 page not found'
	run http -i -X DELETE "http://127.0.0.1:$PORT/nope"
	assert_line --index 0 'HTTP/1.1 404 Not Found'
}

@test "07: HEAD /hello (curl -I) answers the headers a GET gets, Content-Length: 14 included" {
	start_stage srv -a 127.0.0.1 -p 0
	run http -I "http://127.0.0.1:$PORT/hello"
	assert_success
	assert_line --index 0 'HTTP/1.1 200 OK'
	assert_line 'Content-Length: 14'
	assert_line 'Content-Type: text/plain; charset=utf-8'
	refute_line 'Hello, world!'
}

@test "07: HEAD sends no body: a GET pipelined after it gets the only 'Hello, world!' on the connection" {
	start_stage srv -a 127.0.0.1 -p 0
	run raw 'HEAD /hello HTTP/1.1\r\nHost: a\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'
	assert_success
	local reply="$output"
	run grep -cE '^HTTP/1\.1 200 OK$' <<<"$reply"
	assert_output 2
	run grep -c 'Hello, world!' <<<"$reply"
	assert_output 1
}

@test "07: DELETE /hello answers 405 Method Not Allowed with 'Allow: GET, HEAD'" {
	start_stage srv -a 127.0.0.1 -p 0
	run http -i -X DELETE "http://127.0.0.1:$PORT/hello"
	assert_success
	assert_line --index 0 'HTTP/1.1 405 Method Not Allowed'
	assert_line 'Allow: GET, HEAD'
	assert_line '405 method not allowed'
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^fd 5: DELETE /hello HTTP/1\.1 -> 405 Method Not Allowed$' "$SERVER_PID"
}

@test "07: a POST body (Content-Length) is read and thrown away, and the next request on the connection is answered" {
	start_stage srv -a 127.0.0.1 -p 0
	run raw 'POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello=worldGET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'
	assert_success
	run grep -E '^(HTTP/1\.1 |Hello)' <<<"$output"
	assert_output $'HTTP/1.1 405 Method Not Allowed\nHTTP/1.1 200 OK\nHello, world!'
}

@test "07: a malformed request line or header answers 400 Bad Request and closes the connection" {
	check_bad_request
}

@test "07 -e: edge-triggered, a malformed request answers 400 and closes the connection" {
	SERVER_ARGS=(-e)
	check_bad_request
}

@test "07: an HTTP/1.1 request without Host answers 400" {
	start_stage srv -a 127.0.0.1 -p 0
	run raw 'GET /hello HTTP/1.1\r\n\r\n'
	assert_success
	assert_line --index 0 'HTTP/1.1 400 Bad Request'
}

@test "07: a request head over 8 KiB answers 431 Request Header Fields Too Large and closes" {
	start_stage srv -a 127.0.0.1 -p 0
	run http -i -H "X-Big: $(head -c 9000 /dev/zero | tr '\0' x)" "http://127.0.0.1:$PORT/hello"
	assert_success
	assert_line --index 0 'HTTP/1.1 431 Request Header Fields Too Large'
	assert_line 'Connection: close'
	# a head just under the limit is fine
	run http -i -H "X-Big: $(head -c 7000 /dev/zero | tr '\0' x)" "http://127.0.0.1:$PORT/hello"
	assert_line --index 0 'HTTP/1.1 200 OK'
}

@test "07: a Transfer-Encoding body answers 501 Not Implemented and closes the connection" {
	start_stage srv -a 127.0.0.1 -p 0
	run http -i -H 'Transfer-Encoding: chunked' --data-binary hello "http://127.0.0.1:$PORT/hello"
	assert_success
	assert_line --index 0 'HTTP/1.1 501 Not Implemented'
	assert_line 'Connection: close'
	wait_for_line "$BATS_TEST_TMPDIR/srv.out" '^close\(5\) = 0$' "$SERVER_PID"
}

# ---- connections: keep-alive, HTTP/1.0, Connection: close, pipelining ----

@test "07: HTTP/1.1 keeps the connection: curl gets two URLs over one connection" {
	check_keep_alive
}

@test "07 -e: edge-triggered, curl gets two URLs over one kept-alive connection" {
	SERVER_ARGS=(-e)
	check_keep_alive
}

@test "07: HTTP/1.0 closes after each answer (Connection: close): two URLs take two connections" {
	start_stage srv -a 127.0.0.1 -p 0
	run connects --http1.0 "http://127.0.0.1:$PORT/hello" "http://127.0.0.1:$PORT/hello"
	assert_success
	assert_output $'1 200\n1 200'
	run http --http1.0 -i "http://127.0.0.1:$PORT/hello"
	assert_line 'Connection: close'
}

@test "07: HTTP/1.0 with 'Connection: keep-alive' keeps the connection, and the answer says keep-alive" {
	start_stage srv -a 127.0.0.1 -p 0
	run connects --http1.0 -H 'Connection: keep-alive' "http://127.0.0.1:$PORT/hello" "http://127.0.0.1:$PORT/hello"
	assert_success
	assert_output $'1 200\n0 200'
	run http --http1.0 -H 'Connection: keep-alive' -i "http://127.0.0.1:$PORT/hello"
	assert_line 'Connection: keep-alive'
}

@test "07: 'Connection: close' from an HTTP/1.1 client is honoured: the answer says so and the server closes" {
	start_stage srv -a 127.0.0.1 -p 0
	run connects -H 'Connection: close' "http://127.0.0.1:$PORT/hello" "http://127.0.0.1:$PORT/hello"
	assert_success
	assert_output $'1 200\n1 200'
	run http -H 'Connection: close' -i "http://127.0.0.1:$PORT/hello"
	assert_line 'Connection: close'
	run srv_out
	assert_line 'fd 5: GET /hello HTTP/1.1 -> 200 OK (Connection: close)'
}

@test "07: pipelined requests sent in one write are answered in order" {
	check_pipelining
}

@test "07 -e: edge-triggered, pipelined requests are answered in order" {
	SERVER_ARGS=(-e)
	check_pipelining
}

@test "07: a request that arrives in pieces is answered only once its head is complete" {
	check_split_request
}

@test "07 -e: edge-triggered, a request that arrives in pieces is answered once complete" {
	SERVER_ARGS=(-e)
	check_split_request
}

@test "07: clients that close or reset in the middle of a request do not stop the server; -n 3 counts them" {
	check_client_leaves_mid_request
}

@test "07 -e: edge-triggered, clients that leave mid-request do not stop the server" {
	SERVER_ARGS=(-e)
	check_client_leaves_mid_request
}

@test "07: -n 2 counts connections, not requests: two requests on one connection and one on another, then exit 0" {
	start_stage srv -a 127.0.0.1 -p 0 -n 2
	run connects "http://127.0.0.1:$PORT/hello" "http://127.0.0.1:$PORT/"
	assert_output $'1 200\n0 200'
	kill -0 "$SERVER_PID"
	run http "http://127.0.0.1:$PORT/hello"
	assert_output 'Hello, world!'
	wait_for_exit "$SERVER_PID" 5
	assert_equal "$EXIT_STATUS" 0
	run srv_out
	assert_line 'served 2 connections'
}

@test "07: serves IPv6 clients too: -a ::1 listens on [::1]:PORT and curl gets /hello" {
	start_stage srv -a ::1 -p 0
	run grep 'listening on' "$BATS_TEST_TMPDIR/srv.out"
	assert_output "listening on [::1]:$PORT"
	run http -g "http://[::1]:$PORT/hello"
	assert_success
	assert_output 'Hello, world!'
}

@test "07: answers that overflow the kernel's send buffer wait for EPOLLOUT and all arrive, in order" {
	check_send_buffer_full
}

@test "07 -e: edge-triggered, answers that overflow the send buffer wait for EPOLLOUT and all arrive" {
	SERVER_ARGS=(-e)
	check_send_buffer_full
}

# ---- the syscalls, as strace sees them ----

@test "07: strace sees SIGPIPE ignored, accept4, a read of the request, one write of the answer, then read 0 and close" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -n 1
	run http "http://127.0.0.1:$PORT/hello"
	assert_success
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^rt_sigaction\(SIGPIPE, \{sa_handler=SIG_IGN, sa_mask=\[\], sa_flags=SA_RESTORER, sa_restorer=0x[0-9a-f]+\}, NULL, 8\) += 0$' \
		'^socket\(AF_INET, SOCK_STREAM\|SOCK_NONBLOCK, IPPROTO_IP\) += 3$' \
		'^listen\(3, 4096\) += 0$' \
		'^epoll_create1\(EPOLL_CLOEXEC\) += 4$' \
		'^epoll_ctl\(4, EPOLL_CTL_ADD, 3, \{events=EPOLLIN, data=\{u32=3, u64=3\}\}\) += 0$' \
		'^epoll_pwait\(4, \[\{events=EPOLLIN, data=\{u32=3, u64=3\}\}\], 64, -1, \[\], 8\) += 1$' \
		'^accept4\(3, \{sa_family=AF_INET, .*\}, \[[0-9]+ => 16\], SOCK_CLOEXEC\|SOCK_NONBLOCK\) += 5$' \
		'^epoll_ctl\(4, EPOLL_CTL_ADD, 5, \{events=EPOLLIN, data=\{u32=5, u64=5\}\}\) += 0$' \
		'^epoll_pwait\(4, \[\{events=EPOLLIN, data=\{u32=5, u64=5\}\}\], 64, -1, \[\], 8\) += 1$' \
		'^read\(5, "GET /hello HTTP/1\.1\\r\\nHost: 127\.0"\.\.\., 16384\) += [0-9]+$' \
		'^write\(5, "HTTP/1\.1 200 OK\\r\\nDate: [A-Z][a-z]{2}, [0-9]{2} [A-Z]"\.\.\., ([0-9]+)\) += \1$' \
		'^epoll_pwait\(4, \[\{events=EPOLLIN, data=\{u32=5, u64=5\}\}\], 64, -1, \[\], 8\) += 1$' \
		'^read\(5, "", 16384\) += 0$' \
		'^close\(5\) += 0$' \
		'^close\(4\) += 0$' \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
	# answering opens no file: no openat() (e.g. of /etc/localtime for the Date) between accept4 and close(5)
	run sed -n '/^accept4(3/,/^close(5)/p' "$BATS_TEST_TMPDIR/t.trace"
	assert_line --regexp '^write\(5, '
	refute_line --regexp '^open'
}

@test "07: the narration of a round goes out in one write() to stdout, just before epoll_pwait() sleeps" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -n 1
	run http "http://127.0.0.1:$PORT/hello"
	assert_success
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	# every write to stdout comes straight before an epoll_pwait, but the last one (after the loop)
	run awk 'prev ~ /^write\(1, / && !/^epoll_pwait\(/ { bad++ } { prev = $0 } END { print bad + 0 }' \
		<(grep -vE '^(\+\+\+|---) ' "$BATS_TEST_TMPDIR/t.trace")
	assert_output 1
	run grep -cE '^write\(1, ' "$BATS_TEST_TMPDIR/t.trace"
	[ "$output" -le 6 ] || fail "$output writes to stdout for 1 request: the narration is not written in rounds"
	# and the narration is all there: the round's lines are in the file in order
	run grep -E '^(epoll_pwait|accept4|read|write)\(' "$BATS_TEST_TMPDIR/t.out"
	assert_line --regexp '^accept4\(3\) = fd 5, client 127\.0\.0\.1:[0-9]+$'
	assert_line --regexp '^write\(5, "HTTP/1\.1 200 OK\\r\\n.*"\.\.\.\) = [0-9]+$'
}

@test "07: strace sees two requests read and answered on one kept-alive connection, one accept4" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -n 1
	run connects "http://127.0.0.1:$PORT/hello" "http://127.0.0.1:$PORT/nope"
	assert_output $'1 200\n0 404'
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^accept4\(3, .*\) += 5$' \
		'^read\(5, "GET /hello HTTP/1\.1\\r\\n.*\) += [0-9]+$' \
		'^write\(5, "HTTP/1\.1 200 OK\\r\\n.*\) += [0-9]+$' \
		'^read\(5, "GET /nope HTTP/1\.1\\r\\n.*\) += [0-9]+$' \
		'^write\(5, "HTTP/1\.1 404 Not Found\\r\\n.*\) += [0-9]+$' \
		'^read\(5, "", 16384\) += 0$' \
		'^close\(5\) += 0$'
	run grep -c '^accept4(' "$BATS_TEST_TMPDIR/t.trace"
	assert_output 1
}

@test "07 -e: strace sees EPOLLET on the client and its reads go on until EAGAIN" {
	local fd line
	start_traced_server t "$(STAGE_BIN)" -e -a 127.0.0.1 -p 0 -n 1
	exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
	say "$fd" 'GET /hello HTTP/1.1\r\nHost: a\r\n\r\n'
	while IFS= read -r -t 5 -u "$fd" line && [ "$line" != 'Hello, world!' ]; do :; done
	assert_equal "$line" 'Hello, world!'
	# the client stays connected until the server has read everything there is: EAGAIN
	wait_for_line "$BATS_TEST_TMPDIR/t.out" '^read\(5\) = EAGAIN' "$SERVER_PID"
	exec {fd}>&-
	finish_trace t
	assert_equal "$EXIT_STATUS" 0
	assert_calls_in_order t \
		'^accept4\(3, .*, SOCK_CLOEXEC\|SOCK_NONBLOCK\) += 5$' \
		'^epoll_ctl\(4, EPOLL_CTL_ADD, 5, \{events=EPOLLIN\|EPOLLET, data=\{u32=5, u64=5\}\}\) += 0$' \
		'^read\(5, "GET /hello HTTP/1\.1\\r\\nHost: a\\r\\n\\r\\n", 16384\) += 32$' \
		'^write\(5, "HTTP/1\.1 200 OK\\r\\n.*\) += [0-9]+$' \
		'^read\(5, 0x[0-9a-f]+, 16384\) += -1 EAGAIN ' \
		'^epoll_pwait\(4, \[\{events=EPOLLIN, data=\{u32=5, u64=5\}\}\], 64, -1, \[\], 8\) += 1$' \
		'^read\(5, "", 16384\) += 0$' \
		'^close\(5\) += 0$'
}

@test "07: strace sees a 400 answered and the connection closed without waiting for the client" {
	start_traced_server t "$(STAGE_BIN)" -a 127.0.0.1 -p 0 -n 1
	run raw 'BREW /pot HTCPCP/1.0\r\n\r\n'
	assert_success
	assert_line --index 0 'HTTP/1.1 400 Bad Request'
	finish_trace t
	assert_calls_in_order t \
		'^read\(5, "BREW /pot HTCPCP/1\.0\\r\\n\\r\\n", 16384\) += 24$' \
		'^write\(5, "HTTP/1\.1 400 Bad Request\\r\\n.*\) += [0-9]+$' \
		'^close\(5\) += 0$'
	# no read of the client's end of file: the server closed first
	run grep -c '^read(5, "", ' "$BATS_TEST_TMPDIR/t.trace"
	assert_output 0
}
