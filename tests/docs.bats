#!/usr/bin/env bats
# shellcheck disable=SC2154 # stderr, output and lines are set by bats' run
# docs: the stage docs are what the current code prints (scripts/make-docs), scripts/workshop walks through a
# stage with a real client, and scripts/trace-go shows the Go hello server's syscalls beside the stages.

load helpers
bats_require_minimum_version 1.5.0 # run --separate-stderr, run !

# A stage doc to play with, outside the tree: DOCS_COPY holds a copy of docs/04-accept.md.
copy_doc() {
	DOCS_COPY="$BATS_TEST_TMPDIR/docs"
	mkdir -p "$DOCS_COPY"
	cp "$ROOT/docs/$1.md" "$DOCS_COPY/"
}

# The steps every traced run of the Go hello server shows, as "stage  call" (scripts/trace-go's columns):
# socket, the options and address of the listener, the netpoller, the client accepted, read, answered, closed.
GO_STEPS=(
	'01-socket +socket\(AF_INET, SOCK_STREAM\|SOCK_CLOEXEC\|SOCK_NONBLOCK, IPPROTO_IP\) += 3$'
	'03-listen +openat\(AT_FDCWD, "/proc/sys/net/core/somaxconn"'
	'06-epoll +epoll_create1\(EPOLL_CLOEXEC\) += [0-9]+$'
	'02-bind +setsockopt\(3, SOL_SOCKET, SO_REUSEADDR, \[1\], 4\) += 0$'
	'02-bind +bind\(3, \{sa_family=AF_INET, sin_port=htons\(0\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) += 0$'
	'03-listen +listen\(3, [0-9]+\) += 0$'
	'06-epoll -e +epoll_ctl\([0-9]+, EPOLL_CTL_ADD, 3, \{events=EPOLLIN\|EPOLLOUT\|EPOLLRDHUP\|EPOLLET, '
	'02-bind +getsockname\(3, \{sa_family=AF_INET, sin_port=htons\([0-9A-Z]+\), '
	'06-epoll -e +accept4\(3, .* = -1 EAGAIN '
	'06-epoll +epoll_pwait\([0-9]+, \[\{events=EPOLLIN.*\], 128, (-1|0), NULL, [0-9]+\) += [1-9]'
	'04-accept +accept4\(3, \{sa_family=AF_INET, .*SOCK_CLOEXEC\|SOCK_NONBLOCK\) += 4$'
	'Go only +setsockopt\(4, SOL_TCP, TCP_NODELAY, \[1\], 4\) += 0$'
	'07-http +read\(4, "GET /hello HTTP/1\.1\\r\\n'
	'07-http +write\(4, "HTTP/1\.1 200 OK\\r\\n'
	'04-accept +close\(4\) += 0$'
)

@test "docs: every stage doc, regenerated from the current code, is the committed one byte for byte (make-docs --check)" {
	run timeout 600 "$ROOT/scripts/make-docs" --check
	assert_success
	assert_output --regexp '^make-docs: [0-9]+ docs are up to date$'
}

@test "docs: a doc whose trace differs from what the code prints is named as stale, with its first differing line" {
	copy_doc 04-accept
	# the tracer's explanation of listen() in the doc, changed as if the explanation engine had changed
	sed -i 's/^  # fd 3 is passive: .*/  # fd 3 listens (an explanation the tracer does not print)/' "$DOCS_COPY/04-accept.md"
	run ! grep -q 'fd 3 is passive' "$DOCS_COPY/04-accept.md"
	line=$(grep -n 'an explanation the tracer does not print' "$DOCS_COPY/04-accept.md" | cut -d: -f1)
	run timeout 120 "$ROOT/scripts/make-docs" --docs "$DOCS_COPY" --check 04
	assert_failure 1
	assert_line --regexp "04-accept\.md is stale: .* first at line $line:\$"
	assert_line '  in the doc:   # fd 3 listens (an explanation the tracer does not print)'
	assert_line --regexp '^  now: +  # fd 3 is passive: '
}

@test "docs: make-docs rewrites only the generated parts; the hand-written prose around them stays" {
	copy_doc 04-accept
	n=$(grep -n '^## What to try$' "$DOCS_COPY/04-accept.md" | cut -d: -f1)
	sed -i 's/^## What to try$/## What to try\n\nA sentence a person wrote here./' "$DOCS_COPY/04-accept.md"
	# a generated part emptied comes back as the code prints it
	sed -i '/^<!-- BEGIN generated: trace -->$/,/^<!-- END generated -->$/{/^<!--/!d}' "$DOCS_COPY/04-accept.md"
	run grep -c '^accept4(3, ' "$DOCS_COPY/04-accept.md"
	assert_output 0
	run timeout 120 "$ROOT/scripts/make-docs" --docs "$DOCS_COPY" 04
	assert_success
	# the only difference left is the sentence (and its blank line), added after the heading
	run diff "$ROOT/docs/04-accept.md" "$DOCS_COPY/04-accept.md"
	assert_failure 1
	assert_equal "${#lines[@]}" 3
	assert_line --index 0 --regexp '^[0-9]+a[0-9]+,[0-9]+$'
	assert_line '> A sentence a person wrote here.'
	assert_line '> '
	run grep -n -A2 '^## What to try$' "$DOCS_COPY/04-accept.md"
	assert_line --index 2 "$((n + 2))-A sentence a person wrote here."
}

@test "docs: each stage doc has a scenario and the diff, run, trace and checks parts, and lists its stage's checks" {
	local doc name part n
	for doc in "$ROOT"/docs/0[1-7]-*.md; do
		name=$(basename "$doc" .md)
		grep -q '^<!-- scenario' "$doc" || fail "$name has no scenario"
		for part in diff run trace checks; do
			grep -qxF "<!-- BEGIN generated: $part -->" "$doc" || fail "$name has no '$part' part"
		done
		n=$(grep -c '^@test ' "$ROOT/tests/$name.bats")
		grep -q "runs these $n checks" "$doc" || fail "$name does not list the $n checks of tests/$name.bats"
	done
}

@test "workshop: --no-pause 04 starts 04-accept under the tracer, runs a real client over loopback, shows the syscalls and runs a check" {
	run timeout 300 "$ROOT/scripts/workshop" --no-pause --no-build --filter 'each client gets fd 4 again' 04
	assert_success
	assert_line --regexp '^== 04-accept: '
	assert_line '$ bin/tracer -o 04.trace -e trace=%net,read,close -- bin/04-accept -a 127.0.0.1 -p 0 -n 1'
	assert_line --regexp '^  \| listening on 127\.0\.0\.1:[0-9]+$'
	port=$(grep -m1 -oE 'listening on 127\.0\.0\.1:[0-9]+' <<<"$output" | cut -d: -f2)
	assert_line "\$ PORT=$port"
	# what the client got, what the stage printed, and the tracer's line with its explanation
	assert_line 'Message received.'
	assert_line --regexp '^  \| read\(4\) = 6: "hello\\n"$'
	assert_line --regexp "^  accept4\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\(\"127\.0\.0\.1\"\)\}, \[128 => 16\], SOCK_CLOEXEC\) = 4$"
	assert_line --regexp '^    # took connection 127\.0\.0\.1:[0-9]+ off fd 3'
	assert_line --regexp '^  \+\+\+ exited with 0 \+\+\+$'
	assert_line "ok 1 04: each client gets fd 4 again, because the previous client's fd 4 was closed"
	assert_line 'workshop: done'
	# not a terminal: no colour
	refute_output --partial $'\e['
}

@test "workshop: waits for Enter between steps, and goes on when its input ends" {
	run timeout 120 "$ROOT/scripts/workshop" --no-build --no-checks 01 </dev/null
	assert_success
	assert_output --partial '[Enter] start 01-socket under the tracer'
	assert_line --regexp '^  socket\(AF_INET, SOCK_STREAM, IPPROTO_IP\) = 3$'
	# with --no-pause it never asks
	run timeout 120 "$ROOT/scripts/workshop" --no-pause --no-build --no-checks 01
	assert_success
	refute_output --partial '[Enter]'
}

@test "workshop: -h prints the usage and exits 0" {
	run "$ROOT/scripts/workshop" -h
	assert_success
	assert_line --index 0 --regexp '^usage: scripts/workshop '
	assert_output --partial '--no-pause'
}

@test "workshop: a stage that does not exist exits 2 and names the stages there are" {
	run --separate-stderr "$ROOT/scripts/workshop" --no-pause 99
	assert_failure 2
	[[ "$stderr" =~ "there is no stage '99'".*"the stages are: 01-socket 02-bind 03-listen 04-accept" ]] ||
		fail "unexpected message: $stderr"
	run "$ROOT/scripts/workshop" --no-such-option
	assert_failure 2
}

@test "trace-go: the Go hello server's syscalls, traced with bin/tracer -f, each beside the stage that makes it" {
	command -v go >/dev/null 2>&1 || skip "Go is not installed: scripts/install-deps --go installs golang-go"
	run --separate-stderr timeout 300 "$ROOT/scripts/trace-go"
	assert_success
	assert_line 'Hello, world!'
	local step
	for step in "${GO_STEPS[@]}"; do
		assert_line --regexp "^(main|t[0-9]+) +$step"
	done
}

@test "trace-go: docs/go.md shows every step a traced run of the Go server shows" {
	local step
	for step in "${GO_STEPS[@]}"; do
		grep -qE "^(main|t[0-9]+) +$step" "$ROOT/docs/go.md" || fail "docs/go.md has no line matching /$step/"
	done
}

@test "trace-go: without Go it says how to install it and exits 3; -h prints the usage" {
	run --separate-stderr env GO=/nonexistent/go "$ROOT/scripts/trace-go"
	assert_failure 3
	[[ "$stderr" =~ "Go is not installed".*"scripts/install-deps --go" ]] || fail "unexpected message: $stderr"
	run "$ROOT/scripts/trace-go" -h
	assert_success
	assert_line --index 0 --regexp '^usage: scripts/trace-go '
}
