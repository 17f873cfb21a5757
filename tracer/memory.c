/* memory.c -- reading the tracee's memory: process_vm_readv, falling back to PTRACE_PEEKDATA where the
 * kernel or a security module refuses it (e.g. a page the tracee mapped without read permission is still
 * readable by ptrace, which works through the kernel's access_process_vm). */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "tracer.h"

static int peek_read(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	unsigned char *out = buf;
	size_t done = 0;
	while (done < len) {
		uint64_t a = addr + done;
		uint64_t aligned = a & ~(uint64_t)(sizeof(long) - 1);
		errno = 0;
		long word = ptrace(PTRACE_PEEKDATA, pid, (void *)aligned, NULL);
		if (word == -1 && errno)
			return -1;
		size_t skip = a - aligned;
		size_t n = sizeof(long) - skip;
		if (n > len - done)
			n = len - done;
		memcpy(out + done, (unsigned char *)&word + skip, n);
		done += n;
	}
	return 0;
}

int mem_read(struct tcb *t, uint64_t addr, void *buf, size_t len)
{
	if (len == 0)
		return 0;
	if (addr == 0)
		return -1;
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n = process_vm_readv(t->pid, &local, 1, &remote, 1, 0);
	if (n == (ssize_t)len)
		return 0;
	if (n < 0 && errno != EPERM && errno != ENOSYS)
		return -1; /* EFAULT: the address is really not mapped */
	return peek_read(t->pid, addr, buf, len);
}

/* Reads page by page so that a string ending just before an unmapped page is still read whole. */
ssize_t mem_read_cstr(struct tcb *t, uint64_t addr, char *buf, size_t max, bool *truncated)
{
	size_t got = 0;
	*truncated = false;
	if (addr == 0)
		return -1;
	while (got < max) {
		uint64_t a = addr + got;
		size_t chunk = 4096 - (a & 4095);
		if (chunk > max - got)
			chunk = max - got;
		if (mem_read(t, a, buf + got, chunk) != 0) {
			if (got == 0)
				return -1;
			break;
		}
		void *nul = memchr(buf + got, '\0', chunk);
		if (nul) {
			got = (size_t)((char *)nul - buf);
			buf[got] = '\0';
			return (ssize_t)got;
		}
		got += chunk;
	}
	buf[got] = '\0';
	*truncated = true;
	return (ssize_t)got;
}
