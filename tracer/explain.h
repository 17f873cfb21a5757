/* explain.h -- plain words for what a syscall meant, from a model of each process's fds that the trace
 * itself keeps up to date (explain.c, fdmodel.c). session.c calls these hooks; output.c prints t->note. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "tracer.h"

/* At the exit of every syscall the tracer sees (printed or not): update the fd model, and when
 * t->printing and opt.explain, write the explanation into t->note (empty: none). t->rval, t->error,
 * t->err and t->args are set; tracee memory is still readable. */
void explain_syscall(struct tcb *t);
/* A new task: a thread (shares_fds: CLONE_FILES) or a process (a copy of the parent's fds). */
void explain_new_task(pid_t parent, pid_t child, bool shares_fds);
/* A successful execve in pid: its close-on-exec fds are gone. */
void explain_exec(pid_t pid);
/* pid is gone. */
void explain_task_gone(pid_t pid);
