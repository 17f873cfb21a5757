/* output.h -- the trace's lines: syscalls, signals, exits (output.c), and siginfo text (siginfo.c). */
#pragma once

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include "tracer.h"

void output_init(FILE *f, bool is_file);
FILE *output_stream(void);
void output_flush(void);
bool output_pending(void);
/* -o to a regular file (or /dev/null): lines are written in batches, flushed by output_tick() at most a
 * few tens of milliseconds after they were made; the caller need not flush when the tracees pause. */
bool output_batched(void);
/* Flush when the batch timer has gone off since the last call (its signal ends a wait with EINTR). */
void output_tick(void);
/* The trace is ending: flush, and stop the timer for good (the waits of a detach must not be cut short). */
void output_end(void);
void output_syscall_entry(struct tcb *t);
/* unfinished: the task vanished (exit, execve by another thread) before the syscall returned: "= ?" */
void output_syscall_exit(struct tcb *t, bool unfinished);
void output_signal(struct tcb *t, const siginfo_t *si);
void output_exit(struct tcb *t, int status);
void output_stopped(struct tcb *t, int sig);
void output_detached(struct tcb *t);
void output_note(struct tcb *t, const char *text);

/* "{si_signo=SIGINT, si_code=SI_USER, si_pid=1234, si_uid=0}" */
void format_siginfo(struct sb *o, const siginfo_t *si);
