/* prefilter.h -- the seccomp-BPF pre-filter (--seccomp-bpf): the kernel stops the tracee only for the
 * syscalls -e trace= selected, and every other syscall runs at full speed. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

/* Build the filter from the -e trace= set. Returns 0, or -1 after printing why. */
int prefilter_build(void);
/* In the child, just before execve: install it. Returns 0 or -errno. */
int prefilter_load(void);
/* Write the filter as libseccomp's pseudo-filter code. */
int prefilter_dump(FILE *f);
