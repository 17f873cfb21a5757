/* decode_io.c -- arguments of the data and fd syscalls (read/write and their vector and positioned
 * forms, sendfile, splice, tee, vmsplice, copy_file_range, close, close_range, dup*, pipe*, memfd_create,
 * lseek, fadvise64, readahead, fallocate, sync_file_range, flock, fcntl, ioctl) printed the way strace
 * 6.1 prints them. What the program hands the kernel is printed at entry; what the kernel writes back
 * (read's data, pipe's fds, F_GETLK's lock, an ioctl's result) at exit, so a call that blocks shows
 * strace's "<unfinished ...>" split at the same place. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <termios.h>

#include "tracer.h"

/* Kernel values on x86_64 that glibc hides or gives another value (glibc's O_LARGEFILE is 0 on 64-bit). */
#define K_O_LARGEFILE 0100000
#define K___O_SYNC 04000000
#define K___O_TMPFILE 020000000
#define K_O_TMPFILE (K___O_TMPFILE | O_DIRECTORY)
#define K_F_GETLK64 12 /* the 32-bit ABIs' numbers; x86_64 rejects them, strace still names them */
#define K_F_SETLK64 13
#define K_F_SETLKW64 14
#define K_F_GETOWNER_UIDS 17
#define K_F_CANCELLK 1029
#define K_CLOSE_RANGE_UNSHARE 2
#define K_CLOSE_RANGE_CLOEXEC 4

/* ---- small printers shared by the calls of this file ---- */

static void put_fd(struct sb *o, struct tcb *t, uint64_t fd)
{
	print_fd(o, t, (int)fd); /* the kernel takes an int: strace drops the upper half too */
}

static void put_sep(struct sb *o)
{
	sb_puts(o, ", ");
}

/* A data buffer: NULL stays NULL even for a length of 0 (read(3, NULL, 0)), otherwise print_buf. With
 * -s 0 strace still reads the buffer's first byte, and prints the address when it cannot: print_buf,
 * which reads nothing then, would print ""... */
static void put_data(struct sb *o, struct tcb *t, uint64_t addr, uint64_t len)
{
	unsigned char probe;
	if (addr == 0)
		sb_puts(o, "NULL");
	else if (opt.strsize == 0 && len > 0 && mem_read(t, addr, &probe, 1) != 0)
		print_addr(o, addr);
	else
		print_buf(o, t, addr, len);
}

/* An int64 the kernel reads or writes through a pointer (loff_t *): [N], or the address. */
static bool put_i64_ref(struct sb *o, struct tcb *t, uint64_t addr, bool is_unsigned)
{
	int64_t v;
	if (mem_read(t, addr, &v, sizeof v) != 0) {
		print_addr(o, addr);
		return false;
	}
	if (is_unsigned)
		sb_printf(o, "[%llu]", (unsigned long long)v);
	else
		sb_printf(o, "[%lld]", (long long)v);
	return true;
}

/* A signal number as strace names it. xlat.c's signal_name() gives glibc's abbreviation, which calls
 * 29 SIGPOLL; strace says SIGIO. */
static const char *sig_name(int sig)
{
	return sig == SIGIO ? "SIGIO" : signal_name(sig);
}

/* ---- constant tables (strace's order where it prints several names) ---- */

static const struct xlat open_access_modes[] = {
	XLAT(O_RDONLY),
	XLAT(O_WRONLY),
	XLAT(O_RDWR),
	XLAT_PAIR(3, "O_ACCMODE"),
	XLAT_END,
};

/* The O_* bits after the access mode, as pipe2, dup3, F_SETFL and F_GETFL print them. */
static const struct xlat open_flags[] = {
	XLAT(O_CREAT),
	XLAT(O_EXCL),
	XLAT(O_NOCTTY),
	XLAT(O_TRUNC),
	XLAT(O_APPEND),
	XLAT(O_NONBLOCK),
	XLAT(O_SYNC), /* before O_DSYNC and __O_SYNC, the two bits it is made of */
	XLAT(O_DSYNC),
	XLAT_PAIR(K___O_SYNC, "__O_SYNC"),
	XLAT(O_DIRECT),
	XLAT_PAIR(K_O_LARGEFILE, "O_LARGEFILE"),
	XLAT(O_NOFOLLOW),
	XLAT(O_NOATIME),
	XLAT(O_CLOEXEC),
	XLAT(O_PATH),
	XLAT_PAIR(K_O_TMPFILE, "O_TMPFILE"), /* before O_DIRECTORY, whose bit it contains */
	XLAT_PAIR(K___O_TMPFILE, "__O_TMPFILE"),
	XLAT(O_DIRECTORY),
	XLAT(FASYNC),
	XLAT_END,
};

static const struct xlat whence_names[] = {
	XLAT(SEEK_SET),
	XLAT(SEEK_CUR),
	XLAT(SEEK_END),
	XLAT(SEEK_DATA),
	XLAT(SEEK_HOLE),
	XLAT_END,
};

static const struct xlat rwf_flags[] = {
	XLAT(RWF_HIPRI),
	XLAT(RWF_DSYNC),
	XLAT(RWF_SYNC),
	XLAT(RWF_NOWAIT),
	XLAT(RWF_APPEND),
	XLAT_END,
};

static const struct xlat splice_flags[] = {
	XLAT(SPLICE_F_MOVE),
	XLAT(SPLICE_F_NONBLOCK),
	XLAT(SPLICE_F_MORE),
	XLAT(SPLICE_F_GIFT),
	XLAT_END,
};

static const struct xlat close_range_flags[] = {
	XLAT_PAIR(K_CLOSE_RANGE_UNSHARE, "CLOSE_RANGE_UNSHARE"),
	XLAT_PAIR(K_CLOSE_RANGE_CLOEXEC, "CLOSE_RANGE_CLOEXEC"),
	XLAT_END,
};

static const struct xlat fcntl_cmds[] = {
	XLAT(F_DUPFD),
	XLAT(F_GETFD),
	XLAT(F_SETFD),
	XLAT(F_GETFL),
	XLAT(F_SETFL),
	XLAT(F_GETLK),
	XLAT(F_SETLK),
	XLAT(F_SETLKW),
	XLAT(F_SETOWN),
	XLAT(F_GETOWN),
	XLAT(F_SETSIG),
	XLAT(F_GETSIG),
	XLAT_PAIR(K_F_GETLK64, "F_GETLK64"),
	XLAT_PAIR(K_F_SETLK64, "F_SETLK64"),
	XLAT_PAIR(K_F_SETLKW64, "F_SETLKW64"),
	XLAT(F_SETOWN_EX),
	XLAT(F_GETOWN_EX),
	XLAT_PAIR(K_F_GETOWNER_UIDS, "F_GETOWNER_UIDS"),
	XLAT(F_OFD_GETLK),
	XLAT(F_OFD_SETLK),
	XLAT(F_OFD_SETLKW),
	XLAT(F_SETLEASE),
	XLAT(F_GETLEASE),
	XLAT(F_NOTIFY),
	XLAT_PAIR(K_F_CANCELLK, "F_CANCELLK"),
	XLAT(F_DUPFD_CLOEXEC),
	XLAT(F_SETPIPE_SZ),
	XLAT(F_GETPIPE_SZ),
	XLAT(F_ADD_SEALS),
	XLAT(F_GET_SEALS),
	XLAT_END, /* the read/write hints (0x40b...) are newer than strace 6.1, which prints them unnamed */
};

static const struct xlat fd_flags[] = {
	XLAT(FD_CLOEXEC),
	XLAT_END,
};

static const struct xlat lock_types[] = {
	XLAT(F_RDLCK),
	XLAT(F_WRLCK),
	XLAT(F_UNLCK),
	XLAT_END,
};

static const struct xlat owner_types[] = {
	XLAT(F_OWNER_TID),
	XLAT(F_OWNER_PID),
	XLAT(F_OWNER_PGRP),
	XLAT_END,
};

static const struct xlat notify_flags[] = {
	XLAT(DN_ACCESS),
	XLAT(DN_MODIFY),
	XLAT(DN_CREATE),
	XLAT(DN_DELETE),
	XLAT(DN_RENAME),
	XLAT(DN_ATTRIB),
	XLAT(DN_MULTISHOT),
	XLAT_END,
};

static const struct xlat seal_flags[] = {
	XLAT(F_SEAL_SEAL),
	XLAT(F_SEAL_SHRINK),
	XLAT(F_SEAL_GROW),
	XLAT(F_SEAL_WRITE),
	XLAT(F_SEAL_FUTURE_WRITE),
	XLAT_END,
};

/* ---- read, write and their positioned forms ---- */

/* What the kernel wrote into a read buffer: the returned bytes, or the address when the call failed. */
static void put_read_result(struct sb *o, struct tcb *t, uint64_t buf)
{
	if (t->error)
		print_addr(o, buf);
	else
		put_data(o, t, buf, (uint64_t)t->rval);
}

/* read(3, "data"..., 4096): the fd at entry, the data and the size at exit. */
static void dec_read(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		return;
	}
	put_read_result(o, t, t->args[1]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[2]);
}

/* write(1, "hello\n", 6): everything is known before the call. */
static void dec_write(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	put_sep(o);
	put_data(o, t, t->args[1], t->args[2]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[2]);
}

static void dec_pread64(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		return;
	}
	put_read_result(o, t, t->args[1]);
	sb_printf(o, ", %llu, %lld", (unsigned long long)t->args[2], (long long)t->args[3]);
}

static void dec_pwrite64(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	dec_write(t, o, true);
	sb_printf(o, ", %lld", (long long)t->args[3]);
}

/* ---- arrays: strace's way of printing them ---- */

/* Prints one element that was read from the tracee. */
typedef void elem_fn(struct sb *o, struct tcb *t, const void *elem, void *ctx);

/* n elements of size sz at addr: "[e0, e1, ...]", at most -s of them then "...". An element that cannot
 * be read ends the list as "... /\* 0xADDR *\/"; when the first cannot be read, or the size overflows,
 * the array prints as its address. NULL stays NULL, an empty array is "[]". */
static void put_array(struct sb *o, struct tcb *t, uint64_t addr, uint64_t n, size_t sz, elem_fn *fn,
		      void *ctx)
{
	unsigned char elem[64];
	if (addr == 0) {
		sb_puts(o, "NULL");
		return;
	}
	if (n > UINT64_MAX / sz || addr + n * sz < addr) {
		print_addr(o, addr);
		return;
	}
	if (n == 0) {
		sb_puts(o, "[]");
		return;
	}
	for (uint64_t i = 0; i < n; i++) {
		uint64_t at = addr + i * sz;
		if (i > 0)
			put_sep(o);
		/* strace reads an element before it checks the -s limit: an unreadable element right
		 * after the last one shown is reported, and with -s 0 an unreadable array too */
		if (mem_read(t, at, elem, sz) != 0) {
			if (i == 0) {
				print_addr(o, addr);
				return;
			}
			sb_printf(o, "... /* %#llx */", (unsigned long long)at);
			break;
		}
		if (i == 0)
			sb_putc(o, '[');
		if (i >= (uint64_t)opt.strsize) {
			sb_puts(o, "...");
			break;
		}
		fn(o, t, elem, ctx);
	}
	sb_putc(o, ']');
}

/* How much of each iov_base to show: all of iov_len (writes), what the call returned spread over the
 * vectors in order (reads), or only the addresses (a read that failed). */
struct iov_ctx {
	bool addr_only;
	bool limited;  /* a read: only the bytes it returned are data */
	uint64_t left; /* bytes of data still to show */
};

static void put_iov_elem(struct sb *o, struct tcb *t, const void *elem, void *ctx)
{
	const struct iovec *v = elem;
	struct iov_ctx *c = ctx;
	uint64_t base = (uint64_t)(uintptr_t)v->iov_base, len = v->iov_len;
	sb_puts(o, "{iov_base=");
	if (c->addr_only) {
		print_addr(o, base);
	} else {
		uint64_t show = len;
		if (c->limited) {
			show = len < c->left ? len : c->left;
			c->left -= show;
		}
		put_data(o, t, base, show);
	}
	sb_printf(o, ", iov_len=%llu}", (unsigned long long)len);
}

/* The iovec array of writev and friends (entering) or of readv and friends (at exit). */
static void put_iov(struct sb *o, struct tcb *t, uint64_t addr, uint64_t cnt, bool is_read)
{
	struct iov_ctx c = { .addr_only = is_read && t->error, .limited = is_read, .left = (uint64_t)t->rval };
	put_array(o, t, addr, cnt, sizeof(struct iovec), put_iov_elem, &c);
}

/* readv(3, [{iov_base="ab", iov_len=2}], 1): the fd at entry, the vectors and the count at exit. */
static void dec_readv(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		return;
	}
	put_iov(o, t, t->args[1], t->args[2], true);
	sb_printf(o, ", %llu", (unsigned long long)t->args[2]);
}

static void dec_writev(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	put_sep(o);
	put_iov(o, t, t->args[1], t->args[2], false);
	sb_printf(o, ", %llu", (unsigned long long)t->args[2]);
}

/* preadv(fd, iov, cnt, pos_l, pos_h): on x86_64 pos_l holds the whole offset, pos_h is not shown. */
static void dec_preadv(struct tcb *t, struct sb *o, bool entering)
{
	dec_readv(t, o, entering);
	if (!entering)
		sb_printf(o, ", %lld", (long long)t->args[3]);
}

static void dec_pwritev(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	dec_writev(t, o, true);
	sb_printf(o, ", %lld", (long long)t->args[3]);
}

/* preadv2(fd, iov, cnt, pos_l, pos_h, flags) */
static void dec_preadv2(struct tcb *t, struct sb *o, bool entering)
{
	dec_preadv(t, o, entering);
	if (!entering) {
		put_sep(o);
		print_flags(o, rwf_flags, (uint32_t)t->args[5], "RWF_???");
	}
}

static void dec_pwritev2(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	dec_pwritev(t, o, true);
	put_sep(o);
	print_flags(o, rwf_flags, (uint32_t)t->args[5], "RWF_???");
}

/* ---- moving data between fds ---- */

/* sendfile(5, 3, [0] => [100], 100): the offset as it was at entry, and as the call left it at exit. */
static void dec_sendfile(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		put_fd(o, t, t->args[1]);
		put_sep(o);
		if (t->args[2] && put_i64_ref(o, t, t->args[2], true)) {
			t->priv[0] = 1; /* the rest at exit */
			return;
		}
		if (!t->args[2])
			sb_puts(o, "NULL");
		sb_printf(o, ", %llu", (unsigned long long)t->args[3]);
		return;
	}
	if (!t->priv[0])
		return;
	if (!t->error && t->rval != 0) {
		sb_puts(o, " => ");
		put_i64_ref(o, t, t->args[2], true);
	}
	sb_printf(o, ", %llu", (unsigned long long)t->args[3]);
}

/* An optional loff_t *: NULL or [N]. */
static void put_off_ref(struct sb *o, struct tcb *t, uint64_t addr)
{
	if (addr == 0)
		sb_puts(o, "NULL");
	else
		put_i64_ref(o, t, addr, false);
}

/* splice(3, [2], 5, NULL, 4096, SPLICE_F_MOVE): all of it at entry. */
static void dec_splice(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	put_sep(o);
	put_off_ref(o, t, t->args[1]);
	put_sep(o);
	put_fd(o, t, t->args[2]);
	put_sep(o);
	put_off_ref(o, t, t->args[3]);
	sb_printf(o, ", %llu, ", (unsigned long long)t->args[4]);
	print_flags(o, splice_flags, (uint32_t)t->args[5], "SPLICE_F_???");
}

/* tee(4, 7, 5, SPLICE_F_NONBLOCK) */
static void dec_tee(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	put_sep(o);
	put_fd(o, t, t->args[1]);
	sb_printf(o, ", %llu, ", (unsigned long long)t->args[2]);
	print_flags(o, splice_flags, (uint32_t)t->args[3], "SPLICE_F_???");
}

/* vmsplice(7, [{iov_base="xyz", iov_len=3}], 1, SPLICE_F_GIFT) */
static void dec_vmsplice(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	dec_writev(t, o, true);
	put_sep(o);
	print_flags(o, splice_flags, (uint32_t)t->args[3], "SPLICE_F_???");
}

/* copy_file_range(3, [0], 8, [1], 5, 0) */
static void dec_copy_file_range(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	put_sep(o);
	put_off_ref(o, t, t->args[1]);
	put_sep(o);
	put_fd(o, t, t->args[2]);
	put_sep(o);
	put_off_ref(o, t, t->args[3]);
	sb_printf(o, ", %llu, %u", (unsigned long long)t->args[4], (unsigned)t->args[5]);
}

/* ---- fds: close, dup, pipe ---- */

static void dec_close(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		put_fd(o, t, t->args[0]);
}

/* close_range(3, 4294967295, CLOSE_RANGE_CLOEXEC) */
static void dec_close_range(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	sb_printf(o, "%u, %u, ", (unsigned)t->args[0], (unsigned)t->args[1]);
	print_flags(o, close_range_flags, (uint32_t)t->args[2], "CLOSE_RANGE_???");
}

static void dec_dup(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		put_fd(o, t, t->args[0]);
	else
		t->rval_fmt = RVAL_FD;
}

static void dec_dup2(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		t->rval_fmt = RVAL_FD;
		return;
	}
	put_fd(o, t, t->args[0]);
	put_sep(o);
	put_fd(o, t, t->args[1]);
}

static void dec_dup3(struct tcb *t, struct sb *o, bool entering)
{
	dec_dup2(t, o, entering);
	if (entering) {
		put_sep(o);
		print_flags(o, open_flags, (uint32_t)t->args[2], "O_???");
	}
}

/* The two fds the kernel wrote into pipe's array: [3, 4] (with -y, [3<pipe:[1234]>, 4<pipe:[1234]>]).
 * An array like any other: -s 1 shows [3, ...], -s 0 [...]. */
static void put_pipe_fd(struct sb *o, struct tcb *t, const void *elem, void *ctx)
{
	(void)ctx;
	int fd;
	memcpy(&fd, elem, sizeof fd);
	print_fd(o, t, fd);
}

static void put_pipe_fds(struct sb *o, struct tcb *t, uint64_t addr)
{
	if (t->error)
		print_addr(o, addr);
	else
		put_array(o, t, addr, 2, sizeof(int), put_pipe_fd, NULL);
}

/* pipe([3, 4]): printed at exit, when the fds exist. */
static void dec_pipe(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		put_pipe_fds(o, t, t->args[0]);
}

/* pipe2([3, 4], O_CLOEXEC): all of it at exit, as strace does. */
static void dec_pipe2(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		return;
	put_pipe_fds(o, t, t->args[0]);
	put_sep(o);
	print_flags(o, open_flags, (uint32_t)t->args[1], "O_???");
}

/* ---- memfd_create ---- */

#define K_MFD_HUGE_SHIFT 26
#define K_MFD_HUGE_MASK 0x3fU
#define K_MFD_NAME_MAX 250 /* 255 minus "memfd:", plus its NUL: what strace reads of the name */

static const struct xlat memfd_flags[] = {
	XLAT_PAIR(1, "MFD_CLOEXEC"),
	XLAT_PAIR(2, "MFD_ALLOW_SEALING"),
	XLAT_PAIR(4, "MFD_HUGETLB"),
	XLAT_END, /* MFD_NOEXEC_SEAL and MFD_EXEC are newer than strace 6.1, which prints them unnamed */
};

/* memfd_create("name", MFD_CLOEXEC|MFD_HUGETLB|21<<MFD_HUGE_SHIFT): the name is cut by -s like data. */
static void dec_memfd_create(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		t->rval_fmt = RVAL_FD;
		return;
	}
	char name[K_MFD_NAME_MAX + 1];
	bool truncated;
	ssize_t n = mem_read_cstr(t, t->args[0], name, K_MFD_NAME_MAX, &truncated);
	if (n < 0) {
		print_addr(o, t->args[0]);
	} else {
		size_t show = (size_t)n > (size_t)opt.strsize ? (size_t)opt.strsize : (size_t)n;
		print_quoted(o, (const unsigned char *)name, show, truncated || show < (size_t)n, false);
	}
	put_sep(o);
	uint32_t flags = (uint32_t)t->args[1];
	uint32_t huge = (flags >> K_MFD_HUGE_SHIFT) & K_MFD_HUGE_MASK;
	uint32_t rest = flags & ~(K_MFD_HUGE_MASK << K_MFD_HUGE_SHIFT);
	if (rest || !huge)
		print_flags(o, memfd_flags, rest, "MFD_???");
	if (huge)
		sb_printf(o, "%s%u<<MFD_HUGE_SHIFT", rest ? "|" : "", huge);
}

/* ---- lseek ---- */

static void dec_lseek(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	sb_printf(o, ", %lld, ", (long long)t->args[1]);
	print_xval(o, whence_names, (uint32_t)t->args[2], "SEEK_???");
}

/* ---- hints and space: fadvise64, readahead, fallocate, sync_file_range, flock ---- */

static const struct xlat fadvise_advice[] = {
	XLAT(POSIX_FADV_NORMAL),
	XLAT(POSIX_FADV_RANDOM),
	XLAT(POSIX_FADV_SEQUENTIAL),
	XLAT(POSIX_FADV_WILLNEED),
	XLAT(POSIX_FADV_DONTNEED),
	XLAT(POSIX_FADV_NOREUSE),
	XLAT_END,
};

static const struct xlat falloc_modes[] = {
	XLAT_PAIR(0x01, "FALLOC_FL_KEEP_SIZE"),
	XLAT_PAIR(0x02, "FALLOC_FL_PUNCH_HOLE"),
	XLAT_PAIR(0x04, "FALLOC_FL_NO_HIDE_STALE"),
	XLAT_PAIR(0x08, "FALLOC_FL_COLLAPSE_RANGE"),
	XLAT_PAIR(0x10, "FALLOC_FL_ZERO_RANGE"),
	XLAT_PAIR(0x20, "FALLOC_FL_INSERT_RANGE"),
	XLAT_PAIR(0x40, "FALLOC_FL_UNSHARE_RANGE"),
	XLAT_END,
};

static const struct xlat sync_file_range_flags[] = {
	XLAT(SYNC_FILE_RANGE_WAIT_BEFORE),
	XLAT(SYNC_FILE_RANGE_WRITE),
	XLAT(SYNC_FILE_RANGE_WAIT_AFTER),
	XLAT_END,
};

static const struct xlat flock_ops[] = {
	XLAT_PAIR(1, "LOCK_SH"),
	XLAT_PAIR(2, "LOCK_EX"),
	XLAT_PAIR(4, "LOCK_NB"),
	XLAT_PAIR(8, "LOCK_UN"),
	XLAT_PAIR(32, "LOCK_MAND"),
	XLAT_PAIR(192, "LOCK_RW"), /* before LOCK_READ and LOCK_WRITE, its two bits */
	XLAT_PAIR(64, "LOCK_READ"),
	XLAT_PAIR(128, "LOCK_WRITE"),
	XLAT_END,
};

/* fadvise64(3, 0, 0, POSIX_FADV_SEQUENTIAL) */
static void dec_fadvise64(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	sb_printf(o, ", %lld, %llu, ", (long long)t->args[1], (unsigned long long)t->args[2]);
	print_xval(o, fadvise_advice, (uint32_t)t->args[3], "POSIX_FADV_???");
}

/* readahead(3, 0, 4096) */
static void dec_readahead(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	sb_printf(o, ", %lld, %llu", (long long)t->args[1], (unsigned long long)t->args[2]);
}

/* fallocate(3, FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE, 0, 4096) */
static void dec_fallocate(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	put_sep(o);
	print_flags(o, falloc_modes, (uint32_t)t->args[1], "FALLOC_FL_???");
	sb_printf(o, ", %lld, %lld", (long long)t->args[2], (long long)t->args[3]);
}

/* sync_file_range(3, 0, 0, SYNC_FILE_RANGE_WRITE) */
static void dec_sync_file_range(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	sb_printf(o, ", %lld, %lld, ", (long long)t->args[1], (long long)t->args[2]);
	print_flags(o, sync_file_range_flags, (uint32_t)t->args[3], "SYNC_FILE_RANGE_???");
}

/* flock(3, LOCK_EX|LOCK_NB) */
static void dec_flock(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	put_sep(o);
	print_flags(o, flock_ops, (uint32_t)t->args[1], "LOCK_???");
}

/* ---- fcntl ---- */

/* O_RDWR|O_NONBLOCK: the access mode always named, then the other bits. */
static void put_open_mode(struct sb *o, uint32_t flags)
{
	print_xval(o, open_access_modes, flags & O_ACCMODE, NULL);
	uint32_t rest = flags & ~(uint32_t)O_ACCMODE;
	if (rest) {
		sb_putc(o, '|');
		print_flags(o, open_flags, rest, NULL);
	}
}

/* struct flock: {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10} (+ l_pid for F_GETLK). */
static void put_flock(struct sb *o, struct tcb *t, uint64_t addr, bool with_pid)
{
	struct flock fl;
	if (mem_read(t, addr, &fl, sizeof fl) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_puts(o, "{l_type=");
	print_xval(o, lock_types, (uint16_t)fl.l_type, "F_???");
	sb_puts(o, ", l_whence=");
	print_xval(o, whence_names, (uint16_t)fl.l_whence, "SEEK_???");
	sb_printf(o, ", l_start=%lld, l_len=%lld", (long long)fl.l_start, (long long)fl.l_len);
	if (with_pid)
		sb_printf(o, ", l_pid=%d", (int)fl.l_pid);
	sb_putc(o, '}');
}

/* struct f_owner_ex: {type=F_OWNER_PGRP, pid=7} */
static void put_owner(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct f_owner_ex ow;
	if (mem_read(t, addr, &ow, sizeof ow) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_puts(o, "{type=");
	print_xval(o, owner_types, (uint32_t)ow.type, "F_OWNER_???");
	sb_printf(o, ", pid=%d}", (int)ow.pid);
}

/* "(flags O_RDWR|O_NONBLOCK)" and the like, after a return value printed in hex. */
static void set_aux_flags(struct tcb *t, const char *prefix, const struct xlat *x, uint64_t v, bool open_mode)
{
	struct sb s = { 0 };
	sb_printf(&s, "(%s", prefix);
	if (open_mode)
		put_open_mode(&s, (uint32_t)v);
	else
		print_flags(&s, x, v, NULL);
	sb_putc(&s, ')');
	snprintf(t->aux, sizeof t->aux, "%s", sb_str(&s));
	sb_free(&s);
}

static void fcntl_entering(struct tcb *t, struct sb *o, uint32_t cmd, uint64_t arg)
{
	switch (cmd) {
	case F_GETFD:
	case F_GETFL:
	case F_GETOWN:
	case F_GETSIG:
	case F_GETLEASE:
	case F_GETPIPE_SZ:
	case F_GET_SEALS:
	case F_GETLK: /* these two and F_GETOWN_EX: their struct is printed at exit */
	case F_OFD_GETLK:
	case F_GETOWN_EX:
		return;
	}
	put_sep(o);
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		sb_printf(o, "%lld", (long long)arg);
		break;
	case F_SETOWN: /* a pid, and a size: strace prints them as ints */
	case F_SETPIPE_SZ:
		sb_printf(o, "%d", (int)arg);
		break;
	case F_SETFD:
		print_flags(o, fd_flags, arg, "FD_???");
		break;
	case F_SETFL:
		put_open_mode(o, (uint32_t)arg);
		break;
	case F_SETSIG:
		sb_puts(o, sig_name((int)arg));
		break;
	case F_SETLEASE:
		print_xval(o, lock_types, arg, "F_???");
		break;
	case F_NOTIFY:
		print_flags(o, notify_flags, arg, "DN_???");
		break;
	case F_ADD_SEALS:
		print_flags(o, seal_flags, arg, "F_SEAL_???");
		break;
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		put_flock(o, t, arg, false);
		break;
	case F_SETOWN_EX:
		put_owner(o, t, arg);
		break;
	default: /* F_GETOWNER_UIDS, F_CANCELLK, the *LK64 numbers and unknown commands: the raw value */
		sb_printf(o, "%#llx", (unsigned long long)arg);
	}
}

static void fcntl_exiting(struct tcb *t, struct sb *o, uint32_t cmd, uint64_t arg)
{
	switch (cmd) {
	case F_GETLK:
	case F_OFD_GETLK:
		put_sep(o);
		if (t->error)
			print_addr(o, arg);
		else
			put_flock(o, t, arg, true);
		return;
	case F_GETOWN_EX:
		put_sep(o);
		if (t->error)
			print_addr(o, arg);
		else
			put_owner(o, t, arg);
		return;
	}
	if (t->error)
		return;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		t->rval_fmt = RVAL_FD;
		break;
	case F_GETFD:
		if (t->rval) {
			t->rval_fmt = RVAL_HEX;
			set_aux_flags(t, "flags ", fd_flags, (uint64_t)t->rval, false);
		}
		break;
	case F_GETFL:
		t->rval_fmt = RVAL_HEX;
		set_aux_flags(t, "flags ", NULL, (uint64_t)t->rval, true);
		break;
	case F_GET_SEALS:
		if (t->rval) {
			t->rval_fmt = RVAL_HEX;
			set_aux_flags(t, "seals ", seal_flags, (uint64_t)t->rval, false);
		}
		break;
	case F_GETLEASE: {
		const char *name = xlat_name(lock_types, (uint64_t)t->rval);
		t->rval_fmt = RVAL_HEX;
		if (name)
			snprintf(t->aux, sizeof t->aux, "(%s)", name);
		break;
	}
	case F_GETSIG:
		if (t->rval > 0 && t->rval <= 64)
			snprintf(t->aux, sizeof t->aux, "(%s)", sig_name((int)t->rval));
		break;
	}
}

/* fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0; fcntl(3, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK) */
static void dec_fcntl(struct tcb *t, struct sb *o, bool entering)
{
	uint32_t cmd = (uint32_t)t->args[1];
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		print_xval(o, fcntl_cmds, cmd, "F_???");
		fcntl_entering(t, o, cmd, t->args[2]);
	} else {
		fcntl_exiting(t, o, cmd, t->args[2]);
	}
}

/* ---- ioctl ---- */

/* What an ioctl's third argument is, as far as this tracer decodes it. Names and argument kinds follow
 * what strace 6.1 prints for each request; requests it decodes further than we do (struct ifreq and
 * the like) print as an address. */
enum ioc_arg {
	IA_RAW,        /* the value in hex (strace has no decoder for the request) */
	IA_NONE,       /* no argument shown */
	IA_DEC,        /* an int in decimal (TCSBRK 1) */
	IA_FD,         /* an fd (FICLONE) */
	IA_PTR,        /* a pointer we do not decode */
	IA_INT_IN,     /* [1], read at entry (FIONBIO) */
	IA_INT_OUT,    /* [5], written by the kernel (FIONREAD) */
	IA_MODEM_IN,   /* [TIOCM_DTR|TIOCM_RTS] */
	IA_MODEM_OUT,
	IA_TERMIOS_IN, /* {c_iflag=..., c_oflag=..., c_cflag=..., c_lflag=..., ...} */
	IA_TERMIOS_OUT,
	IA_TERMIO_IN,  /* the same for the old struct termio (16-bit flags) */
	IA_TERMIO_OUT,
	IA_WINSZ_IN,   /* {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0} */
	IA_WINSZ_OUT,
	IA_TCXONC,     /* TCOON... */
	IA_TCFLSH,     /* TCIFLUSH... */
	IA_CHAR_IN,    /* TIOCSTI: the one byte pushed, as a string */
};

struct ioctl_def {
	uint32_t code;
	const char *name;
	enum ioc_arg arg;
};

static const struct ioctl_def ioctls[] = {
	/* generic file ioctls */
	{ 0x1, "FIBMAP", IA_RAW },
	{ 0x2, "FIGETBSZ", IA_RAW },
	{ 0x125e, "BLKROGET", IA_PTR },
	{ 0x1260, "BLKGETSIZE", IA_PTR },
	{ 0x1268, "BLKSSZGET", IA_PTR },
	{ 0x80081272, "BLKGETSIZE64", IA_PTR },
	{ 0x80086601, "FS_IOC_GETFLAGS", IA_PTR },
	{ 0x40086602, "FS_IOC_SETFLAGS", IA_PTR },
	{ 0x80087601, "FS_IOC_GETVERSION", IA_RAW },
	{ 0x801c581f, "FS_IOC_FSGETXATTR", IA_PTR },
	{ 0xc020660b, "FS_IOC_FIEMAP", IA_PTR },
	{ 0x40049409, "BTRFS_IOC_CLONE or FICLONE", IA_FD },
	{ 0x4020940d, "BTRFS_IOC_CLONE_RANGE or FICLONERANGE", IA_PTR },
	{ 0xc0189436, "BTRFS_IOC_FILE_EXTENT_SAME or FIDEDUPERANGE", IA_PTR },
	{ 0xc0045877, "FIFREEZE", IA_NONE },
	{ 0xc0045878, "FITHAW", IA_NONE },
	{ 0x80045200, "RNDGETENTCNT", IA_PTR },
	{ 0x400454ca, "TUNSETIFF", IA_RAW },
	{ 0x800454d2, "TUNGETIFF", IA_RAW },
	/* terminals (asm-generic/ioctls.h), and the FIO* calls that share their 'T' range */
	{ 0x5401, "TCGETS", IA_TERMIOS_OUT },
	{ 0x5402, "SNDCTL_TMR_START or TCSETS", IA_TERMIOS_IN },
	{ 0x5403, "SNDCTL_TMR_STOP or TCSETSW", IA_TERMIOS_IN },
	{ 0x5404, "SNDCTL_TMR_CONTINUE or TCSETSF", IA_TERMIOS_IN },
	{ 0x5405, "TCGETA", IA_TERMIO_OUT },
	{ 0x5406, "TCSETA", IA_TERMIO_IN },
	{ 0x5407, "TCSETAW", IA_TERMIO_IN },
	{ 0x5408, "TCSETAF", IA_TERMIO_IN },
	{ 0x5409, "TCSBRK", IA_DEC },
	{ 0x540a, "TCXONC", IA_TCXONC },
	{ 0x540b, "TCFLSH", IA_TCFLSH },
	{ 0x540c, "TIOCEXCL", IA_NONE },
	{ 0x540d, "TIOCNXCL", IA_NONE },
	{ 0x540e, "TIOCSCTTY", IA_DEC },
	{ 0x540f, "TIOCGPGRP", IA_INT_OUT },
	{ 0x5410, "TIOCSPGRP", IA_INT_IN },
	{ 0x5411, "TIOCOUTQ", IA_INT_OUT },
	{ 0x5412, "TIOCSTI", IA_CHAR_IN },
	{ 0x5413, "TIOCGWINSZ", IA_WINSZ_OUT },
	{ 0x5414, "TIOCSWINSZ", IA_WINSZ_IN },
	{ 0x5415, "TIOCMGET", IA_MODEM_OUT },
	{ 0x5416, "TIOCMBIS", IA_MODEM_IN },
	{ 0x5417, "TIOCMBIC", IA_MODEM_IN },
	{ 0x5418, "TIOCMSET", IA_MODEM_IN },
	{ 0x5419, "TIOCGSOFTCAR", IA_INT_OUT },
	{ 0x541a, "TIOCSSOFTCAR", IA_INT_IN },
	{ 0x541b, "FIONREAD", IA_INT_OUT },
	{ 0x541c, "TIOCLINUX", IA_RAW },
	{ 0x541d, "TIOCCONS", IA_NONE },
	{ 0x541e, "TIOCGSERIAL", IA_RAW },
	{ 0x541f, "TIOCSSERIAL", IA_NONE }, /* sic: strace 6.1 shows no argument */
	{ 0x5420, "TIOCPKT", IA_INT_IN },
	{ 0x5421, "FIONBIO", IA_INT_IN },
	{ 0x5422, "TIOCNOTTY", IA_NONE },
	{ 0x5423, "TIOCSETD", IA_INT_IN },
	{ 0x5424, "TIOCGETD", IA_INT_OUT },
	{ 0x5425, "TCSBRKP", IA_DEC },
	{ 0x5427, "TIOCSBRK", IA_NONE },
	{ 0x5428, "TIOCCBRK", IA_NONE },
	{ 0x5429, "TIOCGSID", IA_INT_OUT },
	{ 0x802c542a, "TCGETS2", IA_TERMIOS_OUT },
	{ 0x402c542b, "TCSETS2", IA_TERMIOS_IN },
	{ 0x402c542c, "TCSETSW2", IA_TERMIOS_IN },
	{ 0x402c542d, "TCSETSF2", IA_TERMIOS_IN },
	{ 0x542e, "TIOCGRS485", IA_RAW },
	{ 0x542f, "TIOCSRS485", IA_RAW },
	{ 0x80045430, "TIOCGPTN", IA_INT_OUT },
	{ 0x40045431, "TIOCSPTLCK", IA_INT_IN },
	{ 0x80045432, "TIOCGDEV", IA_PTR },
	{ 0x5432, "TCGETX", IA_RAW },
	{ 0x5433, "TCSETX", IA_RAW },
	{ 0x5434, "TCSETXF", IA_RAW },
	{ 0x5435, "TCSETXW", IA_RAW },
	{ 0x40045436, "TIOCSIG", IA_RAW },
	{ 0x5437, "TIOCVHANGUP", IA_NONE },
	{ 0x80045438, "TIOCGPKT", IA_RAW },
	{ 0x80045439, "TIOCGPTLCK", IA_RAW },
	{ 0x80045440, "TIOCGEXCL", IA_PTR },
	{ 0x5441, "TIOCGPTPEER", IA_RAW },
	{ 0x5450, "FIONCLEX", IA_NONE },
	{ 0x5451, "FIOCLEX", IA_NONE },
	{ 0x5452, "FIOASYNC", IA_INT_IN },
	{ 0x5453, "TIOCSERCONFIG", IA_RAW },
	{ 0x5454, "TIOCSERGWILD", IA_RAW },
	{ 0x5455, "TIOCSERSWILD", IA_RAW },
	{ 0x5456, "TIOCGLCKTRMIOS", IA_TERMIOS_OUT },
	{ 0x5457, "TIOCSLCKTRMIOS", IA_TERMIOS_IN },
	{ 0x5458, "TIOCSERGSTRUCT", IA_RAW },
	{ 0x5459, "TIOCSERGETLSR", IA_RAW },
	{ 0x545a, "TIOCSERGETMULTI", IA_RAW },
	{ 0x545b, "TIOCSERSETMULTI", IA_RAW },
	{ 0x545c, "TIOCMIWAIT", IA_RAW },
	{ 0x545d, "TIOCGICOUNT", IA_RAW },
	{ 0x5460, "FIOQSIZE", IA_RAW },
	{ 0xc0045401, "SNDCTL_TMR_TIMEBASE", IA_RAW },
	/* sockets (linux/sockios.h); SIOCINQ and SIOCOUTQ share FIONREAD's and TIOCOUTQ's numbers */
	{ 0x8901, "FIOSETOWN", IA_INT_IN },
	{ 0x8902, "SIOCSPGRP", IA_INT_IN },
	{ 0x8903, "FIOGETOWN", IA_INT_OUT },
	{ 0x8904, "SIOCGPGRP", IA_INT_OUT },
	{ 0x8905, "SIOCATMARK", IA_INT_OUT },
	{ 0x8906, "SIOCGSTAMP_OLD", IA_PTR },
	{ 0x8907, "SIOCGSTAMPNS_OLD", IA_PTR },
	{ 0x890b, "SIOCADDRT", IA_PTR },
	{ 0x890c, "SIOCDELRT", IA_PTR },
	{ 0x890d, "SIOCRTMSG", IA_PTR },
	{ 0x8910, "SIOCGIFNAME", IA_PTR },
	{ 0x8911, "SIOCSIFLINK", IA_PTR },
	{ 0x8912, "SIOCGIFCONF", IA_PTR },
	{ 0x8913, "SIOCGIFFLAGS", IA_PTR },
	{ 0x8914, "SIOCSIFFLAGS", IA_PTR },
	{ 0x8915, "SIOCGIFADDR", IA_PTR },
	{ 0x8916, "SIOCSIFADDR", IA_PTR },
	{ 0x8917, "SIOCGIFDSTADDR", IA_PTR },
	{ 0x8918, "SIOCSIFDSTADDR", IA_PTR },
	{ 0x8919, "SIOCGIFBRDADDR", IA_PTR },
	{ 0x891a, "SIOCSIFBRDADDR", IA_PTR },
	{ 0x891b, "SIOCGIFNETMASK", IA_PTR },
	{ 0x891c, "SIOCSIFNETMASK", IA_PTR },
	{ 0x891d, "SIOCGIFMETRIC", IA_PTR },
	{ 0x891e, "SIOCSIFMETRIC", IA_PTR },
	{ 0x891f, "SIOCGIFMEM", IA_PTR },
	{ 0x8920, "SIOCSIFMEM", IA_PTR },
	{ 0x8921, "SIOCGIFMTU", IA_PTR },
	{ 0x8922, "SIOCSIFMTU", IA_PTR },
	{ 0x8923, "SIOCSIFNAME", IA_PTR },
	{ 0x8924, "SIOCSIFHWADDR", IA_PTR },
	{ 0x8925, "SIOCGIFENCAP", IA_PTR },
	{ 0x8926, "SIOCSIFENCAP", IA_INT_IN },
	{ 0x8927, "SIOCGIFHWADDR", IA_PTR },
	{ 0x8929, "SIOCGIFSLAVE", IA_PTR },
	{ 0x8930, "SIOCSIFSLAVE", IA_PTR },
	{ 0x8931, "SIOCADDMULTI", IA_PTR },
	{ 0x8932, "SIOCDELMULTI", IA_PTR },
	{ 0x8933, "SIOCGIFINDEX", IA_PTR },
	{ 0x8934, "SIOCSIFPFLAGS", IA_PTR },
	{ 0x8935, "SIOCGIFPFLAGS", IA_PTR },
	{ 0x8936, "SIOCDIFADDR", IA_PTR },
	{ 0x8937, "SIOCSIFHWBROADCAST", IA_PTR },
	{ 0x8938, "SIOCGIFCOUNT", IA_PTR },
	{ 0x8940, "SIOCGIFBR", IA_PTR },
	{ 0x8941, "SIOCSIFBR", IA_PTR },
	{ 0x8942, "SIOCGIFTXQLEN", IA_PTR },
	{ 0x8943, "SIOCSIFTXQLEN", IA_PTR },
	{ 0x8946, "SIOCETHTOOL", IA_PTR },
	{ 0x8947, "SIOCGMIIPHY", IA_PTR },
	{ 0x8948, "SIOCGMIIREG", IA_PTR },
	{ 0x8949, "SIOCSMIIREG", IA_PTR },
	{ 0x894a, "SIOCWANDEV", IA_PTR },
	{ 0x894b, "SIOCOUTQNSD", IA_PTR },
	{ 0x894c, "SIOCGSKNS", IA_PTR },
	{ 0x8953, "SIOCDARP", IA_PTR },
	{ 0x8954, "SIOCGARP", IA_PTR },
	{ 0x8955, "SIOCSARP", IA_PTR },
	{ 0x8960, "SIOCDRARP", IA_PTR },
	{ 0x8961, "SIOCGRARP", IA_PTR },
	{ 0x8962, "SIOCSRARP", IA_PTR },
	{ 0x8970, "SIOCGIFMAP", IA_PTR },
	{ 0x8971, "SIOCSIFMAP", IA_PTR },
	{ 0x8980, "SIOCADDDLCI", IA_PTR },
	{ 0x8981, "SIOCDELDLCI", IA_PTR },
	{ 0x8982, "SIOCGIFVLAN", IA_PTR },
	{ 0x8983, "SIOCSIFVLAN", IA_PTR },
	{ 0x8990, "SIOCBONDENSLAVE", IA_PTR },
	{ 0x8991, "SIOCBONDRELEASE", IA_PTR },
	{ 0x8992, "SIOCBONDSETHWADDR", IA_PTR },
	{ 0x8993, "SIOCBONDSLAVEINFOQUERY", IA_PTR },
	{ 0x8994, "SIOCBONDINFOQUERY", IA_PTR },
	{ 0x8995, "SIOCBONDCHANGEACTIVE", IA_PTR },
	{ 0x89a0, "SIOCBRADDBR", IA_PTR },
	{ 0x89a1, "SIOCBRDELBR", IA_PTR },
	{ 0x89a2, "SIOCBRADDIF", IA_PTR },
	{ 0x89a3, "SIOCBRDELIF", IA_PTR },
	{ 0x89b0, "SIOCSHWTSTAMP", IA_PTR },
	{ 0x89b1, "SIOCGHWTSTAMP", IA_PTR },
	{ 0x89e0, "SIOCPROTOPRIVATE", IA_RAW },
	{ 0x89f0, "SIOCDEVPRIVATE", IA_RAW },
	{ 0, NULL, IA_RAW },
};

static const struct ioctl_def *ioctl_lookup(uint32_t code)
{
	for (const struct ioctl_def *d = ioctls; d->name; d++)
		if (d->code == code)
			return d;
	return NULL;
}

static const struct xlat ioc_dirs[] = {
	XLAT_PAIR(0, "_IOC_NONE"),
	XLAT_PAIR(1, "_IOC_WRITE"),
	XLAT_PAIR(2, "_IOC_READ"),
	XLAT_PAIR(3, "_IOC_READ|_IOC_WRITE"),
	XLAT_END,
};

/* A request strace has no name for: _IOC(_IOC_READ, 0x12, 0x34, 0x4) -- direction, type, number, size. */
static void put_ioc(struct sb *o, uint32_t code)
{
	sb_puts(o, "_IOC(");
	print_xval(o, ioc_dirs, (code >> 30) & 3, NULL);
	sb_printf(o, ", %#x, %#x, %#x)", (code >> 8) & 0xff, code & 0xff, (code >> 16) & 0x3fff);
}

static const struct xlat tcxonc_actions[] = {
	XLAT(TCOOFF),
	XLAT(TCOON),
	XLAT(TCIOFF),
	XLAT(TCION),
	XLAT_END,
};

static const struct xlat tcflsh_queues[] = {
	XLAT(TCIFLUSH),
	XLAT(TCOFLUSH),
	XLAT(TCIOFLUSH),
	XLAT_END,
};

static const struct xlat modem_bits[] = {
	XLAT(TIOCM_LE),
	XLAT(TIOCM_DTR),
	XLAT(TIOCM_RTS),
	XLAT(TIOCM_ST),
	XLAT(TIOCM_SR),
	XLAT(TIOCM_CTS),
	XLAT(TIOCM_CAR),
	XLAT(TIOCM_RNG),
	XLAT(TIOCM_DSR),
	XLAT_PAIR(0x2000, "TIOCM_OUT1"),
	XLAT_PAIR(0x4000, "TIOCM_OUT2"),
	XLAT_PAIR(0x8000, "TIOCM_LOOP"),
	XLAT_END,
};

/* ---- termios, printed as strace does without -v: the four flag words, then "..." ---- */

/* The kernel's struct termios (not glibc's, which is larger) and struct termio. */
struct k_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
};

struct k_termio {
	uint16_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[8];
};

static const struct xlat termios_iflags[] = {
	XLAT(IGNBRK),
	XLAT(BRKINT),
	XLAT(IGNPAR),
	XLAT(PARMRK),
	XLAT(INPCK),
	XLAT(ISTRIP),
	XLAT(INLCR),
	XLAT(IGNCR),
	XLAT(ICRNL),
	XLAT(IUCLC),
	XLAT(IXON),
	XLAT(IXANY),
	XLAT(IXOFF),
	XLAT(IMAXBEL),
	XLAT(IUTF8),
	XLAT_END,
};

static const struct xlat termios_oflags[] = {
	XLAT(OPOST),
	XLAT(OLCUC),
	XLAT(ONLCR),
	XLAT(OCRNL),
	XLAT(ONOCR),
	XLAT(ONLRET),
	XLAT(OFILL),
	XLAT(OFDEL),
	XLAT_END,
};

/* The delay fields of c_oflag: each is printed by name, even when 0 (NL0|CR0|TAB0|BS0|VT0|FF0). */
static const struct xlat nl_delays[] = { XLAT(NL0), XLAT(NL1), XLAT_END };
static const struct xlat cr_delays[] = { XLAT(CR0), XLAT(CR1), XLAT(CR2), XLAT(CR3), XLAT_END };
static const struct xlat tab_delays[] = { XLAT(TAB0), XLAT(TAB1), XLAT(TAB2), XLAT_PAIR(TAB3, "XTABS"), XLAT_END };
static const struct xlat bs_delays[] = { XLAT(BS0), XLAT(BS1), XLAT_END };
static const struct xlat vt_delays[] = { XLAT(VT0), XLAT(VT1), XLAT_END };
static const struct xlat ff_delays[] = { XLAT(FF0), XLAT(FF1), XLAT_END };

static const struct {
	uint32_t mask;
	const struct xlat *names;
} oflag_delays[] = {
	{ NLDLY, nl_delays }, { CRDLY, cr_delays }, { TABDLY, tab_delays },
	{ BSDLY, bs_delays }, { VTDLY, vt_delays }, { FFDLY, ff_delays },
};

#define K_CBAUD 0010017
#define K_CIBAUD (K_CBAUD << 16)
#define K_IBSHIFT 16
#define K_BOTHER 0010000

static const struct xlat baud_rates[] = {
	XLAT(B0), XLAT(B50), XLAT(B75), XLAT(B110), XLAT(B134), XLAT(B150), XLAT(B200), XLAT(B300),
	XLAT(B600), XLAT(B1200), XLAT(B1800), XLAT(B2400), XLAT(B4800), XLAT(B9600), XLAT(B19200),
	XLAT(B38400), XLAT_PAIR(K_BOTHER, "BOTHER"), XLAT(B57600), XLAT(B115200), XLAT(B230400),
	XLAT(B460800), XLAT(B500000), XLAT(B576000), XLAT(B921600), XLAT(B1000000), XLAT(B1152000),
	XLAT(B1500000), XLAT(B2000000), XLAT(B2500000), XLAT(B3000000), XLAT(B3500000), XLAT(B4000000),
	XLAT_END,
};

static const struct xlat char_sizes[] = { XLAT(CS5), XLAT(CS6), XLAT(CS7), XLAT(CS8), XLAT_END };

static const struct xlat termios_cflags[] = {
	XLAT(CSTOPB),
	XLAT(CREAD),
	XLAT(PARENB),
	XLAT(PARODD),
	XLAT(HUPCL),
	XLAT(CLOCAL),
	XLAT(CMSPAR),
	XLAT(CRTSCTS),
	XLAT_END,
};

static const struct xlat termios_lflags[] = {
	XLAT(ISIG),
	XLAT(ICANON),
	XLAT(XCASE),
	XLAT(ECHO),
	XLAT(ECHOE),
	XLAT(ECHOK),
	XLAT(ECHONL),
	XLAT(NOFLSH),
	XLAT(IEXTEN),
	XLAT(ECHOCTL),
	XLAT(ECHOPRT),
	XLAT(ECHOKE),
	XLAT(FLUSHO),
	XLAT(PENDIN),
	XLAT(TOSTOP),
	XLAT(EXTPROC),
	XLAT_END,
};

/* A flag word inside a termios: names joined by '|', unknown bits in hex, and nothing at all for 0
 * (strace prints "c_lflag=," there, unlike print_flags' "0"). */
static void put_bits(struct sb *o, const struct xlat *x, uint32_t v)
{
	if (v == 0)
		return;
	print_flags(o, x, v, NULL);
}

static void put_xval_plain(struct sb *o, const struct xlat *x, uint32_t v)
{
	print_xval(o, x, v, NULL);
}

static void put_termios_flags(struct sb *o, uint32_t iflag, uint32_t oflag, uint32_t cflag, uint32_t lflag)
{
	sb_puts(o, "{c_iflag=");
	put_bits(o, termios_iflags, iflag);
	sb_puts(o, ", c_oflag=");
	uint32_t rest = oflag;
	for (size_t i = 0; i < sizeof oflag_delays / sizeof oflag_delays[0]; i++) {
		put_xval_plain(o, oflag_delays[i].names, oflag & oflag_delays[i].mask);
		sb_putc(o, '|');
		rest &= ~oflag_delays[i].mask;
	}
	put_bits(o, termios_oflags, rest);
	sb_puts(o, ", c_cflag=");
	put_xval_plain(o, baud_rates, cflag & K_CBAUD);
	uint32_t ibaud = (cflag & K_CIBAUD) >> K_IBSHIFT;
	if (ibaud) {
		sb_putc(o, '|');
		put_xval_plain(o, baud_rates, ibaud);
		sb_puts(o, "<<IBSHIFT");
	}
	sb_putc(o, '|');
	put_xval_plain(o, char_sizes, cflag & CSIZE);
	sb_putc(o, '|');
	put_bits(o, termios_cflags, cflag & ~(uint32_t)(K_CBAUD | K_CIBAUD | CSIZE));
	sb_puts(o, ", c_lflag=");
	put_bits(o, termios_lflags, lflag);
	sb_puts(o, ", ...}");
}

static void put_termios(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct k_termios tio;
	if (mem_read(t, addr, &tio, sizeof tio) != 0)
		print_addr(o, addr);
	else
		put_termios_flags(o, tio.c_iflag, tio.c_oflag, tio.c_cflag, tio.c_lflag);
}

static void put_termio(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct k_termio tio;
	if (mem_read(t, addr, &tio, sizeof tio) != 0)
		print_addr(o, addr);
	else
		put_termios_flags(o, tio.c_iflag, tio.c_oflag, tio.c_cflag, tio.c_lflag);
}

static void put_winsize(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct winsize ws;
	if (mem_read(t, addr, &ws, sizeof ws) != 0)
		print_addr(o, addr);
	else
		sb_printf(o, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}", ws.ws_row, ws.ws_col,
			  ws.ws_xpixel, ws.ws_ypixel);
}

static void put_modem_ref(struct sb *o, struct tcb *t, uint64_t addr)
{
	int v;
	if (mem_read(t, addr, &v, sizeof v) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_putc(o, '[');
	print_flags(o, modem_bits, (uint32_t)v, "TIOCM_???");
	sb_putc(o, ']');
}

static bool ioctl_is_output(enum ioc_arg k)
{
	return k == IA_INT_OUT || k == IA_MODEM_OUT || k == IA_TERMIOS_OUT || k == IA_TERMIO_OUT ||
	       k == IA_WINSZ_OUT;
}

/* The argument of a request known to be read by the kernel (printed at entry). */
static void ioctl_input(struct sb *o, struct tcb *t, enum ioc_arg k, uint64_t arg)
{
	switch (k) {
	case IA_NONE:
		return;
	case IA_RAW:
		sb_printf(o, ", %#llx", (unsigned long long)arg);
		return;
	default:
		break;
	}
	put_sep(o);
	switch (k) {
	case IA_DEC:
		sb_printf(o, "%d", (int)arg);
		break;
	case IA_FD:
		put_fd(o, t, arg);
		break;
	case IA_INT_IN:
		print_int_ref(o, t, arg);
		break;
	case IA_MODEM_IN:
		put_modem_ref(o, t, arg);
		break;
	case IA_TERMIOS_IN:
		put_termios(o, t, arg);
		break;
	case IA_TERMIO_IN:
		put_termio(o, t, arg);
		break;
	case IA_WINSZ_IN:
		put_winsize(o, t, arg);
		break;
	case IA_TCXONC:
		print_xval(o, tcxonc_actions, arg, "TC???");
		break;
	case IA_TCFLSH:
		print_xval(o, tcflsh_queues, arg, "TC???");
		break;
	case IA_CHAR_IN:
		put_data(o, t, arg, 1);
		break;
	default: /* IA_PTR */
		print_addr(o, arg);
	}
}

/* What the kernel wrote back (printed at exit): the address when the call failed. */
static void ioctl_output(struct sb *o, struct tcb *t, enum ioc_arg k, uint64_t arg)
{
	put_sep(o);
	if (t->error) {
		print_addr(o, arg);
		return;
	}
	switch (k) {
	case IA_INT_OUT:
		print_int_ref(o, t, arg);
		break;
	case IA_MODEM_OUT:
		put_modem_ref(o, t, arg);
		break;
	case IA_TERMIOS_OUT:
		put_termios(o, t, arg);
		break;
	case IA_TERMIO_OUT:
		put_termio(o, t, arg);
		break;
	default: /* IA_WINSZ_OUT */
		put_winsize(o, t, arg);
	}
}

/* ioctl(1, TCGETS, {c_iflag=ICRNL|IXON, ...}), ioctl(3, FIONBIO, [1]), ioctl(3, _IOC(...), 0x5) */
static void dec_ioctl(struct tcb *t, struct sb *o, bool entering)
{
	uint32_t code = (uint32_t)t->args[1]; /* the kernel's request is an unsigned int */
	const struct ioctl_def *d = ioctl_lookup(code);
	enum ioc_arg k = d ? d->arg : IA_RAW;
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		if (d)
			sb_puts(o, d->name);
		else
			put_ioc(o, code);
		if (!ioctl_is_output(k))
			ioctl_input(o, t, k, t->args[2]);
	} else if (ioctl_is_output(k)) {
		ioctl_output(o, t, k, t->args[2]);
	}
}

const struct decoder_entry io_decoders[] = {
	{ "read", dec_read },
	{ "write", dec_write },
	{ "pread64", dec_pread64 },
	{ "pwrite64", dec_pwrite64 },
	{ "readv", dec_readv },
	{ "writev", dec_writev },
	{ "preadv", dec_preadv },
	{ "pwritev", dec_pwritev },
	{ "preadv2", dec_preadv2 },
	{ "pwritev2", dec_pwritev2 },
	{ "sendfile", dec_sendfile },
	{ "splice", dec_splice },
	{ "tee", dec_tee },
	{ "vmsplice", dec_vmsplice },
	{ "copy_file_range", dec_copy_file_range },
	{ "close", dec_close },
	{ "close_range", dec_close_range },
	{ "dup", dec_dup },
	{ "dup2", dec_dup2 },
	{ "dup3", dec_dup3 },
	{ "pipe", dec_pipe },
	{ "pipe2", dec_pipe2 },
	{ "lseek", dec_lseek },
	{ "fadvise64", dec_fadvise64 },
	{ "readahead", dec_readahead },
	{ "fallocate", dec_fallocate },
	{ "sync_file_range", dec_sync_file_range },
	{ "flock", dec_flock },
	{ "memfd_create", dec_memfd_create },
	{ "fcntl", dec_fcntl },
	{ "ioctl", dec_ioctl },
	{ NULL, NULL },
};
