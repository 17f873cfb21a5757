#!/usr/bin/env bats
# tracer-poll: the tracer prints the readiness syscalls (decode_poll.c: poll, ppoll, select, pselect6,
# epoll_create*, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2, eventfd*, timerfd_*) exactly as strace
# does, with what the kernel answered after the return value: "= 1 ([{fd=3, revents=POLLIN}])",
# "= 0 (Timeout)", "= 2 (in [3], out [6], left {...})". bin/test-poll-calls makes each of them; its
# source is tests/progs/poll-calls.c. Its modes: basic (one thread), threads (waits that block while
# another thread runs).

load helpers
load tracer-helpers

bats_require_minimum_version 1.5.0

# SOCKWALK_BIN=DIR runs these checks against binaries built elsewhere (e.g. a sanitizer build in /tmp),
# the comparisons with strace included.
BIN="${SOCKWALK_BIN:-$BIN}"
export COMPARE_STRACE_TRACER="${COMPARE_STRACE_TRACER:-$BIN/tracer}"
PROG="$BIN/test-poll-calls"
# The syscalls of the family: comparing only these keeps a failure here about these decoders.
POLL_CALLS=poll,ppoll,select,pselect6,epoll_create,epoll_create1,epoll_ctl,epoll_wait,epoll_pwait
POLL_CALLS+=,epoll_pwait2,eventfd,eventfd2,timerfd_create,timerfd_settime,timerfd_gettime

# A sanitizer build of the program (make check) reads /proc/self/maps while AddressSanitizer starts: with
# address space randomisation its contents differ between the strace run and ours. Such a build runs
# without it (setarch -R), in both runs.
NO_ASLR=()
if ldd "$PROG" 2>/dev/null | grep -q libasan; then
	NO_ASLR=(setarch "$(uname -m)" -R)
fi

# compare MODE OPTIONS... -- the program in MODE under strace and under our tracer, with OPTIONS.
compare() {
	local mode="$1"
	shift
	compare_with_strace "$@" -- "${NO_ASLR[@]}" "$PROG" "$mode"
}

# ours NAME MODE OPTIONS... -- the program in MODE under our tracer alone; the trace is in $output.
ours() {
	local name="$1" mode="$2"
	shift 2
	trace_ours "$name" "$@" -- "$PROG" "$mode"
}

# ---- the same lines as strace ----

@test "tracer-poll: the readiness calls and their results print as strace prints them" {
	compare basic -e trace="$POLL_CALLS"
}

@test "tracer-poll: the counters read from eventfds and timerfds print beside the readiness calls as strace prints them" {
	compare basic -e trace="$POLL_CALLS,read,write,close"
}

@test "tracer-poll: under -f, with a pid before each line, the calls print as strace prints them" {
	compare basic -f -e trace="$POLL_CALLS"
}

@test "tracer-poll: with -y and -yy, the fds of pollfds, fd sets and epoll_ctl carry strace's labels" {
	compare basic -y -e trace="$POLL_CALLS"
	compare basic -yy -e trace="$POLL_CALLS"
}

@test "tracer-poll: -s 8 -x and -s 0 -xx cut the pollfd and event lists as strace does" {
	compare basic -s 8 -x -e trace="$POLL_CALLS"
	compare basic -s 0 -xx -e trace="$POLL_CALLS"
}

@test "tracer-poll: -e trace=%desc selects the same calls as strace" {
	# %desc holds calls of other families too (read, write, mmap, openat): their decoders count here
	compare basic -e trace=%desc
}

# ---- our own lines, the important ones checked directly ----

@test "tracer-poll: poll shows the pollfds at entry and the ready ones after the return value" {
	ours t basic
	assert_line 'poll([{fd=3, events=POLLIN|POLLPRI}, {fd=6, events=POLLOUT}, {fd=-1}, {fd=50, events=POLLIN|POLLRDNORM|POLLRDHUP|0x800}, {fd=7, events=POLLIN}], 5, 0) = 3 ([{fd=3, revents=POLLIN}, {fd=6, revents=POLLOUT}, {fd=50, revents=POLLNVAL}])'
	assert_line --regexp '^poll\(\[\{fd=-1\}, \{fd=7, events=POLLIN\}\], 2, 10\) += 0 \(Timeout\)$'
	assert_line --regexp '^poll\(NULL, 0, 0\) += 0 \(Timeout\)$'
	assert_line --regexp '^poll\(0xffffffffff600ff0, 1, 0\) += -1 EFAULT \(Bad address\)$'
	assert_line --regexp '^poll\(\[\{fd=7, events=0\}\], 1, 0\) += 0 \(Timeout\)$'
}

@test "tracer-poll: -s N cuts the pollfds and the ready list after N entries" {
	ours t basic -s 2 -e trace=poll
	assert_line --regexp '^poll\(\[\{fd=3, events=POLLIN\}, \{fd=3, events=POLLIN\}, \.\.\.\], 40, 0\) += 16 \(\[\{fd=3, revents=POLLIN\}, \{fd=3, revents=POLLIN\}, \.\.\.\]\)$'
}

@test "tracer-poll: ppoll shows its timeout and signal mask, and the time left after the return value" {
	ours t basic
	assert_line --regexp '^ppoll\(\[\{fd=3, events=POLLIN\|POLLPRI\}, \{fd=6, events=POLLOUT\}\], 2, \{tv_sec=0, tv_nsec=0\}, \[INT TERM RT_3\], 8\) += 2 \(\[\{fd=3, revents=POLLIN\}, \{fd=6, revents=POLLOUT\}\], left \{tv_sec=0, tv_nsec=0\}\)$'
	assert_line --regexp '^ppoll\(\[\{fd=-1\}, \{fd=7, events=POLLIN\}\], 2, \{tv_sec=0, tv_nsec=1000000\}, NULL, 8\) += 0 \(Timeout\)$'
	assert_line --regexp '^ppoll\(.*, NULL, NULL, 8\) += 2 \(\[\{fd=3, revents=POLLIN\}, \{fd=6, revents=POLLOUT\}\]\)$'
	assert_line --regexp '^ppoll\(.*, ~\[KILL RTMIN RT_1\], 8\) += 1 '
	assert_line --regexp '^ppoll\(.*, ~\[\], 8\) += 1 '
	assert_line --regexp '^ppoll\(.*, \[CHLD IO\], 8\) += 1 '
	assert_line --regexp '^ppoll\(.*, 0x[0-9a-f]+, 4\) += -1 EINVAL'
}

@test "tracer-poll: select shows the fd sets at entry and the ready fds and time left after the return value" {
	ours t basic
	assert_line 'select(8, [3 7], [6], [3], {tv_sec=0, tv_usec=0}) = 2 (in [3], out [6], left {tv_sec=0, tv_usec=0})'
	assert_line --regexp '^select\(8, \[7\], NULL, NULL, \{tv_sec=0, tv_usec=1000\}\) += 0 \(Timeout\)$'
	assert_line --regexp '^select\(4, \[3\], NULL, NULL, NULL\) += 1 \(in \[3\]\)$'
	assert_line --regexp '^select\(-1, 0x[0-9a-f]+, NULL, NULL, NULL\) += -1 EINVAL'
	assert_line --regexp '^select\(51, \[3 50\], NULL, NULL, \{tv_sec=0, tv_usec=0\}\) += -1 EBADF'
	assert_line --regexp '^select\(8, \[\], \[\], NULL, \{tv_sec=0, tv_usec=0\}\) += 0 \(Timeout\)$'
	assert_line --regexp '^pselect6\(8, \[3 7\], \[6\], NULL, \{tv_sec=0, tv_nsec=0\}, \{sigmask=\[INT TERM\], sigsetsize=8\}\) += 2 \(in \[3\], out \[6\], left \{tv_sec=0, tv_nsec=0\}\)$'
	assert_line --regexp '^pselect6\(8, \[7\], NULL, NULL, \{tv_sec=0, tv_nsec=0\}, \{sigmask=NULL, sigsetsize=8\}\) += 0 \(Timeout\)$'
}

@test "tracer-poll: select's fds carry -y labels in the sets, not in the result" {
	ours t basic -y -e trace=select
	assert_line --regexp '^select\(4, \[3<pipe:\[[0-9]+\]>\], NULL, NULL, NULL\) += 1 \(in \[3\]\)$'
}

@test "tracer-poll: epoll_create returns an fd, epoll_ctl shows the event with its data as u32 and u64" {
	ours t basic
	assert_line --regexp '^epoll_create\(10\) += 9$'
	assert_line --regexp '^epoll_create1\(EPOLL_CLOEXEC\) += 10$'
	assert_line --regexp '^epoll_create1\(0x5 /\* EPOLL_\?\?\? \*/\) += -1 EINVAL'
	assert_line 'epoll_ctl(9, EPOLL_CTL_ADD, 3, {events=EPOLLIN|EPOLLET, data={u32=2309737967, u64=81985529216486895}}) = 0'
	assert_line --regexp '^epoll_ctl\(9, EPOLL_CTL_DEL, 6, NULL\) += -1 ENOENT'
	assert_line --regexp '^epoll_ctl\(9, EPOLL_CTL_DEL, 6, 0x[0-9a-f]+\) += -1 ENOENT'
	assert_line --regexp '^epoll_ctl\(9, 0x7 /\* EPOLL_CTL_\?\?\? \*/, 6, NULL\) += -1 EFAULT'
	ours t2 basic -yy -e trace=epoll_create,epoll_ctl
	assert_line --regexp '^epoll_create\(10\) += 9<anon_inode:\[eventpoll\]>$'
	assert_line --regexp '^epoll_ctl\(9<anon_inode:\[eventpoll\]>, EPOLL_CTL_ADD, 3<pipe:\[[0-9]+\]>, \{events=EPOLLIN\|EPOLLET, '
}

@test "tracer-poll: epoll_wait shows the events it returned, at most -s of them, and the address on failure" {
	ours t basic
	assert_line --regexp '^epoll_wait\(9, \[\{events=EPOLLIN, data=\{u32=2309737967, u64=81985529216486895\}\}, \{events=EPOLLOUT, data=\{u32=6, u64=6\}\}\], 8, 0\) += 2$'
	assert_line --regexp '^epoll_wait\(10, \[\], 8, 0\) += 0$'
	assert_line --regexp '^epoll_wait\(9, 0xffffffffff600ff0, 8, 0\) += -1 EFAULT'
	assert_line --regexp '^epoll_wait\(10, \[(\{events=EPOLLIN, data=\{u32=[0-9]+, u64=[0-9]+\}\}, ){32}\.\.\.\], 64, 0\) += 40$'
	assert_line --regexp '^epoll_pwait\(9, \[\{events=EPOLLOUT, data=\{u32=6, u64=6\}\}\], 8, 0, \[USR1\], 8\) += 1$'
	assert_line --regexp '^epoll_pwait2\(9, \[\{events=EPOLLOUT, data=\{u32=6, u64=6\}\}\], 8, \{tv_sec=0, tv_nsec=0\}, NULL, 8\) += 1$'
	assert_line --regexp '^epoll_pwait2\(9, \[.*\], 8, NULL, \[USR1\], 8\) += 1$'
}

@test "tracer-poll: eventfd2 and timerfd_create show their flags, timerfd_settime the old value at exit" {
	ours t basic
	assert_line --regexp '^eventfd\(3\) += 9$'
	assert_line --regexp '^eventfd2\(0, EFD_CLOEXEC\|EFD_NONBLOCK\) += 10$'
	assert_line --regexp '^eventfd2\(0, 0x1234 /\* EFD_\?\?\? \*/\) += -1 EINVAL'
	assert_line --regexp '^timerfd_create\(CLOCK_MONOTONIC, TFD_CLOEXEC\|TFD_NONBLOCK\) += 9$'
	assert_line --regexp '^timerfd_create\(0x4d /\* CLOCK_\?\?\? \*/, 0\) += -1 EINVAL'
	assert_line --regexp '^timerfd_settime\(10, 0, \{it_interval=\{tv_sec=0, tv_nsec=0\}, it_value=\{tv_sec=0, tv_nsec=1\}\}, NULL\) += 0$'
	assert_line --regexp '^timerfd_settime\(10, TFD_TIMER_ABSTIME\|TFD_TIMER_CANCEL_ON_SET, \{it_interval=\{tv_sec=0, tv_nsec=0\}, it_value=\{tv_sec=1, tv_nsec=0\}\}, \{it_interval=\{tv_sec=0, tv_nsec=0\}, it_value=\{tv_sec=0, tv_nsec=0\}\}\) += 0$'
	assert_line --regexp '^timerfd_gettime\(9, 0xffffffffff600ff0\) += -1 EFAULT'
}

@test "tracer-poll: a wait that blocks while another thread runs is split where strace splits it" {
	ours t threads -f
	assert_line --regexp '^[0-9]+ +poll\(\[\{fd=[0-9]+, events=POLLIN\}\], 1, -1 <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. poll resumed>\) += 1 \(\[\{fd=[0-9]+, revents=POLLIN\}\]\)$'
	assert_line --regexp '^[0-9]+ +ppoll\(\[\{fd=[0-9]+, events=POLLIN\}\], 1, NULL, \[USR1\], 8 <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. ppoll resumed>\) += 1 \(\[\{fd=[0-9]+, revents=POLLIN\}\]\)$'
	assert_line --regexp '^[0-9]+ +select\([0-9]+, \[[0-9]+\], NULL, NULL, NULL <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. select resumed>\) += 1 \(in \[[0-9]+\]\)$'
	assert_line --regexp '^[0-9]+ +pselect6\([0-9]+, \[[0-9]+\], NULL, NULL, NULL, \{sigmask=\[USR1\], sigsetsize=8\} <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +epoll_wait\([0-9]+,  <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. epoll_wait resumed>\[\{events=EPOLLIN, data=\{u32=7, u64=7\}\}\], 8, -1\) += 1$'
	assert_line --regexp '^[0-9]+ +<\.\.\. epoll_pwait resumed>\[\{events=EPOLLIN, data=\{u32=7, u64=7\}\}\], 8, -1, \[USR1\], 8\) += 1$'
	assert_line --regexp '^[0-9]+ +<\.\.\. epoll_pwait2 resumed>\[\{events=EPOLLIN, data=\{u32=7, u64=7\}\}\], 8, NULL, NULL, 8\) += 1$'
}
