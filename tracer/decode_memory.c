/* decode_memory.c -- arguments of the memory syscalls (brk, mmap, munmap, mprotect, mremap, madvise, msync,
 * mlock*, membarrier) printed the way strace prints them. Every one of them is decoded whole at entry:
 * nothing comes back through a pointer, only the return value (an address for brk, mmap and mremap). */
#define _GNU_SOURCE
#include <sys/mman.h>

#include "tracer.h"

/* Kernel values spelled out: glibc does not define all of them on every version. */
#define K_PROT_SEM 0x8
#define K_MAP_TYPE 0xf
#define K_MAP_HUGE_SHIFT 26
#define K_MAP_HUGE_MASK 0x3fu
#define K_MREMAP_FIXED 2

static const struct xlat prot_flags[] = {
	XLAT_PAIR(0x1, "PROT_READ"),
	XLAT_PAIR(0x2, "PROT_WRITE"),
	XLAT_PAIR(0x4, "PROT_EXEC"),
	XLAT_PAIR(K_PROT_SEM, "PROT_SEM"),
	XLAT_PAIR(0x01000000, "PROT_GROWSDOWN"),
	XLAT_PAIR(0x02000000, "PROT_GROWSUP"),
	XLAT_PAIR(0, "PROT_NONE"),
	XLAT_END,
};

/* The low four bits of mmap's flags are the mapping type, one value of a set. */
static const struct xlat map_types[] = {
	XLAT_PAIR(0, "MAP_FILE"),
	XLAT_PAIR(0x1, "MAP_SHARED"),
	XLAT_PAIR(0x2, "MAP_PRIVATE"),
	XLAT_PAIR(0x3, "MAP_SHARED_VALIDATE"),
	XLAT_END,
};

/* The rest are bits; strace's order, which is not numeric. */
static const struct xlat map_flags[] = {
	XLAT_PAIR(0x10, "MAP_FIXED"),
	XLAT_PAIR(0x20, "MAP_ANONYMOUS"),
	XLAT_PAIR(0x40, "MAP_32BIT"),
	XLAT_PAIR(0x4000, "MAP_NORESERVE"),
	XLAT_PAIR(0x8000, "MAP_POPULATE"),
	XLAT_PAIR(0x10000, "MAP_NONBLOCK"),
	XLAT_PAIR(0x100, "MAP_GROWSDOWN"),
	XLAT_PAIR(0x800, "MAP_DENYWRITE"),
	XLAT_PAIR(0x1000, "MAP_EXECUTABLE"),
	XLAT_PAIR(0x2000, "MAP_LOCKED"),
	XLAT_PAIR(0x20000, "MAP_STACK"),
	XLAT_PAIR(0x40000, "MAP_HUGETLB"),
	XLAT_PAIR(0x80000, "MAP_SYNC"),
	XLAT_PAIR(0x100000, "MAP_FIXED_NOREPLACE"),
	XLAT_END,
};

static const struct xlat mremap_flags[] = {
	XLAT_PAIR(1, "MREMAP_MAYMOVE"),
	XLAT_PAIR(K_MREMAP_FIXED, "MREMAP_FIXED"),
	XLAT_PAIR(4, "MREMAP_DONTUNMAP"),
	XLAT_END,
};

static const struct xlat madvise_advice[] = {
	XLAT_PAIR(0, "MADV_NORMAL"),
	XLAT_PAIR(1, "MADV_RANDOM"),
	XLAT_PAIR(2, "MADV_SEQUENTIAL"),
	XLAT_PAIR(3, "MADV_WILLNEED"),
	XLAT_PAIR(4, "MADV_DONTNEED"),
	XLAT_PAIR(8, "MADV_FREE"),
	XLAT_PAIR(9, "MADV_REMOVE"),
	XLAT_PAIR(10, "MADV_DONTFORK"),
	XLAT_PAIR(11, "MADV_DOFORK"),
	XLAT_PAIR(12, "MADV_MERGEABLE"),
	XLAT_PAIR(13, "MADV_UNMERGEABLE"),
	XLAT_PAIR(14, "MADV_HUGEPAGE"),
	XLAT_PAIR(15, "MADV_NOHUGEPAGE"),
	XLAT_PAIR(16, "MADV_DONTDUMP"),
	XLAT_PAIR(17, "MADV_DODUMP"),
	XLAT_PAIR(18, "MADV_WIPEONFORK"),
	XLAT_PAIR(19, "MADV_KEEPONFORK"),
	XLAT_PAIR(20, "MADV_COLD"),
	XLAT_PAIR(21, "MADV_PAGEOUT"),
	XLAT_PAIR(22, "MADV_POPULATE_READ"),
	XLAT_PAIR(23, "MADV_POPULATE_WRITE"),
	XLAT_PAIR(24, "MADV_DONTNEED_LOCKED"),
	XLAT_PAIR(25, "MADV_COLLAPSE"),
	XLAT_PAIR(100, "MADV_HWPOISON"),
	XLAT_PAIR(101, "MADV_SOFT_OFFLINE"),
	XLAT_END,
};

static const struct xlat msync_flags[] = {
	XLAT(MS_SYNC),
	XLAT(MS_ASYNC),
	XLAT(MS_INVALIDATE),
	XLAT_END,
};

static const struct xlat mlock2_flags[] = {
	XLAT_PAIR(1, "MLOCK_ONFAULT"),
	XLAT_END,
};

static const struct xlat mlockall_flags[] = {
	XLAT_PAIR(1, "MCL_CURRENT"),
	XLAT_PAIR(2, "MCL_FUTURE"),
	XLAT_PAIR(4, "MCL_ONFAULT"),
	XLAT_END,
};

/* The commands strace 6.1 knows (newer kernels add MEMBARRIER_CMD_GET_REGISTRATIONS, 1 << 9): the
 * same set, so that our lines stay equal to the strace we compare with. */
static const struct xlat membarrier_cmds[] = {
	XLAT_PAIR(0, "MEMBARRIER_CMD_QUERY"),
	XLAT_PAIR(1 << 0, "MEMBARRIER_CMD_GLOBAL"),
	XLAT_PAIR(1 << 1, "MEMBARRIER_CMD_GLOBAL_EXPEDITED"),
	XLAT_PAIR(1 << 2, "MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED"),
	XLAT_PAIR(1 << 3, "MEMBARRIER_CMD_PRIVATE_EXPEDITED"),
	XLAT_PAIR(1 << 4, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED"),
	XLAT_PAIR(1 << 5, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE"),
	XLAT_PAIR(1 << 6, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE"),
	XLAT_PAIR(1 << 7, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ"),
	XLAT_PAIR(1 << 8, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ"),
	XLAT_END,
};

#define K_MEMBARRIER_CMD_FLAG_CPU 1
static const struct xlat membarrier_flags[] = {
	XLAT_PAIR(K_MEMBARRIER_CMD_FLAG_CPU, "MEMBARRIER_CMD_FLAG_CPU"),
	XLAT_END,
};

/* An fd argument that is not a directory fd: negative values are plain numbers (mmap's -1). */
static void put_fd(struct sb *o, struct tcb *t, uint64_t raw)
{
	int fd = (int)raw;
	if (fd < 0)
		sb_printf(o, "%d", fd);
	else
		print_fd(o, t, fd);
}

/* "addr, len" -- the start of most memory calls. */
static void put_range(struct sb *o, struct tcb *t)
{
	print_addr(o, t->args[0]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[1]);
}

/* mmap's flags: the type, then the bits, then unknown bits in hex, then the huge page size. */
static void put_map_flags(struct sb *o, uint32_t flags)
{
	print_xval(o, map_types, flags & K_MAP_TYPE, "MAP_???");
	uint32_t left = flags & ~(uint32_t)K_MAP_TYPE & ~(K_MAP_HUGE_MASK << K_MAP_HUGE_SHIFT);
	for (const struct xlat *x = map_flags; x->name; x++) {
		if ((left & x->val) == x->val) {
			sb_printf(o, "|%s", x->name);
			left &= ~(uint32_t)x->val;
		}
	}
	if (left)
		sb_printf(o, "|%#x", left);
	uint32_t huge = (flags >> K_MAP_HUGE_SHIFT) & K_MAP_HUGE_MASK;
	if (huge)
		sb_printf(o, "|%u<<MAP_HUGE_SHIFT", huge);
}

static void dec_brk(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		print_addr(o, t->args[0]);
	else
		t->rval_fmt = RVAL_HEX;
}

/* mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f.. */
static void dec_mmap(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		t->rval_fmt = RVAL_HEX;
		return;
	}
	put_range(o, t);
	sb_puts(o, ", ");
	print_flags(o, prot_flags, t->args[2], "PROT_???");
	sb_puts(o, ", ");
	put_map_flags(o, (uint32_t)t->args[3]);
	sb_puts(o, ", ");
	put_fd(o, t, t->args[4]);
	sb_printf(o, ", %#llx", (unsigned long long)t->args[5]);
}

static void dec_range(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		put_range(o, t);
}

static void dec_mprotect(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_range(o, t);
	sb_puts(o, ", ");
	print_flags(o, prot_flags, t->args[2], "PROT_???");
}

static void dec_pkey_mprotect(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	dec_mprotect(t, o, entering);
	sb_printf(o, ", %d", (int)t->args[3]);
}

/* mremap(old, old_len, new_len, flags[, new_address]) = new address */
static void dec_mremap(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		t->rval_fmt = RVAL_HEX;
		return;
	}
	put_range(o, t);
	sb_printf(o, ", %llu, ", (unsigned long long)t->args[2]);
	print_flags(o, mremap_flags, t->args[3], "MREMAP_???");
	if (t->args[3] & K_MREMAP_FIXED) {
		sb_puts(o, ", ");
		print_addr(o, t->args[4]);
	}
}

static void dec_madvise(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_range(o, t);
	sb_puts(o, ", ");
	print_xval(o, madvise_advice, (uint32_t)t->args[2], "MADV_???");
}

static void dec_msync(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_range(o, t);
	sb_puts(o, ", ");
	print_flags(o, msync_flags, (uint32_t)t->args[2], "MS_???");
}

static void dec_mlock2(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_range(o, t);
	sb_puts(o, ", ");
	print_flags(o, mlock2_flags, (uint32_t)t->args[2], "MLOCK_???");
}

static void dec_mlockall(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		print_flags(o, mlockall_flags, (uint32_t)t->args[0], "MCL_???");
}

static void dec_no_args(struct tcb *t, struct sb *o, bool entering)
{
	(void)t, (void)o, (void)entering;
}

/* membarrier(cmd, flags[, cpu_id]); MEMBARRIER_CMD_QUERY returns the set of supported commands, which
 * strace shows in hex and names after the value. */
static void dec_membarrier(struct tcb *t, struct sb *o, bool entering)
{
	uint32_t cmd = (uint32_t)t->args[0], flags = (uint32_t)t->args[1];
	if (entering) {
		print_xval(o, membarrier_cmds, cmd, "MEMBARRIER_CMD_???");
		sb_puts(o, ", ");
		print_flags(o, membarrier_flags, flags, "MEMBARRIER_CMD_FLAG_???");
		if (flags & K_MEMBARRIER_CMD_FLAG_CPU)
			sb_printf(o, ", %d", (int)t->args[2]);
		return;
	}
	if (cmd != 0 || t->error || t->rval == 0)
		return;
	t->rval_fmt = RVAL_HEX;
	struct sb names = { 0 };
	print_flags(&names, membarrier_cmds, (uint64_t)t->rval, NULL);
	snprintf(t->aux, sizeof t->aux, "(%s)", sb_str(&names));
	sb_free(&names);
}

const struct decoder_entry memory_decoders[] = {
	{ "brk", dec_brk },
	{ "mmap", dec_mmap },
	{ "munmap", dec_range },
	{ "mprotect", dec_mprotect },
	{ "pkey_mprotect", dec_pkey_mprotect },
	{ "mremap", dec_mremap },
	{ "madvise", dec_madvise },
	{ "msync", dec_msync },
	{ "mlock", dec_range },
	{ "munlock", dec_range },
	{ "mlock2", dec_mlock2 },
	{ "mlockall", dec_mlockall },
	{ "munlockall", dec_no_args },
	{ "membarrier", dec_membarrier },
	{ NULL, NULL },
};
