#!/usr/bin/env bats
# tracer-explain: the plain-word note after each syscall line of bin/tracer, from the fd model it builds
# out of the trace itself: real stages and tests/progs/explain-calls.c under the tracer, real clients
# over loopback, and the notes checked word for word with the real fd numbers, addresses and ports.

load helpers
load server-behaviour

TRACER="$BIN/tracer"
CALLS="$BIN/test-explain-calls"

# trace_server NAME [TRACER_OPTION...] -- CMD... -- start CMD under `bin/tracer -f -o NAME.raw` with fresh
# fds, wait for its "listening on" line (sets PORT), and remember the tracer's pid.
trace_server() {
	local name="$1" opts=()
	shift
	while [ "$1" != "--" ]; do
		opts+=("$1")
		shift
	done
	shift
	[ -x "$1" ] || skip "$1 is not built yet"
	start_server "$name" fresh_fds "${TRACED_ENV[@]}" "$TRACER" -f -o "$BATS_TEST_TMPDIR/$name.raw" "${opts[@]}" -- "$@"
	TRACER_PID=$SERVER_PID
}

# end_trace NAME -- wait for the traced server to end by itself, then write NAME.trace without pids
end_trace() {
	wait_for_exit "$TRACER_PID" 10 || {
		echo "the traced server did not exit" >&2
		return 1
	}
	strip_pids "$BATS_TEST_TMPDIR/$1.raw" >"$BATS_TEST_TMPDIR/$1.trace"
}

# trace_run NAME [TRACER_OPTION...] -- CMD... -- run CMD to its end under the tracer; NAME.trace as above
trace_run() {
	local name="$1" opts=() status=0
	shift
	while [ "$1" != "--" ]; do
		opts+=("$1")
		shift
	done
	shift
	(fresh_fds "${TRACED_ENV[@]}" "$TRACER" -f -o "$BATS_TEST_TMPDIR/$name.raw" "${opts[@]}" -- "$@") \
		>"$BATS_TEST_TMPDIR/$name.out" 2>"$BATS_TEST_TMPDIR/$name.err" || status=$?
	strip_pids "$BATS_TEST_TMPDIR/$name.raw" >"$BATS_TEST_TMPDIR/$name.trace"
	return "$status"
}

# note_of NAME REGEX [last] -- the note on the line after the first (or the last) line of NAME.trace that
# matches REGEX (ERE)
note_of() {
	RE="$2" LAST="${3:-}" awk 'BEGIN { re = ENVIRON["RE"]; last = ENVIRON["LAST"] != "" }
		found { found = 0; note = sub(/^ *# /, "") ? $0 : ""; if (!last) { print note; done = 1; exit } }
		$0 ~ re { found = 1; seen = 1 }
		END { if (last && seen && !done) print note }' "$BATS_TEST_TMPDIR/$1.trace"
}

# assert_note NAME REGEX NOTE -- the first syscall line matching REGEX is followed by exactly this note;
# assert_last_note: the last such line
assert_last_note() {
	NOTE_OF_LAST=1 assert_note "$@"
}
assert_note() {
	local got
	got=$(note_of "$1" "$2" "${NOTE_OF_LAST:-}")
	if [ "$got" != "$3" ]; then
		{
			echo "-- wrong note after ${NOTE_OF_LAST:+the last }/$2/ --"
			echo "expected: $3"
			echo "actual  : $got"
			echo "trace:"
			cat "$BATS_TEST_TMPDIR/$1.trace"
			echo "--"
		} >&2
		return 1
	fi
}

# client_port NAME -- the client's port as the stage printed it ("accept4(3) = fd 5, client 127.0.0.1:NNNN")
client_port() {
	grep -m1 -oE 'client 127\.0\.0\.1:[0-9]+' "$BATS_TEST_TMPDIR/$1.out" | sed 's/.*://'
}

somaxconn() {
	cat /proc/sys/net/core/somaxconn
}

# Socket arguments are matched by the call's name and result, or by fd in both forms ("5" decoded, "0x5"
# raw), so that the notes are checked whether or not the socket decoders are built in.

# ---- real stages --------------------------------------------------------------------------------------

@test "06-epoll: socket, setsockopt, bind to port 0, getsockname and listen are explained with the port the kernel picked" {
	trace_server s -- "$BIN/06-epoll" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace s
	assert_note s '^socket\(' 'new TCP/IPv4 socket, fd 3 (non-blocking): not yet bound to any address'
	assert_note s '^setsockopt\(' 'fd 3 may bind a port that old connections still hold in TIME_WAIT'
	assert_note s '^bind\(' 'fd 3 is bound to 127.0.0.1 with port 0: the kernel will pick an ephemeral port; getsockname shows which'
	assert_note s '^getsockname\(' "the kernel picked port $PORT: fd 3 is bound to 127.0.0.1:$PORT"
	assert_note s '^listen\(' "fd 3 is passive: the kernel completes handshakes and queues up to $(somaxconn) of them"
}

@test "06-epoll: epoll_create1 and epoll_ctl say what each watched fd is and how many fds the instance watches" {
	trace_server s -- "$BIN/06-epoll" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace s
	cport=$(client_port s)
	assert_note s '^epoll_create1\(' 'new epoll instance, fd 4 (close-on-exec): it watches nothing yet'
	assert_note s '^epoll_ctl\(4, EPOLL_CTL_ADD, 3,' \
		"epoll fd 4 now watches fd 3 (listener on 127.0.0.1:$PORT with backlog $(somaxconn)) for EPOLLIN; it watches 1 fd"
	assert_note s '^epoll_ctl\(4, EPOLL_CTL_ADD, 5,' \
		"epoll fd 4 now watches fd 5 (connection 127.0.0.1:$cport ↔ 127.0.0.1:$PORT accepted from fd 3) for EPOLLIN; it watches 2 fds"
}

@test "06-epoll: epoll_wait, accept4, read, send and close name the listener, the client's address and the new fd" {
	trace_server s -- "$BIN/06-epoll" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace s
	cport=$(client_port s)
	[ -n "$cport" ]
	assert_note s '^epoll_p?wait\(4, \[\{events=EPOLLIN, data=\{u32=3,' '1 fd ready: fd 3 (listener: new connection)'
	assert_note s '^accept4\(' "took connection 127.0.0.1:$cport off fd 3's queue: it is fd 5 (non-blocking, close-on-exec)"
	assert_note s '^epoll_p?wait\(4, \[\{events=EPOLLIN, data=\{u32=5,' "1 fd ready: fd 5 (127.0.0.1:$cport: data)"
	assert_note s '^read\(5, "hello\\n"' "6 bytes from 127.0.0.1:$cport"
	assert_note s '^(sendto|write)\((5|0x5),' "18 bytes to 127.0.0.1:$cport"
	assert_note s '^close\(5\)' "fd 5 closed: the connection with 127.0.0.1:$cport ends (the kernel sends FIN)"
	assert_last_note s '^close\(3\)' "fd 3 closed: 127.0.0.1:$PORT stops listening; connections still queued are reset"
}

@test "04-accept: a blocking accept4 takes the connection off the queue; read, write and close name the client" {
	trace_server s -- "$BIN/04-accept" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace s
	cport=$(client_port s)
	assert_note s '^accept4\(' "took connection 127.0.0.1:$cport off fd 3's queue: it is fd 4 (close-on-exec)"
	assert_note s '^read\(4, "hello\\n"' "6 bytes from 127.0.0.1:$cport"
	assert_note s '^(sendto|write)\((4|0x4),' "18 bytes to 127.0.0.1:$cport"
	assert_note s '^close\(4\)' "fd 4 closed: the connection with 127.0.0.1:$cport ends (the kernel sends FIN)"
}

@test "05-poll: poll's note lists the ready fds: the listener with a new connection, the client with data" {
	trace_server s -- "$BIN/05-poll" -p 0 -n 2 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -c 2 -q
	end_trace s
	assert_note s '^p?poll\(\[\{fd=3, events=POLLIN\}\], 1,' '1 of 1 fds ready: fd 3 (listener: new connection)'
	# a poll where the first client's fd is ready with its message
	run grep -E '^# [0-9] of [0-9] fds ready: .*fd 4 \(127\.0\.0\.1:[0-9]+: data\)' "$BATS_TEST_TMPDIR/s.trace"
	assert_success
	# the stop signals are blocked at start-up, to arrive only while ppoll() sleeps
	assert_note s '^rt_sigprocmask\(SIG_BLOCK, \[INT TERM\], \[\], 8\)' 'SIGINT and SIGTERM blocked: one sent now waits, pending, until the mask lets it in'
}

@test "rt_sigprocmask: the note names the signals blocked, unblocked or set, and a query says so" {
	# bash blocks SIGCHLD around the fork of a background job, then sets its mask back to empty
	trace_run s -e trace=rt_sigprocmask -- bash -c '/bin/true & wait'
	assert_note s '^rt_sigprocmask\(SIG_BLOCK, \[CHLD\], \[\], 8\)' 'SIGCHLD blocked: one sent now waits, pending, until the mask lets it in'
	assert_note s '^rt_sigprocmask\(SIG_SETMASK, \[\], NULL, 8\)' 'no signal is blocked any more: pending ones arrive now'
	assert_note s '^rt_sigprocmask\(SIG_BLOCK, NULL, \[\], 8\)' 'asks which signals are blocked'
}

@test "07-http: the notes of read and write name the HTTP request line and the response status; read 0 is the peer closing" {
	command -v curl >/dev/null || skip "curl is not installed"
	trace_server s -- "$BIN/07-http" -p 0 -n 1 -a 127.0.0.1
	run curl -s "http://127.0.0.1:$PORT/hello"
	assert_output --partial 'Hello, world!'
	end_trace s
	run grep -E '^# [0-9]+ bytes from 127\.0\.0\.1:[0-9]+: an HTTP request, GET /hello$' "$BATS_TEST_TMPDIR/s.trace"
	assert_success
	run grep -E '^# [0-9]+ bytes to 127\.0\.0\.1:[0-9]+: an HTTP response, HTTP/1\.1 200 OK$' "$BATS_TEST_TMPDIR/s.trace"
	assert_success
	run grep -E '^# peer closed: 127\.0\.0\.1:[0-9]+ will send nothing more, so fd 5 can be closed$' "$BATS_TEST_TMPDIR/s.trace"
	assert_success
}

@test "08-sandbox: loading the seccomp filter is explained, and the call it refuses is shown as stopped before SIGSYS" {
	command -v curl >/dev/null || skip "curl is not installed"
	trace_server s -- "$BIN/08-sandbox" -p 0 -n 1 -a 127.0.0.1
	curl -s -o /dev/null "http://127.0.0.1:$PORT/forbidden" || true
	end_trace s
	assert_note s '^prctl\(PR_SET_NO_NEW_PRIVS' \
		'no_new_privs: neither this process nor its children can ever gain privileges (setuid programs run as the caller)'
	assert_note s '^seccomp\((SECCOMP_SET_MODE_FILTER|0x1), 0,' \
		'a seccomp filter is on, for good: the kernel now checks every syscall of this thread against it'
	assert_note s '^openat\(AT_FDCWD, "/etc/passwd"' \
		'the seccomp filter stopped openat: it did not run (the value shown is its syscall number), and SIGSYS comes next'
	run grep -F '+++ killed by SIGSYS +++' "$BATS_TEST_TMPDIR/s.trace"
	assert_success
}

@test "08-sandbox -E: the call the seccomp filter refuses fails with EPERM, and the note says the filter refused it" {
	command -v curl >/dev/null || skip "curl is not installed"
	trace_server s -- "$BIN/08-sandbox" -E -p 0 -n 1 -a 127.0.0.1
	run curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/forbidden"
	assert_output 500
	end_trace s
	assert_note s '^openat\(AT_FDCWD, "/etc/passwd", O_RDONLY\) += -1 EPERM' \
		'the seccomp filter refused openat: the call did not run and failed with EPERM'
}

@test "03-listen: a backlog above somaxconn is explained as capped, with the number asked" {
	trace_server s -- "$BIN/03-listen" -p 0 -a 127.0.0.1 -b 100000
	local stage_pid
	stage_pid=$(pgrep -P "$TRACER_PID")
	track "$stage_pid"
	kill -TERM "$stage_pid"
	end_trace s
	assert_note s '^listen\((3, 100000|0x3, 0x186a0)\)' \
		"fd 3 is passive: the kernel completes handshakes and queues up to $(somaxconn) of them (100000 asked, capped by somaxconn)"
}

@test "03-listen: bind to a port another listener holds fails with EADDRINUSE, and the note says SO_REUSEADDR does not help" {
	[ -x "$BIN/03-listen" ] || skip "bin/03-listen is not built yet"
	start_server first fresh_fds "$BIN/03-listen" -p 0 -a 127.0.0.1
	run trace_run t -- "$BIN/03-listen" -p "$PORT" -a 127.0.0.1
	assert_failure 1
	assert_note t '^bind\(.* = -1 EADDRINUSE' \
		"127.0.0.1:$PORT is in use by another live socket (\`ss -ltnp\` shows which): SO_REUSEADDR only gets past TIME_WAIT leftovers"
}

@test "every syscall line of a traced stage is followed by a note, and no note has an unfilled placeholder" {
	trace_server s -- "$BIN/06-epoll" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace s
	# a line that ends a syscall (" = value") must be followed by a note; exit_group never returns
	run awk 'pending && !/^# / { print "no note after: " prev; bad = 1 }
		{ pending = 0 }
		/^[a-z_0-9]+\(.*\) += / || /^<\.\.\. [a-z_0-9]+ resumed>.* += / { if ($0 !~ /= \?$/) { pending = 1; prev = $0 } }
		END { if (pending) print "no note after: " prev; exit bad }' "$BATS_TEST_TMPDIR/s.trace"
	assert_success
	run grep -cE '^# ' "$BATS_TEST_TMPDIR/s.trace"
	[ "$output" -gt 30 ]
	run grep -E '^# .*\{[a-z]+\}' "$BATS_TEST_TMPDIR/s.trace"
	assert_failure
}

# ---- options -------------------------------------------------------------------------------------------

@test "--no-explain prints the strace lines and no note at all" {
	trace_server s --no-explain -- "$BIN/06-epoll" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace s
	run grep -cE '^listen\(.*\) += 0$' "$BATS_TEST_TMPDIR/s.trace"
	assert_output 1
	run grep -E '^ *#' "$BATS_TEST_TMPDIR/s.trace"
	assert_failure
}

@test "--json carries each note as the \"explain\" field of its syscall's object" {
	trace_server s --json -- "$BIN/06-epoll" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace s
	run grep -F '"name":"listen"' "$BATS_TEST_TMPDIR/s.raw"
	assert_success
	assert_output --partial "\"explain\":\"fd 3 is passive: the kernel completes handshakes and queues up to $(somaxconn) of them\""
	run grep -F '"name":"accept4"' "$BATS_TEST_TMPDIR/s.raw"
	assert_output --regexp '"explain":"took connection 127\.0\.0\.1:[0-9]+ off fd 3.s queue: it is fd 5 \(non-blocking, close-on-exec\)"'
	run --separate-stderr trace_run n --json --no-explain -- "$BIN/01-socket"
	run grep -F '"explain"' "$BATS_TEST_TMPDIR/n.raw"
	assert_failure
}

@test "--explain=full adds the sentence on why it matters; the default brief note does not have it" {
	trace_server s --explain=full -- "$BIN/06-epoll" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace s
	assert_note s '^listen\(' "fd 3 is passive: the kernel completes handshakes and queues up to $(somaxconn) of them. The backlog is capped by /proc/sys/net/core/somaxconn (4096 since Linux 5.4); Go passes that value."
	assert_note s '^socket\(' 'new TCP/IPv4 socket, fd 3 (non-blocking): not yet bound to any address. A socket is only an fd until bind gives it an address and listen makes it a server (or connect a client).'
	run grep -F 'Go passes that value' "$BATS_TEST_TMPDIR/s.trace"
	assert_success
	trace_server b --explain=brief -- "$BIN/06-epoll" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace b
	run grep -F 'Go passes that value' "$BATS_TEST_TMPDIR/b.trace"
	assert_failure
}

@test "--color=always dims the note lines; the syscall lines stay plain" {
	run trace_run c --color=always -- "$BIN/01-socket"
	assert_success
	run grep -F $'# new TCP/IPv4 socket, fd 3: not yet bound to any address\e[0m' "$BATS_TEST_TMPDIR/c.trace"
	assert_success
	assert_output --partial $'\e[2m'
	run grep -E $'^socket\\(.*\e' "$BATS_TEST_TMPDIR/c.trace"
	assert_failure
}

@test "with -e trace= showing only some calls, the notes still know the listener, the epoll watch list and the client" {
	trace_server s -e trace=accept4,epoll_wait,epoll_pwait,read,close -- "$BIN/06-epoll" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace s
	cport=$(client_port s)
	run grep -cE '^(socket|bind|listen|epoll_ctl)\(' "$BATS_TEST_TMPDIR/s.trace"
	assert_output 0
	assert_note s '^epoll_p?wait\(4, \[\{events=EPOLLIN, data=\{u32=3,' '1 fd ready: fd 3 (listener: new connection)'
	assert_note s '^accept4\(' "took connection 127.0.0.1:$cport off fd 3's queue: it is fd 5 (non-blocking, close-on-exec)"
	assert_note s '^epoll_p?wait\(4, \[\{events=EPOLLIN, data=\{u32=5,' "1 fd ready: fd 5 (127.0.0.1:$cport: data)"
	assert_last_note s '^close\(3\)' "fd 3 closed: 127.0.0.1:$PORT stops listening; connections still queued are reset"
}

@test "calls that -e trace= does not show still feed the model: epoll_ctl's note has the backlog of a listen it did not print" {
	trace_server s --no-seccomp-bpf -e trace=epoll_ctl,accept4 -- "$BIN/06-epoll" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace s
	run grep -cE '^listen\(' "$BATS_TEST_TMPDIR/s.trace"
	assert_output 0
	assert_note s '^epoll_ctl\(4, EPOLL_CTL_ADD, 3,' \
		"epoll fd 4 now watches fd 3 (listener on 127.0.0.1:$PORT with backlog $(somaxconn)) for EPOLLIN; it watches 1 fd"
}

# ---- the fd model across fork, threads and exec (tests/progs/explain-calls.c) ---------------------------

@test "fork copies the fd table: the parent's close leaves the socket open in the child, whose dup still knows the backlog" {
	run trace_run f -- "$CALLS" fork
	assert_success
	grep -qx 'ok fork' "$BATS_TEST_TMPDIR/f.out"
	port=$(sed -n 's/^port //p' "$BATS_TEST_TMPDIR/f.out")
	run cat "$BATS_TEST_TMPDIR/f.trace"
	assert_line --regexp '^# new process [0-9]+: a copy of this one, holding the same [0-9]+ open fds$'
	assert_line "# fd 3 closed, but listener on 127.0.0.1:$port with backlog 8 stays open in another process"
	assert_line "# fd 6 is another fd for listener on 127.0.0.1:$port with backlog 8 (fd 3)"
	assert_line "# fd 3 closed, but listener on 127.0.0.1:$port with backlog 8 stays open as fd 6"
	assert_line "# fd 6 closed: 127.0.0.1:$port stops listening; connections still queued are reset"
}

@test "threads share one fd table: main knows the fd a thread accepted, and a close in another thread makes main's close fail" {
	run trace_run t -- "$CALLS" thread
	assert_success
	port=$(sed -n 's/^port //p' "$BATS_TEST_TMPDIR/t.out")
	run cat "$BATS_TEST_TMPDIR/t.trace"
	assert_line --regexp '^# new thread [0-9]+: it shares this process.s memory and every fd$'
	assert_line --regexp "^# took connection 127\.0\.0\.1:[0-9]+ off fd 3's queue: it is fd 5 \(close-on-exec\)$"
	assert_line --regexp "^# fd 6 is another fd for connection 127\.0\.0\.1:[0-9]+ ↔ 127\.0\.0\.1:$port accepted from fd 3 \(fd 5\)$"
	assert_line --regexp "^# fd 6 closed, but connection 127\.0\.0\.1:[0-9]+ ↔ 127\.0\.0\.1:$port accepted from fd 3 stays open as fd 5$"
	# the other thread's exit may split the line into "close(6 <unfinished ...>" and "<... close resumed>"
	assert_note t '^(close\(6\)|<\.\.\. close resumed>\)) += -1 EBADF' 'fd 6 is not open: it was already closed'
}

@test "exec closes close-on-exec fds: the new program's close of them is explained by exec, and the kept listener is still known" {
	run trace_run e -- "$CALLS" exec
	assert_success
	grep -qx 'ok exec-child' "$BATS_TEST_TMPDIR/e.out"
	port=$(sed -n 's/^port //p' "$BATS_TEST_TMPDIR/e.out")
	assert_note e '^fcntl\(21, F_SETFD, FD_CLOEXEC\)' 'fd 21 will be closed when the process execs another program'
	assert_note e '^execve\("/proc/self/exe"' \
		"now runs $(readlink -f "$CALLS"): exec closed fds 20 and 21 (close-on-exec); fds 0, 1, 2 and 3 stay open"
	assert_note e '^close\(20\) += -1 EBADF' 'fd 20 is not open: exec closed it because it was close-on-exec'
	assert_note e '^close\(21\) += -1 EBADF' 'fd 21 is not open: exec closed it because it was close-on-exec'
	assert_note e '^dup\(3\)' "fd 4 is another fd for listener on 127.0.0.1:$port with backlog 5 (fd 3)"
}

@test "UDP datagrams, a UNIX listener on an abstract name and an fd passed over a socket pair are explained" {
	run trace_run m -- "$CALLS" misc
	assert_success
	udp=$(sed -n 's/^udp port //p' "$BATS_TEST_TMPDIR/m.out")
	from=$(sed -n 's/^udp from //p' "$BATS_TEST_TMPDIR/m.out")
	assert_note m '^socket\((AF_INET, SOCK_DGRAM|0x2, 0x2)' 'new UDP/IPv4 socket, fd 3: no address yet; bind or the first send gives it one'
	assert_note m '^sendto\(' "a 4-byte datagram to 127.0.0.1:$udp"
	assert_note m '^recvfrom\(' "a 4-byte datagram from 127.0.0.1:$from"
	run cat "$BATS_TEST_TMPDIR/m.trace"
	assert_line --regexp '^# fd 5 now owns the abstract name @sockwalk-explain-[0-9]+ \(no file: it goes with the socket\)$'
	assert_note m '^accept4\(' "took a connection off fd 5's queue: it is fd 7"
	assert_note m '^sendmsg\(' '1 byte to the peer, passing fd 3 along (SCM_RIGHTS): the receiver gets new fds for the same open files'
	assert_note m '^recvmsg\(' "1 byte from the peer, with fd 10 passed in (SCM_RIGHTS): new fds for the sender's open files"
	assert_note m '^dup\((10|0xa)\)' "fd 11 is another fd for UDP/IPv4 socket bound to 127.0.0.1:$udp (fd 10)"
}

@test "an eventfd watched with a pointer for epoll data, a pipe, a bind to a port given by number, a non-blocking connect and a half-close are explained" {
	run trace_run m -- "$CALLS" misc
	assert_success
	fixed=$(sed -n 's/^fixed port //p' "$BATS_TEST_TMPDIR/m.out")
	assert_note m '^eventfd2?\(' 'new eventfd, fd 12 (non-blocking): a counter; writing to it wakes whoever waits on it'
	assert_note m '^write\(12,' "adds to the eventfd's counter: whoever waits on it wakes up"
	# epoll_event.data is a pointer here, as in Go's runtime: the note still names the fd
	assert_note m '^epoll_wait\(13,' '1 fd ready: fd 12 (eventfd: woken up)'
	assert_note m '^pipe2?\(' 'new pipe: fd 13 reads what fd 14 writes'
	assert_note m '^read\(13, "", 64\)' 'end of the pipe: every write end is closed'
	run cat "$BATS_TEST_TMPDIR/m.trace"
	assert_line --regexp "^# fd [0-9]+ now owns 127\.0\.0\.1:$fixed \(loopback only: other machines cannot connect\)$"
	assert_line --regexp "^# no error pending on fd [0-9]+: the connect to 127\.0\.0\.1:$fixed worked$"
	assert_line --regexp "^# fd ([0-9]+) sends FIN: 127\.0\.0\.1:$fixed reads end of stream, while fd [0-9]+ can still read$"
	assert_line --regexp "^# fd [0-9]+ closed: the connection with 127\.0\.0\.1:$fixed ends \(its FIN left at shutdown\)$"
	if grep -qx 'connect in progress' "$BATS_TEST_TMPDIR/m.out"; then
		assert_line --regexp "^# the handshake with 127\.0\.0\.1:$fixed is under way: epoll reports fd [0-9]+ writable when it ends; then SO_ERROR says how$"
	fi
}

# ---- errors explained in context ----------------------------------------------------------------------

@test "EAGAIN on an empty accept queue and on a read with nothing sent: the note says that is why the loop waits in epoll" {
	run trace_run x -- "$CALLS" errors
	assert_success
	assert_note x '^epoll_wait\(4, \[\], 4, 0\)' 'nothing ready (a timeout of 0 only checks)'
	assert_note x '^accept4\(.* = -1 EAGAIN' \
		"no connection waiting in fd 3's queue yet — that is why the loop waits in epoll"
	assert_note x '^read\(6, .* = -1 EAGAIN' 'nothing to read yet — that is why the loop waits in epoll'
}

@test "bind to a port in use: without SO_REUSEADDR the note blames TIME_WAIT too, with it a live socket" {
	run trace_run x -- "$CALLS" errors
	assert_success
	port=$(sed -n '1s/^port //p' "$BATS_TEST_TMPDIR/x.out")
	assert_note x '^bind\(.* = -1 EADDRINUSE' \
		"127.0.0.1:$port is in use: another socket holds it, or connections of an earlier run in TIME_WAIT do, and fd 4 did not set SO_REUSEADDR"
	run grep -A1 -E '^bind\(.* = -1 EADDRINUSE' "$BATS_TEST_TMPDIR/x.trace"
	assert_line "# 127.0.0.1:$port is in use by another live socket (\`ss -ltnp\` shows which): SO_REUSEADDR only gets past TIME_WAIT leftovers"
}

@test "ECONNRESET, EPIPE, ECONNREFUSED, EMFILE and a double close are explained with the peer and the fds involved" {
	run trace_run x -- "$CALLS" errors
	assert_success
	cport=$(sed -n 's/^client port //p' "$BATS_TEST_TMPDIR/x.out")
	refused=$(sed -n '3s/^port //p' "$BATS_TEST_TMPDIR/x.out")
	assert_note x '^setsockopt\((5|0x5), ' \
		'closing fd 5 will reset the connection (RST) and drop unsent data instead of a graceful FIN'
	assert_note x '^read\(6, .* = -1 ECONNRESET' \
		"127.0.0.1:$cport reset the connection (it closed with data unread, or aborted): close fd 6"
	assert_note x '^rt_sigaction\(SIGPIPE, \{sa_handler=SIG_IGN' \
		'SIGPIPE ignored: a write to a closed connection fails with EPIPE instead of killing the process'
	run grep -A1 -E '^write\(6, "second\\n", 7\) += -1 EPIPE' "$BATS_TEST_TMPDIR/x.trace"
	assert_line --regexp '^# 127\.0\.0\.1:[0-9]+ already closed its end: this write raised SIGPIPE, which kills the process unless it is ignored or MSG_NOSIGNAL is used$'
	assert_note x '^connect\(.* = -1 ECONNREFUSED' "nothing listens on 127.0.0.1:$refused: its kernel answered with a reset"
	assert_note x '^accept4\(.* = -1 EMFILE' \
		"no free fd (ulimit -n): the connection stays queued, and epoll will keep reporting fd 3 ready"
	assert_note x '^close\(5\) += -1 EBADF' 'fd 5 is not open: it was already closed'
}

# ---- fds the trace did not see made --------------------------------------------------------------------

@test "attached to a running server, the tracer learns its listener and epoll instance from /proc and explains what follows" {
	[ -x "$BIN/06-epoll" ] || skip "bin/06-epoll is not built yet"
	if [ "$(id -u)" != 0 ] && [ "$(cat /proc/sys/kernel/yama/ptrace_scope 2>/dev/null || echo 0)" -ge 1 ]; then
		skip "Yama ptrace_scope forbids attaching to a process that is not our child"
	fi
	start_server srv fresh_fds "$BIN/06-epoll" -p 0 -n 20 -a 127.0.0.1
	local stage_pid=$SERVER_PID i
	"$TRACER" -f -o "$BATS_TEST_TMPDIR/a.raw" -p "$stage_pid" 2>"$BATS_TEST_TMPDIR/a.err" &
	TRACER_PID=$!
	track "$TRACER_PID"
	wait_for_line "/proc/$stage_pid/status" "^TracerPid:[[:space:]]+$TRACER_PID\$" "$TRACER_PID"
	# TracerPid shows at PTRACE_SEIZE, a moment before syscall stops begin: connect until one is traced
	for ((i = 0; i < 10; i++)); do
		"$CLIENT" -p "$PORT" -q
		grep -q '^[0-9]* *accept4(' "$BATS_TEST_TMPDIR/a.raw" 2>/dev/null && break
	done
	"$CLIENT" -p "$PORT" -q # the connection whose notes are checked
	kill -TERM "$stage_pid"
	end_trace a
	cport=$(grep -oE 'client 127\.0\.0\.1:[0-9]+' "$BATS_TEST_TMPDIR/srv.out" | tail -n1 | sed 's/.*://')
	assert_last_note a '^accept4\(' "took connection 127.0.0.1:$cport off fd 3's queue: it is fd 5 (non-blocking, close-on-exec)"
	assert_last_note a '^epoll_ctl\(4, EPOLL_CTL_ADD, 5,' \
		"epoll fd 4 now watches fd 5 (connection 127.0.0.1:$cport ↔ 127.0.0.1:$PORT accepted from fd 3) for EPOLLIN; it watches 2 fds"
	assert_last_note a '^epoll_p?wait\(4, \[\{events=EPOLLIN, data=\{u32=3,' '1 fd ready: fd 3 (listener: new connection)'
	assert_last_note a '^close\(5\)' "fd 5 closed: the connection with 127.0.0.1:$cport ends (the kernel sends FIN)"
}

# ---- dual stack, a connected UDP socket's errors, SO_REUSEPORT ----------------------------------------

@test "an IPv6-only socket refused ::ffff:127.0.0.1 (EINVAL) is explained as IPv6-only; a socket bound already still as bound once" {
	run trace_run d -- "$CALLS" dualstack
	assert_success
	if grep -qx 'no ipv6' "$BATS_TEST_TMPDIR/d.out"; then
		skip "this kernel has no IPv6"
	fi
	local v6only='fd 3 is IPv6-only (IPV6_V6ONLY), so it cannot take an IPv4 address: ::ffff:127.0.0.1 is IPv4 127.0.0.1 written as a v4-mapped IPv6 address'
	assert_note d '^bind\((3|0x3), .* = -1 EINVAL' "$v6only"
	# bound to [::] since, the same address fails because the socket has one
	assert_last_note d '^bind\((3|0x3), .* = -1 EINVAL' 'fd 3 already has an address: a socket binds once'
	assert_note d '^bind\((4|0x4), .* = -1 EINVAL' 'fd 4 already has an address: a socket binds once'
	# with a filter that hides socket() and setsockopt(), the kernel says the socket is IPv6-only
	run trace_run f --seccomp-bpf -e trace=bind -- "$CALLS" dualstack
	assert_success
	assert_note f '^bind\((3|0x3), .* = -1 EINVAL' "$v6only"
	assert_last_note f '^bind\((3|0x3), .* = -1 EINVAL' 'fd 3 already has an address: a socket binds once'
}

@test "11-dualstack -6 -a ::ffff:127.0.0.1: the bind that fails with EINVAL is explained as an IPv6-only socket refusing an IPv4 address" {
	run trace_run s -e trace=bind -- "$BIN/11-dualstack" -6 -a ::ffff:127.0.0.1 -p 0 -n 1
	assert_failure 1
	assert_note s '^bind\((3|0x3), .* = -1 EINVAL' \
		'fd 3 is IPv6-only (IPV6_V6ONLY), so it cannot take an IPv4 address: ::ffff:127.0.0.1 is IPv4 127.0.0.1 written as a v4-mapped IPv6 address'
}

@test "accept4 of an IPv4 client on a dual-stack IPv6 listener says the client is really IPv4, seen as a v4-mapped address" {
	run trace_run d -- "$CALLS" dualstack
	assert_success
	if grep -qx 'no ipv6' "$BATS_TEST_TMPDIR/d.out"; then
		skip "this kernel has no IPv6"
	fi
	cport=$(sed -n 's/^client port //p' "$BATS_TEST_TMPDIR/d.out")
	assert_note d '^accept4\(' \
		"took connection [::ffff:127.0.0.1]:$cport off fd 3's queue: it is fd 5 (close-on-exec); the client is really IPv4 (127.0.0.1), seen through the dual-stack socket as a v4-mapped IPv6 address"
}

@test "11-dualstack: an IPv4 client accepted on [::] is explained as IPv4 seen through the dual-stack socket" {
	trace_server s -e trace=accept4 -- "$BIN/11-dualstack" -p 0 -n 1
	(fresh_fds "$BIN/09-client" -a 127.0.0.1 -p "$PORT") >/dev/null
	end_trace s
	cport=$(grep -m1 -oE 'client \[::ffff:127\.0\.0\.1\]:[0-9]+' "$BATS_TEST_TMPDIR/s.out" | sed 's/.*://')
	[ -n "$cport" ]
	assert_note s '^accept4\(' \
		"took connection [::ffff:127.0.0.1]:$cport off fd 3's queue: it is fd 4 (close-on-exec); the client is really IPv4 (127.0.0.1), seen through the dual-stack socket as a v4-mapped IPv6 address"
}

@test "ECONNREFUSED on a connected UDP socket (recvfrom, read, recvmsg, sendto) is explained as an earlier datagram's ICMP port-unreachable" {
	run trace_run u -- "$CALLS" udp-refused
	assert_success
	port=$(sed -n 's/^port //p' "$BATS_TEST_TMPDIR/u.out")
	local note="an earlier datagram to 127.0.0.1:$port was answered with an ICMP port-unreachable (nothing listens on that port): the kernel reports it on this later call"
	assert_note u '^recvfrom\((3|0x3), .* = -1 ECONNREFUSED' "$note"
	assert_note u '^read\(3, .* = -1 ECONNREFUSED' "$note"
	assert_note u '^recvmsg\((3|0x3), .* = -1 ECONNREFUSED' "$note"
	assert_note u '^sendto\((3|0x3), .* = -1 ECONNREFUSED' "$note"
	# the datagrams that were sent are still explained as datagrams
	assert_note u '^sendto\((3|0x3), .* = 3$' "a 3-byte datagram to 127.0.0.1:$port"
}

@test "a second bind to a port with SO_REUSEPORT on both sockets says it shares the address with the other socket, TCP and UDP" {
	run trace_run r -- "$CALLS" reuseport
	assert_success
	port=$(sed -n 's/^port //p' "$BATS_TEST_TMPDIR/r.out")
	udp=$(sed -n 's/^udp port //p' "$BATS_TEST_TMPDIR/r.out")
	assert_note r '^setsockopt\((3|0x3), ' \
		'fd 3 may share its port with other sockets that set SO_REUSEPORT; the kernel spreads new connections among them'
	assert_note r '^setsockopt\((5|0x5), ' \
		'fd 5 may share its port with other sockets that set SO_REUSEPORT; the kernel spreads incoming datagrams among them'
	assert_note r '^bind\((4|0x4), ' \
		"fd 4 shares 127.0.0.1:$port with fd 3, which set SO_REUSEPORT too: the kernel spreads new connections among them"
	assert_note r '^bind\((6|0x6), ' \
		"fd 6 shares 127.0.0.1:$udp with fd 5, which set SO_REUSEPORT too: the kernel spreads incoming datagrams among them"
	if grep -qx alone "$BATS_TEST_TMPDIR/r.out"; then
		assert_last_note r '^bind\((3|0x3), ' \
			"fd 3 now holds 127.0.0.1:$port with SO_REUSEPORT: no other socket of this process does, but any that binds it with SO_REUSEPORT joins, and the kernel spreads new connections among them all"
	fi
	# with a filter that hides setsockopt(), the kernel says which sockets set SO_REUSEPORT
	run trace_run f --seccomp-bpf -e trace=bind -- "$CALLS" reuseport
	assert_success
	port=$(sed -n 's/^port //p' "$BATS_TEST_TMPDIR/f.out")
	assert_note f '^bind\((4|0x4), ' \
		"fd 4 shares 127.0.0.1:$port with fd 3, which set SO_REUSEPORT too: the kernel spreads new connections among them"
	# the closes were hidden too: the kernel says fd 4 is gone, and fd 3 is a new socket, alone on the port
	if grep -qx alone "$BATS_TEST_TMPDIR/f.out"; then
		assert_last_note f '^bind\((3|0x3), ' \
			"fd 3 now holds 127.0.0.1:$port with SO_REUSEPORT: no other socket of this process does, but any that binds it with SO_REUSEPORT joins, and the kernel spreads new connections among them all"
	fi
}

@test "12-reuseport: the second listener's bind shares the port with the first, which set SO_REUSEPORT too; no note says it owns the port" {
	trace_server s -e trace=setsockopt,bind -- "$BIN/12-reuseport" -a 127.0.0.1 -p 0 -w 2
	local stage_pid
	stage_pid=$(pgrep -P "$SERVER_PID")
	track "$stage_pid"
	kill -TERM "$stage_pid"
	end_trace s
	assert_note s '^bind\((4|0x4), ' \
		"fd 4 shares 127.0.0.1:$PORT with fd 3, which set SO_REUSEPORT too: the kernel spreads new connections among them"
	run grep -F 'owns' "$BATS_TEST_TMPDIR/s.trace"
	assert_failure
}

# ---- a port the kernel picked, with getsockname (or bind and listen) hidden by a filter -----------------

@test "with getsockname filtered out (-e trace=bind,listen,close), the notes name the port bind got, never port 0" {
	run trace_run f --seccomp-bpf -e trace=bind,listen,close -- "$CALLS" fork
	assert_success
	port=$(sed -n 's/^port //p' "$BATS_TEST_TMPDIR/f.out")
	run grep -c '^getsockname' "$BATS_TEST_TMPDIR/f.trace"
	assert_output 0
	run cat "$BATS_TEST_TMPDIR/f.trace"
	assert_line "# fd 3 closed, but listener on 127.0.0.1:$port with backlog 8 stays open in another process"
	run grep -E '^# .*127\.0\.0\.1:0([^0-9]|$)' "$BATS_TEST_TMPDIR/f.trace"
	assert_failure
}

@test "with bind and listen filtered out (-e trace=setsockopt,accept4,epoll_ctl,close), the listener is on its real port, not a new socket on port 0" {
	trace_server s --seccomp-bpf -e trace=setsockopt,accept4,epoll_ctl,close -- "$BIN/06-epoll" -p 0 -n 1 -a 127.0.0.1
	"$CLIENT" -p "$PORT" -q
	end_trace s
	cport=$(client_port s)
	run note_of s '^epoll_ctl\(4, EPOLL_CTL_ADD, 3,'
	assert_output --regexp "^epoll fd 4 now watches fd 3 \(listener on 127\.0\.0\.1:$PORT( with backlog [0-9]+)?\) for EPOLLIN; it watches 1 fd$"
	assert_note s '^epoll_ctl\(4, EPOLL_CTL_ADD, 5,' \
		"epoll fd 4 now watches fd 5 (connection 127.0.0.1:$cport ↔ 127.0.0.1:$PORT accepted from fd 3) for EPOLLIN; it watches 2 fds"
	assert_last_note s '^close\(3\)' "fd 3 closed: 127.0.0.1:$PORT stops listening; connections still queued are reset"
	run grep -E '^# .*(to port 0|not bound yet)' "$BATS_TEST_TMPDIR/s.trace"
	assert_failure
}

# ---- a signal handler returning: rt_sigreturn -----------------------------------------------------------

# asleep PID -- wait (10 s at most) until PID sleeps in a call: state S in /proc/PID/stat twice, 20 ms apart
asleep() {
	local i rest seen=0
	for ((i = 0; i < 500; i++)); do
		read -r rest 2>/dev/null <"/proc/$1/stat" || return 1
		rest="${rest##*) }"
		if [ "${rest%% *}" = S ]; then
			seen=$((seen + 1))
			[ "$seen" -ge 2 ] && return 0
		else
			seen=0
		fi
		sleep 0.02
	done
	return 1
}

@test "07-http stopped by SIGTERM in epoll_pwait: rt_sigreturn's -1 EINTR is epoll_pwait's, and the note says the handler returned" {
	trace_server s -- "$BIN/07-http" -p 0 -a 127.0.0.1
	local stage_pid
	stage_pid=$(pgrep -P "$TRACER_PID")
	track "$stage_pid"
	# 07 lets SIGTERM in only while it sleeps in epoll_pwait: whenever it comes, it interrupts that call
	kill -TERM "$stage_pid"
	end_trace s
	assert_note s '^epoll_pwait\(.* = -1 EINTR' 'a signal interrupted the wait; the loop can check what the handler set'
	assert_note s '^rt_sigreturn\(\{mask=\[INT TERM\]\}\) += -1 EINTR \(Interrupted system call\)$' \
		'the signal handler returned: the epoll_pwait it interrupted now fails with EINTR'
	run grep -F 'interrupted rt_sigreturn' "$BATS_TEST_TMPDIR/s.trace"
	assert_failure
}

@test "12-reuseport: the parent's handler calls kill() before it returns, and the note still names the wait4 it interrupted" {
	trace_server s -- "$BIN/12-reuseport" -a 127.0.0.1 -p 0 -w 2
	local stage_pid worker
	stage_pid=$(pgrep -P "$TRACER_PID")
	track "$stage_pid"
	wait_for_line "$BATS_TEST_TMPDIR/s.out" '^worker 1: close\(4\) = 0' "$TRACER_PID"
	wait_for_line "$BATS_TEST_TMPDIR/s.out" '^worker 2: close\(3\) = 0' "$TRACER_PID"
	wait_for_line "$BATS_TEST_TMPDIR/s.out" "^close\(4\) = 0: the parent's copy" "$TRACER_PID"
	# each one asleep in its call: the parent in wait4, the workers in accept4
	for worker in $(pgrep -P "$stage_pid"); do
		asleep "$worker"
	done
	asleep "$stage_pid"
	kill -TERM "$stage_pid"
	end_trace s
	run grep -E '^# the signal handler returned' "$BATS_TEST_TMPDIR/s.trace"
	assert_equal "${#lines[@]}" 3
	run sort <<<"$output"
	assert_line --index 0 '# the signal handler returned: the accept4 it interrupted now fails with EINTR'
	assert_line --index 1 '# the signal handler returned: the accept4 it interrupted now fails with EINTR'
	assert_line --index 2 '# the signal handler returned: the wait4 it interrupted now fails with EINTR'
	# the parent's own: after the kill() of each worker, in its handler
	local raw="$BATS_TEST_TMPDIR/s.raw"
	run grep -cE "^$stage_pid +kill\(" "$raw"
	assert_output 2
	run awk -v p="$stage_pid" '$1 == p && /rt_sigreturn/ { want = 1; next } $1 == p && want && /^[0-9]+ +# / { print; exit }' "$raw"
	assert_output --regexp '# the signal handler returned: the wait4 it interrupted now fails with EINTR$'
}

@test "bash's read restarted after its SIGCHLD handler (SA_RESTART): rt_sigreturn's value is no result, and the note says read starts again" {
	command -v bash >/dev/null || skip "bash is not installed"
	local fifo="$BATS_TEST_TMPDIR/in" w child
	mkfifo "$fifo"
	exec {w}<>"$fifo"
	# bash sits in read(0); the end of its background child brings SIGCHLD, whose handler has SA_RESTART
	(fresh_fds "${TRACED_ENV[@]}" "$TRACER" -f -e trace=read,wait4,rt_sigreturn -o "$BATS_TEST_TMPDIR/b.raw" -- \
		bash -c 'sleep 1000 & echo "child $!"; read -r x; echo "got $x"' <"$fifo" >"$BATS_TEST_TMPDIR/b.out" 2>&1) &
	TRACER_PID=$!
	track "$TRACER_PID"
	wait_for_line "$BATS_TEST_TMPDIR/b.out" '^child [0-9]+$' "$TRACER_PID"
	child=$(sed -n 's/^child //p' "$BATS_TEST_TMPDIR/b.out")
	track "$child"
	asleep "$(pgrep -P "$TRACER_PID" -x bash)"
	kill -TERM "$child"
	wait_for_line "$BATS_TEST_TMPDIR/b.raw" 'rt_sigreturn' "$TRACER_PID"
	echo hi >&"$w"
	end_trace b
	exec {w}>&-
	run cat "$BATS_TEST_TMPDIR/b.out"
	assert_line 'got hi'
	local value="syscall number"
	[ "$(uname -m)" = aarch64 ] && value="first argument"
	# (with -f a line may be cut at "<unfinished ...>": the note follows the line that ends the call)
	assert_note b '^(read\(0, |<\.\.\. read resumed>).* = \? ERESTARTSYS' \
		'a signal came: the kernel restarts read after the handler if it has SA_RESTART, else the program sees EINTR'
	run note_of b '^(rt_sigreturn\(|<\.\.\. rt_sigreturn resumed>).* += [0-9]+$'
	assert_output --regexp "^the signal handler returned: the kernel makes the read it interrupted again \(SA_RESTART\); [0-9]+ is read's $value, put back for that, not a result$"
	# the read made again takes the line
	run grep -c '^read(0, "h", 1)' "$BATS_TEST_TMPDIR/b.trace"
	assert_output 1
}
