#!/usr/bin/env bats
# tracer-process: the tracer prints the process, thread and signal syscalls (decode_process.c,
# decode_signal.c) exactly as strace does. bin/test-proc-calls makes each of them, in success and failure,
# with NULL and bad pointers, flag sets and cut strings; its source is tests/progs/proc-calls.c. Its modes:
# basic (one process), children (fork, clone, wait, exec), threads (calls that block while another thread
# runs), random (results that change every run).

load helpers
load tracer-helpers

bats_require_minimum_version 1.5.0

# SOCKWALK_BIN=DIR runs these checks against binaries built elsewhere (e.g. a sanitizer build in /tmp).
BIN="${SOCKWALK_BIN:-$BIN}"
PROG="$BIN/test-proc-calls"
# The syscalls of the two families: comparing only these keeps a failure here about these decoders.
PROCESS_CALLS=execve,execveat,clone,clone3,fork,vfork,wait4,waitid,exit,exit_group,kill,tkill,tgkill
PROCESS_CALLS+=,getpid,gettid,getppid,getpgrp,getpgid,getsid,setpgid,setsid,sched_yield,set_tid_address
PROCESS_CALLS+=,uname,prctl,arch_prctl,prlimit64,getrlimit,setrlimit,getrandom,nanosleep,clock_nanosleep
PROCESS_CALLS+=,clock_gettime,clock_getres,gettimeofday,getitimer,setitimer,futex,set_robust_list
PROCESS_CALLS+=,get_robust_list,rseq,pidfd_open,pidfd_getfd
SIGNAL_CALLS=rt_sigaction,rt_sigprocmask,rt_sigpending,rt_sigsuspend,rt_sigtimedwait,rt_sigreturn
SIGNAL_CALLS+=,sigaltstack,signalfd,signalfd4,pause,alarm
ALL_CALLS="$PROCESS_CALLS,$SIGNAL_CALLS"
# A sanitizer build of the program (make check) reads CLOCK_MONOTONIC by syscall while AddressSanitizer
# starts, a different time on each run: clock_gettime is then left out of the comparisons.
if ldd "$PROG" 2>/dev/null | grep -q libasan; then
	PROCESS_CALLS=${PROCESS_CALLS/,clock_gettime,/,}
	ALL_CALLS=${ALL_CALLS/,clock_gettime,/,}
fi

# compare MODE OPTIONS... -- the program in MODE under strace and under our tracer, with OPTIONS.
compare() {
	local mode="$1"
	shift
	compare_with_strace "$@" -- "$PROG" "$mode"
}

# ours NAME MODE OPTIONS... -- the program in MODE under our tracer alone; the trace is in $output.
ours() {
	local name="$1" mode="$2"
	shift 2
	trace_ours "$name" "$@" -- "$PROG" "$mode"
}

# ---- the same lines as strace ----

@test "tracer-process: the process calls of one process print as strace prints them" {
	compare basic -e trace="$PROCESS_CALLS"
}

@test "tracer-process: the signal calls, deliveries and rt_sigreturn masks print as strace prints them" {
	compare basic -e trace="$SIGNAL_CALLS"
}

@test "tracer-process: fork, vfork, clone, clone3, wait4, waitid and execve that succeeds print as strace prints them" {
	compare children -e trace="$ALL_CALLS"
}

@test "tracer-process: under -f, with a pid before each line, the calls print as strace prints them" {
	# Without our seccomp pre-filter (the default with -f -e trace=): under it the program's
	# prctl(PR_GET_SECCOMP) rightly answers 2 (SECCOMP_MODE_FILTER), where under strace it answers 0.
	COMPARE_STRACE_TRACER_ARGS=--no-seccomp-bpf compare basic -f -e trace="$ALL_CALLS"
}

@test "tracer-process: under -f with the seccomp pre-filter, the calls it stops at print as strace prints them" {
	# prctl left out: PR_GET_SECCOMP sees the pre-filter (see the test above)
	compare basic -f -e trace="${ALL_CALLS/,prctl,/,}"
}

@test "tracer-process: with -yy, signalfd's fd and clone3's pidfd carry the same labels as strace's" {
	compare basic -yy -e trace="$ALL_CALLS"
	compare children -yy -e trace="$ALL_CALLS"
}

@test "tracer-process: -e trace=%process selects the same calls as strace" {
	compare basic -e trace=%process
	compare children -e trace=%process
}

@test "tracer-process: -e trace=%signal selects the same calls as strace" {
	compare basic -e trace=%signal
}

@test "tracer-process: -s 8 -x cuts argv strings, their count and the task name, in hex, as strace does" {
	compare basic -s 8 -x -e trace="$ALL_CALLS"
	compare children -s 8 -x -e trace="$ALL_CALLS"
}

@test "tracer-process: -s 0 -xx shows no argv string and every path in hex as strace does" {
	compare basic -s 0 -xx -e trace="$ALL_CALLS"
}

# ---- our own lines, the important ones checked directly ----

@test "tracer-process: execve shows the path, the whole argv and the environment as a count" {
	ours t basic
	assert_line --index 0 --regexp '^execve\(".*/test-proc-calls", \["[^"]*"(\.\.\.)?, "basic"\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/\) += 0$'
	assert_line --regexp '^execve\("/nonexistent/proc-calls", \["proc-calls", "a very long argument that -s 8 c"\.\.\., ""\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/\) += -1 ENOENT \(No such file or directory\)$'
	assert_line --regexp '^execve\("/proc/self/exe", \["proc-calls", 0x1\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/\) += -1 EFAULT \(Bad address\)$'
	assert_line --regexp '^execveat\(-1, "", \[.*\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/, AT_EMPTY_PATH\) += -1 EBADF \(Bad file descriptor\)$'
}

@test "tracer-process: argv shows at most -s strings, each at most -s bytes long" {
	ours t basic -s 2 -e trace=execve
	assert_line --regexp '^execve\("/nonexistent/proc-calls", \["x", "x", \.\.\.\], '
	assert_line --regexp '^execve\("/nonexistent/proc-calls", \["pr"\.\.\., "a "\.\.\., \.\.\.\], '
}

@test "tracer-process: a successful execve in a child shows its one variable as \"1 var\"" {
	ours t children -f -e trace=execve
	assert_line --regexp '^[0-9]+ +execve\(".*test-proc-calls", \["test-proc-calls", "exec-child"\], 0x[0-9a-f]+ /\* 1 var \*/\) += 0$'
}

@test "tracer-process: clone shows the stack, the flags with the exit signal, then what the kernel wrote" {
	ours t children
	assert_line --regexp '^clone\(child_stack=NULL, flags=CLONE_CHILD_CLEARTID\|CLONE_CHILD_SETTID\|SIGCHLD, child_tidptr=0x[0-9a-f]+\) += [0-9]+$'
	assert_line --regexp '^clone\(child_stack=NULL, flags=SIGCHLD\) += [0-9]+$'
	assert_line --regexp '^clone\(child_stack=0x[0-9a-f]+, flags=CLONE_VM\|CLONE_SETTLS\|CLONE_PARENT_SETTID\|CLONE_CHILD_CLEARTID\|SIGCHLD, parent_tid=\[[0-9]+\], tls=0x[0-9a-f]+, child_tidptr=0x[0-9a-f]+\) += [0-9]+$'
	assert_line --regexp '^clone\(child_stack=NULL, flags=CLONE_SIGHAND\) += -1 EINVAL \(Invalid argument\)$'
}

@test "tracer-process: clone3 shows its struct, then \"=> {pidfd=[3], parent_tid=[N]}\" and the size" {
	ours t children
	assert_line --regexp '^clone3\(\{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0\}, 88\) += [0-9]+$'
	assert_line --regexp '^clone3\(\{flags=CLONE_PIDFD\|CLONE_PARENT_SETTID, pidfd=0x[0-9a-f]+, parent_tid=0x[0-9a-f]+, exit_signal=SIGCHLD, stack=NULL, stack_size=0\} => \{pidfd=\[3\], parent_tid=\[([0-9]+)\]\}, 64\) += [0-9]+$'
	assert_line --regexp '^clone3\(0x[0-9a-f]+, 8\) += -1 EINVAL \(Invalid argument\)$'
	assert_line --regexp '^clone3\(NULL, 88\) += -1 EFAULT \(Bad address\)$'
}

@test "tracer-process: clone3's parent_tid and the returned pid are the same number" {
	ours t children
	line=$(grep -E '^clone3\(.*=> \{pidfd=' "$BATS_TEST_TMPDIR/t.trace")
	[[ "$line" =~ parent_tid=\[([0-9]+)\]\}.*\ =\ ([0-9]+)$ ]]
	assert_equal "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
}

@test "tracer-process: wait4 and waitid spell out how each child ended" {
	ours t children
	assert_line --regexp '^wait4\([0-9]+, \[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 3\}\], 0, NULL\) += [0-9]+$'
	assert_line --regexp '^wait4\(-1, \[\{WIFSIGNALED\(s\) && WTERMSIG\(s\) == SIGTERM\}\], 0, NULL\) += [0-9]+$'
	assert_line --regexp '^wait4\([0-9]+, 0x[0-9a-f]+, WNOHANG, NULL\) += 0$'
	assert_line --regexp '^wait4\(-1, NULL, WNOHANG, NULL\) += -1 ECHILD \(No child processes\)$'
	assert_line --regexp '^waitid\(P_PID, [0-9]+, \{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=[0-9]+, si_uid=[0-9]+, si_status=7, si_utime=0, si_stime=0\}, WEXITED, NULL\) += 0$'
	assert_line --regexp '^waitid\(P_PID, [0-9]+, \{\}, WNOHANG\|WEXITED, NULL\) += 0$'
}

@test "tracer-process: exit and exit_group never return: their lines end with \"= ?\"" {
	ours t children -f
	assert_line --regexp '^[0-9]+ +exit\(5\) += \?$'
	assert_line --regexp '^[0-9]+ +exit_group\(3\) += \?$'
}

@test "tracer-process: kill, tkill and tgkill name the signal, or show the number when it is none" {
	ours t basic
	assert_line --regexp '^kill\([0-9]+, 0\) += 0$'
	assert_line --regexp '^kill\([0-9]+, 12345\) += -1 EINVAL \(Invalid argument\)$'
	assert_line --regexp '^tgkill\([0-9]+, [0-9]+, SIGUSR1\) += 0$'
	assert_line --regexp '^tkill\([0-9]+, SIGUSR1\) += 0$'
	assert_line --regexp '^--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=[0-9]+, si_uid=[0-9]+\} ---$'
}

@test "tracer-process: rt_sigaction shows the kernel's struct: handler, mask, flags, restorer" {
	ours t basic
	assert_line --regexp '^rt_sigaction\(SIGUSR1, \{sa_handler=0x[0-9a-f]+, sa_mask=\[\], sa_flags=SA_RESTORER\|SA_RESTART, sa_restorer=0x[0-9a-f]+\}, NULL, 8\) += 0$'
	assert_line --regexp '^rt_sigaction\(SIGUSR2, \{sa_handler=SIG_IGN, sa_mask=\[INT TERM\], sa_flags=0\}, \{sa_handler=SIG_DFL, sa_mask=\[\], sa_flags=0\}, 8\) += 0$'
	assert_line --regexp '^rt_sigaction\(SIGUSR2, \{sa_handler=SIG_DFL, sa_mask=~\[\], sa_flags=SA_ONSTACK\|SA_RESTART\|SA_NODEFER\|SA_RESETHAND\}, '
	assert_line --regexp '^rt_sigaction\(SIGCHLD, \{sa_handler=SIG_DFL, sa_mask=\[RT_1 RT_2 RT_32\], sa_flags=SA_NOCLDSTOP\}, '
	assert_line --regexp '^rt_sigaction\(99, NULL, 0x[0-9a-f]+, 8\) += -1 EINVAL \(Invalid argument\)$'
}

@test "tracer-process: signal sets name RT signals from RTMIN and print the complement when it is shorter" {
	ours t basic
	assert_line --regexp '^rt_sigprocmask\(SIG_SETMASK, ~\[RTMIN RT_1\], ~\[KILL STOP\], 8\) += 0$'
	assert_line --regexp '^rt_sigprocmask\(SIG_SETMASK, \[HUP SYS RTMIN RT_1 RT_8 RT_32\], ~\[KILL STOP RTMIN RT_1\], 8\) += 0$'
	assert_line --regexp '^rt_sigprocmask\(0x63 /\* SIG_\?\?\? \*/, \[\], NULL, 8\) += -1 EINVAL \(Invalid argument\)$'
	assert_line --regexp '^rt_sigprocmask\(SIG_BLOCK, 0x[0-9a-f]+, 0x[0-9a-f]+, 16\) += -1 EINVAL \(Invalid argument\)$'
	assert_line --regexp '^rt_sigpending\(\[USR2\], 8\) += 0$'
}

@test "tracer-process: rt_sigsuspend is cut short by a handler and rt_sigreturn restores the mask it saved" {
	ours t basic
	assert_line --regexp '^rt_sigsuspend\(\[\], 8\) += \? ERESTARTNOHAND \(To be restarted if no handler\)$'
	assert_line --regexp '^rt_sigreturn\(\{mask=\[USR1\]\}\) += -1 EINTR \(Interrupted system call\)$'
	assert_line --regexp '^rt_sigtimedwait\(\[USR2\], \{si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=[0-9]+, si_uid=[0-9]+\}, NULL, 8\) += 12 \(SIGUSR2\)$'
	assert_line --regexp '^pause\(\) += \? ERESTARTNOHAND \(To be restarted if no handler\)$'
}

@test "tracer-process: sigaltstack, signalfd4 and alarm" {
	ours t basic
	assert_line --regexp '^sigaltstack\(NULL, \{ss_sp=0x[0-9a-f]+, ss_flags=SS_ONSTACK, ss_size=65536\}\) += 0$'
	assert_line --regexp '^sigaltstack\(\{ss_sp=0x[0-9a-f]+, ss_flags=0x40 /\* SS_\?\?\? \*/, ss_size=1024\}, NULL\) += -1 EINVAL \(Invalid argument\)$'
	assert_line --regexp '^signalfd4\(-1, \[USR1\], 8, SFD_CLOEXEC\|SFD_NONBLOCK\) += 3$'
	assert_line --regexp '^signalfd4\(3, \[USR1 USR2 RT_2\], 8, 0\) += 3$'
	assert_line --regexp '^alarm\(0\) += 5$'
}

@test "tracer-process: prctl, arch_prctl and the limits, as a typical program's start-up makes them" {
	ours t basic
	assert_line --regexp '^arch_prctl\(ARCH_SET_FS, 0x[0-9a-f]+\) += 0$'
	assert_line --regexp '^set_robust_list\(0x[0-9a-f]+, 24\) += 0$'
	assert_line --regexp '^rseq\(0x[0-9a-f]+, 0x20, 0, 0x53053053\) += 0$'
	assert_line --regexp '^prlimit64\(0, RLIMIT_STACK, NULL, \{rlim_cur=[0-9]+\*1024, rlim_max=(RLIM64_INFINITY|[0-9]+(\*1024)?)\}\) += 0$'
	assert_line --regexp '^prlimit64\(0, RLIMIT_AS, NULL, \{rlim_cur=RLIM64_INFINITY, rlim_max=RLIM64_INFINITY\}\) += 0$'
	assert_line --regexp '^prctl\(PR_SET_NAME, "proc-calls-main"\.\.\.\) += 0$'
	assert_line --regexp '^prctl\(PR_GET_NAME, "proc-calls-main"\) += 0$'
	assert_line --regexp '^prctl\(PR_GET_PDEATHSIG, \[SIGTERM\]\) += 0$'
	assert_line --regexp '^prctl\(PR_GET_DUMPABLE\) += 1 \(SUID_DUMP_USER\)$'
	assert_line --regexp '^prctl\(0x12345 /\* PR_\?\?\? \*/, 0x1, 0x2, 0x3, 0x4\) += -1 EINVAL \(Invalid argument\)$'
	assert_line --regexp '^uname\(\{sysname="Linux", nodename=".*", \.\.\.\}\) += 0$'
}

@test "tracer-process: pidfd_open and pidfd_getfd return fds, labelled with -yy as strace labels them" {
	ours t basic -yy -e trace=pidfd_open,pidfd_getfd
	assert_line --regexp '^pidfd_open\([0-9]+, 0\) += 3<pid:[0-9]+>$'
	assert_line --regexp '^pidfd_open\([0-9]+, PIDFD_NONBLOCK\) += 4<pid:[0-9]+>$'
	assert_line --regexp '^pidfd_open\([0-9]+, 0x1 /\* PIDFD_\?\?\? \*/\) += -1 EINVAL \(Invalid argument\)$'
	# fd 1 of the process the pidfd refers to, labelled as that process sees it
	assert_line --regexp '^pidfd_getfd\(3<pid:[0-9]+>, 1<.*/t\.out>, 0\) += 5<.*/t\.out>$'
	assert_line --regexp '^pidfd_getfd\(99, 1, 0\) += -1 EBADF \(Bad file descriptor\)$'
}

@test "tracer-process: futex names its operation and shows only the arguments that operation reads" {
	ours t basic
	assert_line --regexp '^futex\(0x[0-9a-f]+, FUTEX_WAKE_PRIVATE, 1\) += 0$'
	assert_line --regexp '^futex\(0x[0-9a-f]+, FUTEX_WAIT_PRIVATE, 0, \{tv_sec=0, tv_nsec=1000\}\) += -1 ETIMEDOUT \(Connection timed out\)$'
	assert_line --regexp '^futex\(0x[0-9a-f]+, FUTEX_WAIT_BITSET_PRIVATE\|FUTEX_CLOCK_REALTIME, 0, \{tv_sec=1, tv_nsec=0\}, FUTEX_BITSET_MATCH_ANY\) += -1 ETIMEDOUT'
	assert_line --regexp '^futex\(0x[0-9a-f]+, FUTEX_WAKE_OP_PRIVATE, 1, 1, 0x[0-9a-f]+, FUTEX_OP_SET<<28\|0x1<<12\|FUTEX_OP_CMP_GT<<24\|0\) += 0$'
	assert_line --regexp '^futex\(0x[0-9a-f]+, 0x63 /\* FUTEX_\?\?\? \*/, 0, NULL, NULL, 0\) += -1 ENOSYS \(Function not implemented\)$'
}

@test "tracer-process: sleeps and clocks show timespecs, clock names and TIMER_ABSTIME" {
	ours t basic
	assert_line --regexp '^nanosleep\(\{tv_sec=0, tv_nsec=1000\}, NULL\) += 0$'
	assert_line --regexp '^clock_nanosleep\(CLOCK_REALTIME, TIMER_ABSTIME, \{tv_sec=1, tv_nsec=0\}, NULL\) += 0$'
	assert_line --regexp '^clock_nanosleep\(0x63 /\* CLOCK_\?\?\? \*/, 0, \{tv_sec=0, tv_nsec=1000\}, NULL\) += -1 EINVAL \(Invalid argument\)$'
	assert_line --regexp '^clock_getres\(CLOCK_MONOTONIC, \{tv_sec=0, tv_nsec=[0-9]+\}\) += 0$'
	assert_line --regexp '^gettimeofday\(NULL, \{tz_minuteswest=-?[0-9]+, tz_dsttime=[0-9]+\}\) += 0$'
}

@test "tracer-process: results that change every run have strace's shape: random bytes in hex, clock readings, rusage" {
	ours t random
	assert_line --regexp '^getrandom\("(\\x[0-9a-f]{2}){8}", 8, GRND_NONBLOCK\) += 8$'
	assert_line --regexp '^clock_gettime\(CLOCK_REALTIME, \{tv_sec=[0-9]{10,}, tv_nsec=[0-9]+\}\) += 0$'
	assert_line --regexp '^gettimeofday\(\{tv_sec=[0-9]{10,}, tv_usec=[0-9]+\}, NULL\) += 0$'
	assert_line --regexp '^wait4\([0-9]+, \[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 0\}\], 0, \{ru_utime=\{tv_sec=0, tv_usec=[0-9]+\}, ru_stime=\{tv_sec=0, tv_usec=[0-9]+\}, \.\.\.\}\) += [0-9]+$'
}

@test "tracer-process: a call that blocks while another thread runs is split where strace splits it" {
	ours t threads -f
	assert_line --regexp '^[0-9]+ +wait4\([0-9]+,  <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. wait4 resumed>\[\{WIFSIGNALED\(s\) && WTERMSIG\(s\) == SIGTERM\}\], 0, NULL\) += [0-9]+$'
	assert_line --regexp '^[0-9]+ +waitid\(P_PID, [0-9]+,  <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. waitid resumed>\{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=[0-9]+, si_uid=[0-9]+, si_status=SIGKILL, si_utime=[0-9]+, si_stime=[0-9]+\}, WEXITED, NULL\) += 0$'
	assert_line --regexp '^[0-9]+ +rt_sigtimedwait\(\[USR2\],  <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. rt_sigtimedwait resumed>\{si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=[0-9]+, si_uid=[0-9]+\}, NULL, 8\) += 12 \(SIGUSR2\)$'
	assert_line --regexp '^[0-9]+ +rt_sigsuspend\(\[CHLD\], 8 <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +pause\( <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +nanosleep\(\{tv_sec=10, tv_nsec=0\},  <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. nanosleep resumed>\{tv_sec=[0-9], tv_nsec=[0-9]+\}\) += \? ERESTART_RESTARTBLOCK \(Interrupted by signal\)$'
	assert_line --regexp '^[0-9]+ +futex\(0x[0-9a-f]+, FUTEX_WAIT_PRIVATE, 0, NULL <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +clock_nanosleep\(CLOCK_MONOTONIC, 0, \{tv_sec=0, tv_nsec=50000000\},  <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. clock_nanosleep resumed>NULL\) += 0$'
}

@test "tracer-process: pthread_create's clone3 shows the thread's flags and its tid written back" {
	ours t threads -f -e trace=clone3
	assert_line --regexp '^[0-9]+ +clone3\(\{flags=CLONE_VM\|CLONE_FS\|CLONE_FILES\|CLONE_SIGHAND\|CLONE_THREAD\|CLONE_SYSVSEM\|CLONE_SETTLS\|CLONE_PARENT_SETTID\|CLONE_CHILD_CLEARTID, child_tid=0x[0-9a-f]+, parent_tid=0x[0-9a-f]+, exit_signal=0, stack=0x[0-9a-f]+, stack_size=0x[0-9a-f]+, tls=0x[0-9a-f]+\}'
	assert_line --regexp '( => \{parent_tid=\[[0-9]+\]\}, 88\) += [0-9]+$)'
}

# blocking_halves FILE -- the main thread's lines of the calls that block in the threads mode, with
# numbers and addresses taken out: both halves of each, "<unfinished ...>" and "<... resumed>". Left out:
# pthread_join's futex wait, which blocks or not depending on whether the helper thread has ended yet.
blocking_halves() {
	local main
	main=$(awk 'NR == 1 { print $1 }' "$1")
	awk -v main="$main" '
		$1 != main { next }
		/ futex\(.*FUTEX_WAIT_BITSET.*<unfinished/ { skip = 1; next }
		/<\.\.\. futex resumed>/ && skip { skip = 0; next }
		{ print }' "$1" |
		grep -E '^[0-9]+ +(<\.\.\. )?(wait4|waitid|rt_sigtimedwait|rt_sigsuspend|pause|nanosleep|futex|clock_nanosleep)[( ]' |
		grep -E 'unfinished|resumed' |
		sed -E 's/^[0-9]+ +//; s/0x[0-9a-f]+/ADDR/g; s/\b[0-9]+\b/N/g; s/\) +=/) =/'
}

@test "tracer-process: the halves of each blocking call are strace's halves, byte for byte" {
	(fresh_fds env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -o "$BATS_TEST_TMPDIR/s.trace" \
		"$PROG" threads) >"$BATS_TEST_TMPDIR/s.out" 2>&1
	ours t threads -f
	blocking_halves "$BATS_TEST_TMPDIR/s.trace" >"$BATS_TEST_TMPDIR/s.halves"
	blocking_halves "$BATS_TEST_TMPDIR/t.trace" >"$BATS_TEST_TMPDIR/t.halves"
	# 8 blocking calls, two halves each
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/s.halves")" 16
	run diff -u "$BATS_TEST_TMPDIR/s.halves" "$BATS_TEST_TMPDIR/t.halves"
	assert_success
}
