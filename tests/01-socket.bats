#!/usr/bin/env bats
# 01-socket: socket() gives the program a file descriptor for a new TCP socket.

load helpers
load server-behaviour
STAGE=01-socket

@test "01: socket() returns fd 3, the first number after stdin (0), stdout (1) and stderr (2)" {
	run stage
	assert_success
	assert_line --index 0 'socket(AF_INET, SOCK_STREAM, 0) = fd 3'
}

@test "01: /proc/self/fd/3 shows that fd 3 is a socket, named by its inode number" {
	run stage
	assert_success
	assert_line --index 1 --regexp '^/proc/self/fd/3 -> socket:\[[0-9]+\]$'
}

@test "01: the socket is closed and the program exits 0" {
	run stage
	assert_success
	assert_line --index 2 'close(3) = 0'
	assert_equal "${#lines[@]}" 3
}

@test "01: -a :: asks for an IPv6 socket (AF_INET6) instead of IPv4" {
	run stage -a ::
	assert_success
	assert_line --index 0 'socket(AF_INET6, SOCK_STREAM, 0) = fd 3'
}

@test "01: strace sees socket(), then readlink() of /proc/self/fd/3, then close(3), in that order" {
	traced t "$(STAGE_BIN)"
	assert_calls_in_order t \
		'^socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) += 3$' \
		'^readlink\("/proc/self/fd/3", "socket:\[[0-9]+\]", [0-9]+\) += [0-9]+$' \
		'^close\(3\) += 0$' \
		'^exit_group\(0\) += \?$'
}

@test "01: the inode the program prints is the one the kernel returned to readlink()" {
	traced t "$(STAGE_BIN)"
	printed=$(grep -oE 'socket:\[[0-9]+\]' "$BATS_TEST_TMPDIR/t.out")
	run grep -F "readlink(\"/proc/self/fd/3\", \"$printed\"" "$BATS_TEST_TMPDIR/t.trace"
	assert_success
}

@test "01: the IPv6 socket is socket(AF_INET6, ...) for strace too" {
	traced t "$(STAGE_BIN)" -a ::
	run trace_of t
	assert_line --regexp '^socket\(AF_INET6, SOCK_STREAM, IPPROTO_IP\) += 3$'
}

@test "01: an unknown option prints the usage on stderr and exits 2" {
	run --separate-stderr stage -x
	assert_failure 2
	assert_equal "$output" ''
	assert_equal "${stderr_lines[0]}" '01-socket: unknown option -x'
	assert_equal "${stderr_lines[1]}" 'usage: 01-socket [-a ADDR] [-h]'
}

@test "01: an address that is not an IP literal is a usage error (exit 2)" {
	run stage -a example.org
	assert_failure 2
	assert_line --partial "bad address 'example.org'"
}

@test "01: -h prints the usage on stdout and exits 0" {
	run --separate-stderr stage -h
	assert_success
	assert_line --index 0 'usage: 01-socket [-a ADDR] [-h]'
	assert_equal "$stderr" ''
}
