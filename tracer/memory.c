/* memory.c -- reading the tracee's memory with process_vm_readv, as strace does, so that what cannot be
 * read prints as an address just as strace prints it. PTRACE_PEEKDATA is only the fallback for a kernel
 * without process_vm_readv (ENOSYS) or one that refuses it (EPERM): it goes through the kernel's
 * access_process_vm with FOLL_FORCE, which reads even a PROT_NONE page, so using it for a short read
 * would show bytes that neither strace nor the kernel (on the program's behalf) can see. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "tracer.h"

enum { PAGE = 4096 };

/* Once the kernel says it has no process_vm_readv, asking again on every read only costs a syscall. */
static bool vm_readv_missing;

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
	if (vm_readv_missing)
		return peek_read(t->pid, addr, buf, len);
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n = process_vm_readv(t->pid, &local, 1, &remote, 1, 0);
	if (n == (ssize_t)len)
		return 0;
	/* A short read means a page in the range is unmapped or unreadable: strace prints the address then. */
	if (n >= 0 || (errno != ENOSYS && errno != EPERM))
		return -1;
	if (errno == ENOSYS)
		vm_readv_missing = true;
	return peek_read(t->pid, addr, buf, len);
}

/* Reads page by page, so that a string whose NUL comes just before an unreadable page is still read whole;
 * one that runs into such a page before its NUL is unreadable as a whole (-1), as it is for strace. */
ssize_t mem_read_cstr(struct tcb *t, uint64_t addr, char *buf, size_t max, bool *truncated)
{
	size_t got = 0;
	*truncated = false;
	if (addr == 0)
		return -1;
	while (got < max) {
		uint64_t a = addr + got;
		size_t chunk = PAGE - (a & (PAGE - 1));
		if (chunk > max - got)
			chunk = max - got;
		if (mem_read(t, a, buf + got, chunk) != 0)
			return -1;
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
