/* session.h -- starting or attaching to tracees and running the wait loop until they are all gone. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

/* Before session_start: stop only at the syscalls of the -e trace= set (seccomp-BPF pre-filter). */
void session_use_seccomp(bool on);
/* Record every syscall name for --seccomp-profile. */
void session_record_profile(bool on);

/* Start argv[0] (searched in PATH) under the tracer. Returns 0, or -1 after printing why. */
int session_start(char **argv);
/* Attach to a running process (all its threads with -f). Returns 0, or -1 after printing why. */
int session_attach(pid_t pid);
/* Trace until no tracee is left (or, for attached ones, until interrupted). Returns the exit status
 * the tracer should exit with: the started program's, 128+signal when it was killed. */
int session_run(void);
