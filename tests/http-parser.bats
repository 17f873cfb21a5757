#!/usr/bin/env bats
# http-parser.bats -- the HTTP/1.1 request parser (stages/http_parser.c) alone, through bin/test-http-parse:
# complete requests, every split point, pipelining, malformed lines, and the size limits (8 KiB, 64 headers).

load helpers

# SOCKWALK_BIN=DIR tests a build made elsewhere (e.g. a sanitizer build in /tmp), as the stage checks do.
BIN="${SOCKWALK_BIN:-$BIN}"
P() { "$BIN/test-http-parse" "$@"; }

# head_of_size N -- print a valid HTTP/1.1 request head of exactly N bytes (N >= 32), padded in one header.
head_of_size() {
	local pad=$(($1 - 32))
	printf 'GET / HTTP/1.1\r\nHost: a\r\nX: '
	head -c "$pad" /dev/zero | tr '\0' 'x'
	printf '\r\n\r\n'
}

@test "a complete GET request gives its method, path, version, headers and byte count" {
	run P 'GET /hello HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n'
	assert_success
	assert_output "request 1: 83 bytes
  method GET
  path /hello
  version 1.1
  header Host: [localhost:8080]
  header User-Agent: [curl/7.88.1]
  header Accept: [*/*]
  keep-alive yes
end"
}

@test "header values lose the spaces and tabs around them but keep inner ones" {
	run P 'GET / HTTP/1.1\r\nHost:a\r\nX-Note: \t  two  words \t\r\nEmpty:\r\n\r\n'
	assert_success
	assert_line '  header Host: [a]'
	assert_line '  header X-Note: [two  words]'
	assert_line '  header Empty: []'
}

@test "the query string stays part of the path" {
	run P 'GET /hello?name=x&y=%20 HTTP/1.1\r\nHost: a\r\n\r\n'
	assert_line '  path /hello?name=x&y=%20'
}

@test "every proper prefix of a request needs more bytes and the whole request completes" {
	run P -s 'GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'
	assert_success
	assert_line 'splits: 51 of 51 prefixes need more'
	assert_line 'request 1: 51 bytes'
	refute_line --partial 'prefix of'
}

@test "every proper prefix needs more when lines end in a bare LF" {
	run P -s 'HEAD /x HTTP/1.0\nHost: a\nX: y\n\n'
	assert_line 'splits: 31 of 31 prefixes need more'
	assert_line 'request 1: 31 bytes'
}

@test "every proper prefix needs more for a head before a body, and the body is not part of the head" {
	run P -s 'POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello'
	assert_line 'splits: 51 of 51 prefixes need more'
	assert_line 'request 1: 51 bytes'
	assert_line '  content-length 5'
	assert_line 'end'
}

@test "pipelined requests are parsed one after another, skipping a body" {
	run P 'GET /a HTTP/1.1\r\nHost: a\r\n\r\nPOST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyzHEAD /c HTTP/1.1\r\nHost: a\r\n\r\nGET /d'
	assert_success
	assert_line --index 0 'request 1: 28 bytes'
	assert_line '  path /a'
	assert_line 'request 2: 48 bytes'
	assert_line '  path /b'
	assert_line 'request 3: 29 bytes'
	assert_line '  method HEAD'
	assert_line '  path /c'
	# the fourth request is cut short: need more, after the 28+48+3+29 bytes before it
	assert_line 'need-more after 108 bytes'
}

@test "empty lines before a request line are skipped" {
	run P '\r\n\nGET / HTTP/1.1\r\nHost: a\r\n\r\n'
	assert_line 'request 1: 30 bytes'
	assert_line '  method GET'
}

@test "HTTP/1.1 keeps the connection unless Connection: close; HTTP/1.0 closes unless keep-alive" {
	run P 'GET / HTTP/1.1\r\nHost: a\r\n\r\n'
	assert_line '  keep-alive yes'
	run P 'GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n'
	assert_line '  keep-alive no'
	run P 'GET / HTTP/1.1\r\nHost: a\r\nconnection: keep-alive, close\r\n\r\n'
	assert_line '  keep-alive no'
	run P 'GET / HTTP/1.0\r\n\r\n'
	assert_line '  keep-alive no'
	run P 'GET / HTTP/1.0\r\nCONNECTION: Keep-Alive\r\n\r\n'
	assert_line '  keep-alive yes'
}

@test "header names match in any case: Content-Length and Transfer-Encoding are found" {
	run P 'POST / HTTP/1.1\r\nhost: a\r\ncOnTeNt-LeNgTh: 12\r\n\r\n'
	assert_line '  content-length 12'
	run P 'POST / HTTP/1.1\r\nHost: a\r\nTRANSFER-ENCODING: chunked\r\n\r\n'
	assert_line '  transfer-encoding'
}

@test "a malformed request line is a bad request" {
	local line
	for line in \
		'GET /hello' \
		'GET  / HTTP/1.1' \
		'GET  HTTP/1.1' \
		'GET / HTTP/1.1 ' \
		' GET / HTTP/1.1' \
		'GET / http/1.1' \
		'GET / HTTP/2.0' \
		'GET / HTTP/1.10' \
		'GET / HTTP/1.x' \
		'G(ET / HTTP/1.1' \
		'GET /a\x01b HTTP/1.1' \
		'GET /caf\xc3\xa9 HTTP/1.1' \
		'GET\t/ HTTP/1.1' \
		'GET / HTTP/1.1\rX: y'; do
		run P "$line"'\r\nHost: a\r\n\r\n'
		assert_success
		assert_output --partial 'bad-request after 0 bytes' || { echo "request line: $line" >&2; return 1; }
		refute_line --partial 'request 1:'
	done
}

@test "a malformed header line is a bad request" {
	local hdr
	for hdr in \
		'Host : a' \
		'Host' \
		': a' \
		' folded: a' \
		'X-Bad Name: a' \
		'X: a\x01b' \
		'X: a\x7fb' \
		'X: a\rY: b' \
		'X\x00: a'; do
		run P 'GET / HTTP/1.1\r\nHost: a\r\n'"$hdr"'\r\n\r\n'
		assert_output 'bad-request after 0 bytes' || { echo "header: $hdr" >&2; return 1; }
	done
}

@test "a header line folded onto the previous one is rejected" {
	run P 'GET / HTTP/1.1\r\nHost: a\r\nX: one\r\n two\r\n\r\n'
	assert_output 'bad-request after 0 bytes'
}

@test "an HTTP/1.1 request needs exactly one Host header; HTTP/1.0 may have none" {
	run P 'GET / HTTP/1.1\r\nAccept: */*\r\n\r\n'
	assert_output 'bad-request after 0 bytes'
	run P 'GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n'
	assert_output 'bad-request after 0 bytes'
	run P 'GET / HTTP/1.0\r\n\r\n'
	assert_line 'request 1: 18 bytes'
}

@test "Content-Length must be plain digits that fit in 64 bits" {
	local v
	for v in '' '-1' '+5' '5 5' '0x10' '1.0' '5,5' '18446744073709551616' '99999999999999999999999'; do
		run P 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: '"$v"'\r\n\r\n'
		assert_output 'bad-request after 0 bytes' || { echo "Content-Length: [$v]" >&2; return 1; }
	done
	run P 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 18446744073709551615\r\n\r\n'
	assert_line '  content-length 18446744073709551615'
	run P 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 007\r\n\r\n'
	assert_line '  content-length 7'
}

@test "repeated Content-Length headers must agree" {
	run P 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nabcd'
	assert_line '  content-length 4'
	assert_line 'end'
	run P 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcd'
	assert_output 'bad-request after 0 bytes'
}

@test "a bad request is reported as soon as the bad byte arrives, before the head is complete" {
	run P 'GET / HTTP/1.1\r\nHost: a\r\nBad Header'
	assert_output 'bad-request after 0 bytes'
	run P 'GET / HTTP/3'
	assert_output 'bad-request after 0 bytes'
}

@test "a head of exactly 8192 bytes is accepted and one byte more is too large" {
	head_of_size 8192 >"$BATS_TEST_TMPDIR/ok"
	run P <"$BATS_TEST_TMPDIR/ok"
	assert_line 'request 1: 8192 bytes'
	head_of_size 8193 >"$BATS_TEST_TMPDIR/big"
	run P <"$BATS_TEST_TMPDIR/big"
	assert_output 'too-large after 0 bytes'
}

@test "an unfinished head needs more below 8192 bytes and is too large from 8192 on" {
	head_of_size 9000 | head -c 8191 >"$BATS_TEST_TMPDIR/short"
	run P <"$BATS_TEST_TMPDIR/short"
	assert_output 'need-more after 0 bytes'
	head_of_size 9000 | head -c 8192 >"$BATS_TEST_TMPDIR/full"
	run P <"$BATS_TEST_TMPDIR/full"
	assert_output 'too-large after 0 bytes'
}

@test "64 header lines are accepted and a 65th is too large" {
	local i h64=''
	for ((i = 1; i <= 63; i++)); do h64+="X-$i: v\\r\\n"; done
	run P 'GET / HTTP/1.1\r\nHost: a\r\n'"$h64"'\r\n'
	assert_line '  header X-63: [v]'
	assert_line 'end'
	run P 'GET / HTTP/1.1\r\nHost: a\r\n'"$h64"'X-64: v\r\n\r\n'
	assert_output 'too-large after 0 bytes'
}

@test "http_date() writes the RFC's own example: 784111777 is Sun, 06 Nov 1994 08:49:37 GMT" {
	run P -d 784111777
	assert_success
	assert_output 'Sun, 06 Nov 1994 08:49:37 GMT'
	run P -d 951782400
	assert_output 'Tue, 29 Feb 2000 00:00:00 GMT'
	run P -d -1
	assert_output 'Wed, 31 Dec 1969 23:59:59 GMT'
}

@test "http_date() agrees with gmtime_r() and strftime() on every day from 1900 to 2399" {
	run P -D
	assert_success
	assert_output 'dates: 182634 checked, 0 differ'
}
