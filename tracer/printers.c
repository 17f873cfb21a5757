/* printers.c -- strace's syntax for the argument kinds every decoder family meets: addresses, fds,
 * quoted buffers and strings, int references. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracer.h"

/* fds.c may not be linked into every build of a unit test; without it, fds simply get no label. */
extern bool fd_label(pid_t pid, int fd, int level, char *buf, size_t len) __attribute__((weak));

void print_addr(struct sb *o, uint64_t addr)
{
	if (addr == 0)
		sb_puts(o, "NULL");
	else
		sb_printf(o, "%#llx", (unsigned long long)addr);
}

void print_fd(struct sb *o, struct tcb *t, int64_t fd)
{
	enum { LABEL_MAX = 4 * 4096 + 64 }; /* a PATH_MAX path even with every byte as \xNN */
	static char label[LABEL_MAX];
	int n = (int)fd;
	if (n == -100) /* AT_FDCWD */
		sb_puts(o, "AT_FDCWD");
	else
		sb_printf(o, "%d", n);
	if (!opt.yflag || !fd_label || (n < 0 && n != -100))
		return;
	if (!fd_label(t->pid, n, opt.yflag, label, sizeof label))
		return;
	/* strace keeps the kernel's " (deleted)" outside the brackets: </tmp/x>(deleted) */
	static const char deleted[] = " (deleted)";
	size_t len = strlen(label), dl = sizeof deleted - 1;
	if (len > dl && strcmp(label + len - dl, deleted) == 0) {
		label[len - dl] = '\0';
		sb_printf(o, "<%s>(deleted)", label);
	} else {
		sb_printf(o, "<%s>", label);
	}
}

static bool is_printable(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

static const char *named_escape(unsigned char c)
{
	switch (c) {
	case '\t': return "\\t";
	case '\n': return "\\n";
	case '\v': return "\\v";
	case '\f': return "\\f";
	case '\r': return "\\r";
	case '"': return "\\\"";
	case '\\': return "\\\\";
	}
	return NULL;
}

/* Writes n bytes as a C string literal. -xx: all hex; -x: all hex as soon as one byte would need an
 * octal escape; otherwise octal escapes, three digits when a digit follows (so "\0" "1" stays readable). */
void print_quoted(struct sb *o, const unsigned char *s, size_t n, bool ellipsis, bool stop_at_nul)
{
	if (stop_at_nul) {
		const unsigned char *nul = memchr(s, '\0', n);
		if (nul)
			n = (size_t)(nul - s);
	}
	bool hex = opt.xflag >= 2;
	if (opt.xflag == 1) {
		for (size_t i = 0; i < n && !hex; i++)
			if (!is_printable(s[i]) && (s[i] == 0 || !strchr("\t\n\v\f\r", s[i])))
				hex = true;
	}
	sb_putc(o, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		const char *esc;
		if (hex)
			sb_printf(o, "\\x%02x", c);
		else if ((esc = named_escape(c)))
			sb_puts(o, esc);
		else if (is_printable(c))
			sb_putc(o, (char)c);
		else if (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7')
			sb_printf(o, "\\%03o", c);
		else
			sb_printf(o, "\\%o", c);
	}
	sb_putc(o, '"');
	if (ellipsis)
		sb_puts(o, "...");
}

void print_buf(struct sb *o, struct tcb *t, uint64_t addr, uint64_t len)
{
	if (addr == 0) {
		print_addr(o, addr);
		return;
	}
	size_t show = len > (uint64_t)opt.strsize ? (size_t)opt.strsize : (size_t)len;
	/* Even with -s 0, strace reads the first byte: an unreadable buffer shows as its address. */
	size_t probe = show ? show : (len ? 1 : 0);
	unsigned char *buf = malloc(probe ? probe : 1);
	if (!buf || mem_read(t, addr, buf, probe) != 0) {
		print_addr(o, addr);
		free(buf);
		return;
	}
	print_quoted(o, buf, show, len > show, false);
	free(buf);
}

void print_cstr(struct sb *o, struct tcb *t, uint64_t addr)
{
	enum { PATH_LIMIT = 4096 };
	char *buf = malloc(PATH_LIMIT + 1);
	bool truncated;
	ssize_t n = buf ? mem_read_cstr(t, addr, buf, PATH_LIMIT, &truncated) : -1;
	if (n < 0)
		print_addr(o, addr);
	else
		print_quoted(o, (unsigned char *)buf, (size_t)n, truncated, false);
	free(buf);
}

void print_int_ref(struct sb *o, struct tcb *t, uint64_t addr)
{
	int v;
	if (mem_read(t, addr, &v, sizeof v) != 0)
		print_addr(o, addr);
	else
		sb_printf(o, "[%d]", v);
}
