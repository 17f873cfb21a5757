/* io-calls.c -- makes every data and fd syscall that tracer/decode_io.c decodes (read/write and their
 * vector and positioned forms, sendfile, splice, tee, vmsplice, copy_file_range, close, close_range,
 * dup*, pipe*, lseek, fcntl, ioctl) in the variants worth comparing with strace: success and failure,
 * NULL and bad pointers, partial reads, long and binary buffers for -s and -x, flag sets, unknown
 * commands. Run with only fds 0, 1 and 2 open, two runs make byte-identical calls.
 *
 * usage: test-io-calls [basic|tty|threads]
 *   basic    (default) one thread, deterministic: memfds, pipes, every call above
 *   tty      the terminal ioctls on a pseudo-terminal's master side (TCGETS, TCSETS, TIOCGWINSZ...)
 *   threads  two threads: read, readv, write, sendfile, splice and F_SETLKW block in the main thread
 *            while the helper's lines come between, so they show "<unfinished ...>" / "<... resumed>"
 * Exits 0 when every call returned what it was expected to, 1 otherwise (the mismatches go to stderr). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/falloc.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* An address that is never mapped in user space on x86_64 (the kernel half), for EFAULT cases. */
#define BAD_PTR ((void *)(uintptr_t)0xffffffffff600ff0ULL)
#define BAD_FD 99

static int failures;

/* The call must succeed (return >= 0). */
static long ok(long r, const char *what)
{
	if (r < 0) {
		fprintf(stderr, "io-calls: %s: expected success, got %s\n", what, strerror(errno));
		failures++;
	}
	return r;
}

/* The call must return exactly want. */
static void gives(long r, long want, const char *what)
{
	if (r != want) {
		fprintf(stderr, "io-calls: %s: expected %ld, got %ld (%s)\n", what, want, r,
			r == -1 ? strerror(errno) : "success");
		failures++;
	}
}

/* The call must fail with errno err. */
static void fails(long r, int err, const char *what)
{
	if (r != -1 || errno != err) {
		fprintf(stderr, "io-calls: %s: expected %s, got %ld (%s)\n", what, strerror(err), r,
			r == -1 ? strerror(errno) : "success");
		failures++;
	}
}

/* The result depends on the machine (lease support, O_DIRECT on tmpfs): made for the trace only. */
static void either(long r, const char *what)
{
	if (r == -1 && errno != EINVAL && errno != EAGAIN && errno != EPERM && errno != EOPNOTSUPP &&
	    errno != EBUSY && errno != ENOTTY && errno != EIO) {
		fprintf(stderr, "io-calls: %s: unexpected %s\n", what, strerror(errno));
		failures++;
	}
}

static void die(const char *what)
{
	fprintf(stderr, "io-calls: %s: %s\n", what, strerror(errno));
	exit(2);
}

/* syscall() is variadic: negative values are passed as longs (an int -1 would reach the kernel as
 * 4294967295), and so are flags in the sixth place, which goes on the stack where an int leaves the
 * upper half of its slot undefined. */

static int memfd(const char *name, unsigned flags)
{
	int fd = (int)syscall(SYS_memfd_create, name, flags);
	if (fd < 0)
		die("memfd_create");
	return fd;
}

static void make_pipe(int p[2])
{
	if (syscall(SYS_pipe2, p, O_CLOEXEC) < 0)
		die("pipe2");
}

/* ---- read, write, lseek and the positioned forms ---- */

static void read_write(int fd, int pr, int pw)
{
	char buf[256], big[100];
	for (int i = 0; i < (int)sizeof big; i++)
		big[i] = (char)('a' + i % 26);
	static const char binary[] = "\0\1\2\377\t\n\r\v\f\"\\x\0337";

	gives(syscall(SYS_write, fd, "hello, world\n", 13), 13, "write");
	gives(syscall(SYS_write, fd, big, sizeof big), 100, "write 100 bytes");
	gives(syscall(SYS_write, fd, binary, sizeof binary - 1), 14, "write binary");
	gives(syscall(SYS_write, fd, NULL, 0), 0, "write NULL 0");
	fails(syscall(SYS_write, BAD_FD, "x", 1), EBADF, "write bad fd");
	fails(syscall(SYS_write, fd, BAD_PTR, 10), EFAULT, "write bad buffer");

	gives(syscall(SYS_lseek, fd, 0, SEEK_SET), 0, "lseek set");
	gives(syscall(SYS_lseek, fd, -3L, SEEK_END), 124, "lseek end");
	gives(syscall(SYS_lseek, fd, 0, SEEK_CUR), 124, "lseek cur");
	gives(syscall(SYS_lseek, fd, 0, SEEK_DATA), 0, "lseek data");
	gives(syscall(SYS_lseek, fd, 0, SEEK_HOLE), 127, "lseek hole");
	fails(syscall(SYS_lseek, fd, 0, 42), EINVAL, "lseek bad whence");
	fails(syscall(SYS_lseek, fd, -1000L, SEEK_SET), EINVAL, "lseek negative");
	fails(syscall(SYS_lseek, pr, 0, SEEK_CUR), ESPIPE, "lseek pipe");
	gives(syscall(SYS_lseek, fd, 0, SEEK_SET), 0, "lseek back");

	gives(syscall(SYS_read, fd, buf, 5), 5, "read 5");
	gives(syscall(SYS_read, fd, buf, sizeof buf), 122, "read the rest (partial)");
	gives(syscall(SYS_read, fd, buf, 10), 0, "read at EOF");
	gives(syscall(SYS_read, fd, NULL, 0), 0, "read NULL 0");
	fails(syscall(SYS_read, BAD_FD, buf, 10), EBADF, "read bad fd");
	gives(syscall(SYS_lseek, fd, 0, SEEK_SET), 0, "lseek back");
	fails(syscall(SYS_read, fd, BAD_PTR, 10), EFAULT, "read into a bad buffer");
	fails(syscall(SYS_read, pr, buf, 10), EAGAIN, "read empty non-blocking pipe");

	gives(syscall(SYS_pread64, fd, buf, 5, 7), 5, "pread64");
	gives(syscall(SYS_pread64, fd, buf, 64, 120), 7, "pread64 short");
	fails(syscall(SYS_pread64, fd, buf, 5, -1L), EINVAL, "pread64 negative offset");
	fails(syscall(SYS_pread64, pr, buf, 5, 0), ESPIPE, "pread64 pipe");
	gives(syscall(SYS_pwrite64, fd, "XY", 2, 1), 2, "pwrite64");
	fails(syscall(SYS_pwrite64, pw, "XY", 2, 0), ESPIPE, "pwrite64 pipe");
}

/* ---- vectors ---- */

static void vectors(int fd, int pr, int pw)
{
	char a[8], b[8], c[8];
	struct iovec rv[3] = { { a, 4 }, { b, 0 }, { c, 6 } };
	struct iovec wv[3] = { { "abc", 3 }, { "", 0 }, { "defghij", 7 } };

	gives(syscall(SYS_lseek, fd, 0, SEEK_SET), 0, "lseek");
	gives(syscall(SYS_readv, fd, rv, 3), 10, "readv");
	gives(syscall(SYS_lseek, fd, -7L, SEEK_END), 120, "lseek");
	gives(syscall(SYS_readv, fd, rv, 3), 7, "readv partial");
	gives(syscall(SYS_writev, fd, wv, 3), 10, "writev");
	gives(syscall(SYS_writev, fd, NULL, 0), 0, "writev NULL 0");
	gives(syscall(SYS_writev, fd, wv, 0), 0, "writev [] 0");
	fails(syscall(SYS_readv, fd, BAD_PTR, 2), EFAULT, "readv bad array");
	fails(syscall(SYS_writev, fd, wv, -1L), EINVAL, "writev count overflow");

	/* A read into read-only memory fails: strace shows the bases as addresses. */
	struct iovec ro[1] = { { (void *)"constant", 8 } };
	gives(syscall(SYS_lseek, fd, 0, SEEK_SET), 0, "lseek");
	fails(syscall(SYS_readv, fd, ro, 1), EFAULT, "readv into read-only memory");

	/* An array whose second element is on an unmapped page. */
	char *pg = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pg == MAP_FAILED)
		die("mmap");
	if (munmap(pg + 4096, 4096) == -1)
		die("munmap");
	struct iovec *edge = (struct iovec *)(pg + 4096 - sizeof(struct iovec));
	edge[0].iov_base = "abc";
	edge[0].iov_len = 3;
	fails(syscall(SYS_writev, fd, edge, 3), EFAULT, "writev array ends on an unmapped page");

	/* More vectors than -s shows, and a vector whose base is bad. */
	struct iovec many[40];
	for (int i = 0; i < 40; i++) {
		many[i].iov_base = "0123456789";
		many[i].iov_len = 10;
	}
	gives(syscall(SYS_writev, pw, many, 40), 400, "writev 40 vectors");
	char sink[512];
	gives(syscall(SYS_read, pr, sink, sizeof sink), 400, "drain the pipe");
	struct iovec bad[3] = { { "abc", 3 }, { BAD_PTR, 4 }, { "xyz", 3 } };
	long r = syscall(SYS_writev, fd, bad, 3); /* 3 or EFAULT, by kernel version: the same in both runs */
	if (r != 3 && !(r == -1 && errno == EFAULT))
		gives(r, 3, "writev stops at a bad base");

	gives(syscall(SYS_preadv, fd, rv, 3, 0, 0), 10, "preadv");
	gives(syscall(SYS_pwritev, fd, wv, 3, 5, 0), 10, "pwritev");
	gives(syscall(SYS_preadv2, fd, rv, 3, -1L, -1L, (long)RWF_HIPRI), 10, "preadv2 at the current position");
	gives(syscall(SYS_pwritev2, fd, wv, 2, 0, 0, (long)(RWF_DSYNC | RWF_APPEND)), 3, "pwritev2");
	gives(syscall(SYS_preadv2, fd, rv, 1, 0, 0, 0L), 4, "preadv2");
	fails(syscall(SYS_preadv2, fd, rv, 1, 0, 0, (long)(0x40 | RWF_NOWAIT)), EOPNOTSUPP, "preadv2 unknown flag");
	fails(syscall(SYS_preadv, fd, rv, 1, -2L, 0), EINVAL, "preadv negative offset");
}

/* ---- moving data between fds ---- */

static void transfers(int fd, int pr, int pw)
{
	char sink[256];
	off_t off = 0;
	loff_t lo = 2, lo2 = 1;

	gives(syscall(SYS_sendfile, pw, fd, &off, 10), 10, "sendfile with an offset");
	gives(syscall(SYS_sendfile, pw, fd, NULL, 3), 3, "sendfile without");
	off = 4096;
	gives(syscall(SYS_sendfile, pw, fd, &off, 10), 0, "sendfile at EOF");
	fails(syscall(SYS_sendfile, pw, BAD_FD, NULL, 3), EBADF, "sendfile bad fd");
	fails(syscall(SYS_sendfile, pw, fd, BAD_PTR, 3), EFAULT, "sendfile bad offset pointer");
	gives(syscall(SYS_read, pr, sink, sizeof sink), 13, "drain");

	gives(syscall(SYS_splice, fd, &lo, pw, NULL, 5, (long)(SPLICE_F_MOVE | SPLICE_F_NONBLOCK)), 5, "splice");
	fails(syscall(SYS_splice, pr, &lo, pw, NULL, 1, 0x10L), EINVAL, "splice unknown flag");
	int q[2];
	make_pipe(q);
	gives(syscall(SYS_tee, pr, q[1], 5, SPLICE_F_NONBLOCK), 5, "tee");
	struct iovec v = { "xyz", 3 };
	gives(syscall(SYS_vmsplice, q[1], &v, 1, SPLICE_F_GIFT), 3, "vmsplice");
	gives(syscall(SYS_read, q[0], sink, sizeof sink), 8, "drain");
	gives(syscall(SYS_read, pr, sink, sizeof sink), 5, "drain");
	close(q[0]);
	close(q[1]);

	int fd2 = memfd("io-copy", 0);
	lo = 0;
	gives(syscall(SYS_lseek, fd, 0, SEEK_SET), 0, "lseek");
	gives(syscall(SYS_copy_file_range, fd, &lo, fd2, &lo2, 5, 0L), 5, "copy_file_range");
	gives(syscall(SYS_copy_file_range, fd, NULL, fd2, NULL, 5, 0L), 5, "copy_file_range without offsets");
	fails(syscall(SYS_copy_file_range, fd, NULL, fd2, NULL, 5, 1L), EINVAL, "copy_file_range flags");
	ok(syscall(SYS_close, fd2), "close");
}

/* ---- fds: pipe, dup, close ---- */

static void fds(int fd)
{
	int p[2];
	ok(syscall(SYS_pipe, p), "pipe");
	ok(syscall(SYS_close, p[0]), "close");
	ok(syscall(SYS_close, p[1]), "close");
	ok(syscall(SYS_pipe2, p, O_CLOEXEC | O_NONBLOCK), "pipe2 flags");
	ok(syscall(SYS_close, p[0]), "close");
	ok(syscall(SYS_close, p[1]), "close");
	fails(syscall(SYS_pipe2, p, 0x12345), EINVAL, "pipe2 unknown flags");
	fails(syscall(SYS_pipe2, BAD_PTR, 0), EFAULT, "pipe2 bad array");
	fails(syscall(SYS_pipe, BAD_PTR), EFAULT, "pipe bad array");

	int d = (int)ok(syscall(SYS_dup, fd), "dup");
	gives(syscall(SYS_dup2, d, 20), 20, "dup2");
	gives(syscall(SYS_dup3, d, 21, O_CLOEXEC), 21, "dup3");
	gives(syscall(SYS_dup2, 20, 20), 20, "dup2 same fd");
	fails(syscall(SYS_dup3, 20, 20, 0), EINVAL, "dup3 same fd");
	fails(syscall(SYS_dup3, 20, 22, 0x80001), EINVAL, "dup3 unknown flag");
	fails(syscall(SYS_dup, BAD_FD), EBADF, "dup bad fd");
	fails(syscall(SYS_dup2, fd, -1L), EBADF, "dup2 negative");
	ok(syscall(SYS_close, 20), "close");
	ok(syscall(SYS_close, 21), "close");
	ok(syscall(SYS_close, d), "close");
	fails(syscall(SYS_close, BAD_FD), EBADF, "close bad fd");
	fails(syscall(SYS_close, -1L), EBADF, "close -1");
	ok(syscall(SYS_close_range, 100, ~0U, 0), "close_range");
	ok(syscall(SYS_close_range, 100, 110, 4 /* CLOSE_RANGE_CLOEXEC */), "close_range cloexec");
	fails(syscall(SYS_close_range, 100, 110, 1), EINVAL, "close_range unknown flag");
}

/* ---- hints and space ---- */

static void hints(int fd)
{
	ok(syscall(SYS_fadvise64, fd, 0L, 0L, (long)POSIX_FADV_SEQUENTIAL), "fadvise64");
	ok(syscall(SYS_fadvise64, fd, -1L, 100L, (long)POSIX_FADV_DONTNEED), "fadvise64 negative offset");
	fails(syscall(SYS_fadvise64, fd, 0L, 0L, 77L), EINVAL, "fadvise64 unknown advice");
	fails(syscall(SYS_fadvise64, BAD_FD, 5L, 100L, (long)POSIX_FADV_WILLNEED), EBADF, "fadvise64 bad fd");
	ok(syscall(SYS_readahead, fd, 0L, 4096L), "readahead");
	ok(syscall(SYS_fallocate, fd, 0L, 0L, 4096L), "fallocate");
	ok(syscall(SYS_fallocate, fd, (long)(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE), 4000L, 96L), "punch a hole");
	fails(syscall(SYS_fallocate, fd, 0x1000L, 0L, 4096L), EOPNOTSUPP, "fallocate unknown mode");
	ok(syscall(SYS_sync_file_range, fd, 0L, 0L,
		   (long)(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER)),
	   "sync_file_range");
	fails(syscall(SYS_sync_file_range, fd, 0L, 0L, 0x8L), EINVAL, "sync_file_range unknown flag");
	ok(syscall(SYS_flock, fd, (long)LOCK_EX), "flock");
	ok(syscall(SYS_flock, fd, (long)(LOCK_SH | LOCK_NB)), "flock shared");
	ok(syscall(SYS_flock, fd, (long)LOCK_UN), "flock unlock");
	fails(syscall(SYS_flock, fd, 0L), EINVAL, "flock 0");
	fails(syscall(SYS_flock, BAD_FD, (long)LOCK_EX), EBADF, "flock bad fd");
}

/* ---- fcntl ---- */

static void fcntls(int fd, int pr)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
	struct f_owner_ex ow = { F_OWNER_PGRP, 7 };

	gives(syscall(SYS_fcntl, fd, F_GETFL), O_RDWR | 0100000, "F_GETFL");
	ok(syscall(SYS_fcntl, fd, F_SETFL, O_RDWR | O_NONBLOCK | O_APPEND), "F_SETFL");
	ok(syscall(SYS_fcntl, fd, F_GETFL), "F_GETFL again");
	ok(syscall(SYS_fcntl, fd, F_SETFL, 0), "F_SETFL 0");
	ok(syscall(SYS_fcntl, pr, F_GETFL), "F_GETFL pipe");
	gives(syscall(SYS_fcntl, fd, F_GETFD), 0, "F_GETFD");
	ok(syscall(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC), "F_SETFD");
	gives(syscall(SYS_fcntl, fd, F_GETFD), FD_CLOEXEC, "F_GETFD cloexec");
	ok(syscall(SYS_fcntl, fd, F_SETFD, 2), "F_SETFD unknown bit");
	gives(syscall(SYS_fcntl, fd, F_DUPFD, 30), 30, "F_DUPFD");
	long dup_fd = ok(syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 0), "F_DUPFD_CLOEXEC");
	fails(syscall(SYS_fcntl, fd, F_DUPFD, -1L), EINVAL, "F_DUPFD -1");
	ok(syscall(SYS_close, 30), "close");
	ok(syscall(SYS_close, dup_fd), "close");
	fails(syscall(SYS_fcntl, BAD_FD, F_GETFL), EBADF, "F_GETFL bad fd");

	ok(syscall(SYS_fcntl, fd, F_SETLK, &fl), "F_SETLK");
	ok(syscall(SYS_fcntl, fd, F_SETLKW, &fl), "F_SETLKW");
	ok(syscall(SYS_fcntl, fd, F_GETLK, &fl), "F_GETLK");
	fl.l_type = F_UNLCK;
	ok(syscall(SYS_fcntl, fd, F_SETLK, &fl), "F_SETLK unlock");
	fl.l_type = F_RDLCK;
	fl.l_pid = 0;
	ok(syscall(SYS_fcntl, fd, F_OFD_SETLK, &fl), "F_OFD_SETLK");
	fl.l_type = F_WRLCK;
	ok(syscall(SYS_fcntl, fd, F_OFD_GETLK, &fl), "F_OFD_GETLK");
	fl.l_type = F_UNLCK;
	ok(syscall(SYS_fcntl, fd, F_OFD_SETLKW, &fl), "F_OFD_SETLKW");
	fl.l_type = 9;
	fl.l_whence = 9;
	fails(syscall(SYS_fcntl, fd, F_SETLK, &fl), EINVAL, "F_SETLK unknown type");
	fails(syscall(SYS_fcntl, fd, F_GETLK, &fl), EINVAL, "F_GETLK unknown type");
	fails(syscall(SYS_fcntl, fd, F_SETLK, BAD_PTR), EFAULT, "F_SETLK bad pointer");
	fails(syscall(SYS_fcntl, fd, F_GETLK, NULL), EFAULT, "F_GETLK NULL");

	gives(syscall(SYS_fcntl, fd, F_GETOWN), 0, "F_GETOWN");
	ok(syscall(SYS_fcntl, fd, F_SETOWN, -5L), "F_SETOWN");
	ok(syscall(SYS_fcntl, fd, F_SETOWN_EX, &ow), "F_SETOWN_EX");
	ok(syscall(SYS_fcntl, fd, F_GETOWN_EX, &ow), "F_GETOWN_EX");
	fails(syscall(SYS_fcntl, fd, F_GETOWN_EX, BAD_PTR), EFAULT, "F_GETOWN_EX bad pointer");
	ok(syscall(SYS_fcntl, fd, F_SETOWN, 0), "F_SETOWN 0");
	ok(syscall(SYS_fcntl, fd, F_SETSIG, SIGUSR1), "F_SETSIG");
	gives(syscall(SYS_fcntl, fd, F_GETSIG), SIGUSR1, "F_GETSIG");
	ok(syscall(SYS_fcntl, fd, F_SETSIG, SIGIO), "F_SETSIG SIGIO");
	gives(syscall(SYS_fcntl, fd, F_GETSIG), SIGIO, "F_GETSIG SIGIO");
	ok(syscall(SYS_fcntl, fd, F_SETSIG, 0), "F_SETSIG 0");
	gives(syscall(SYS_fcntl, fd, F_GETSIG), 0, "F_GETSIG 0");
	fails(syscall(SYS_fcntl, fd, F_SETSIG, 200), EINVAL, "F_SETSIG 200");

	ok(syscall(SYS_fcntl, pr, F_GETPIPE_SZ), "F_GETPIPE_SZ");
	gives(syscall(SYS_fcntl, pr, F_SETPIPE_SZ, 8192), 8192, "F_SETPIPE_SZ");
	fails(syscall(SYS_fcntl, fd, F_GETPIPE_SZ), EBADF, "F_GETPIPE_SZ not a pipe");
	gives(syscall(SYS_fcntl, fd, F_GET_SEALS), 0, "F_GET_SEALS none");
	ok(syscall(SYS_fcntl, fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW), "F_ADD_SEALS");
	gives(syscall(SYS_fcntl, fd, F_GET_SEALS), F_SEAL_SHRINK | F_SEAL_GROW, "F_GET_SEALS");
	fails(syscall(SYS_fcntl, fd, F_ADD_SEALS, 0xff), EINVAL, "F_ADD_SEALS unknown");
	fails(syscall(SYS_fcntl, pr, F_GET_SEALS), EINVAL, "F_GET_SEALS pipe");

	either(syscall(SYS_fcntl, fd, F_GETLEASE), "F_GETLEASE");
	either(syscall(SYS_fcntl, fd, F_SETLEASE, F_RDLCK), "F_SETLEASE");
	either(syscall(SYS_fcntl, fd, F_SETLEASE, F_UNLCK), "F_SETLEASE unlock");
	fails(syscall(SYS_fcntl, fd, F_SETLEASE, 7), EINVAL, "F_SETLEASE unknown");
	fails(syscall(SYS_fcntl, fd, F_NOTIFY, DN_ACCESS | DN_MODIFY | DN_MULTISHOT), ENOTDIR, "F_NOTIFY");
	fails(syscall(SYS_fcntl, BAD_FD, 17 /* F_GETOWNER_UIDS */, 0), EBADF, "F_GETOWNER_UIDS");
	fails(syscall(SYS_fcntl, fd, 1029 /* F_CANCELLK */, 5), EINVAL, "F_CANCELLK");
	fails(syscall(SYS_fcntl, fd, 12 /* F_GETLK64 of 32-bit ABIs */, 0), EINVAL, "F_GETLK64");
	fails(syscall(SYS_fcntl, fd, 9999, 5), EINVAL, "unknown command");
}

/* ---- ioctl ---- */

static void ioctls(int pr)
{
	int one = 1, zero = 0, n = -1;
	char tio[64];
	struct winsize ws;
	memset(tio, 0, sizeof tio);

	ok(ioctl(pr, FIONBIO, &one), "FIONBIO");
	ok(ioctl(pr, FIONBIO, &zero), "FIONBIO 0");
	fails(ioctl(pr, FIONBIO, BAD_PTR), EFAULT, "FIONBIO bad pointer");
	ok(ioctl(pr, FIONREAD, &n), "FIONREAD");
	fails(ioctl(pr, FIONREAD, NULL), EFAULT, "FIONREAD NULL");
	ok(ioctl(pr, FIOCLEX), "FIOCLEX");
	ok(ioctl(pr, FIONCLEX), "FIONCLEX");
	ok(ioctl(pr, FIOASYNC, &zero), "FIOASYNC");
	fails(ioctl(pr, TCGETS, tio), ENOTTY, "TCGETS on a pipe");
	fails(ioctl(pr, TIOCGWINSZ, &ws), ENOTTY, "TIOCGWINSZ on a pipe");
	fails(ioctl(pr, TCSETS, tio), ENOTTY, "TCSETS on a pipe");
	fails(ioctl(pr, TIOCSPGRP, &zero), ENOTTY, "TIOCSPGRP on a pipe");
	fails(ioctl(pr, TIOCSTI, "x"), ENOTTY, "TIOCSTI on a pipe");
	fails(ioctl(pr, TCFLSH, TCIOFLUSH), ENOTTY, "TCFLSH on a pipe");
	fails(ioctl(pr, TCXONC, 77), ENOTTY, "TCXONC unknown");
	fails(ioctl(pr, TCSBRK, 1), ENOTTY, "TCSBRK on a pipe");
	fails(ioctl(pr, TIOCNOTTY), ENOTTY, "TIOCNOTTY on a pipe");
	int bits = TIOCM_DTR | TIOCM_RTS | 0x10000;
	fails(ioctl(pr, TIOCMBIS, &bits), ENOTTY, "TIOCMBIS on a pipe");
	fails(ioctl(pr, TIOCMGET, &bits), ENOTTY, "TIOCMGET on a pipe");
	fails(ioctl(pr, _IOR(0x12, 0x34, int), &n), ENOTTY, "unknown _IOR");
	fails(ioctl(pr, _IOWR('x', 2, char[100]), NULL), ENOTTY, "unknown _IOWR");
	fails(ioctl(pr, 0x1234, 5), ENOTTY, "unknown number");
	fails(syscall(SYS_ioctl, pr, 0x100000000UL | FIONREAD, NULL), EFAULT, "FIONREAD with high bits");
	fails(ioctl(pr, 0x8913 /* SIOCGIFFLAGS */, NULL), ENOTTY, "a socket ioctl on a pipe");
	fails(ioctl(BAD_FD, FIONREAD, &n), EBADF, "FIONREAD bad fd");
}

/* The terminal ioctls on a pseudo-terminal's master side. */
static void tty_calls(void)
{
	struct termios t;
	struct winsize ws = { 24, 80, 0, 0 };
	int n, zero = 0;
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0)
		die("posix_openpt");
	ok(ioctl(m, TCGETS, &t), "TCGETS");
	ok(ioctl(m, TCSETS, &t), "TCSETS");
	ok(ioctl(m, TCSETSW, &t), "TCSETSW");
	t.c_lflag &= ~(unsigned)(ICANON | ECHO);
	t.c_cflag |= CRTSCTS;
	ok(ioctl(m, TCSETSF, &t), "TCSETSF raw");
	ok(ioctl(m, TCGETS, &t), "TCGETS raw");
	struct termio old;
	ok(ioctl(m, TCGETA, &old), "TCGETA");
	ok(ioctl(m, TIOCSWINSZ, &ws), "TIOCSWINSZ");
	ok(ioctl(m, TIOCGWINSZ, &ws), "TIOCGWINSZ");
	ok(ioctl(m, TIOCSPTLCK, &zero), "TIOCSPTLCK");
	ok(ioctl(m, TIOCOUTQ, &n), "TIOCOUTQ");
	ok(ioctl(m, FIONREAD, &n), "FIONREAD");
	ok(ioctl(m, TCFLSH, TCIFLUSH), "TCFLSH");
	ok(ioctl(m, TCXONC, TCOON), "TCXONC");
	ok(ioctl(m, TIOCEXCL), "TIOCEXCL");
	ok(ioctl(m, TIOCNXCL), "TIOCNXCL");
	close(m);
}

static void basic(void)
{
	int fd = memfd("io-calls", MFD_ALLOW_SEALING);
	int p[2];
	make_pipe(p);
	if (fcntl(p[0], F_SETFL, O_NONBLOCK) == -1)
		die("fcntl");
	read_write(fd, p[0], p[1]);
	vectors(fd, p[0], p[1]);
	transfers(fd, p[0], p[1]);
	fds(fd);
	hints(fd);
	fcntls(fd, p[0]);
	ioctls(p[0]);
	ok(syscall(SYS_close, fd), "close");
}

/* ---- threads: a second thread's lines come between a blocking call's entry and exit ---- */

static pid_t main_tid;
static int tp[2], tq[2], lock_fd;

/* Wait until the main thread sleeps in syscall nr whose argument argi is val: /proc/self/task/TID/stat
 * says it sleeps (S, not t: a thread stopped by the tracer at the call's entry has not been printed
 * yet) and /proc/self/task/TID/syscall gives the call and its arguments. Then its entry line is out, and
 * whatever the helper does next comes before its exit. */
static void wait_blocked(long nr, int argi, unsigned long val)
{
	char path[64], buf[256];
	struct timespec ms = { 0, 1000000 };
	for (int i = 0; i < 5000; i++) {
		snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)main_tid);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die("open /proc/self/task/TID/stat");
		ssize_t n = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		const char *st = strrchr(buf, ')');
		if (st && st[1] == ' ' && st[2] == 'S') {
			snprintf(path, sizeof path, "/proc/self/task/%d/syscall", (int)main_tid);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				die("open /proc/self/task/TID/syscall");
			n = read(fd, buf, sizeof buf - 1);
			close(fd);
			buf[n > 0 ? n : 0] = '\0';
			char *p = buf;
			long got = strtol(p, &p, 10);
			unsigned long arg = 0;
			for (int a = 0; a <= argi; a++)
				arg = strtoul(p, &p, 16);
			if (buf[0] != '-' && got == nr && arg == val)
				return;
		}
		nanosleep(&ms, NULL);
	}
	fprintf(stderr, "io-calls: the main thread never blocked in syscall %ld\n", nr);
	exit(1);
}

/* Make the pipe's write end full, without blocking. */
static void fill(int fd)
{
	static char zeros[4096];
	int fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	while (write(fd, zeros, sizeof zeros) > 0)
		;
	fcntl(fd, F_SETFL, fl);
}

static void *helper(void *arg)
{
	static char sink[65536];
	(void)arg;
	wait_blocked(SYS_read, 2, 64);
	gives(syscall(SYS_write, tp[1], "ping", 4), 4, "helper write"); /* ends main's read */
	wait_blocked(SYS_readv, 2, 1);
	gives(syscall(SYS_write, tp[1], "pong", 4), 4, "helper write"); /* ends main's readv */
	wait_blocked(SYS_write, 2, 5);
	ok(syscall(SYS_read, tq[0], sink, sizeof sink), "helper read"); /* room for main's write */
	wait_blocked(SYS_writev, 2, 1);
	ok(syscall(SYS_read, tq[0], sink, sizeof sink), "helper read");
	wait_blocked(SYS_sendfile, 3, 100000);
	ok(syscall(SYS_read, tq[0], sink, sizeof sink), "helper read");
	wait_blocked(SYS_splice, 4, 10);
	gives(syscall(SYS_write, tp[1], "data", 4), 4, "helper write"); /* ends main's splice */
	wait_blocked(SYS_fcntl, 1, F_OFD_SETLKW);
	ok(syscall(SYS_close, lock_fd), "helper close"); /* drops the lock main's F_OFD_SETLKW waits for */
	return NULL;
}

static void threads(void)
{
	static char buf[65536];
	main_tid = gettid();
	make_pipe(tp);
	make_pipe(tq);
	int fd = memfd("io-threads", 0);
	if (ftruncate(fd, 100000) == -1)
		die("ftruncate");
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10 };
	lock_fd = memfd("io-lock", 0);
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", lock_fd);
	int lock2 = open(path, O_RDWR | O_CLOEXEC); /* another open file description of the same file */
	if (lock2 < 0)
		die("open the memfd again");
	if (fcntl(lock_fd, F_OFD_SETLK, &fl) == -1)
		die("F_OFD_SETLK");

	pthread_t th;
	int e = pthread_create(&th, NULL, helper, NULL);
	if (e != 0) {
		errno = e;
		die("pthread_create");
	}
	gives(syscall(SYS_read, tp[0], buf, 64), 4, "read");
	struct iovec v = { buf, 10 };
	gives(syscall(SYS_readv, tp[0], &v, 1), 4, "readv");
	fill(tq[1]);
	gives(syscall(SYS_write, tq[1], "hello", 5), 5, "write to a full pipe");
	fill(tq[1]);
	struct iovec w = { "world", 5 };
	gives(syscall(SYS_writev, tq[1], &w, 1), 5, "writev to a full pipe");
	fill(tq[1]);
	off_t off = 0;
	ok(syscall(SYS_sendfile, tq[1], fd, &off, 100000), "sendfile to a full pipe");
	ok(syscall(SYS_read, tq[0], buf, sizeof buf), "empty the pipe");
	gives(syscall(SYS_splice, tp[0], NULL, tq[1], NULL, 10, 0L), 4, "splice from an empty pipe");
	ok(syscall(SYS_fcntl, lock2, F_OFD_SETLKW, &fl), "F_OFD_SETLKW on a locked file");
	e = pthread_join(th, NULL);
	if (e != 0) {
		errno = e;
		die("pthread_join");
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "basic";
	if (strcmp(mode, "basic") == 0)
		basic();
	else if (strcmp(mode, "tty") == 0)
		tty_calls();
	else if (strcmp(mode, "threads") == 0)
		threads();
	else {
		fprintf(stderr, "usage: test-io-calls [basic|tty|threads]\n");
		return 2;
	}
	return failures ? 1 : 0;
}
