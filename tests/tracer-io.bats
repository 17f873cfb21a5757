#!/usr/bin/env bats
# tracer-io: the tracer prints the data and fd syscalls (decode_io.c: read/write and their vector and
# positioned forms, sendfile, splice, tee, vmsplice, copy_file_range, close, close_range, dup*, pipe*,
# lseek, fadvise64, readahead, fallocate, sync_file_range, flock, fcntl, ioctl, memfd_create) exactly as
# strace does. bin/test-io-calls makes each of them, in success and failure, with NULL and bad pointers,
# partial reads, long and binary buffers, flag sets and unknown commands; its source is
# tests/progs/io-calls.c. Its modes: basic (one thread), tty (a pseudo-terminal's ioctls), threads (calls
# that block while another thread runs).

load helpers
load tracer-helpers

bats_require_minimum_version 1.5.0

# SOCKWALK_BIN=DIR runs these checks against binaries built elsewhere (e.g. a sanitizer build in /tmp),
# the comparisons with strace included.
BIN="${SOCKWALK_BIN:-$BIN}"
export COMPARE_STRACE_TRACER="${COMPARE_STRACE_TRACER:-$BIN/tracer}"
PROG="$BIN/test-io-calls"
# The syscalls of the family: comparing only these keeps a failure here about these decoders.
IO_CALLS=read,write,pread64,pwrite64,readv,writev,preadv,pwritev,preadv2,pwritev2,sendfile,splice,tee
IO_CALLS+=,vmsplice,copy_file_range,close,close_range,dup,dup2,dup3,pipe,pipe2,lseek,fcntl,ioctl,memfd_create
IO_CALLS+=,fadvise64,readahead,fallocate,sync_file_range,flock

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

@test "tracer-io: the data and fd calls print as strace prints them" {
	compare basic -e trace="$IO_CALLS"
}

@test "tracer-io: under -f, with a pid before each line, the calls print as strace prints them" {
	compare basic -f -e trace="$IO_CALLS"
}

@test "tracer-io: with -y and -yy, memfds and pipes carry the same labels as strace's, in pipe's array too" {
	compare basic -y -e trace="$IO_CALLS"
	compare basic -yy -e trace="$IO_CALLS"
}

@test "tracer-io: -s 8 -x cuts data, names and vector lists and shows binary data in hex as strace does" {
	compare basic -s 8 -x -e trace="$IO_CALLS"
}

@test "tracer-io: -s 0 -xx shows no data and every vector as strace does" {
	compare basic -s 0 -xx -e trace="$IO_CALLS"
}

@test "tracer-io: a pseudo-terminal's termios, window size and flush ioctls print as strace prints them" {
	compare tty -e trace=ioctl
	compare tty -yy -e trace="$IO_CALLS"
}

@test "tracer-io: -e trace=%desc selects the same calls as strace" {
	# %desc holds calls of other families too (mmap, newfstatat, openat): their decoders count here
	compare basic -e trace=%desc
}

# ---- our own lines, the important ones checked directly ----

@test "tracer-io: write shows its data at entry; read shows the bytes it returned, cut at 32 by default" {
	ours t basic
	assert_line 'write(3, "hello, world\n", 13)          = 13'
	assert_line --regexp '^write\(3, "abcdefghijklmnopqrstuvwxyzabcdef"\.\.\., 100\) += 100$'
	assert_line --regexp '^write\(3, "\\0\\1\\2\\377\\t\\n\\r\\v\\f\\"\\\\x\\0337", 14\) += 14$'
	assert_line --regexp '^read\(3, "hello", 5\) += 5$'
	assert_line --regexp '^read\(3, ", world\\nabcdefghijklmnopqrstuvwx"\.\.\., 256\) += 122$'
	assert_line --regexp '^read\(3, "", 10\) += 0$'
	assert_line --regexp '^read\(3, NULL, 0\) += 0$'
	assert_line --regexp '^pread64\(3, "world", 5, 7\) += 5$'
}

@test "tracer-io: a read that fails shows the buffer's address, a bad buffer shows its address" {
	ours t basic
	assert_line --regexp '^read\(99, 0x[0-9a-f]+, 10\) += -1 EBADF \(Bad file descriptor\)$'
	assert_line --regexp '^read\(4, 0x[0-9a-f]+, 10\) += -1 EAGAIN \(Resource temporarily unavailable\)$'
	assert_line --regexp '^write\(3, 0xffffffffff600ff0, 10\) += -1 EFAULT \(Bad address\)$'
}

@test "tracer-io: readv shows only the bytes returned, spread over the vectors; writev shows them all" {
	ours t basic
	assert_line --regexp '^readv\(3, \[\{iov_base="hXYl", iov_len=4\}, \{iov_base="", iov_len=0\}, \{iov_base="o, wor", iov_len=6\}\], 3\) += 10$'
	assert_line --regexp '^readv\(3, \[\{iov_base="\\v\\f\\"\\\\", iov_len=4\}, \{iov_base="", iov_len=0\}, \{iov_base="x\\0337", iov_len=6\}\], 3\) += 7$'
	assert_line --regexp '^writev\(3, \[\{iov_base="abc", iov_len=3\}, \{iov_base="", iov_len=0\}, \{iov_base="defghij", iov_len=7\}\], 3\) += 10$'
	assert_line --regexp '^writev\(3, NULL, 0\) += 0$'
	assert_line --regexp '^writev\(3, \[\], 0\) += 0$'
}

@test "tracer-io: vector lists stop after -s entries, at an unreadable entry, and show addresses when a read fails" {
	ours t basic
	assert_line --regexp '^writev\(5, \[(\{iov_base="0123456789", iov_len=10\}, ){32}\.\.\.\], 40\) += 400$'
	assert_line --regexp '^writev\(3, \[\{iov_base="abc", iov_len=3\}, \.\.\. /\* 0x[0-9a-f]+ \*/\], 3\) += -1 EFAULT \(Bad address\)$'
	assert_line --regexp '^readv\(3, \[\{iov_base=0x[0-9a-f]+, iov_len=8\}\], 1\) += -1 EFAULT \(Bad address\)$'
	assert_line --regexp '^readv\(3, 0xffffffffff600ff0, 2\) += -1 EFAULT \(Bad address\)$'
	ours t2 basic -s 2
	assert_line --regexp '^writev\(5, \[\{iov_base="01"\.\.\., iov_len=10\}, \{iov_base="01"\.\.\., iov_len=10\}, \.\.\.\], 40\) += 400$'
}

@test "tracer-io: preadv2 and pwritev2 show the offset and the RWF_ flags" {
	ours t basic
	assert_line --regexp '^preadv2\(3, \[.*\], 3, -1, RWF_HIPRI\) += 10$'
	assert_line --regexp '^pwritev2\(3, \[\{iov_base="abc", iov_len=3\}, \{iov_base="", iov_len=0\}\], 2, 0, RWF_DSYNC\|RWF_APPEND\) += 3$'
	assert_line --regexp '^preadv2\(3, \[\{iov_base=0x[0-9a-f]+, iov_len=4\}\], 1, 0, RWF_NOWAIT\|0x40\) += -1 EOPNOTSUPP'
}

@test "tracer-io: sendfile shows the offset before and after the call, splice its offsets and flags" {
	ours t basic
	assert_line --regexp '^sendfile\(5, 3, \[0\] => \[10\], 10\) += 10$'
	assert_line --regexp '^sendfile\(5, 3, NULL, 3\) += 3$'
	assert_line --regexp '^sendfile\(5, 3, \[4096\], 10\) += 0$'
	assert_line --regexp '^sendfile\(5, 3, 0xffffffffff600ff0, 3\) += -1 EFAULT \(Bad address\)$'
	assert_line --regexp '^splice\(3, \[2\], 5, NULL, 5, SPLICE_F_MOVE\|SPLICE_F_NONBLOCK\) += 5$'
	assert_line --regexp '^copy_file_range\(3, \[0\], 6, \[1\], 5, 0\) += 5$'
}

@test "tracer-io: pipe and pipe2 show the two new fds, labelled with -y, and pipe2 its flags" {
	ours t basic
	assert_line --regexp '^pipe\(\[6, 7\]\) += 0$'
	assert_line --regexp '^pipe2\(\[6, 7\], O_NONBLOCK\|O_CLOEXEC\) += 0$'
	assert_line --regexp '^pipe2\(0x[0-9a-f]+, O_CREAT\|O_NOCTTY\|O_TRUNC\|O_DIRECTORY\|FASYNC\|0x5\) += -1 EINVAL'
	assert_line --regexp '^pipe\(0xffffffffff600ff0\) += -1 EFAULT \(Bad address\)$'
	ours t2 basic -y
	assert_line --regexp '^pipe\(\[6<pipe:\[([0-9]+)\]>, 7<pipe:\[\1\]>\]\) += 0$'
}

@test "tracer-io: dup, dup2 and dup3 return fds that -y labels" {
	ours t basic -y
	assert_line --regexp '^dup\(3</memfd:io-calls>\(deleted\)\) += 6</memfd:io-calls>\(deleted\)$'
	assert_line --regexp '^dup3\(6</memfd:io-calls>\(deleted\), 21, O_CLOEXEC\) += 21</memfd:io-calls>\(deleted\)$'
	assert_line --regexp '^dup3\(20</memfd:io-calls>\(deleted\), 22, O_CLOEXEC\|0x1\) += -1 EINVAL'
}

@test "tracer-io: fcntl F_GETFL and F_GETFD return hex with the flags named after it, F_SETFL names them" {
	ours t basic
	assert_line 'fcntl(3, F_GETFL)                       = 0x8002 (flags O_RDWR|O_LARGEFILE)'
	assert_line --regexp '^fcntl\(3, F_SETFL, O_RDWR\|O_APPEND\|O_NONBLOCK\) += 0$'
	assert_line --regexp '^fcntl\(4, F_GETFL\) += 0x800 \(flags O_RDONLY\|O_NONBLOCK\)$'
	assert_line --regexp '^fcntl\(3, F_GETFD\) += 0$'
	assert_line --regexp '^fcntl\(3, F_GETFD\) += 0x1 \(flags FD_CLOEXEC\)$'
	assert_line --regexp '^fcntl\(3, F_SETFD, 0x2 /\* FD_\?\?\? \*/\) += 0$'
	assert_line --regexp '^fcntl\(3, F_DUPFD, 30\) += 30$'
}

@test "tracer-io: fcntl locks, owners, signals, pipe sizes and seals print as strace prints them" {
	ours t basic
	assert_line --regexp '^fcntl\(3, F_SETLK, \{l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10\}\) += 0$'
	assert_line --regexp '^fcntl\(3, F_GETLK, \{l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=0\}\) += 0$'
	assert_line --regexp '^fcntl\(3, F_GETLK, 0x[0-9a-f]+\) += -1 EINVAL'
	assert_line --regexp '^fcntl\(3, F_SETOWN_EX, \{type=F_OWNER_PGRP, pid=7\}\) += 0$'
	assert_line --regexp '^fcntl\(3, F_GETSIG\) += 10 \(SIGUSR1\)$'
	assert_line --regexp '^fcntl\(3, F_GETSIG\) += 29 \(SIGIO\)$'
	assert_line --regexp '^fcntl\(4, F_SETPIPE_SZ, 8192\) += 8192$'
	assert_line --regexp '^fcntl\(3, F_GET_SEALS\) += 0x6 \(seals F_SEAL_SHRINK\|F_SEAL_GROW\)$'
	assert_line --regexp '^fcntl\(3, 0x270f /\* F_\?\?\? \*/, 0x5\) += -1 EINVAL'
}

@test "tracer-io: ioctl names the request, shows ints in brackets, and unknown requests as _IOC()" {
	ours t basic
	assert_line --regexp '^ioctl\(4, FIONBIO, \[1\]\) += 0$'
	assert_line --regexp '^ioctl\(4, FIONREAD, \[0\]\) += 0$'
	assert_line --regexp '^ioctl\(4, FIOCLEX\) += 0$'
	assert_line --regexp '^ioctl\(4, TCGETS, 0x[0-9a-f]+\) += -1 ENOTTY \(Inappropriate ioctl for device\)$'
	assert_line --regexp '^ioctl\(4, TCXONC, 0x4d /\* TC\?\?\? \*/\) += -1 ENOTTY'
	assert_line --regexp '^ioctl\(4, _IOC\(_IOC_READ, 0x12, 0x34, 0x4\), 0x[0-9a-f]+\) += -1 ENOTTY'
	assert_line --regexp '^ioctl\(4, _IOC\(_IOC_NONE, 0x12, 0x34, 0\), 0x5\) += -1 ENOTTY'
}

@test "tracer-io: a terminal's TCGETS shows its flags as strace does, and TCSETS its name clash" {
	ours t tty -e trace=ioctl
	assert_line --regexp '^ioctl\(3, TCGETS, \{c_iflag=ICRNL\|IXON, c_oflag=NL0\|CR0\|TAB0\|BS0\|VT0\|FF0\|OPOST\|ONLCR, c_cflag=B38400\|CS8\|CREAD, c_lflag=ISIG\|ICANON\|ECHO\|ECHOE\|ECHOK\|IEXTEN\|ECHOCTL\|ECHOKE, \.\.\.\}\) += 0$'
	assert_line --regexp '^ioctl\(3, SNDCTL_TMR_START or TCSETS, \{c_iflag=ICRNL\|IXON, '
	assert_line --regexp '^ioctl\(3, TCGETS, \{c_iflag=ICRNL\|IXON, c_oflag=NL0\|CR0\|TAB0\|BS0\|VT0\|FF0\|OPOST\|ONLCR, c_cflag=B38400\|CS8\|CREAD\|CRTSCTS, c_lflag=ISIG\|ECHOE\|ECHOK\|IEXTEN\|ECHOCTL\|ECHOKE, \.\.\.\}\) += 0$'
	assert_line --regexp '^ioctl\(3, TIOCGWINSZ, \{ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0\}\) += 0$'
}

@test "tracer-io: a call that blocks while another thread runs is split where strace splits it" {
	ours t threads -f
	assert_line --regexp '^[0-9]+ +read\([0-9]+,  <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. read resumed>"ping", 64\) += 4$'
	assert_line --regexp '^[0-9]+ +readv\([0-9]+,  <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. readv resumed>\[\{iov_base="pong", iov_len=10\}\], 1\) += 4$'
	assert_line --regexp '^[0-9]+ +write\([0-9]+, "hello", 5 <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +writev\([0-9]+, \[\{iov_base="world", iov_len=5\}\], 1 <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +sendfile\([0-9]+, [0-9]+, \[0\] <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. sendfile resumed> => \[[0-9]+\], 100000\) += [0-9]+$'
	assert_line --regexp '^[0-9]+ +splice\([0-9]+, NULL, [0-9]+, NULL, 10, 0 <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. splice resumed>\) += 4$'
	assert_line --regexp '^[0-9]+ +fcntl\([0-9]+, F_OFD_SETLKW, \{l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10\} <unfinished \.\.\.>$'
}
