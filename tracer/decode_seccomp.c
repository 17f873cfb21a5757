/* decode_seccomp.c -- seccomp(2), the call that installs a syscall filter (stage 08, libseccomp's probes). */
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "tracer.h"

static const struct xlat ops[] = {
	XLAT(SECCOMP_SET_MODE_STRICT), XLAT(SECCOMP_SET_MODE_FILTER), XLAT(SECCOMP_GET_ACTION_AVAIL),
	XLAT_PAIR(3, "SECCOMP_GET_NOTIF_SIZES"), XLAT_END,
};
static const struct xlat filter_flags[] = {
	XLAT_PAIR(1, "SECCOMP_FILTER_FLAG_TSYNC"), XLAT_PAIR(2, "SECCOMP_FILTER_FLAG_LOG"),
	XLAT_PAIR(4, "SECCOMP_FILTER_FLAG_SPEC_ALLOW"), XLAT_PAIR(8, "SECCOMP_FILTER_FLAG_NEW_LISTENER"),
	XLAT_PAIR(16, "SECCOMP_FILTER_FLAG_TSYNC_ESRCH"), XLAT_PAIR(32, "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"),
	XLAT_END,
};
static const struct xlat actions[] = {
	XLAT_PAIR(0x80000000U, "SECCOMP_RET_KILL_PROCESS"), XLAT_PAIR(0, "SECCOMP_RET_KILL_THREAD"),
	XLAT_PAIR(0x00030000U, "SECCOMP_RET_TRAP"), XLAT_PAIR(0x00050000U, "SECCOMP_RET_ERRNO"),
	XLAT_PAIR(0x7fc00000U, "SECCOMP_RET_USER_NOTIF"), XLAT_PAIR(0x7ff00000U, "SECCOMP_RET_TRACE"),
	XLAT_PAIR(0x7ffc0000U, "SECCOMP_RET_LOG"), XLAT_PAIR(0x7fff0000U, "SECCOMP_RET_ALLOW"), XLAT_END,
};

static void print_fprog(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct sock_fprog prog;
	if (!addr || mem_read(t, addr, &prog, sizeof prog) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_printf(o, "{len=%u, filter=", prog.len);
	print_addr(o, (uint64_t)(uintptr_t)prog.filter);
	sb_putc(o, '}');
}

static void dec_seccomp(struct tcb *t, struct sb *o, bool entering)
{
	unsigned op = (unsigned)t->args[0], flags = (unsigned)t->args[1];
	uint64_t arg = t->args[2];
	if (entering) {
		print_xval(o, ops, op, "SECCOMP_SET_MODE_???");
		sb_puts(o, ", ");
		if (op == SECCOMP_SET_MODE_FILTER)
			print_flags(o, filter_flags, flags, "SECCOMP_FILTER_FLAG_???");
		else
			sb_printf(o, "%#x", flags);
		sb_puts(o, ", ");
		if (op == SECCOMP_SET_MODE_FILTER) {
			print_fprog(o, t, arg);
		} else if (op == SECCOMP_GET_ACTION_AVAIL) {
			uint32_t action;
			if (!arg || mem_read(t, arg, &action, sizeof action) != 0) {
				print_addr(o, arg);
			} else {
				sb_putc(o, '[');
				print_xval(o, actions, action, "SECCOMP_RET_???");
				sb_putc(o, ']');
			}
		} else if (op != 3) {
			print_addr(o, arg);
		}
		return;
	}
	if (op == 3) { /* SECCOMP_GET_NOTIF_SIZES: filled by the kernel */
		uint16_t sizes[3];
		if (t->error || !arg || mem_read(t, arg, sizes, sizeof sizes) != 0)
			print_addr(o, arg);
		else
			sb_printf(o, "{seccomp_notif=%u, seccomp_notif_resp=%u, seccomp_data=%u}", sizes[0], sizes[1],
				  sizes[2]);
	}
}

const struct decoder_entry seccomp_decoders[] = {
	{ "seccomp", dec_seccomp },
	{ NULL, NULL },
};
