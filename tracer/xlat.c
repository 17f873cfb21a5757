/* xlat.c -- constant names: value sets and bit sets from tables, errno and signal names. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "tracer.h"

/* The kernel's first real-time signal; glibc's SIGRTMIN is higher because it keeps two for itself. */
enum { SIGRTMIN_KERNEL = 32 };

const char *xlat_name(const struct xlat *x, uint64_t val)
{
	for (; x->name; x++)
		if (x->val == val)
			return x->name;
	return NULL;
}

void print_xval(struct sb *o, const struct xlat *x, uint64_t val, const char *dflt)
{
	const char *name = xlat_name(x, val);
	if (name)
		sb_puts(o, name);
	else if (dflt)
		sb_printf(o, "%#llx /* %s */", (unsigned long long)val, dflt);
	else
		sb_printf(o, "%#llx", (unsigned long long)val);
}

void print_xval_d(struct sb *o, const struct xlat *x, uint64_t val, const char *dflt)
{
	const char *name = xlat_name(x, val);
	if (name)
		sb_puts(o, name);
	else if (dflt)
		sb_printf(o, "%llu /* %s */", (unsigned long long)val, dflt);
	else
		sb_printf(o, "%llu", (unsigned long long)val);
}

void print_flags(struct sb *o, const struct xlat *x, uint64_t flags, const char *dflt)
{
	if (flags == 0) {
		const char *zero = xlat_name(x, 0);
		sb_puts(o, zero ? zero : "0");
		return;
	}
	uint64_t left = flags;
	bool any = false;
	for (; x->name; x++) {
		if (x->val == 0 || (left & x->val) != x->val)
			continue;
		if (any)
			sb_putc(o, '|');
		sb_puts(o, x->name);
		left &= ~x->val;
		any = true;
	}
	if (!left)
		return;
	if (any)
		sb_printf(o, "|%#llx", (unsigned long long)left);
	else if (dflt)
		sb_printf(o, "%#llx /* %s */", (unsigned long long)left, dflt);
	else
		sb_printf(o, "%#llx", (unsigned long long)left);
}

/* The kernel's restart codes never reach user space, but a tracer sees them at syscall exit when a
 * signal interrupted the call; strace words them this way. */
static const struct {
	int err;
	const char *name, *text;
} restart_codes[] = {
	{ 512, "ERESTARTSYS", "To be restarted if SA_RESTART is set" },
	{ 513, "ERESTARTNOINTR", "To be restarted" },
	{ 514, "ERESTARTNOHAND", "To be restarted if no handler" },
	{ 515, "ENOIOCTLCMD", "No ioctl command" },
	{ 516, "ERESTART_RESTARTBLOCK", "Interrupted by signal" },
	{ 517, "EPROBE_DEFER", "Requested probe deferral" },
	{ 518, "EOPENSTALE", "Open stale" },
	{ 519, "ENOPARAM", "No parameter" },
	{ 521, "EBADHANDLE", "Illegal NFS file handle" },
	{ 522, "ENOTSYNC", "Update synchronization mismatch" },
	{ 523, "EBADCOOKIE", "Cookie is stale" },
	{ 524, "ENOTSUPP", "Operation is not supported" },
	{ 525, "ETOOSMALL", "Buffer or request is too small" },
	{ 526, "ESERVERFAULT", "An untranslatable error occurred" },
	{ 527, "EBADTYPE", "Type not supported by server" },
	{ 528, "EJUKEBOX", "Request initiated, but will not complete before timeout" },
	{ 529, "EIOCBQUEUED", "iocb queued, will get completion event" },
	{ 530, "ERECALLCONFLICT", "Conflict with recalled state" },
};

const char *errno_name(int err)
{
	for (size_t i = 0; i < sizeof restart_codes / sizeof restart_codes[0]; i++)
		if (restart_codes[i].err == err)
			return restart_codes[i].name;
	return strerrorname_np(err);
}

const char *errno_text(int err)
{
	for (size_t i = 0; i < sizeof restart_codes / sizeof restart_codes[0]; i++)
		if (restart_codes[i].err == err)
			return restart_codes[i].text;
	return strerror(err);
}

const char *signal_name(int sig)
{
	static char buf[32];
	if (sig == SIGRTMIN_KERNEL)
		return "SIGRTMIN";
	if (sig > SIGRTMIN_KERNEL && sig <= 64) {
		snprintf(buf, sizeof buf, "SIGRT_%d", sig - SIGRTMIN_KERNEL);
		return buf;
	}
	/* glibc calls 29 POLL; strace, and most programmers, call it SIGIO. */
	const char *abbrev = sig == SIGIO ? "IO" : sig > 0 && sig < SIGRTMIN_KERNEL ? sigabbrev_np(sig) : NULL;
	if (!abbrev) {
		snprintf(buf, sizeof buf, "%d", sig);
		return buf;
	}
	snprintf(buf, sizeof buf, "SIG%s", abbrev);
	return buf;
}
