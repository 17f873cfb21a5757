/* prefilter.c -- the seccomp-BPF pre-filter, built with libseccomp: SCMP_ACT_TRACE for the syscalls the
 * trace shows, SCMP_ACT_ALLOW for the rest, for every ABI of this machine so that a 32-bit call can
 * neither escape the trace nor be refused. */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "filter.h"
#include "prefilter.h"
#include "tracer.h"

static scmp_filter_ctx ctx;

/* The other ABIs an x86_64 kernel runs: their syscalls would otherwise go through the default action. */
static const uint32_t extra_arches[] = {
#if defined(__x86_64__)
	SCMP_ARCH_X86, SCMP_ARCH_X32,
#elif defined(__aarch64__)
	SCMP_ARCH_ARM,
#endif
	0,
};

int prefilter_build(void)
{
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx) {
		fprintf(stderr, "tracer: seccomp_init failed\n");
		return -1;
	}
	for (const uint32_t *a = extra_arches; *a; a++) {
		int rc = seccomp_arch_add(ctx, *a);
		if (rc < 0 && rc != -EEXIST) {
			fprintf(stderr, "tracer: seccomp_arch_add: %s\n", strerror(-rc));
			return -1;
		}
	}
	/* Root keeps setuid programs working as usual; anyone else needs no_new_privs to load a filter. */
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, geteuid() != 0);
	enum { MAX = 1024 };
	int nrs[MAX];
	size_t n = filter_numbers(nrs, MAX);
	bool have_execve = false;
	for (size_t i = 0; i < n; i++) {
		/* Names libseccomp does not know for every ABI are added where they exist. */
		seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), nrs[i], 0);
		have_execve |= sysent_by_nr(nrs[i])->name && strcmp(sysent_by_nr(nrs[i])->name, "execve") == 0;
	}
	/* execve is always stopped for: it is where the trace of a started program begins. */
	if (!have_execve) {
		seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), SCMP_SYS(execve), 0);
		seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), SCMP_SYS(execveat), 0);
	}
	return 0;
}

int prefilter_load(void)
{
	return seccomp_load(ctx);
}

int prefilter_dump(FILE *f)
{
	fflush(f);
	return seccomp_export_pfc(ctx, fileno(f));
}
