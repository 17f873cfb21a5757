#!/usr/bin/env bats
# tracer-file: the tracer prints the memory and file syscalls (decode_memory.c, decode_file.c) exactly as
# strace does. bin/test-file-calls makes each of them, in success and failure, with NULL and bad pointers,
# flag sets and short buffers; its source is tests/progs/file-calls.c.

load helpers
load tracer-helpers

bats_require_minimum_version 1.5.0

# SOCKWALK_BIN=DIR runs these checks against binaries built elsewhere (e.g. a sanitizer build in /tmp).
BIN="${SOCKWALK_BIN:-$BIN}"
PROG="$BIN/test-file-calls"
# The syscalls of the two families: comparing only these keeps a failure here about these decoders.
MEMORY_CALLS=brk,mmap,munmap,mprotect,pkey_mprotect,mremap,madvise,msync,mlock,munlock,mlock2,mlockall
MEMORY_CALLS+=,munlockall,membarrier
FILE_CALLS=open,openat,openat2,creat,access,faccessat,faccessat2,stat,lstat,fstat,newfstatat,statx
FILE_CALLS+=,readlink,readlinkat,getcwd,chdir,fchdir,mkdir,mkdirat,rmdir,unlink,unlinkat,rename,renameat
FILE_CALLS+=,renameat2,symlink,getdents64,umask,chmod,fchmod,fchmodat,chown,lchown,fchown,fchownat
FILE_CALLS+=,truncate,ftruncate,fsync,fdatasync,statfs,fstatfs,sysinfo,getuid,geteuid,getgid,getegid
FILE_CALLS+=,link,linkat,symlinkat,mknod,mknodat,chroot,syncfs,utimensat

setup() {
	# The program works in a directory of its own: files that compare-strace or the test writes next to
	# it would change what getdents64 and stat("." ) see between the strace run and ours.
	mkdir -p "$BATS_TEST_TMPDIR/work"
	WORK=$(cd "$BATS_TEST_TMPDIR/work" && pwd -P)
	WORK_RE=$(re_escape "$WORK")
}

# re_escape TEXT -- TEXT as an extended regex that matches it literally.
re_escape() {
	sed -E 's/[][\\.^$*+?(){}|/]/\\&/g' <<<"$1"
}

# compare OPTIONS... -- the program under strace and under our tracer, with OPTIONS.
compare() {
	compare_with_strace "$@" -- "$PROG" "$WORK"
}

# ours NAME OPTIONS... -- the program under our tracer alone; the trace is in $output.
ours() {
	local name="$1"
	shift
	trace_ours "$name" "$@" -- "$PROG" "$WORK"
}

# ---- the same lines as strace ----

@test "tracer-file: the memory calls print as strace prints them" {
	compare -e trace="$MEMORY_CALLS"
}

@test "tracer-file: the file calls print as strace prints them" {
	compare -e trace="$FILE_CALLS"
}

@test "tracer-file: under -f, with a pid before each line, the calls print as strace prints them" {
	compare -f -e trace="$FILE_CALLS,$MEMORY_CALLS"
}

@test "tracer-file: with -yy, fds and AT_FDCWD carry the same path labels as strace's" {
	compare -yy -e trace="$FILE_CALLS,$MEMORY_CALLS"
}

@test "tracer-file: -e trace=%file selects the same calls as strace" {
	# %file holds execve too: this one also needs the process family's decoders
	compare -e trace=%file
}

@test "tracer-file: -e trace=%memory selects the same calls as strace" {
	compare -e trace=%memory
}

@test "tracer-file: -s 8 -x cuts link targets and shows them in hex as strace does" {
	compare -s 8 -x -e trace="$FILE_CALLS"
}

@test "tracer-file: -s 0 -xx hides statfs's fsid array and shows every path in hex as strace does" {
	compare -s 0 -xx -e trace="$FILE_CALLS"
}

# ---- our own lines, the important ones checked directly ----

@test "tracer-file: openat shows AT_FDCWD, the path, the open flags, and the new fd" {
	ours t
	assert_line --regexp '^openat\(AT_FDCWD, "fc-file", O_RDONLY\|O_CLOEXEC\) += 3$'
	assert_line --regexp '^openat\(AT_FDCWD, "\.", O_RDONLY\|O_NONBLOCK\|O_CLOEXEC\|O_DIRECTORY\) += 4$'
	assert_line --regexp '^openat\(4, "fc-file", O_RDWR\|O_NOCTTY\|O_APPEND\|O_LARGEFILE\|O_NOFOLLOW\) += 5$'
}

@test "tracer-file: the mode of open is printed only with O_CREAT, in octal" {
	ours t
	assert_line --regexp '^open\("fc-file", O_WRONLY\|O_CREAT\|O_TRUNC, 0644\) += 3$'
	assert_line --regexp '^open\("fc-nonexistent", O_RDONLY\) += -1 ENOENT \(No such file or directory\)$'
	assert_line --regexp '^openat\(AT_FDCWD, "fc-creat", O_WRONLY\|O_CREAT\|O_EXCL, 0600\) += 8$'
}

@test "tracer-file: a path the kernel cannot read prints as its address, NULL as NULL" {
	ours t
	assert_line --regexp '^open\(0xffffffffff600ff0, O_RDONLY\) += -1 EFAULT \(Bad address\)$'
	assert_line --regexp '^openat\(AT_FDCWD, NULL, O_RDONLY\) += -1 EFAULT \(Bad address\)$'
}

@test "tracer-file: openat2 shows struct open_how, or its address when the size is too small" {
	ours t
	assert_line --regexp '^openat2\(AT_FDCWD, "fc-file", \{flags=O_RDONLY\|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS\|RESOLVE_BENEATH\}, 24\) += 9$'
	assert_line --regexp '^openat2\(4, "fc-file", \{flags=O_WRONLY\|O_CREAT, mode=0644, resolve=0\}, 24\) += 10$'
	assert_line --regexp '^openat2\(AT_FDCWD, "fc-file", 0x[0-9a-f]+, 8\) += -1 EINVAL'
}

@test "tracer-file: stat calls show strace's short struct: mode and size, or st_rdev for a device" {
	ours t
	assert_line --regexp '^stat\("fc-file", \{st_mode=S_IFREG\|0640, st_size=100, \.\.\.\}\) += 0$'
	assert_line --regexp '^lstat\("fc-link", \{st_mode=S_IFLNK\|0777, st_size=7, \.\.\.\}\) += 0$'
	assert_line --regexp '^stat\("/dev/null", \{st_mode=S_IFCHR\|0666, st_rdev=makedev\(0x1, 0x3\), \.\.\.\}\) += 0$'
	assert_line --regexp '^newfstatat\(3, "", \{st_mode=S_IFREG\|0640, st_size=100, \.\.\.\}, AT_EMPTY_PATH\) += 0$'
}

@test "tracer-file: a stat call that fails shows the buffer's address, not its stale contents" {
	ours t
	assert_line --regexp '^stat\("fc-nonexistent", 0x[0-9a-f]+\) += -1 ENOENT \(No such file or directory\)$'
	assert_line --regexp '^fstat\(9999, 0x[0-9a-f]+\) += -1 EBADF \(Bad file descriptor\)$'
}

@test "tracer-file: statx names the sync type even when it is 0, then the mask and the result" {
	ours t
	assert_line --regexp '^statx\(AT_FDCWD, "fc-file", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, \{stx_mask=STATX_BASIC_STATS[|A-Z_0-9x]*, stx_attributes=0, stx_mode=S_IFREG\|0640, stx_size=100, \.\.\.\}\) += 0$'
	assert_line --regexp '^statx\(3, "", AT_STATX_DONT_SYNC\|AT_EMPTY_PATH, STATX_TYPE\|STATX_SIZE, \{'
}

@test "tracer-file: readlink shows only the bytes the call returned" {
	ours t
	assert_line --regexp '^readlink\("fc-link", "fc-file", 4096\) += 7$'
	assert_line --regexp '^readlink\("fc-link", "fc-", 3\) += 3$'
	assert_line --regexp '^readlinkat\(4, "fc-link", "fc-fi", 5\) += 5$'
}

@test "tracer-file: -s 2 cuts a link target but never a path" {
	ours t -s 2
	assert_line --regexp '^readlink\("fc-link", "fc"\.\.\., 4096\) += 7$'
	assert_line --regexp '^stat\("fc-nonexistent", 0x[0-9a-f]+\) += -1 ENOENT'
}

@test "tracer-file: getcwd shows the directory it wrote, and getdents64 counts the entries" {
	ours t
	assert_line --regexp "^getcwd\\(\"$WORK_RE\", 4096\\) += $((${#WORK} + 1))\$"
	assert_line --regexp '^getdents64\(4, 0x[0-9a-f]+ /\* 8 entries \*/, 4096\) += 240$'
	assert_line --regexp '^getdents64\(4, 0x[0-9a-f]+ /\* 0 entries \*/, 4096\) += 0$'
	assert_line --regexp '^getdents64\(4, 0x[0-9a-f]+, 1\) += -1 EINVAL'
}

@test "tracer-file: umask prints its argument and its result in octal" {
	ours t
	assert_line --regexp '^umask\(077\) += 022$'
	assert_line --regexp '^umask\(022\) += 077$'
}

@test "tracer-file: chmod, chown and rename families print modes, ids (-1 kept) and flags" {
	ours t
	assert_line --regexp '^mkdirat\(4, "fc-dir/sub", 01777\) += 0$'
	assert_line --regexp '^chmod\("fc-dir2", 02755\) += 0$'
	assert_line --regexp '^fchownat\(AT_FDCWD, "fc-link", -1, [0-9]+, AT_SYMLINK_NOFOLLOW\) += 0$'
	assert_line --regexp '^renameat2\(AT_FDCWD, "fc-new", AT_FDCWD, "fc-file", RENAME_NOREPLACE\) += -1 EEXIST'
	assert_line --regexp '^unlinkat\(4, "fc-dir/sub", AT_REMOVEDIR\) += 0$'
}

@test "tracer-file: links, device nodes and utimensat's timestamps print as strace prints them" {
	TZ=UTC ours t
	assert_line --regexp '^linkat\(4, "fc-link", AT_FDCWD, "fc-hard2", AT_SYMLINK_FOLLOW\) += 0$'
	assert_line --regexp '^symlinkat\("fc-file", 4, "fc-link2"\) += 0$'
	assert_line --regexp '^mknod\("fc-fifo", S_IFIFO\|0600\) += 0$'
	assert_line --regexp '^mknod\("fc-fifo", S_IFCHR\|0600, makedev\(0x1, 0x3\)\) += -1 EEXIST'
	assert_line --regexp '^utimensat\(AT_FDCWD, "fc-file", \[\{tv_sec=1700000000, tv_nsec=123456789\} /\* 2023-11-14T22:13:20\.123456789\+0000 \*/, \{tv_sec=86400, tv_nsec=0\} /\* 1970-01-02T00:00:00\+0000 \*/\], 0\) += 0$'
	assert_line --regexp '^utimensat\(4, "fc-link", \[UTIME_NOW, UTIME_OMIT\], AT_SYMLINK_NOFOLLOW\) += 0$'
	assert_line --regexp '^utimensat\(3, NULL, NULL, 0\) += 0$'
}

@test "tracer-file: mmap shows prot, flags, fd and a hex offset, and returns an address in hex" {
	ours t
	assert_line --regexp '^mmap\(NULL, 8192, PROT_READ\|PROT_WRITE, MAP_PRIVATE\|MAP_ANONYMOUS, -1, 0\) += 0x[0-9a-f]+$'
	assert_line --regexp '^mmap\(NULL, 4096, PROT_READ, MAP_SHARED, 3, 0x1000\) += 0x[0-9a-f]+$'
	assert_line --regexp '^mmap\(NULL, 65536, PROT_READ\|PROT_WRITE\|PROT_EXEC, MAP_PRIVATE\|MAP_ANONYMOUS\|MAP_GROWSDOWN\|MAP_STACK, -1, 0\) += 0x[0-9a-f]+$'
	assert_line --regexp '^mmap\(0x[0-9a-f]+, 4096, PROT_READ, MAP_PRIVATE\|MAP_ANONYMOUS\|MAP_FIXED_NOREPLACE, -1, 0\) += -1 EEXIST'
	assert_line --regexp '^mmap\(NULL, 2097152, PROT_READ, MAP_PRIVATE\|MAP_ANONYMOUS\|MAP_HUGETLB\|21<<MAP_HUGE_SHIFT, -1, 0\) += '
}

@test "tracer-file: brk, mprotect, mremap, madvise and msync print strace's names" {
	ours t
	assert_line --regexp '^brk\(NULL\) += 0x[0-9a-f]+$'
	assert_line --regexp '^mprotect\(0x[0-9a-f]+, 4096, PROT_READ\|0x100\) += -1 EINVAL'
	assert_line --regexp '^mremap\(0x[0-9a-f]+, 4096, 4096, MREMAP_MAYMOVE\|MREMAP_FIXED, 0x[0-9a-f]+\) += 0x[0-9a-f]+$'
	assert_line --regexp '^madvise\(0x[0-9a-f]+, 8192, 0x3039 /\* MADV_\?\?\? \*/\) += -1 EINVAL'
	assert_line --regexp '^msync\(0x[0-9a-f]+, 8192, MS_ASYNC\|MS_INVALIDATE\) += 0$'
}

@test "tracer-file: -y labels fds with their paths and AT_FDCWD with the working directory" {
	ours t -y
	assert_line --regexp "^openat\\(AT_FDCWD<$WORK_RE>, \"fc-file\", O_RDONLY\\|O_CLOEXEC\\) += 3<$WORK_RE/fc-file>\$"
	assert_line --regexp "^mmap\\(NULL, 4096, PROT_READ, MAP_SHARED, 3<$WORK_RE/fc-map>, 0x1000\\) += 0x[0-9a-f]+\$"
}

@test "tracer-file: sysinfo shows the whole struct and statfs names the filesystem" {
	run fresh_fds env ASAN_OPTIONS=detect_leaks=0 "$BIN/tracer" --no-explain -e trace=sysinfo,statfs -- "$PROG" "$WORK" extra
	assert_success
	assert_line --regexp '^sysinfo\(\{uptime=[0-9]+, loads=\[[0-9]+, [0-9]+, [0-9]+\], totalram=[0-9]+, freeram=[0-9]+, sharedram=[0-9]+, bufferram=[0-9]+, totalswap=[0-9]+, freeswap=[0-9]+, procs=[0-9]+, totalhigh=0, freehigh=0, mem_unit=1\}\) += 0$'
	assert_line --regexp '^statfs\("\.", \{f_type=[A-Z0-9_]+MAGIC, f_bsize=[0-9]+, .*, f_flags=ST_VALID[|A-Z_]*\}\) += 0$'
}
