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
static const struct xlat at_flags[] = {
	XLAT(AT_SYMLINK_NOFOLLOW),
	XLAT(AT_REMOVEDIR),
	XLAT(AT_SYMLINK_FOLLOW),
	XLAT(AT_NO_AUTOMOUNT),
	XLAT(AT_EMPTY_PATH),
	XLAT_PAIR(0x8000, "AT_RECURSIVE"),
	XLAT_END,
};

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
	XLAT(AT_SYMLINK_NOFOLLOW),
	XLAT(AT_REMOVEDIR),
	XLAT(AT_SYMLINK_FOLLOW),
	XLAT(AT_NO_AUTOMOUNT),
	XLAT(AT_EMPTY_PATH),
	XLAT_PAIR(0x8000, "AT_RECURSIVE"),
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

/* ---- argument printers shared by the decoders below ---- */

/* A plain fd argument: negative values are numbers, never AT_FDCWD (strace: fstat(-100, ...)). */
static void put_fd(struct sb *o, struct tcb *t, uint64_t raw)
{
	int fd = (int)raw;
	if (fd < 0)
		sb_printf(o, "%d", fd);
	else
		print_fd(o, t, fd);
}

/* A directory fd of the *at calls: AT_FDCWD by name (print_fd does it). */
static void put_dirfd(struct sb *o, struct tcb *t, uint64_t raw)
{
	print_fd(o, t, (int)raw);
}

/* A permission mode argument (umode_t is 16 bits in the kernel): 0644, 000. */
static void put_mode(struct sb *o, uint64_t raw)
{
	sb_printf(o, "%#03o", (unsigned)(raw & 0xffff));
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
static void put_id(struct sb *o, uint64_t raw)
{
	uint32_t id = (uint32_t)raw;
	if (id == UINT32_MAX)
		sb_puts(o, "-1");
	else
		sb_printf(o, "%u", id);
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

/* "flags[, mode]" of open, openat. */
static void put_open_flags_mode(struct sb *o, uint64_t raw_flags, uint64_t raw_mode)
{
	uint32_t flags = (uint32_t)raw_flags;
	put_open_flags(o, flags);
	if (open_takes_mode(flags)) {
		sb_puts(o, ", ");
		put_mode(o, raw_mode);
	}
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

static void put_makedev(struct sb *o, dev_t dev)
{
	sb_printf(o, "makedev(%#x, %#x)", major(dev), minor(dev));
}

/* struct stat in strace's short form: {st_mode=S_IFREG|0644, st_size=41491, ...}; devices show st_rdev. */
static void put_stat(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct stat st;
	if (t->error || mem_read(t, addr, &st, sizeof st) != 0) {
		print_addr(o, addr);
		return;
	}
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

static void put_statx(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct statx stx;
	if (t->error || mem_read(t, addr, &stx, sizeof stx) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_puts(o, "{stx_mask=");
	print_flags(o, statx_masks, stx.stx_mask, "STATX_???");
	sb_puts(o, ", stx_attributes=");
	print_flags(o, statx_attrs, stx.stx_attributes, "STATX_ATTR_???");
	sb_puts(o, ", stx_mode=");
	put_type_mode(o, stx.stx_mode);
	sb_printf(o, ", stx_size=%llu, ...}", (unsigned long long)stx.stx_size);
}

static void put_statfs(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct statfs s;
	if (t->error || mem_read(t, addr, &s, sizeof s) != 0) {
		print_addr(o, addr);
		return;
	}
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

/* ---- open and friends ---- */

static void dec_open(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		t->rval_fmt = RVAL_FD;
		return;
	}
	print_cstr(o, t, t->args[0]);
	sb_puts(o, ", ");
	put_open_flags_mode(o, t->args[1], t->args[2]);
}

static void dec_openat(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		t->rval_fmt = RVAL_FD;
		return;
	}
	put_dirfd(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
	sb_puts(o, ", ");
	put_open_flags_mode(o, t->args[2], t->args[3]);
}

static void dec_creat(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		t->rval_fmt = RVAL_FD;
		return;
	}
	print_cstr(o, t, t->args[0]);
	sb_puts(o, ", ");
	put_mode(o, t->args[1]);
}

/* struct open_how: {flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_BENEATH}; bytes the kernel does not know
 * yet (size > 24) are shown only when some are not zero. */
static void put_open_how(struct sb *o, struct tcb *t, uint64_t addr, uint64_t size)
{
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

static void dec_openat2(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		t->rval_fmt = RVAL_FD;
		return;
	}
	put_dirfd(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
	sb_puts(o, ", ");
	put_open_how(o, t, t->args[2], t->args[3]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[3]);
}

/* ---- access ---- */

static void dec_access(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_cstr(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_flags(o, access_modes, (uint32_t)t->args[1], "?_OK");
}

static void dec_faccessat(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_dirfd(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
	sb_puts(o, ", ");
	print_flags(o, access_modes, (uint32_t)t->args[2], "?_OK");
}

static void dec_faccessat2(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	dec_faccessat(t, o, entering);
	sb_puts(o, ", ");
	print_flags(o, faccessat_flags, (uint32_t)t->args[3], "AT_???");
}

/* ---- stat family: the path at entry, the buffer at exit ---- */

static void dec_stat(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_cstr(o, t, t->args[0]);
		sb_puts(o, ", ");
	} else {
		put_stat(o, t, t->args[1]);
	}
}

static void dec_fstat(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		sb_puts(o, ", ");
	} else {
		put_stat(o, t, t->args[1]);
	}
}

static void dec_newfstatat(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_dirfd(o, t, t->args[0]);
		sb_puts(o, ", ");
		print_cstr(o, t, t->args[1]);
		sb_puts(o, ", ");
	} else {
		put_stat(o, t, t->args[2]);
		sb_puts(o, ", ");
		print_flags(o, at_flags, (uint32_t)t->args[3], "AT_???");
	}
}

/* statx(AT_FDCWD, "p", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, {...}): the sync type is named even
 * when it is 0, ahead of the other bits. */
static void dec_statx(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		put_statx(o, t, t->args[4]);
		return;
	}
	put_dirfd(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
	sb_puts(o, ", ");
	uint32_t flags = (uint32_t)t->args[2];
	if (flags & K_AT_STATX_SYNC_TYPE) {
		print_flags(o, statx_flags, flags, "AT_???");
	} else {
		sb_puts(o, "AT_STATX_SYNC_AS_STAT");
		put_more_flags(o, statx_flags, flags);
	}
	sb_puts(o, ", ");
	print_flags(o, statx_masks, (uint32_t)t->args[3], "STATX_???");
	sb_puts(o, ", ");
}

static void dec_statfs(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_cstr(o, t, t->args[0]);
		sb_puts(o, ", ");
	} else {
		put_statfs(o, t, t->args[1]);
	}
}

static void dec_fstatfs(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		sb_puts(o, ", ");
	} else {
		put_statfs(o, t, t->args[1]);
	}
}

/* ---- links and the working directory ---- */

/* The link target: only the bytes the call returned, cut by -s like any buffer. */
static void put_readlink_result(struct sb *o, struct tcb *t, uint64_t buf, uint64_t size)
{
	if (t->error)
		print_addr(o, buf);
	else
		print_buf(o, t, buf, (uint64_t)t->rval);
	sb_printf(o, ", %llu", (unsigned long long)size);
}

static void dec_readlink(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_cstr(o, t, t->args[0]);
		sb_puts(o, ", ");
	} else {
		put_readlink_result(o, t, t->args[1], t->args[2]);
	}
}

static void dec_readlinkat(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_dirfd(o, t, t->args[0]);
		sb_puts(o, ", ");
		print_cstr(o, t, t->args[1]);
		sb_puts(o, ", ");
	} else {
		put_readlink_result(o, t, t->args[2], t->args[3]);
	}
}

/* getcwd("/home/me", 4096) = 9: the whole path (not cut by -s), printed at exit. */
static void dec_getcwd(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		return;
	if (t->error)
		print_addr(o, t->args[0]);
	else
		print_cstr(o, t, t->args[0]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[1]);
}

/* One path argument: chdir, rmdir, unlink, chroot. */
static void dec_path(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		print_cstr(o, t, t->args[0]);
}

/* Two paths: rename, link, symlink. */
static void dec_path_path(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_cstr(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
}

/* One fd argument: fchdir, fsync, fdatasync, syncfs. */
static void dec_fd(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		put_fd(o, t, t->args[0]);
}

static void dec_symlinkat(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_cstr(o, t, t->args[0]);
	sb_puts(o, ", ");
	put_dirfd(o, t, t->args[1]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[2]);
}

/* renameat and linkat: (olddirfd, old, newdirfd, new) */
static void put_two_at_paths(struct sb *o, struct tcb *t)
{
	put_dirfd(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
	sb_puts(o, ", ");
	put_dirfd(o, t, t->args[2]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[3]);
}

static void dec_renameat(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		put_two_at_paths(o, t);
}

static void dec_renameat2(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_two_at_paths(o, t);
	sb_puts(o, ", ");
	print_flags(o, rename_flags, (uint32_t)t->args[4], "RENAME_??");
}

static void dec_linkat(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_two_at_paths(o, t);
	sb_puts(o, ", ");
	print_flags(o, at_flags, (uint32_t)t->args[4], "AT_???");
}

static void dec_unlinkat(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_dirfd(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
	sb_puts(o, ", ");
	print_flags(o, at_flags, (uint32_t)t->args[2], "AT_???");
}

/* ---- directories ---- */

/* path, mode: mkdir, chmod */
static void dec_path_mode(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_cstr(o, t, t->args[0]);
	sb_puts(o, ", ");
	put_mode(o, t->args[1]);
}

/* dirfd, path, mode: mkdirat, fchmodat */
static void dec_at_path_mode(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_dirfd(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
	sb_puts(o, ", ");
	put_mode(o, t->args[2]);
}

static void put_mknod_mode_dev(struct sb *o, uint64_t raw_mode, uint64_t raw_dev)
{
	unsigned mode = (unsigned)(raw_mode & 0xffff);
	put_type_mode(o, mode);
	if (S_ISCHR(mode) || S_ISBLK(mode)) {
		sb_puts(o, ", ");
		put_makedev(o, (dev_t)(uint32_t)raw_dev);
	}
}

static void dec_mknod(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_cstr(o, t, t->args[0]);
	sb_puts(o, ", ");
	put_mknod_mode_dev(o, t->args[1], t->args[2]);
}

static void dec_mknodat(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_dirfd(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
	sb_puts(o, ", ");
	put_mknod_mode_dev(o, t->args[2], t->args[3]);
}

/* getdents64(3, 0x5581.. followed by a comment "12 entries", 32768) = 400: entries are counted, not shown. */
static void dec_getdents(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		sb_puts(o, ", ");
		return;
	}
	uint64_t addr = t->args[1];
	print_addr(o, addr);
	if (!t->error) {
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
	sb_printf(o, ", %u", (uint32_t)t->args[2]);
}

/* ---- permissions and ownership ---- */

static void dec_umask(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		put_mode(o, t->args[0]);
	else
		t->rval_fmt = RVAL_OCTAL;
}

static void dec_fchmod(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	sb_puts(o, ", ");
	put_mode(o, t->args[1]);
}

/* chown, lchown: path, uid, gid */
static void dec_chown(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_cstr(o, t, t->args[0]);
	sb_puts(o, ", ");
	put_id(o, t->args[1]);
	sb_puts(o, ", ");
	put_id(o, t->args[2]);
}

static void dec_fchown(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	sb_puts(o, ", ");
	put_id(o, t->args[1]);
	sb_puts(o, ", ");
	put_id(o, t->args[2]);
}

static void dec_fchownat(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_dirfd(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
	sb_puts(o, ", ");
	put_id(o, t->args[2]);
	sb_puts(o, ", ");
	put_id(o, t->args[3]);
	sb_puts(o, ", ");
	print_flags(o, at_flags, (uint32_t)t->args[4], "AT_???");
}

/* ---- timestamps ---- */

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

/* utimensat(dirfd, path, [atime, mtime], flags) */
static void dec_utimensat(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_dirfd(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
	sb_puts(o, ", ");
	struct timespec ts[2];
	if (mem_read(t, t->args[2], ts, sizeof ts) != 0) {
		print_addr(o, t->args[2]);
	} else {
		/* an array: -s N caps its elements too */
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
	sb_puts(o, ", ");
	print_flags(o, at_flags, (uint32_t)t->args[3], "AT_???");
}

/* ---- sizes and syncing ---- */

static void dec_truncate(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_cstr(o, t, t->args[0]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[1]);
}

static void dec_ftruncate(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[1]);
}

static void dec_no_args(struct tcb *t, struct sb *o, bool entering)
{
	(void)t, (void)o, (void)entering;
}

/* ---- the system ---- */

static void dec_sysinfo(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		return;
	struct sysinfo si;
	if (t->error || mem_read(t, t->args[0], &si, sizeof si) != 0) {
		print_addr(o, t->args[0]);
		return;
	}
	uint64_t loads[3] = { si.loads[0], si.loads[1], si.loads[2] };
	sb_printf(o, "{uptime=%ld, loads=", (long)si.uptime);
	put_array(o, loads, 3, "%llu");
	sb_printf(o, ", totalram=%lu, freeram=%lu, sharedram=%lu, bufferram=%lu", (unsigned long)si.totalram,
		  (unsigned long)si.freeram, (unsigned long)si.sharedram, (unsigned long)si.bufferram);
	sb_printf(o, ", totalswap=%lu, freeswap=%lu, procs=%u, totalhigh=%lu, freehigh=%lu, mem_unit=%u}",
		  (unsigned long)si.totalswap, (unsigned long)si.freeswap, (unsigned)si.procs,
		  (unsigned long)si.totalhigh, (unsigned long)si.freehigh, (unsigned)si.mem_unit);
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
