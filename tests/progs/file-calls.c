/* file-calls.c -- makes every memory and file syscall the tracer decodes (decode_memory.c, decode_file.c),
 * in the variants worth comparing with strace: success and failure, NULL and bad pointers, flag sets,
 * short buffers. Works in the directory given as argv[1] (it must exist; the program creates and removes
 * fc-* entries in it), so that two runs in the same directory make byte-identical calls.
 *
 * usage: test-file-calls DIR [memory|file|all|extra]
 *   memory  only the memory calls (brk, mmap, mprotect, mremap, madvise, msync, mlock, membarrier)
 *   file    only the file calls
 *   all     both (the default)
 *   extra   calls whose results change from run to run (sysinfo, statfs of DIR): for direct checks only
 * Exits 0 when every call returned what it was expected to, 1 otherwise (the mismatches go to stderr). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_HUGE_2MB
#define MAP_HUGE_2MB (21 << 26)
#endif
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#endif
#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 1
#endif
#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif

/* An address that is never mapped in user space on x86_64 (the kernel half), for EFAULT cases. */
#define BAD_PTR ((void *)(uintptr_t)0xffffffffff600ff0ULL)

static int failures;

/* The call must succeed (return >= 0). */
static long ok(long r, const char *what)
{
	if (r < 0) {
		fprintf(stderr, "file-calls: %s: expected success, got %s\n", what, strerror(errno));
		failures++;
	}
	return r;
}

/* The call must fail with errno err. */
static void fails(long r, int err, const char *what)
{
	if (r != -1 || errno != err) {
		fprintf(stderr, "file-calls: %s: expected %s, got %ld (%s)\n", what, strerror(err), r,
			r == -1 ? strerror(errno) : "success");
		failures++;
	}
}

/* The result depends on the machine (huge pages, memlock limits): made for the trace only, both
 * outcomes are fine as long as a failure is one of the expected kinds. */
static void either(long r, const char *what)
{
	if (r == -1 && errno != ENOMEM && errno != EPERM && errno != EINVAL && errno != EOPNOTSUPP &&
	    errno != EAGAIN && errno != ENOSYS) {
		fprintf(stderr, "file-calls: %s: unexpected %s\n", what, strerror(errno));
		failures++;
	}
}

static long mmap6(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

static void memory_calls(void)
{
	long cur = ok(syscall(SYS_brk, NULL), "brk(NULL)");
	ok(syscall(SYS_brk, cur), "brk(cur)");

	long p = ok(mmap6(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), "mmap anon");
	ok(syscall(SYS_mprotect, p, 4096, PROT_READ), "mprotect read");
	ok(syscall(SYS_mprotect, p, 4096, PROT_NONE), "mprotect none");
	ok(syscall(SYS_mprotect, p, 8192, PROT_READ | PROT_WRITE), "mprotect rw");
	fails(syscall(SYS_mprotect, p, 4096, PROT_READ | 0x100), EINVAL, "mprotect unknown bit");
	fails(syscall(SYS_mprotect, p + 1, 4096, PROT_READ), EINVAL, "mprotect unaligned");

	ok(syscall(SYS_madvise, p, 8192, MADV_DONTNEED), "madvise dontneed");
	ok(syscall(SYS_madvise, p, 8192, MADV_WILLNEED), "madvise willneed");
	ok(syscall(SYS_madvise, p, 8192, MADV_NORMAL), "madvise normal");
	ok(syscall(SYS_madvise, p, 8192, MADV_SEQUENTIAL), "madvise sequential");
	ok(syscall(SYS_madvise, p, 8192, MADV_FREE), "madvise free");
	ok(syscall(SYS_madvise, p, 8192, MADV_DONTFORK), "madvise dontfork");
	ok(syscall(SYS_madvise, p, 8192, MADV_DODUMP), "madvise dodump");
	either(syscall(SYS_madvise, p, 8192, MADV_HUGEPAGE), "madvise hugepage");
	fails(syscall(SYS_madvise, p, 8192, 12345), EINVAL, "madvise unknown");

	ok(syscall(SYS_msync, p, 4096, MS_SYNC), "msync sync");
	ok(syscall(SYS_msync, p, 8192, MS_ASYNC | MS_INVALIDATE), "msync async");
	fails(syscall(SYS_msync, p + 1, 4096, MS_SYNC), EINVAL, "msync unaligned");

	either(syscall(SYS_mlock, p, 4096), "mlock");
	ok(syscall(SYS_munlock, p, 4096), "munlock");
	either(syscall(SYS_mlock2, p, 4096, MLOCK_ONFAULT), "mlock2");
	ok(syscall(SYS_munlock, p, 4096), "munlock 2");

	long q = ok(syscall(SYS_mremap, p, 8192, 16384, MREMAP_MAYMOVE), "mremap grow");
	ok(syscall(SYS_mremap, q, 16384, 4096, 0), "mremap shrink");
	long r = ok(mmap6(NULL, 12288, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0), "mmap none");
	ok(syscall(SYS_mremap, q, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, r + 4096), "mremap fixed");
	fails(syscall(SYS_mremap, r + 4096, 4096, 8192, 0), ENOMEM, "mremap no room");
	ok(syscall(SYS_munmap, r, 12288), "munmap");
	fails(syscall(SYS_munmap, r + 1, 4096), EINVAL, "munmap unaligned");

	long s = ok(mmap6(NULL, 65536, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_GROWSDOWN, -1, 0),
		    "mmap stack");
	ok(mmap6((void *)s, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), "mmap fixed");
	fails(mmap6((void *)s, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), EEXIST,
	      "mmap fixed noreplace");
	ok(syscall(SYS_munmap, s, 65536), "munmap stack");
	either(mmap6(NULL, 2 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0), "mmap hugetlb");
	either(mmap6(NULL, 2 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_HUGE_2MB, -1, 0),
	       "mmap hugetlb 2mb");
	fails(mmap6(NULL, 4096, PROT_READ, MAP_PRIVATE, 9999, 0), EBADF, "mmap bad fd");
	fails(mmap6(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL, "mmap zero length");
	fails(mmap6(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL, "mmap no type");
	long t = mmap6(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE | MAP_LOCKED, -1, 0);
	either(t, "mmap populate");
	if (t > 0)
		ok(syscall(SYS_munmap, t, 4096), "munmap populate");

	long fd = ok(open("fc-map", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600), "open fc-map");
	ok(ftruncate(fd, 8192), "ftruncate fc-map");
	long m = ok(mmap6(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096), "mmap file");
	fails(mmap6(NULL, 4096, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0), EOPNOTSUPP, "mmap sync");
	fails(mmap6(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL, "mmap unaligned offset");
	ok(syscall(SYS_munmap, m, 4096), "munmap file");
	ok(close(fd), "close fc-map");
	ok(unlink("fc-map"), "unlink fc-map");

	/* s is unmapped by now: ENOMEM where the CPU has protection keys, EINVAL or ENOSYS where not */
	either(syscall(SYS_pkey_mprotect, s, 4096, PROT_READ, 0), "pkey_mprotect");
	either(syscall(SYS_mlockall, MCL_CURRENT | MCL_ONFAULT), "mlockall");
	ok(syscall(SYS_munlockall), "munlockall");
	fails(syscall(SYS_mlockall, 0), EINVAL, "mlockall no flags");

	ok(syscall(SYS_membarrier, 0 /* MEMBARRIER_CMD_QUERY */, 0, 0), "membarrier query");
	fails(syscall(SYS_membarrier, 1 << 20, 0, 0), EINVAL, "membarrier unknown");
}

static void file_calls(void)
{
	char buf[4096];
	struct stat st;
	struct statx stx;
	struct statfs sfs;

	/* leftovers from an interrupted run would change the results below */
	unlink("fc-file");
	unlink("fc-link");
	unlink("fc-new");
	unlink("fc-creat");
	unlink("fc-hard");
	unlink("fc-hard2");
	unlink("fc-link2");
	unlink("fc-fifo");
	unlink("fc-sock");
	rmdir("fc-dir/sub");
	rmdir("fc-dir");
	rmdir("fc-dir2");

	ok(syscall(SYS_umask, 022), "umask");
	long old = ok(syscall(SYS_umask, 077), "umask 077");
	ok(syscall(SYS_umask, old), "umask restore");

	long fd = ok(syscall(SYS_open, "fc-file", O_WRONLY | O_CREAT | O_TRUNC, 0644), "open creat");
	ok(write((int)fd, "hello, file calls\n", 18), "write");
	ok(syscall(SYS_fsync, fd), "fsync");
	ok(syscall(SYS_fdatasync, fd), "fdatasync");
	ok(syscall(SYS_ftruncate, fd, 100), "ftruncate");
	fails(syscall(SYS_ftruncate, 9999, 100), EBADF, "ftruncate bad fd");
	ok(syscall(SYS_fchmod, fd, 0640), "fchmod");
	ok(syscall(SYS_fchown, fd, -1, -1), "fchown");
	ok(close((int)fd), "close");

	fails(syscall(SYS_open, "fc-nonexistent", O_RDONLY), ENOENT, "open missing");
	fails(syscall(SYS_open, BAD_PTR, O_RDONLY), EFAULT, "open bad pointer");
	fails(syscall(SYS_openat, AT_FDCWD, NULL, O_RDONLY), EFAULT, "openat NULL");
	long rd = ok(syscall(SYS_openat, AT_FDCWD, "fc-file", O_RDONLY | O_CLOEXEC), "openat rdonly");
	long dir = ok(syscall(SYS_openat, AT_FDCWD, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK), "openat dir");
	long rw = ok(syscall(SYS_openat, dir, "fc-file", O_RDWR | O_APPEND | O_NOFOLLOW | O_NOCTTY | 0100000), "openat rw");
	long sy = ok(syscall(SYS_openat, dir, "fc-file", O_WRONLY | O_SYNC | O_NOATIME), "openat sync");
	long pa = ok(syscall(SYS_openat, AT_FDCWD, "fc-file", O_PATH), "openat path");
	long cr = ok(syscall(SYS_openat, AT_FDCWD, "fc-creat", O_WRONLY | O_CREAT | O_EXCL, 0600), "openat excl");
	fails(syscall(SYS_openat, AT_FDCWD, "fc-creat", O_WRONLY | O_CREAT | O_EXCL, 0600), EEXIST, "openat excl again");
	/* O_TMPFILE fails without write access: a success would be labelled by -y with an inode number that
	 * changes from run to run. */
	fails(syscall(SYS_openat, AT_FDCWD, ".", O_RDONLY | O_TMPFILE, 0600), EINVAL, "openat tmpfile");
	fails(syscall(SYS_openat, 9999, "fc-file", O_RDONLY), EBADF, "openat bad dirfd");
	fails(syscall(SYS_openat, rd, "x", O_RDONLY), ENOTDIR, "openat file dirfd");

	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH };
	long o2 = ok(syscall(SYS_openat2, AT_FDCWD, "fc-file", &how, sizeof how), "openat2");
	struct open_how how2 = { .flags = O_WRONLY | O_CREAT, .mode = 0644 };
	long o3 = ok(syscall(SYS_openat2, dir, "fc-file", &how2, sizeof how2), "openat2 creat");
	fails(syscall(SYS_openat2, AT_FDCWD, "fc-file", &how, 8), EINVAL, "openat2 short size");
	fails(syscall(SYS_openat2, AT_FDCWD, "fc-file", NULL, sizeof how), EFAULT, "openat2 NULL how");
	struct open_how how3 = { .flags = O_RDONLY, .resolve = 0x1000 };
	fails(syscall(SYS_openat2, AT_FDCWD, "fc-file", &how3, sizeof how3), EINVAL, "openat2 unknown resolve");

	long c = ok(syscall(SYS_creat, "fc-new", 0600), "creat");
	ok(close((int)c), "close creat");

	ok(syscall(SYS_access, "fc-file", R_OK | W_OK), "access rw");
	ok(syscall(SYS_access, "fc-file", F_OK), "access exists");
	fails(syscall(SYS_access, "fc-file", X_OK), EACCES, "access x");
	fails(syscall(SYS_access, "fc-nonexistent", F_OK), ENOENT, "access missing");
	fails(syscall(SYS_access, "fc-file", 0x10), EINVAL, "access bad mode");
	ok(syscall(SYS_faccessat, AT_FDCWD, "fc-file", R_OK), "faccessat");
	ok(syscall(SYS_faccessat, dir, "fc-file", W_OK), "faccessat dirfd");
	ok(syscall(SYS_faccessat2, AT_FDCWD, "fc-file", R_OK | W_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW), "faccessat2");
	ok(syscall(SYS_faccessat2, rd, "", F_OK, AT_EMPTY_PATH), "faccessat2 empty");
	fails(syscall(SYS_faccessat2, AT_FDCWD, "fc-file", F_OK, 0x1), EINVAL, "faccessat2 bad flag");

	ok(syscall(SYS_symlink, "fc-file", "fc-link"), "symlink");
	ok(syscall(SYS_stat, "fc-file", &st), "stat");
	ok(syscall(SYS_lstat, "fc-link", &st), "lstat");
	ok(syscall(SYS_fstat, rd, &st), "fstat");
	ok(syscall(SYS_stat, "/dev/null", &st), "stat chr");
	ok(syscall(SYS_stat, ".", &st), "stat dir");
	fails(syscall(SYS_stat, "fc-nonexistent", &st), ENOENT, "stat missing");
	fails(syscall(SYS_stat, "fc-file", BAD_PTR), EFAULT, "stat bad buffer");
	fails(syscall(SYS_fstat, 9999, &st), EBADF, "fstat bad fd");
	ok(syscall(SYS_newfstatat, rd, "", &st, AT_EMPTY_PATH), "newfstatat empty");
	ok(syscall(SYS_newfstatat, AT_FDCWD, "fc-link", &st, AT_SYMLINK_NOFOLLOW), "newfstatat nofollow");
	ok(syscall(SYS_newfstatat, dir, "fc-link", &st, 0), "newfstatat follow");
	fails(syscall(SYS_newfstatat, AT_FDCWD, "fc-file", &st, 0x4000000), EINVAL, "newfstatat bad flag");
	ok(syscall(SYS_statx, AT_FDCWD, "fc-file", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, &stx), "statx");
	ok(syscall(SYS_statx, rd, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, STATX_TYPE | STATX_SIZE, &stx), "statx empty");
	ok(syscall(SYS_statx, AT_FDCWD, "fc-link", AT_SYMLINK_NOFOLLOW, STATX_MODE, &stx), "statx link");
	ok(syscall(SYS_statx, AT_FDCWD, "/dev/null", 0, STATX_BASIC_STATS, &stx), "statx chr");
	fails(syscall(SYS_statx, AT_FDCWD, "fc-nonexistent", 0, STATX_ALL, &stx), ENOENT, "statx missing");
	fails(syscall(SYS_statx, AT_FDCWD, "fc-file", 0, STATX_ALL, BAD_PTR), EFAULT, "statx bad buffer");

	ok(syscall(SYS_readlink, "fc-link", buf, sizeof buf), "readlink");
	ok(syscall(SYS_readlink, "fc-link", buf, 3), "readlink short");
	fails(syscall(SYS_readlink, "fc-file", buf, sizeof buf), EINVAL, "readlink not a link");
	fails(syscall(SYS_readlink, "fc-link", BAD_PTR, sizeof buf), EFAULT, "readlink bad buffer");
	ok(syscall(SYS_readlinkat, AT_FDCWD, "fc-link", buf, sizeof buf), "readlinkat");
	ok(syscall(SYS_readlinkat, dir, "fc-link", buf, 5), "readlinkat dirfd");

	ok(syscall(SYS_mkdir, "fc-dir", 0755), "mkdir");
	fails(syscall(SYS_mkdir, "fc-dir", 0755), EEXIST, "mkdir again");
	ok(syscall(SYS_mkdirat, AT_FDCWD, "fc-dir2", 0700), "mkdirat");
	ok(syscall(SYS_mkdirat, dir, "fc-dir/sub", 01777), "mkdirat dirfd");
	ok(syscall(SYS_getcwd, buf, sizeof buf), "getcwd");
	fails(syscall(SYS_getcwd, buf, 1), ERANGE, "getcwd short");
	fails(syscall(SYS_getcwd, NULL, 0), ERANGE, "getcwd NULL");
	ok(syscall(SYS_chdir, "fc-dir"), "chdir");
	fails(syscall(SYS_chdir, "fc-nonexistent"), ENOENT, "chdir missing");
	ok(syscall(SYS_fchdir, dir), "fchdir");
	fails(syscall(SYS_fchdir, rd), ENOTDIR, "fchdir file");

	fails(syscall(SYS_getdents64, dir, buf, 1), EINVAL, "getdents64 short");
	ok(syscall(SYS_getdents64, dir, buf, sizeof buf), "getdents64");
	ok(syscall(SYS_getdents64, dir, buf, sizeof buf), "getdents64 end");
	fails(syscall(SYS_getdents64, rd, buf, sizeof buf), ENOTDIR, "getdents64 file");
	ok(syscall(SYS_lseek, dir, 0, SEEK_SET), "lseek dir");
	fails(syscall(SYS_getdents64, dir, BAD_PTR, sizeof buf), EFAULT, "getdents64 bad buffer");

	ok(syscall(SYS_chmod, "fc-file", 0600), "chmod");
	ok(syscall(SYS_chmod, "fc-dir2", 02755), "chmod setgid");
	ok(syscall(SYS_fchmodat, AT_FDCWD, "fc-file", 0644, 0), "fchmodat");
	fails(syscall(SYS_chmod, "fc-nonexistent", 0644), ENOENT, "chmod missing");
	ok(syscall(SYS_chown, "fc-file", -1, -1), "chown");
	ok(syscall(SYS_lchown, "fc-link", getuid(), -1), "lchown");
	ok(syscall(SYS_fchownat, AT_FDCWD, "fc-link", -1, getgid(), AT_SYMLINK_NOFOLLOW), "fchownat");
	ok(syscall(SYS_fchownat, rd, "", -1, -1, AT_EMPTY_PATH), "fchownat empty");
	ok(syscall(SYS_truncate, "fc-file", 4096), "truncate");
	fails(syscall(SYS_truncate, "fc-nonexistent", 0), ENOENT, "truncate missing");

	ok(syscall(SYS_link, "fc-file", "fc-hard"), "link");
	fails(syscall(SYS_link, "fc-file", "fc-hard"), EEXIST, "link again");
	ok(syscall(SYS_linkat, dir, "fc-link", AT_FDCWD, "fc-hard2", AT_SYMLINK_FOLLOW), "linkat");
	ok(syscall(SYS_symlinkat, "fc-file", dir, "fc-link2"), "symlinkat");
	ok(syscall(SYS_mknod, "fc-fifo", S_IFIFO | 0600, 0), "mknod fifo");
	ok(syscall(SYS_mknodat, dir, "fc-sock", S_IFSOCK | 0644, 0), "mknodat socket");
	fails(syscall(SYS_mknod, "fc-fifo", S_IFCHR | 0600, makedev(1, 3)), EEXIST, "mknod chr exists");
	fails(syscall(SYS_chroot, "fc-nonexistent"), ENOENT, "chroot missing");
	/* sync and syncfs of a whole filesystem can take long on a busy machine: only the failing form */
	fails(syscall(SYS_syncfs, 9999), EBADF, "syncfs bad fd");
	struct timespec times[2] = { { 1700000000, 123456789 }, { 86400, 0 } };
	ok(syscall(SYS_utimensat, AT_FDCWD, "fc-file", times, 0), "utimensat");
	struct timespec now_omit[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	ok(syscall(SYS_utimensat, dir, "fc-link", now_omit, AT_SYMLINK_NOFOLLOW), "utimensat now omit");
	ok(syscall(SYS_utimensat, rd, NULL, NULL, 0), "utimensat fd now");
	fails(syscall(SYS_utimensat, AT_FDCWD, "fc-file", BAD_PTR, 0), EFAULT, "utimensat bad times");
	ok(syscall(SYS_unlink, "fc-hard"), "unlink hard");
	ok(syscall(SYS_unlink, "fc-hard2"), "unlink hard2");
	ok(syscall(SYS_unlink, "fc-link2"), "unlink link2");
	ok(syscall(SYS_unlink, "fc-fifo"), "unlink fifo");
	ok(syscall(SYS_unlink, "fc-sock"), "unlink sock");

	ok(syscall(SYS_rename, "fc-new", "fc-new2"), "rename");
	ok(syscall(SYS_renameat, AT_FDCWD, "fc-new2", dir, "fc-new"), "renameat");
	fails(syscall(SYS_renameat2, AT_FDCWD, "fc-new", AT_FDCWD, "fc-file", RENAME_NOREPLACE), EEXIST, "renameat2 noreplace");
	ok(syscall(SYS_renameat2, AT_FDCWD, "fc-new", AT_FDCWD, "fc-file", RENAME_EXCHANGE), "renameat2 exchange");
	ok(syscall(SYS_renameat2, AT_FDCWD, "fc-new", AT_FDCWD, "fc-file", RENAME_EXCHANGE), "renameat2 exchange back");

	ok(syscall(SYS_statfs, "/proc", &sfs), "statfs");
	long proc = ok(syscall(SYS_openat, AT_FDCWD, "/proc", O_RDONLY | O_PATH | O_DIRECTORY), "open /proc");
	ok(syscall(SYS_fstatfs, proc, &sfs), "fstatfs /proc");
	ok(close((int)proc), "close /proc");
	fails(syscall(SYS_fstatfs, 9999, &sfs), EBADF, "fstatfs bad fd");
	fails(syscall(SYS_statfs, "fc-nonexistent", &sfs), ENOENT, "statfs missing");
	fails(syscall(SYS_sysinfo, NULL), EFAULT, "sysinfo NULL");

	ok(syscall(SYS_getuid), "getuid");
	ok(syscall(SYS_geteuid), "geteuid");
	ok(syscall(SYS_getgid), "getgid");
	ok(syscall(SYS_getegid), "getegid");

	ok(syscall(SYS_unlink, "fc-link"), "unlink");
	fails(syscall(SYS_unlink, "fc-link"), ENOENT, "unlink again");
	ok(syscall(SYS_unlinkat, AT_FDCWD, "fc-new", 0), "unlinkat");
	ok(syscall(SYS_unlinkat, dir, "fc-dir/sub", AT_REMOVEDIR), "unlinkat removedir");
	fails(syscall(SYS_unlinkat, AT_FDCWD, "fc-dir", 0), EISDIR, "unlinkat dir without flag");
	ok(syscall(SYS_rmdir, "fc-dir"), "rmdir");
	ok(syscall(SYS_unlinkat, AT_FDCWD, "fc-dir2", AT_REMOVEDIR), "unlinkat dir2");
	ok(syscall(SYS_unlinkat, AT_FDCWD, "fc-creat", 0), "unlinkat creat");

	long fds[] = { rd, dir, rw, sy, pa, cr, o2, o3 };
	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		if (fds[i] >= 0)
			ok(close((int)fds[i]), "close fds");
	ok(syscall(SYS_unlink, "fc-file"), "unlink file");
}

/* Calls whose printed results change between runs: only for direct checks of our own output. */
static void extra_calls(void)
{
	struct sysinfo si;
	struct statfs sfs;
	ok(syscall(SYS_sysinfo, &si), "sysinfo");
	ok(syscall(SYS_statfs, ".", &sfs), "statfs dir");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR [memory|file|all|extra]\n", argv[0]);
		return 2;
	}
	const char *what = argc > 2 ? argv[2] : "all";
	if (chdir(argv[1]) == -1) {
		perror("file-calls: chdir");
		return 2;
	}
	if (!strcmp(what, "memory") || !strcmp(what, "all"))
		memory_calls();
	if (!strcmp(what, "file") || !strcmp(what, "all"))
		file_calls();
	if (!strcmp(what, "extra"))
		extra_calls();
	return failures ? 1 : 0;
}
