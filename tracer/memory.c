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

/* What was read from the task that is stopped now, so that the explanation and the decoder, which look at
 * the same buffers at the same stop, pay for one process_vm_readv and not two. Only the stopped task is
 * served, and only until it is resumed or another stop is handled: once it runs, it (or a thread beside it)
 * may write what was read. */
enum { SLOTS = 4, SLOT_BYTES = 1024 };
struct slot {
	uint64_t addr;
	size_t len; /* 0: empty */
	unsigned char data[SLOT_BYTES];
};
static struct {
	pid_t pid; /* the stopped task; 0 when none is */
	int next;  /* the slot the next miss fills */
	struct slot s[SLOTS];
} cache;

void mem_stopped(pid_t pid)
{
	for (int i = 0; i < SLOTS; i++)
		cache.s[i].len = 0;
	cache.next = 0;
	cache.pid = pid;
}

void mem_forget(void)
{
	mem_stopped(0);
}

static int uncached_read(struct tcb *t, uint64_t addr, void *buf, size_t len)
{
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

int mem_read(struct tcb *t, uint64_t addr, void *buf, size_t len)
{
	if (len == 0)
		return 0;
	if (addr == 0)
		return -1;
	uint64_t end = addr + len;
	if (t->pid != cache.pid || len > SLOT_BYTES || end < addr || vm_readv_missing)
		return uncached_read(t, addr, buf, len);
	for (int i = 0; i < SLOTS; i++) {
		struct slot *s = &cache.s[i];
		if (s->len && addr >= s->addr && end <= s->addr + s->len) {
			memcpy(buf, s->data + (addr - s->addr), len);
			return 0;
		}
	}
	/* Decoders read arrays an element at a time, and the explanation a little more than -s shows: the
	 * rest of the last page asked for comes along. It is readable exactly when that page is (protection
	 * is per page), so a read that succeeds or fails does so as it would alone. */
	struct slot *s = &cache.s[cache.next];
	uint64_t page_end = ((end - 1) | (PAGE - 1)) + 1;
	size_t want = SLOT_BYTES;
	if (page_end == 0 || page_end - addr < want)
		want = page_end == 0 ? len : (size_t)(page_end - addr);
	if (want < len)
		want = len;
	s->len = 0; /* a failed read leaves part of it in the slot */
	if (uncached_read(t, addr, s->data, want) != 0)
		return -1;
	s->addr = addr;
	s->len = want;
	cache.next = (cache.next + 1) % SLOTS;
	memcpy(buf, s->data, len);
	return 0;
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
