/* sb.c -- a growable text buffer: decoders write a line's pieces into one, output.c prints them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracer.h"

static void sb_grow(struct sb *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 128;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s) {
		/* Out of memory in a tracer is not recoverable: the trace would silently lose data. */
		perror("tracer: realloc");
		abort();
	}
	b->s = s;
	b->cap = cap;
}

void sb_write(struct sb *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_putc(struct sb *b, char c)
{
	sb_write(b, &c, 1);
}

void sb_puts(struct sb *b, const char *s)
{
	sb_write(b, s, strlen(s));
}

void sb_vprintf(struct sb *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	sb_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

void sb_reset(struct sb *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void sb_free(struct sb *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

const char *sb_str(struct sb *b)
{
	return b->s ? b->s : "";
}
