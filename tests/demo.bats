#!/usr/bin/env bats
# shellcheck disable=SC2154 # output, lines and status are set by bats' run
# demo: `make demo`'s walkthrough (scripts/demo) runs real stages against real clients on loopback, and shows
# stage 07 traced and explained while it answers curl.

load helpers
bats_require_minimum_version 1.5.0

setup() {
	command -v curl >/dev/null || skip "curl is not installed: scripts/install-deps installs it"
}

@test "demo: the short tour traces 07 answering curl: the answer, then listen, the spare fd, write of the answer, each explained" {
	run fresh_fds timeout 120 "$ROOT/scripts/demo" # fds 3 and up closed, as in a terminal
	assert_success
	assert_line --partial '== 07-http: an HTTP server on the epoll loop, traced'
	assert_line --regexp '^\$ curl -sS -i http://127\.0\.0\.1:[0-9]+/hello$'
	assert_line --regexp '^HTTP/1\.1 200 OK'
	assert_line 'Hello, world!'
	assert_line --regexp '^ +[0-9]+ +listen\(3, 4096\) += 0$'
	assert_line --regexp '^ +[0-9]+ +# fd 3 is passive: the kernel completes handshakes and queues up to 4096 of them$'
	assert_line --regexp '^ +[0-9]+ +fcntl\(4, F_DUPFD_CLOEXEC, [0-9]+\) += [0-9]+$'
	assert_line --regexp '^ +[0-9]+ +accept4\(3, \{sa_family=AF_INET, .*\) = 5$'
	assert_line --regexp '^ +[0-9]+ +write\(5, "HTTP/1\.1 200 OK\\r\\n.*\) = [0-9]+$'
	assert_line --regexp '^ +[0-9]+ +# [0-9]+ bytes to 127\.0\.0\.1:[0-9]+: an HTTP response, HTTP/1\.1 200 OK$'
	assert_line --regexp '^ +[0-9]+ +\+\+\+ exited with 0 \+\+\+$'
	# no stage is left running
	run pgrep -f "$ROOT/bin/07-http"
	assert_failure
}

@test "demo --all: stages 01 to 07 in turn, each against a real client; 05 and 06 answer three at once" {
	run fresh_fds timeout 180 "$ROOT/scripts/demo" --all
	assert_success
	local n
	for n in 01-socket 02-bind 03-listen 04-accept 05-poll 06-epoll 07-http; do
		assert_line --partial "== $n: "
	done
	run grep -c '^client [123] got: Message received\.$' <<<"$output"
	assert_output 6
}

@test "demo: --stage outside 01-07 and unknown options are refused with exit 2, -h prints the usage" {
	run --separate-stderr "$ROOT/scripts/demo" --stage 99
	assert_failure 2
	assert_equal "$stderr" "demo: the tour has stages 01 to 07, not '99'; for any stage (08-12 too): scripts/workshop NN"
	run --separate-stderr "$ROOT/scripts/demo" --stage
	assert_failure 2
	run --separate-stderr "$ROOT/scripts/demo" --bogus
	assert_failure 2
	assert_equal "${stderr_lines[0]}" 'demo: unknown option: --bogus'
	run "$ROOT/scripts/demo" -h
	assert_success
	assert_line --index 0 'usage: scripts/demo [--all | --stage NN] [-h]'
}
