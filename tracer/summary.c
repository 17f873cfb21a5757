/* summary.c -- -c and -C: count every finished syscall, its time and its errors, and print the table
 * strace -c prints, in its layout: the same columns and rules, rows sorted by time (most first, ties
 * in syscall-number order), a total row. The times are ours: from the entry stop to the exit stop, as
 * the session measures them (strace's -w), not the kernel's system time that strace -c shows by
 * default. A syscall that never returns (exit_group) has no exit stop and is not counted, as in strace. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracer.h"

struct count {
	int nr;
	const char *name;
	uint64_t ns;
	unsigned long calls, errors;
};

static struct count *counts;
static size_t ncounts, cap;

/* Most syscalls have a number below this: found at once. The rest are looked for in the list. */
enum { FAST_NR = 1024 };
static size_t fast[FAST_NR]; /* index + 1 into counts, 0 for none */

/* The row of (nr, name), made if need be. A name that is not the syscall table's (own_name) is copied into
 * the new row, which keeps it for the rest of the run. */
static struct count *find(int nr, const char *name, bool own_name)
{
	if (nr >= 0 && nr < FAST_NR && fast[nr] && strcmp(counts[fast[nr] - 1].name, name) == 0)
		return &counts[fast[nr] - 1];
	for (size_t i = 0; i < ncounts; i++)
		if (counts[i].nr == nr && strcmp(counts[i].name, name) == 0)
			return &counts[i];
	if (ncounts == cap) {
		size_t ncap = cap ? 2 * cap : 64;
		struct count *n = realloc(counts, ncap * sizeof *n);
		if (!n)
			return NULL;
		counts = n;
		cap = ncap;
	}
	if (own_name && !(name = strdup(name)))
		return NULL;
	struct count *c = &counts[ncounts++];
	*c = (struct count){ .nr = nr, .name = name };
	if (nr >= 0 && nr < FAST_NR && !fast[nr])
		fast[nr] = ncounts;
	return c;
}

void summary_record(const struct sysent *s, int nr, const struct timespec *dur, bool error)
{
	bool known = s && s->name;
	char own[32]; /* no table entry: a name of our own */
	if (!known)
		snprintf(own, sizeof own, "syscall_%#x", (unsigned)nr);
	struct count *c = find(nr, known ? s->name : own, !known);
	if (!c)
		return; /* out of memory: this call goes uncounted */
	c->calls++;
	if (error)
		c->errors++;
	if (dur && dur->tv_sec >= 0 && dur->tv_nsec >= 0)
		c->ns += (uint64_t)dur->tv_sec * 1000000000u + (uint64_t)dur->tv_nsec;
}

static int by_time(const void *a, const void *b)
{
	const struct count *x = a, *y = b;
	if (x->ns != y->ns)
		return x->ns > y->ns ? -1 : 1;
	if (x->nr != y->nr)
		return x->nr < y->nr ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int digits(uint64_t v)
{
	int n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* Column widths: strace's, grown when a value (or a syscall name) would not fit. */
struct widths {
	int secs, usecs, calls, errors, name;
};

static void rule(FILE *f, const struct widths *w)
{
	int cols[] = { 6, w->secs, w->usecs, w->calls, w->errors, w->name };
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		if (i)
			fputc(' ', f);
		for (int k = 0; k < cols[i]; k++)
			fputc('-', f);
	}
	fputc('\n', f);
}

static void row(FILE *f, const struct widths *w, double pct, uint64_t ns, unsigned long calls,
		unsigned long errors, const char *name)
{
	uint64_t usecs = ns / 1000;
	uint64_t per_call = calls ? ns / calls / 1000 : 0;
	char secs[32], errs[24] = "";
	snprintf(secs, sizeof secs, "%" PRIu64 ".%06" PRIu64, usecs / 1000000, usecs % 1000000);
	if (errors)
		snprintf(errs, sizeof errs, "%lu", errors);
	fprintf(f, "%6.2f %*s %*" PRIu64 " %*lu %*s %s\n", pct, w->secs, secs, w->usecs, per_call, w->calls, calls,
		w->errors, errs, name);
}

void summary_print(FILE *f)
{
	if (ncounts == 0)
		return; /* strace prints nothing when nothing was counted */
	struct count *sorted = malloc(ncounts * sizeof *sorted);
	if (!sorted) {
		fprintf(f, "tracer: no memory for the summary\n");
		return;
	}
	memcpy(sorted, counts, ncounts * sizeof *sorted);
	qsort(sorted, ncounts, sizeof *sorted, by_time);

	uint64_t total_ns = 0;
	unsigned long total_calls = 0, total_errors = 0;
	size_t longest = 0;
	for (size_t i = 0; i < ncounts; i++) {
		total_ns += sorted[i].ns;
		total_calls += sorted[i].calls;
		total_errors += sorted[i].errors;
		if (strlen(sorted[i].name) > longest)
			longest = strlen(sorted[i].name);
	}
	struct widths w = { 11, 11, 9, 9, 16 };
	int need = digits(total_ns / 1000000000u) + 7; /* seconds: S.uuuuuu */
	if (need > w.secs)
		w.secs = need;
	uint64_t max_per_call = 0;
	for (size_t i = 0; i < ncounts; i++)
		if (sorted[i].ns / sorted[i].calls / 1000 > max_per_call)
			max_per_call = sorted[i].ns / sorted[i].calls / 1000;
	if (digits(max_per_call) > w.usecs)
		w.usecs = digits(max_per_call);
	if (digits(total_calls) > w.calls)
		w.calls = digits(total_calls);
	if (digits(total_errors) > w.errors)
		w.errors = digits(total_errors);
	if ((int)longest + 1 > w.name) /* strace leaves one dash more than the longest name */
		w.name = (int)longest + 1;

	fprintf(f, "%-6s %*s %*s %*s %*s %s\n", "% time", w.secs, "seconds", w.usecs, "usecs/call", w.calls, "calls",
		w.errors, "errors", "syscall");
	rule(f, &w);
	for (size_t i = 0; i < ncounts; i++) {
		double pct = total_ns ? 100.0 * (double)sorted[i].ns / (double)total_ns : 0.0;
		row(f, &w, pct, sorted[i].ns, sorted[i].calls, sorted[i].errors, sorted[i].name);
	}
	rule(f, &w);
	row(f, &w, 100.0, total_ns, total_calls, total_errors, "total");
	free(sorted);
}
