/* decode_file.c -- arguments of the file syscalls (open*, access*, stat*, readlink*, getcwd, chdir, mkdir,
 * unlink, rename, getdents64, umask, chmod/chown families, truncate, fsync, statfs, sysinfo, uid/gid)
 * printed the way strace prints them. Paths and flags are printed at entry; what the kernel writes back
 * (a stat buffer, a link target, the working directory) is printed at exit, so a call that blocks shows
 * strace's "<unfinished ...>" split at the same place. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <linux/stat.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/sysmacros.h>
#include <time.h>

#include "tracer.h"

/* Kernel values on x86_64, spelled out where glibc hides them or gives them another value
 * (glibc's O_LARGEFILE is 0 on 64-bit, the kernel's is 0100000). */
#define K_O_LARGEFILE 0100000
#define K___O_TMPFILE 020000000
#define K_O_TMPFILE (K___O_TMPFILE | O_DIRECTORY)
#define K_AT_STATX_SYNC_TYPE 0x6000

/* ---- constant tables (strace's order where it prints several names) ---- */

static const struct xlat open_access_modes[] = {
	XLAT(O_RDONLY),
	XLAT(O_WRONLY),
	XLAT(O_RDWR),
	XLAT_PAIR(3, "O_ACCMODE"),
	XLAT_END,
};

static const struct xlat open_flags[] = {
	XLAT(O_CREAT),
	XLAT(O_EXCL),
	XLAT(O_NOCTTY),
	XLAT(O_TRUNC),
	XLAT(O_APPEND),
	XLAT(O_NONBLOCK),
	XLAT(O_SYNC), /* before O_DSYNC, whose bit it contains */
	XLAT(O_DSYNC),
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

static const struct xlat resolve_flags[] = {
	XLAT(RESOLVE_NO_XDEV),
	XLAT(RESOLVE_NO_MAGICLINKS),
	XLAT(RESOLVE_NO_SYMLINKS),
	XLAT(RESOLVE_BENEATH),
	XLAT(RESOLVE_IN_ROOT),
	XLAT_PAIR(0x20, "RESOLVE_CACHED"),
	XLAT_END,
};

static const struct xlat access_modes[] = {
	XLAT(R_OK),
	XLAT(W_OK),
	XLAT(X_OK),
	XLAT_PAIR(0, "F_OK"),
	XLAT_END,
};

/* The AT_* bits of newfstatat, unlinkat, fchownat, linkat... */
#define AT_FLAG_NAMES                                                                                       \
	XLAT(AT_SYMLINK_NOFOLLOW), XLAT(AT_REMOVEDIR), XLAT(AT_SYMLINK_FOLLOW), XLAT(AT_NO_AUTOMOUNT),         \
		XLAT(AT_EMPTY_PATH), XLAT_PAIR(0x8000, "AT_RECURSIVE")
static const struct xlat at_flags[] = { AT_FLAG_NAMES, XLAT_END };

/* faccessat2 has its own set: AT_EACCESS shares AT_REMOVEDIR's bit. */
static const struct xlat faccessat_flags[] = {
	XLAT(AT_SYMLINK_NOFOLLOW),
	XLAT(AT_EACCESS),
	XLAT(AT_EMPTY_PATH),
	XLAT_END,
};

/* statx: the sync type (two bits) first, then the AT_* bits. */
static const struct xlat statx_flags[] = {
	XLAT(AT_STATX_FORCE_SYNC),
	XLAT(AT_STATX_DONT_SYNC),
	AT_FLAG_NAMES,
	XLAT_END,
};

/* The mask bits strace 6.1 knows; newer ones (STATX_MNT_ID_UNIQUE...) stay in hex as it prints them. */
static const struct xlat statx_masks[] = {
	XLAT_PAIR(0xfff, "STATX_ALL"),
	XLAT_PAIR(0x7ff, "STATX_BASIC_STATS"),
	XLAT(STATX_TYPE),
	XLAT(STATX_MODE),
	XLAT(STATX_NLINK),
	XLAT(STATX_UID),
	XLAT(STATX_GID),
	XLAT(STATX_ATIME),
	XLAT(STATX_MTIME),
	XLAT(STATX_CTIME),
	XLAT(STATX_INO),
	XLAT(STATX_SIZE),
	XLAT(STATX_BLOCKS),
	XLAT(STATX_BTIME),
	XLAT_PAIR(0x1000, "STATX_MNT_ID"),
	XLAT_PAIR(0x2000, "STATX_DIOALIGN"),
	XLAT_END,
};

static const struct xlat statx_attrs[] = {
	XLAT_PAIR(0x4, "STATX_ATTR_COMPRESSED"),
	XLAT_PAIR(0x10, "STATX_ATTR_IMMUTABLE"),
	XLAT_PAIR(0x20, "STATX_ATTR_APPEND"),
	XLAT_PAIR(0x40, "STATX_ATTR_NODUMP"),
	XLAT_PAIR(0x800, "STATX_ATTR_ENCRYPTED"),
	XLAT_PAIR(0x1000, "STATX_ATTR_AUTOMOUNT"),
	XLAT_PAIR(0x2000, "STATX_ATTR_MOUNT_ROOT"),
	XLAT_PAIR(0x100000, "STATX_ATTR_VERITY"),
	XLAT_PAIR(0x200000, "STATX_ATTR_DAX"),
	XLAT_END,
};

static const struct xlat file_types[] = {
	XLAT(S_IFREG),
	XLAT(S_IFSOCK),
	XLAT(S_IFIFO),
	XLAT(S_IFLNK),
	XLAT(S_IFDIR),
	XLAT(S_IFBLK),
	XLAT(S_IFCHR),
	XLAT_END,
};

static const struct xlat rename_flags[] = {
	XLAT_PAIR(1, "RENAME_NOREPLACE"),
	XLAT_PAIR(2, "RENAME_EXCHANGE"),
	XLAT_PAIR(4, "RENAME_WHITEOUT"),
	XLAT_END,
};

/* statfs's f_flags: ST_VALID says the others are meaningful, strace names it first. */
static const struct xlat statfs_flags[] = {
	XLAT_PAIR(0x20, "ST_VALID"),
	XLAT_PAIR(0x1, "ST_RDONLY"),
	XLAT_PAIR(0x2, "ST_NOSUID"),
	XLAT_PAIR(0x4, "ST_NODEV"),
	XLAT_PAIR(0x8, "ST_NOEXEC"),
	XLAT_PAIR(0x10, "ST_SYNCHRONOUS"),
	XLAT_PAIR(0x40, "ST_MANDLOCK"),
	XLAT_PAIR(0x80, "ST_WRITE"),
	XLAT_PAIR(0x100, "ST_APPEND"),
	XLAT_PAIR(0x200, "ST_IMMUTABLE"),
	XLAT_PAIR(0x400, "ST_NOATIME"),
	XLAT_PAIR(0x800, "ST_NODIRATIME"),
	XLAT_PAIR(0x1000, "ST_RELATIME"),
	XLAT_PAIR(0x2000, "ST_NOSYMFOLLOW"),
	XLAT_END,
};

/* Filesystem magic numbers (linux/magic.h); where several names share a value, the first is printed. */
static const struct xlat fs_magics[] = {
	XLAT(EXT2_SUPER_MAGIC),
	XLAT(TMPFS_MAGIC),
	XLAT(PROC_SUPER_MAGIC),
	XLAT(SYSFS_MAGIC),
	XLAT(DEVPTS_SUPER_MAGIC),
	XLAT(CGROUP_SUPER_MAGIC),
	XLAT(CGROUP2_SUPER_MAGIC),
	XLAT(OVERLAYFS_SUPER_MAGIC),
	XLAT(BTRFS_SUPER_MAGIC),
	XLAT(XFS_SUPER_MAGIC),
	XLAT(F2FS_SUPER_MAGIC),
	XLAT(NFS_SUPER_MAGIC),
	XLAT(FUSE_SUPER_MAGIC),
	XLAT(RAMFS_MAGIC),
	XLAT(HUGETLBFS_MAGIC),
	XLAT(SQUASHFS_MAGIC),
	XLAT(ISOFS_SUPER_MAGIC),
	XLAT(MSDOS_SUPER_MAGIC),
	XLAT(EXFAT_SUPER_MAGIC),
	XLAT(EROFS_SUPER_MAGIC_V1),
	XLAT(V9FS_MAGIC),
	XLAT(CIFS_SUPER_MAGIC),
	XLAT(SMB2_SUPER_MAGIC),
	XLAT(AUTOFS_SUPER_MAGIC),
	XLAT(DEBUGFS_MAGIC),
	XLAT(TRACEFS_MAGIC),
	XLAT(SECURITYFS_MAGIC),
	XLAT(SELINUX_MAGIC),
	XLAT(PSTOREFS_MAGIC),
	XLAT(EFIVARFS_MAGIC),
	XLAT(BPF_FS_MAGIC),
	XLAT_PAIR(0x62656570, "CONFIGFS_MAGIC"),
	XLAT(BINFMTFS_MAGIC),
	XLAT_PAIR(0x19800202, "MQUEUE_MAGIC"),
	XLAT(PIPEFS_MAGIC),
	XLAT(SOCKFS_MAGIC),
	XLAT(NSFS_MAGIC),
	XLAT(ANON_INODE_FS_MAGIC),
	XLAT_END,
};

/* ---- how each kind of argument prints ----
 * A printer gets the call's arguments from its own on: a[0] is its argument, and the few kinds that
 * print two read a[1] too. */
typedef void kind_fn(struct sb *o, struct tcb *t, const uint64_t *a);

static void put_path(struct sb *o, struct tcb *t, const uint64_t *a)
{
	print_cstr(o, t, a[0]);
}

/* A plain fd argument: negative values are numbers, never AT_FDCWD (strace: fstat(-100, ...)). */
static void put_fd(struct sb *o, struct tcb *t, const uint64_t *a)
{
	int fd = (int)a[0];
	if (fd < 0)
		sb_printf(o, "%d", fd);
	else
		print_fd(o, t, fd);
}

/* A directory fd of the *at calls: AT_FDCWD by name (print_fd does it). */
static void put_dirfd(struct sb *o, struct tcb *t, const uint64_t *a)
{
	print_fd(o, t, (int)a[0]);
}

/* A permission mode argument (umode_t is 16 bits in the kernel): 0644, 000. */
static void put_mode(struct sb *o, struct tcb *t, const uint64_t *a)
{
	(void)t;
	sb_printf(o, "%#03o", (unsigned)(a[0] & 0xffff));
}

/* A mode with its file type: S_IFREG|S_ISUID|0755, as in st_mode and mknod's mode. */
static void put_type_mode(struct sb *o, unsigned mode)
{
	unsigned type = mode & S_IFMT;
	const char *name = xlat_name(file_types, type);
	if (name)
		sb_printf(o, "%s|", name);
	else if (type)
		sb_printf(o, "%#o|", type);
	if (mode & S_ISUID)
		sb_puts(o, "S_ISUID|");
	if (mode & S_ISGID)
		sb_puts(o, "S_ISGID|");
	if (mode & S_ISVTX)
		sb_puts(o, "S_ISVTX|");
	sb_printf(o, "%#03o", mode & 0777);
}

/* A uid or gid: 32 bits, -1 meaning "leave unchanged". */
static void put_id(struct sb *o, struct tcb *t, const uint64_t *a)
{
	(void)t;
	uint32_t id = (uint32_t)a[0];
	if (id == UINT32_MAX)
		sb_puts(o, "-1");
	else
		sb_printf(o, "%u", id);
}

/* A size or a length: truncate's, getcwd's and readlink's (64 bits), getdents64's (32). */
static void put_u64(struct sb *o, struct tcb *t, const uint64_t *a)
{
	(void)t;
	sb_printf(o, "%llu", (unsigned long long)a[0]);
}

static void put_u32(struct sb *o, struct tcb *t, const uint64_t *a)
{
	(void)t;
	sb_printf(o, "%u", (uint32_t)a[0]);
}

/* Bits after something already printed: "|NAME" for each known bit, then "|0x.." for the rest. */
static void put_more_flags(struct sb *o, const struct xlat *x, uint64_t flags)
{
	for (; x->name; x++) {
		if (x->val && (flags & x->val) == x->val) {
			sb_printf(o, "|%s", x->name);
			flags &= ~x->val;
		}
	}
	if (flags)
		sb_printf(o, "|%#llx", (unsigned long long)flags);
}

/* open's flags: the access mode is a value, the rest are bits: O_RDONLY|O_CLOEXEC. */
static void put_open_flags(struct sb *o, uint64_t flags)
{
	print_xval(o, open_access_modes, flags & 3, NULL);
	put_more_flags(o, open_flags, flags & ~(uint64_t)3);
}

static bool open_takes_mode(uint64_t flags)
{
	return (flags & O_CREAT) || (flags & K___O_TMPFILE);
}

/* "flags[, mode]" of open, openat: two arguments, the mode only when the flags make the kernel read it. */
static void put_open_flags_mode(struct sb *o, struct tcb *t, const uint64_t *a)
{
	uint32_t flags = (uint32_t)a[0];
	put_open_flags(o, flags);
	if (open_takes_mode(flags)) {
		sb_puts(o, ", ");
		put_mode(o, t, a + 1);
	}
}

/* struct open_how: {flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_BENEATH}, its size in a[1]; bytes the
 * kernel does not know yet (size > 24) are shown only when some are not zero. */
static void put_open_how(struct sb *o, struct tcb *t, const uint64_t *a)
{
	uint64_t addr = a[0], size = a[1];
	struct open_how how;
	if (size < sizeof how || mem_read(t, addr, &how, sizeof how) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_puts(o, "{flags=");
	put_open_flags(o, how.flags);
	if (open_takes_mode(how.flags) || how.mode)
		sb_printf(o, ", mode=%#03llo", (unsigned long long)how.mode);
	sb_puts(o, ", resolve=");
	print_flags(o, resolve_flags, how.resolve, "RESOLVE_???");
	enum { EXTRA_MAX = 256 };
	if (size > sizeof how && size - sizeof how <= EXTRA_MAX) {
		unsigned char extra[EXTRA_MAX];
		size_t n = size - sizeof how;
		if (mem_read(t, addr + sizeof how, extra, n) == 0) {
			size_t nz = 0;
			while (nz < n && extra[nz] == 0)
				nz++;
			if (nz < n) {
				sb_printf(o, ", /* bytes %zu..%llu */ \"", sizeof how, (unsigned long long)size - 1);
				for (size_t i = 0; i < n; i++)
					sb_printf(o, "\\x%02x", extra[i]);
				sb_putc(o, '"');
			}
		}
	}
	sb_putc(o, '}');
}

static void put_makedev(struct sb *o, dev_t dev)
{
	sb_printf(o, "makedev(%#x, %#x)", major(dev), minor(dev));
}

/* mknod's mode and dev: the device only for a character or block device. */
static void put_mknod_mode_dev(struct sb *o, struct tcb *t, const uint64_t *a)
{
	(void)t;
	unsigned mode = (unsigned)(a[0] & 0xffff);
	put_type_mode(o, mode);
	if (S_ISCHR(mode) || S_ISBLK(mode)) {
		sb_puts(o, ", ");
		put_makedev(o, (dev_t)(uint32_t)a[1]);
	}
}

/* statx's flags: the sync type is named even when it is 0 (AT_STATX_SYNC_AS_STAT), ahead of the other
 * bits. */
static void put_statx_flags(struct sb *o, struct tcb *t, const uint64_t *a)
{
	(void)t;
	uint32_t flags = (uint32_t)a[0];
	if (flags & K_AT_STATX_SYNC_TYPE) {
		print_flags(o, statx_flags, flags, "AT_???");
	} else {
		sb_puts(o, "AT_STATX_SYNC_AS_STAT");
		put_more_flags(o, statx_flags, flags);
	}
}

/* One struct timespec of utimensat: UTIME_NOW and UTIME_OMIT by name, else the fields and, for a valid
 * time, strace's comment with the date in local time: {tv_sec=5, tv_nsec=0} followed by a comment
 * "1970-01-01T00:00:05+0000". */
static void put_utime(struct sb *o, const struct timespec *ts)
{
	if (ts->tv_nsec == UTIME_NOW) {
		sb_puts(o, "UTIME_NOW");
		return;
	}
	if (ts->tv_nsec == UTIME_OMIT) {
		sb_puts(o, "UTIME_OMIT");
		return;
	}
	sb_printf(o, "{tv_sec=%lld, tv_nsec=%llu}", (long long)ts->tv_sec, (unsigned long long)ts->tv_nsec);
	if ((ts->tv_sec == 0 && ts->tv_nsec == 0) || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000)
		return;
	struct tm tm;
	char date[64], zone[16];
	time_t sec = ts->tv_sec;
	if (!localtime_r(&sec, &tm) || !strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm) ||
	    !strftime(zone, sizeof zone, "%z", &tm))
		return;
	sb_printf(o, " /* %s", date);
	if (ts->tv_nsec)
		sb_printf(o, ".%09ld", (long)ts->tv_nsec);
	sb_printf(o, "%s */", zone);
}

/* utimensat's [atime, mtime]: an array, so -s N caps its elements too. */
static void put_utimes(struct sb *o, struct tcb *t, const uint64_t *a)
{
	struct timespec ts[2];
	if (mem_read(t, a[0], ts, sizeof ts) != 0) {
		print_addr(o, a[0]);
		return;
	}
	sb_putc(o, '[');
	for (int i = 0; i < 2; i++) {
		if (i)
			sb_puts(o, ", ");
		if (i >= opt.strsize) {
			sb_puts(o, "...");
			break;
		}
		put_utime(o, &ts[i]);
	}
	sb_putc(o, ']');
}

/* ---- what the kernel writes back, printed at exit ---- */

/* Reads the size bytes a successful call wrote at addr; when the call failed or they cannot be read,
 * prints the address instead and returns false. */
static bool read_result(struct sb *o, struct tcb *t, uint64_t addr, void *buf, size_t size)
{
	if (!t->error && mem_read(t, addr, buf, size) == 0)
		return true;
	print_addr(o, addr);
	return false;
}

/* A short array of numbers: [1, 2, 3]; like strace, -s N also caps the number of elements shown. */
static void put_array(struct sb *o, const uint64_t *v, size_t n, const char *fmt)
{
	sb_putc(o, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_puts(o, ", ");
		if (i >= (size_t)opt.strsize) {
			sb_puts(o, "...");
			break;
		}
		sb_printf(o, fmt, (unsigned long long)v[i]);
	}
	sb_putc(o, ']');
}

/* struct stat in strace's short form: {st_mode=S_IFREG|0644, st_size=41491, ...}; devices show st_rdev. */
static void put_stat(struct sb *o, struct tcb *t, const uint64_t *a)
{
	struct stat st;
	if (!read_result(o, t, a[0], &st, sizeof st))
		return;
	sb_puts(o, "{st_mode=");
	put_type_mode(o, st.st_mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
		sb_puts(o, ", st_rdev=");
		put_makedev(o, st.st_rdev);
	} else {
		sb_printf(o, ", st_size=%lld", (long long)st.st_size);
	}
	sb_puts(o, ", ...}");
}

static void put_statx(struct sb *o, struct tcb *t, const uint64_t *a)
{
	struct statx stx;
	if (!read_result(o, t, a[0], &stx, sizeof stx))
		return;
	sb_puts(o, "{stx_mask=");
	print_flags(o, statx_masks, stx.stx_mask, "STATX_???");
	sb_puts(o, ", stx_attributes=");
	print_flags(o, statx_attrs, stx.stx_attributes, "STATX_ATTR_???");
	sb_puts(o, ", stx_mode=");
	put_type_mode(o, stx.stx_mode);
	sb_printf(o, ", stx_size=%llu, ...}", (unsigned long long)stx.stx_size);
}

static void put_statfs(struct sb *o, struct tcb *t, const uint64_t *a)
{
	struct statfs s;
	if (!read_result(o, t, a[0], &s, sizeof s))
		return;
	int fsid[2];
	_Static_assert(sizeof s.f_fsid == sizeof fsid, "f_fsid is two ints");
	memcpy(fsid, &s.f_fsid, sizeof fsid);
	sb_puts(o, "{f_type=");
	print_xval(o, fs_magics, (uint64_t)s.f_type, NULL);
	sb_printf(o, ", f_bsize=%ld, f_blocks=%lu, f_bfree=%lu, f_bavail=%lu, f_files=%lu, f_ffree=%lu",
		  (long)s.f_bsize, (unsigned long)s.f_blocks, (unsigned long)s.f_bfree, (unsigned long)s.f_bavail,
		  (unsigned long)s.f_files, (unsigned long)s.f_ffree);
	uint64_t val[2] = { (uint32_t)fsid[0], (uint32_t)fsid[1] };
	sb_puts(o, ", f_fsid={val=");
	put_array(o, val, 2, "%#llx");
	sb_printf(o, "}, f_namelen=%ld, f_frsize=%ld, f_flags=", (long)s.f_namelen, (long)s.f_frsize);
	print_flags(o, statfs_flags, (uint64_t)s.f_flags, "ST_???");
	sb_putc(o, '}');
}

/* A link target: only the bytes the call returned, cut by -s like any buffer. */
static void put_link(struct sb *o, struct tcb *t, const uint64_t *a)
{
	if (t->error)
		print_addr(o, a[0]);
	else
		print_buf(o, t, a[0], (uint64_t)t->rval);
}

/* getcwd's path: the whole of it, not cut by -s. */
static void put_cwd(struct sb *o, struct tcb *t, const uint64_t *a)
{
	if (t->error)
		print_addr(o, a[0]);
	else
		print_cstr(o, t, a[0]);
}

/* getdents64's buffer: its address followed by a comment "12 entries": entries are counted, not shown. */
static void put_dirents(struct sb *o, struct tcb *t, const uint64_t *a)
{
	uint64_t addr = a[0];
	print_addr(o, addr);
	if (t->error)
		return;
	size_t len = (size_t)t->rval;
	unsigned char *buf = len ? malloc(len) : NULL;
	if (len == 0 || (buf && mem_read(t, addr, buf, len) == 0)) {
		/* both dirent layouts keep d_reclen at offset 16 on 64-bit */
		enum { RECLEN_AT = 16 };
		unsigned entries = 0;
		for (size_t off = 0; off + RECLEN_AT + 2 <= len; entries++) {
			uint16_t reclen;
			memcpy(&reclen, buf + off + RECLEN_AT, sizeof reclen);
			if (reclen == 0)
				break;
			off += reclen;
		}
		sb_printf(o, " /* %u entries */", entries);
	}
	free(buf);
}

static void put_sysinfo(struct sb *o, struct tcb *t, const uint64_t *a)
{
	struct sysinfo si;
	if (!read_result(o, t, a[0], &si, sizeof si))
		return;
	uint64_t loads[3] = { si.loads[0], si.loads[1], si.loads[2] };
	sb_printf(o, "{uptime=%ld, loads=", (long)si.uptime);
	put_array(o, loads, 3, "%llu");
	sb_printf(o, ", totalram=%lu, freeram=%lu, sharedram=%lu, bufferram=%lu", (unsigned long)si.totalram,
		  (unsigned long)si.freeram, (unsigned long)si.sharedram, (unsigned long)si.bufferram);
	sb_printf(o, ", totalswap=%lu, freeswap=%lu, procs=%u, totalhigh=%lu, freehigh=%lu, mem_unit=%u}",
		  (unsigned long)si.totalswap, (unsigned long)si.freeswap, (unsigned)si.procs,
		  (unsigned long)si.totalhigh, (unsigned long)si.freehigh, (unsigned)si.mem_unit);
}

/* ---- the calls, as lists of the kinds of their arguments ----
 * Every file call prints each of its arguments one way, whatever the call: a path, a directory fd, a
 * mode... So a decoder here is the list of its arguments' kinds, in order. Those before A_EXIT are what
 * the program passes, printed at entry; those after it are what the kernel writes back, printed at exit,
 * so that a call that blocks is split where strace splits it: stat("/p", <unfinished ...>. */
enum arg_kind {
	A_END, A_EXIT,
	A_PATH, A_FD, A_DIRFD, A_MODE, A_ID, A_U64, A_U32, A_OPEN_FLAGS_MODE, A_OPEN_HOW, A_MKNOD_MODE_DEV,
	A_STATX_FLAGS, A_UTIMES,
	A_ACCESS, A_AT_FLAGS, A_FACCESSAT_FLAGS, A_RENAME_FLAGS, A_STATX_MASK,
	A_STAT, A_STATX, A_STATFS, A_LINK, A_CWD, A_DIRENTS, A_SYSINFO,
};

static const struct {
	unsigned nargs;           /* how many of the call's arguments it prints */
	kind_fn *put;             /* NULL: a set of flags, named from the table below */
	const struct xlat *flags;
	const char *unknown;      /* what print_flags calls the bits the table does not name */
} kinds[] = {
	[A_PATH] = { 1, put_path, NULL, NULL },
	[A_FD] = { 1, put_fd, NULL, NULL },
	[A_DIRFD] = { 1, put_dirfd, NULL, NULL },
	[A_MODE] = { 1, put_mode, NULL, NULL },
	[A_ID] = { 1, put_id, NULL, NULL },
	[A_U64] = { 1, put_u64, NULL, NULL },
	[A_U32] = { 1, put_u32, NULL, NULL },
	[A_OPEN_FLAGS_MODE] = { 2, put_open_flags_mode, NULL, NULL },
	[A_OPEN_HOW] = { 1, put_open_how, NULL, NULL }, /* reads its size, the next argument, which prints too */
	[A_MKNOD_MODE_DEV] = { 2, put_mknod_mode_dev, NULL, NULL },
	[A_STATX_FLAGS] = { 1, put_statx_flags, NULL, NULL },
	[A_UTIMES] = { 1, put_utimes, NULL, NULL },
	[A_ACCESS] = { 1, NULL, access_modes, "?_OK" },
	[A_AT_FLAGS] = { 1, NULL, at_flags, "AT_???" },
	[A_FACCESSAT_FLAGS] = { 1, NULL, faccessat_flags, "AT_???" },
	[A_RENAME_FLAGS] = { 1, NULL, rename_flags, "RENAME_??" },
	[A_STATX_MASK] = { 1, NULL, statx_masks, "STATX_???" },
	[A_STAT] = { 1, put_stat, NULL, NULL },
	[A_STATX] = { 1, put_statx, NULL, NULL },
	[A_STATFS] = { 1, put_statfs, NULL, NULL },
	[A_LINK] = { 1, put_link, NULL, NULL },
	[A_CWD] = { 1, put_cwd, NULL, NULL },
	[A_DIRENTS] = { 1, put_dirents, NULL, NULL },
	[A_SYSINFO] = { 1, put_sysinfo, NULL, NULL },
};

/* The part of the list that belongs to this stop, ", " between the kinds. The entry text ends with ", "
 * when the exit has more to print, as strace's does. */
static void put_kinds(struct tcb *t, struct sb *o, bool entering, const enum arg_kind *k)
{
	bool exit_part = false;
	unsigned arg = 0, shown = 0;
	for (; *k != A_END; k++) {
		if (*k == A_EXIT) {
			if (entering && shown)
				sb_puts(o, ", ");
			exit_part = true;
			continue;
		}
		if (exit_part != entering) {
			if (shown++)
				sb_puts(o, ", ");
			if (kinds[*k].put)
				kinds[*k].put(o, t, &t->args[arg]);
			else
				print_flags(o, kinds[*k].flags, (uint32_t)t->args[arg], kinds[*k].unknown);
		}
		arg += kinds[*k].nargs;
	}
}

/* DECODER(fn, kinds...): a decoder that prints the kinds; DECODER_RVAL says how its return value prints. */
#define DECODER_RVAL(fn, rval, ...)                                                      \
	static void fn(struct tcb *t, struct sb *o, bool entering)                       \
	{                                                                                \
		static const enum arg_kind list[] = { __VA_ARGS__, A_END };             \
		put_kinds(t, o, entering, list);                                         \
		if (!entering)                                                           \
			t->rval_fmt = (rval);                                            \
	}
#define DECODER(fn, ...) DECODER_RVAL(fn, RVAL_DECIMAL, __VA_ARGS__)

DECODER_RVAL(dec_open, RVAL_FD, A_PATH, A_OPEN_FLAGS_MODE)
DECODER_RVAL(dec_openat, RVAL_FD, A_DIRFD, A_PATH, A_OPEN_FLAGS_MODE)
DECODER_RVAL(dec_openat2, RVAL_FD, A_DIRFD, A_PATH, A_OPEN_HOW, A_U64)
DECODER_RVAL(dec_creat, RVAL_FD, A_PATH, A_MODE)
DECODER(dec_access, A_PATH, A_ACCESS)
DECODER(dec_faccessat, A_DIRFD, A_PATH, A_ACCESS)
DECODER(dec_faccessat2, A_DIRFD, A_PATH, A_ACCESS, A_FACCESSAT_FLAGS)
/* the stat family: the file at entry, the buffer at exit */
DECODER(dec_stat, A_PATH, A_EXIT, A_STAT)
DECODER(dec_fstat, A_FD, A_EXIT, A_STAT)
DECODER(dec_newfstatat, A_DIRFD, A_PATH, A_EXIT, A_STAT, A_AT_FLAGS)
DECODER(dec_statx, A_DIRFD, A_PATH, A_STATX_FLAGS, A_STATX_MASK, A_EXIT, A_STATX)
DECODER(dec_statfs, A_PATH, A_EXIT, A_STATFS)
DECODER(dec_fstatfs, A_FD, A_EXIT, A_STATFS)
/* links and the working directory */
DECODER(dec_readlink, A_PATH, A_EXIT, A_LINK, A_U64)
DECODER(dec_readlinkat, A_DIRFD, A_PATH, A_EXIT, A_LINK, A_U64)
DECODER(dec_getcwd, A_EXIT, A_CWD, A_U64)
DECODER(dec_path, A_PATH)                 /* chdir, rmdir, unlink, chroot */
DECODER(dec_path_path, A_PATH, A_PATH)    /* rename, link, symlink */
DECODER(dec_fd, A_FD)                     /* fchdir, fsync, fdatasync, syncfs */
DECODER(dec_symlinkat, A_PATH, A_DIRFD, A_PATH)
DECODER(dec_renameat, A_DIRFD, A_PATH, A_DIRFD, A_PATH)
DECODER(dec_renameat2, A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_RENAME_FLAGS)
DECODER(dec_linkat, A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_AT_FLAGS)
DECODER(dec_unlinkat, A_DIRFD, A_PATH, A_AT_FLAGS)
/* directories */
DECODER(dec_path_mode, A_PATH, A_MODE)    /* mkdir, chmod */
DECODER(dec_at_path_mode, A_DIRFD, A_PATH, A_MODE) /* mkdirat, fchmodat */
DECODER(dec_mknod, A_PATH, A_MKNOD_MODE_DEV)
DECODER(dec_mknodat, A_DIRFD, A_PATH, A_MKNOD_MODE_DEV)
DECODER(dec_getdents, A_FD, A_EXIT, A_DIRENTS, A_U32)
/* permissions and ownership */
DECODER_RVAL(dec_umask, RVAL_OCTAL, A_MODE)
DECODER(dec_fchmod, A_FD, A_MODE)
DECODER(dec_chown, A_PATH, A_ID, A_ID)    /* chown, lchown */
DECODER(dec_fchown, A_FD, A_ID, A_ID)
DECODER(dec_fchownat, A_DIRFD, A_PATH, A_ID, A_ID, A_AT_FLAGS)
/* timestamps, sizes, the system */
DECODER(dec_utimensat, A_DIRFD, A_PATH, A_UTIMES, A_AT_FLAGS)
DECODER(dec_truncate, A_PATH, A_U64)
DECODER(dec_ftruncate, A_FD, A_U64)
DECODER(dec_sysinfo, A_EXIT, A_SYSINFO)

static void dec_no_args(struct tcb *t, struct sb *o, bool entering)
{
	(void)t, (void)o, (void)entering;
}

const struct decoder_entry file_decoders[] = {
	{ "open", dec_open },
	{ "openat", dec_openat },
	{ "openat2", dec_openat2 },
	{ "creat", dec_creat },
	{ "access", dec_access },
	{ "faccessat", dec_faccessat },
	{ "faccessat2", dec_faccessat2 },
	{ "stat", dec_stat },
	{ "lstat", dec_stat },
	{ "fstat", dec_fstat },
	{ "newfstatat", dec_newfstatat },
	{ "statx", dec_statx },
	{ "statfs", dec_statfs },
	{ "fstatfs", dec_fstatfs },
	{ "readlink", dec_readlink },
	{ "readlinkat", dec_readlinkat },
	{ "getcwd", dec_getcwd },
	{ "chdir", dec_path },
	{ "fchdir", dec_fd },
	{ "chroot", dec_path },
	{ "mkdir", dec_path_mode },
	{ "mkdirat", dec_at_path_mode },
	{ "mknod", dec_mknod },
	{ "mknodat", dec_mknodat },
	{ "rmdir", dec_path },
	{ "unlink", dec_path },
	{ "unlinkat", dec_unlinkat },
	{ "rename", dec_path_path },
	{ "renameat", dec_renameat },
	{ "renameat2", dec_renameat2 },
	{ "link", dec_path_path },
	{ "linkat", dec_linkat },
	{ "symlink", dec_path_path },
	{ "symlinkat", dec_symlinkat },
	{ "getdents", dec_getdents },
	{ "getdents64", dec_getdents },
	{ "umask", dec_umask },
	{ "chmod", dec_path_mode },
	{ "fchmod", dec_fchmod },
	{ "fchmodat", dec_at_path_mode },
	{ "chown", dec_chown },
	{ "lchown", dec_chown },
	{ "fchown", dec_fchown },
	{ "fchownat", dec_fchownat },
	{ "utimensat", dec_utimensat },
	{ "truncate", dec_truncate },
	{ "ftruncate", dec_ftruncate },
	{ "fsync", dec_fd },
	{ "fdatasync", dec_fd },
	{ "syncfs", dec_fd },
	{ "sync", dec_no_args },
	{ "sysinfo", dec_sysinfo },
	{ "getuid", dec_no_args },
	{ "geteuid", dec_no_args },
	{ "getgid", dec_no_args },
	{ "getegid", dec_no_args },
	{ NULL, NULL },
};
