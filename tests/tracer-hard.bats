#!/usr/bin/env bats
# tracer-hard: the tracer's hard cases against real programs (bin/test-hard, tests/progs/hard.c): threads
# making syscalls at the same moment, exec from a thread that is not the leader, posix_spawn (vfork + exec),
# a fork tree of 300 processes, job control (SIGSTOP, SIGCONT), signals that kill the tracee, the tracer
# itself interrupted (a started program, an attached one), a process that exits while a thread is blocked in
# a syscall, all of these at once, pointers to unmapped and PROT_NONE memory, a huge argv and environment,
# and -o to a path that cannot be written. Where strace 6.1 prints a case in a way that does not depend on
# timing, our lines are held to strace's.

load helpers
load tracer-helpers

bats_require_minimum_version 1.5.0

# SOCKWALK_BIN=DIR runs these checks against binaries built elsewhere (e.g. a sanitizer build in /tmp).
BIN="${SOCKWALK_BIN:-$BIN}"
HARD="$BIN/test-hard"
TRACER="$BIN/tracer"

# trace NAME [TRACER OPTIONS...] -- COMMAND... -- run COMMAND to its end under our tracer (--no-explain -f),
# the trace in NAME.trace, the program's output in NAME.out; sets STATUS to the tracer's exit status.
trace() {
	local name="$1"
	shift
	STATUS=0
	(fresh_fds "${NO_LEAK_CHECK[@]}" timeout 60 "$TRACER" --no-explain -f -o "$BATS_TEST_TMPDIR/$name.trace" "$@") \
		>"$BATS_TEST_TMPDIR/$name.out" 2>&1 || STATUS=$?
	one_space "$name"
}

# one_space NAME -- strace pads the pid before each line to 5 columns ("123   read(..."): one space is
# enough for the checks below, whatever the pid's length.
one_space() {
	sed -i -E 's/^([0-9]+) +/\1 /' "$BATS_TEST_TMPDIR/$1.trace"
}

# by_strace NAME [STRACE OPTIONS...] -- COMMAND... -- the same under strace -f, for comparisons.
by_strace() {
	local name="$1"
	shift
	(fresh_fds "${NO_LEAK_CHECK[@]}" timeout 60 strace -f -o "$BATS_TEST_TMPDIR/$name.trace" "$@") \
		>"$BATS_TEST_TMPDIR/$name.out" 2>&1 || true
	one_space "$name"
}

# joined NAME -- NAME.trace with every call split by another task's line ("call(args <unfinished ...>" and
# later "<... call resumed>rest") joined back into one line, in the place where it started.
joined() {
	awk '{
		pid = $1; rest = $0; sub(/^[0-9]+ +/, "", rest)
		if (rest ~ / <unfinished \.\.\.>$/ && rest !~ /^<\.\.\. /) {
			sub(/ <unfinished \.\.\.>$/, "", rest); pending[pid] = rest; next
		}
		if (rest ~ /^<\.\.\. [a-z0-9_]+ resumed>/) {
			sub(/^<\.\.\. [a-z0-9_]+ resumed>/, "", rest); print pid " " pending[pid] rest; delete pending[pid]; next
		}
		print
	}' "$BATS_TEST_TMPDIR/$1.trace"
}

# start_bg NAME COMMAND... -- start COMMAND in the background (output in NAME.out), wait for its "ready PID"
# line; sets BG_PID (the command's own pid) and PROG_PID (the pid the program printed).
start_bg() {
	local name="$1"
	shift
	fresh_fds "${NO_LEAK_CHECK[@]}" "$@" >"$BATS_TEST_TMPDIR/$name.out" 2>&1 &
	BG_PID=$!
	track "$BG_PID"
	wait_for_line "$BATS_TEST_TMPDIR/$name.out" '^ready [0-9]+$' "$BG_PID" || {
		cat "$BATS_TEST_TMPDIR/$name.out" >&2
		return 1
	}
	PROG_PID=$(sed -n 's/^ready //p' "$BATS_TEST_TMPDIR/$name.out")
	track "$PROG_PID"
}

# wait_for_state PID REGEX -- readiness check: the process's state letter in /proc (R, S, t, T...) matches.
wait_for_state() {
	local i state
	for ((i = 0; i < 1000; i++)); do
		state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
		[[ "$state" =~ $2 ]] && return 0
		sleep 0.01
	done
	echo "pid $1 is in state $state, not $2" >&2
	return 1
}

# ---- threads ----

@test "16 threads closing fds at the same moment: all 3,200 calls print once, each under its own thread, in order" {
	trace th -- "$HARD" threads 16 200
	assert_equal "$STATUS" 0
	# calls were really split by one another (the tracer met them at the same time)
	run grep -c 'close(1[0-9]*  *<unfinished \.\.\.>$\|close([0-9]* <unfinished \.\.\.>$' "$BATS_TEST_TMPDIR/th.trace"
	[ "$output" -gt 0 ]
	# per thread (pid), the fds it closed: 10000+1000*T+0 .. +199, in that order, each EBADF
	local report
	report=$(joined th | awk '$2 ~ /^close\([0-9][0-9][0-9][0-9][0-9]\)/ {
		fd = $2; sub(/^close\(/, "", fd); sub(/\).*/, "", fd); t = int((fd - 10000) / 1000); i = fd - 10000 - 1000 * t
		if ($0 !~ /\) += -1 EBADF \(Bad file descriptor\)$/) print "bad line: " $0
		if (t in owner && owner[t] != $1) print "thread " t " seen under two pids"
		owner[t] = $1
		if (i != next_i[t] + 0) print "thread " t ": close of index " i " where " next_i[t] + 0 " was due"
		next_i[t] = i + 1; n++
	} END { for (t = 0; t < 16; t++) if (next_i[t] != 200) print "thread " t ": " next_i[t] + 0 " calls"; print n " calls" }')
	assert_equal "$report" "3200 calls"
	# each thread's exit is reported, and the process's
	run grep -c '+++ exited with 0 +++$' "$BATS_TEST_TMPDIR/th.trace"
	assert_output 17
}

@test "a thread that is not the leader calls execve: the leader is superseded and the new program runs under its pid" {
	trace et -- "$HARD" exec-thread
	assert_equal "$STATUS" 0
	run cat "$BATS_TEST_TMPDIR/et.out"
	assert_output 'after exec: 0 arguments'
	local leader thread
	leader=$(awk 'NR == 1 {print $1}' "$BATS_TEST_TMPDIR/et.trace")
	thread=$(sed -nE 's/^([0-9]+) execve\("\/proc\/self\/exe", \["test-hard", "after-exec"\].* <unfinished \.\.\.>$/\1/p' "$BATS_TEST_TMPDIR/et.trace")
	[ -n "$thread" ] && [ "$thread" != "$leader" ]
	run cat "$BATS_TEST_TMPDIR/et.trace"
	assert_line "$leader +++ superseded by execve in pid $thread +++"
	assert_line --regexp "^$leader <\.\.\. execve resumed>\) += 0$"
	assert_line --regexp "^$leader getpid\(\) += $leader$"
	assert_line --index $((${#lines[@]} - 1)) "$leader +++ exited with 0 +++"
	# after the exec, nothing more from the thread's old pid
	run sed -n "/superseded by execve/,\$p" "$BATS_TEST_TMPDIR/et.trace"
	refute_line --regexp "^$thread "
}

@test "posix_spawn (clone3 with CLONE_VM|CLONE_VFORK, then execve in the child): both sides traced to the end" {
	trace sp -- "$HARD" spawn
	assert_equal "$STATUS" 0
	run joined sp
	local parent child
	parent=$(awk 'NR == 1 {print $1}' <<<"$output")
	child=$(sed -nE 's/^[0-9]+ clone3\(\{flags=CLONE_VM\|CLONE_VFORK, exit_signal=SIGCHLD, .*\}, 88\) += ([0-9]+)$/\1/p' <<<"$output")
	[ -n "$child" ] || fail "no clone3 with CLONE_VM|CLONE_VFORK returning a pid: $output"
	assert_line --regexp "^$child execve\(\"/bin/true\", \[\"true\"\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/\) += 0$"
	assert_line "$child +++ exited with 0 +++"
	assert_line --regexp "^$parent wait4\($child, \[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 0\}\], 0, NULL\) += $child$"
	assert_line "$parent +++ exited with 0 +++"
}

@test "while a vfork child runs, the parent's clone3 is split where strace splits it: ', 88' before '<unfinished ...>'" {
	trace sp -- "$HARD" spawn
	run grep -E 'clone3\(.*<unfinished|clone3 resumed' "$BATS_TEST_TMPDIR/sp.trace"
	assert_line --regexp '^[0-9]+ clone3\(\{flags=CLONE_VM\|CLONE_VFORK, .*\}, 88 <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ <\.\.\. clone3 resumed>\) += [0-9]+$'
}

# clone3_cut NAME -- NAME.trace from clone3's entry to its exit, pids named PARENT and CHILD, addresses ADDR;
# the child's own end (+++) and its SIGCHLD are left out: they may come before the clone3's exit or after.
clone3_cut() {
	local trace="$BATS_TEST_TMPDIR/$1.trace" parent child
	parent=$(sed -nE 's/^([0-9]+) clone3\(.*/\1/p' "$trace")
	child=$(sed -nE 's/^[0-9]+ <\.\.\. clone3 resumed>.* += ([0-9]+)$/\1/p' "$trace")
	if [ -z "$parent" ] || [ -z "$child" ]; then
		return 1
	fi
	sed -n '/ clone3(/,/clone3 resumed/p' "$trace" | grep -v -e ' +++ ' -e ' --- ' |
		sed -E "s/^$parent /PARENT /; s/^$child /CHILD /; s/\b$parent\b/PARENT/g; s/\b$child\b/CHILD/g
			s/0x[0-9a-f]+/ADDR/g; s/ +=/ =/" |
		grep -vE '^CHILD (sigaltstack|mmap|munmap)\(' # a sanitizer build's runtime, on the child's way out
}

@test "a clone3 with output fields cut by its vfork child: the size comes at exit, after what the kernel wrote, as strace" {
	trace vp -- "$HARD" vfork-pidfd
	assert_equal "$STATUS" 0
	by_strace svp -- "$HARD" vfork-pidfd
	run clone3_cut svp
	assert_success
	local theirs="$output"
	run clone3_cut vp
	assert_success
	assert_equal "$output" "$theirs"
	assert_line --index 0 'PARENT clone3({flags=CLONE_PIDFD|CLONE_VFORK|CLONE_PARENT_SETTID, pidfd=ADDR, parent_tid=ADDR, exit_signal=SIGCHLD, stack=NULL, stack_size=0} <unfinished ...>'
	assert_line --index 1 'CHILD getppid() = PARENT'
	assert_line --index 2 'CHILD exit_group(0) = ?'
	assert_line --index 3 'PARENT <... clone3 resumed> => {pidfd=[3], parent_tid=[CHILD]}, 88) = CHILD'
	assert_equal "${#lines[@]}" 4
}

@test "a fork tree of 300 processes: every one traced from its first call to its exit, and the tracer ends" {
	local start=$SECONDS
	trace fb -- "$HARD" forkbomb 300
	assert_equal "$STATUS" 0
	[ $((SECONDS - start)) -lt 30 ] || fail "300 processes took $((SECONDS - start)) s to trace"
	run joined fb
	# 299 forks (clone), each returning a new pid; each of those pids is traced and exits
	local kids
	kids=$(sed -nE 's/^[0-9]+ clone\(.*\) += ([0-9]+)$/\1/p' <<<"$output" | sort -u)
	assert_equal "$(wc -l <<<"$kids")" 299
	run awk '/ \+\+\+ exited with 0 \+\+\+$/ {print $1}' "$BATS_TEST_TMPDIR/fb.trace"
	assert_equal "${#lines[@]}" 300
	assert_equal "$(printf '%s\n' "${lines[@]}" | sort -u | wc -l)" 300
	local pid missing=0
	for pid in $kids; do
		grep -q "^$pid +++ exited with 0 +++$" "$BATS_TEST_TMPDIR/fb.trace" || missing=$((missing + 1))
	done
	assert_equal "$missing" 0
	run grep -cE '^[0-9]+ wait4\([0-9]+, \[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 0\}\], 0, NULL\) += [0-9]+$' <(joined fb)
	assert_output 299
}

# ---- signals ----

@test "SIGSTOP stops the tracee and SIGCONT continues it, shown exactly as strace shows job control" {
	local name tracer
	for name in ours strace; do
		if [ "$name" = ours ]; then tracer=("$TRACER" --no-explain); else tracer=(strace); fi
		start_bg "$name" "${tracer[@]}" -o "$BATS_TEST_TMPDIR/$name.trace" -- "$HARD" pause
		kill -STOP "$PROG_PID"
		wait_for_state "$PROG_PID" '^[tT]$'
		kill -CONT "$PROG_PID"
		wait_for_line "$BATS_TEST_TMPDIR/$name.out" '^got SIGCONT$' "$BG_PID"
		wait_for_state "$PROG_PID" '^[RS]$'
		kill -USR2 "$PROG_PID"
		wait_for_exit "$BG_PID" 10
		assert_equal "$EXIT_STATUS" 0
	done
	local ours theirs
	ours=$(sed -n '/^pause()/,$p' "$BATS_TEST_TMPDIR/ours.trace" | sed -E 's/si_pid=[0-9]+/si_pid=PID/')
	theirs=$(sed -n '/^pause()/,$p' "$BATS_TEST_TMPDIR/strace.trace" | sed -E 's/si_pid=[0-9]+/si_pid=PID/')
	assert_equal "$ours" "$theirs"
	run echo "$ours"
	assert_line --index 1 '--- SIGSTOP {si_signo=SIGSTOP, si_code=SI_USER, si_pid=PID, si_uid=0} ---'
	assert_line --index 2 '--- stopped by SIGSTOP ---'
	assert_line --index 3 '--- SIGCONT {si_signo=SIGCONT, si_code=SI_USER, si_pid=PID, si_uid=0} ---'
}

# killed_by SIG STATUS -- the traced program is killed by SIG: the trace ends as strace's, the tracer exits STATUS.
killed_by() {
	local sig="$1" status="$2"
	start_bg t "$TRACER" --no-explain -o "$BATS_TEST_TMPDIR/t.trace" -- "$HARD" pause
	kill "-$sig" "$PROG_PID"
	wait_for_exit "$BG_PID" 10
	assert_equal "$EXIT_STATUS" "$status"
	run tail -n 1 "$BATS_TEST_TMPDIR/t.trace"
	assert_output "+++ killed by SIG$sig +++"
	if [ "$sig" != KILL ]; then
		run tail -n 2 "$BATS_TEST_TMPDIR/t.trace"
		assert_line --index 0 --regexp "^--- SIG$sig \{si_signo=SIG$sig, si_code=SI_USER, si_pid=[0-9]+, si_uid=0\} ---$"
	else
		run tail -n 2 "$BATS_TEST_TMPDIR/t.trace"
		assert_line --index 0 --regexp '^pause\(\) += \?$'
	fi
}

@test "SIGINT kills the tracee: '--- SIGINT ...', '+++ killed by SIGINT +++', the tracer exits 130" {
	killed_by INT 130
}

@test "SIGTERM kills the tracee: '--- SIGTERM ...', '+++ killed by SIGTERM +++', the tracer exits 143" {
	killed_by TERM 143
}

@test "SIGKILL kills the tracee in pause(): 'pause() = ?', '+++ killed by SIGKILL +++', the tracer exits 137" {
	killed_by KILL 137
}

@test "SIGINT to the tracer of a program it started is passed on to it: the program dies of it, exit 130" {
	start_bg t "$TRACER" --no-explain -o "$BATS_TEST_TMPDIR/t.trace" -- "$HARD" pause
	kill -INT "$BG_PID"
	wait_for_exit "$BG_PID" 10
	assert_equal "$EXIT_STATUS" 130
	run tail -n 2 "$BATS_TEST_TMPDIR/t.trace"
	assert_line --index 0 --regexp "^--- SIGINT \{si_signo=SIGINT, si_code=SI_USER, si_pid=[0-9]+, si_uid=0\} ---$"
	assert_line --index 1 '+++ killed by SIGINT +++'
	run kill -0 "$PROG_PID"
	assert_failure
}

@test "a program that ignores SIGINT keeps running after the tracer's first SIGINT; the second kills it" {
	start_bg t "$TRACER" --no-explain -o "$BATS_TEST_TMPDIR/t.trace" -- "$HARD" ignore-int
	kill -INT "$BG_PID"
	wait_for_line "$BATS_TEST_TMPDIR/t.trace" '^--- SIGINT ' "$BG_PID"
	wait_for_state "$PROG_PID" '^S$'
	kill -0 "$PROG_PID"
	kill -INT "$BG_PID"
	wait_for_exit "$BG_PID" 10
	assert_equal "$EXIT_STATUS" 137
	run tail -n 1 "$BATS_TEST_TMPDIR/t.trace"
	assert_output '+++ killed by SIGKILL +++'
}

@test "SIGINT to a tracer attached with -p: it detaches and exits 0, and the program runs on untraced" {
	start_bg prog "$HARD" pause
	fresh_fds "$TRACER" --no-explain -o "$BATS_TEST_TMPDIR/a.trace" -p "$PROG_PID" >"$BATS_TEST_TMPDIR/a.out" 2>&1 &
	local attached=$!
	track "$attached"
	wait_for_line "$BATS_TEST_TMPDIR/a.trace" '^pause\(' "$attached"
	run grep -E '^TracerPid:' "/proc/$PROG_PID/status"
	assert_output "TracerPid:	$attached"
	kill -INT "$attached"
	wait_for_exit "$attached" 10
	assert_equal "$EXIT_STATUS" 0
	run cat "$BATS_TEST_TMPDIR/a.trace"
	assert_output 'pause( <detached ...>'
	run grep -E '^TracerPid:' "/proc/$PROG_PID/status"
	assert_output 'TracerPid:	0'
	wait_for_state "$PROG_PID" '^S$'
	# it still handles its signals: SIGUSR1 is printed, SIGUSR2 ends it with 0
	kill -USR1 "$PROG_PID"
	wait_for_line "$BATS_TEST_TMPDIR/prog.out" '^got SIGUSR1$' "$PROG_PID"
	kill -USR2 "$PROG_PID"
	wait_for_exit "$BG_PID" 5
	assert_equal "$EXIT_STATUS" 0
}

# ---- a process that ends while a syscall is in progress ----

@test "a thread blocked in read() when the process exits: 'read(3,  <unfinished ...>', then its exit" {
	trace em -- "$HARD" exit-mid-call
	assert_equal "$STATUS" 0
	local leader reader
	leader=$(awk 'NR == 1 {print $1}' "$BATS_TEST_TMPDIR/em.trace")
	reader=$(sed -nE 's/^([0-9]+) read\(3,  <unfinished \.\.\.>$/\1/p' "$BATS_TEST_TMPDIR/em.trace")
	[ -n "$reader" ] && [ "$reader" != "$leader" ]
	run cat "$BATS_TEST_TMPDIR/em.trace"
	assert_line --regexp "^$leader exit_group\(0\) += \?$"
	assert_line --regexp "^$reader <\.\.\. read resumed>.*\) += \?$"
	assert_line "$reader +++ exited with 0 +++"
	assert_line --index $((${#lines[@]} - 1)) "$leader +++ exited with 0 +++"
}

@test "the unfinished read's last line is strace's: '<... read resumed> <unfinished ...>) = ?'" {
	trace em -- "$HARD" exit-mid-call
	run grep 'read resumed' "$BATS_TEST_TMPDIR/em.trace"
	assert_output --regexp '^[0-9]+ <\.\.\. read resumed> <unfinished \.\.\.>\) = \?$'
}

# ---- everything at once ----

@test "everything at once (threads' calls, 50 signals, 20 fork+exec, a read cut short by exit): no line lost" {
	trace ev -- "$HARD" everything 300
	assert_equal "$STATUS" 0
	local handled
	handled=$(sed -nE 's/^children ok, SIGUSR1 handled ([0-9]+) times$/\1/p' "$BATS_TEST_TMPDIR/ev.out")
	[ -n "$handled" ] || fail "the program said: $(cat "$BATS_TEST_TMPDIR/ev.out")"
	local j
	j=$(joined ev)
	# every delivery the program counted is in the trace (standard signals that arrive together merge into one)
	run grep -c -- '--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, ' <<<"$j"
	assert_output "$handled"
	run grep -cE '^[0-9]+ tgkill\([0-9]+, [0-9]+, SIGUSR1\) += 0$' <<<"$j"
	assert_output 50
	# each closing thread's 300 calls, in order
	run awk '$2 ~ /^close\(2[0-9][0-9][0-9][0-9]\)/ {
		fd = $2; sub(/^close\(/, "", fd); sub(/\).*/, "", fd); t = int((fd - 20000) / 1000); i = fd - 20000 - 1000 * t
		if (i != next_i[t] + 0 || (t in owner && owner[t] != $1)) bad++
		owner[t] = $1; next_i[t] = i + 1; n++
	} END { print n " calls, " bad + 0 " out of place" }' <<<"$j"
	assert_output '1200 calls, 0 out of place'
	# 20 children, each exec'd /bin/true and exited 0
	local kids pid missing=0
	kids=$(grep -E '^[0-9]+ execve\("/bin/true", \["true"\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/\) += 0$' <<<"$j" | awk '{print $1}' | sort -u)
	assert_equal "$(wc -l <<<"$kids")" 20
	for pid in $kids; do
		grep -q "^$pid +++ exited with 0 +++$" "$BATS_TEST_TMPDIR/ev.trace" || missing=$((missing + 1))
	done
	assert_equal "$missing" 0
	# 7 tasks of the program (the leader and 6 threads) and 20 children: each one's end is there
	run grep -c '+++ exited with 0 +++$' "$BATS_TEST_TMPDIR/ev.trace"
	assert_output 27
	# the read that the exit cut short: entered, never returned
	run grep -cE '^[0-9]+ read\(3,  <unfinished \.\.\.>\) += \?$' <<<"$j"
	assert_output 1
}

# ---- memory the tracer cannot read ----

# bad_pointer_lines NAME -- the calls of bad-pointers after its pipe is made, without pids, the addresses
# named by what they point to: HIDDEN (the PROT_NONE page), END (4 bytes before it), HOLE (the unmapped page).
bad_pointer_lines() {
	local trace="$BATS_TEST_TMPDIR/$1.trace" hidden
	hidden=$(sed -nE 's/^[0-9]+ +mprotect\((0x[0-9a-f]+), 4096, PROT_NONE\).*/\1/p' "$trace")
	[ -n "$hidden" ] || return 1
	sed -n '/^[0-9]* *pipe2(/,$p' "$trace" | sed -E "s/^[0-9]+ +//; s/ +=/ =/
		s/$hidden/HIDDEN/g; s/$(printf '0x%x' $((hidden - 4)))/END/g; s/$(printf '0x%x' $((hidden + 4096)))/HOLE/g"
}

@test "pointers to unmapped memory and to PROT_NONE pages print as addresses, as strace prints them, no crash" {
	trace bp -- "$HARD" bad-pointers
	assert_equal "$STATUS" 0
	by_strace sbp -- "$HARD" bad-pointers
	local ours theirs
	ours=$(bad_pointer_lines bp)
	theirs=$(bad_pointer_lines sbp)
	assert_equal "$ours" "$theirs"
	run echo "$ours"
	assert_line 'write(4, 0x10, 5) = -1 EFAULT (Bad address)'
	assert_line 'write(4, HIDDEN, 5) = -1 EFAULT (Bad address)'
	assert_line 'write(4, HOLE, 5) = -1 EFAULT (Bad address)'
	assert_line 'openat(AT_FDCWD, 0x10, O_RDONLY) = -1 EFAULT (Bad address)'
	assert_line 'openat(AT_FDCWD, HIDDEN, O_RDONLY) = -1 EFAULT (Bad address)'
	assert_line 'connect(5, HIDDEN, 16) = -1 EFAULT (Bad address)'
	assert_line 'nanosleep(0x10, 0x10) = -1 EFAULT (Bad address)'
	assert_line 'execve(HIDDEN, 0x10, 0x10) = -1 EFAULT (Bad address)'
}

@test "a buffer or string that runs from readable memory into a PROT_NONE page prints as its address, as strace; one that ends before it is read whole" {
	trace bp -- "$HARD" bad-pointers
	run bad_pointer_lines bp
	assert_line 'write(4, END, 8) = -1 EFAULT (Bad address)'
	assert_line 'openat(AT_FDCWD, END, O_RDONLY) = -1 EFAULT (Bad address)'
	assert_line 'connect(5, END, 16) = -1 EFAULT (Bad address)'
	# what ends right before that page is read whole
	assert_line 'openat(AT_FDCWD, "/nonexistent", O_RDONLY) = -1 ENOENT (No such file or directory)'
	assert_line 'write(4, "/nonexistent\0", 13) = 13'
}

# ---- huge argv and environment ----

# same_execve NAME ARGS... -- big-exec ARGS under strace and under ours: the execve lines are the same.
same_execve() {
	local name="$1"
	shift
	trace "$name" -- "$HARD" big-exec "$@"
	assert_equal "$STATUS" 0
	by_strace "s$name" -- "$HARD" big-exec "$@"
	local ours theirs
	ours=$(grep -E '^[0-9]+ execve\("/proc/self/exe"' "$BATS_TEST_TMPDIR/$name.trace" | sed -E 's/^[0-9]+ +//; s/0x[0-9a-f]{6,}/0xADDR/g')
	theirs=$(grep -E '^[0-9]+ execve\("/proc/self/exe"' "$BATS_TEST_TMPDIR/s$name.trace" | sed -E 's/^[0-9]+ +//; s/0x[0-9a-f]{6,}/0xADDR/g')
	[ -n "$ours" ]
	assert_equal "$ours" "$theirs"
	run cat "$BATS_TEST_TMPDIR/$name.out"
	assert_output "after exec: $1 arguments"
}

@test "an execve with 20,000 arguments and 20,000 variables (1.6 MB) prints as strace's, cut the same way" {
	same_execve many 20000 40
	run grep -cE '/\* 2000[0-3] vars \*/\) = 0$' "$BATS_TEST_TMPDIR/many.trace" # and *SAN_OPTIONS, if set
	assert_output 1
}

@test "an execve with arguments of 100,000 bytes each prints as strace's, each cut at 32 bytes" {
	same_execve long 8 100000
	run grep -E 'execve\("/proc/self/exe"' "$BATS_TEST_TMPDIR/long.trace"
	assert_output --partial '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"..., '
}

@test "an execve too big for the kernel (E2BIG) prints its error and the program carries on" {
	trace big -- "$HARD" big-exec 100 100000
	assert_equal "$STATUS" 1
	run grep -E 'execve\("/proc/self/exe"' "$BATS_TEST_TMPDIR/big.trace"
	assert_output --regexp '/\* 10[0-3] vars \*/\) += -1 E2BIG \(Argument list too long\)$'
}

# ---- the trace file ----

@test "-o to a path that cannot be written: a clear error naming it, exit 1, and the program never starts" {
	local made="$BATS_TEST_TMPDIR/made"
	run "$TRACER" -o /nonexistent/dir/trace -- touch "$made"
	assert_failure 1
	assert_output "tracer: Can't fopen '/nonexistent/dir/trace': No such file or directory"
	[ ! -e "$made" ]
	run "$TRACER" -o "$BATS_TEST_TMPDIR" -- touch "$made"
	assert_failure 1
	assert_output "tracer: Can't fopen '$BATS_TEST_TMPDIR': Is a directory"
	[ ! -e "$made" ]
	# strace words it the same way
	run strace -o /nonexistent/dir/trace -- touch "$made"
	assert_output "strace: Can't fopen '/nonexistent/dir/trace': No such file or directory"
}
