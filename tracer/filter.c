/* filter.c -- -e trace= and -e signal=: sets of syscall numbers and signals, names resolved through
 * libseccomp so that any syscall the kernel has can be named, classes as strace defines them. */
#define _GNU_SOURCE
#include <regex.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filter.h"
#include "tracer.h"

enum { MAX_NR = 1024, MAX_SIG = 65 };
static bool traced[MAX_NR];
static bool trace_set_given; /* before any trace=, everything is traced */
static bool sig_hidden[MAX_SIG];

static const struct {
	const char *name;
	unsigned classes;
} class_names[] = {
	{ "%net", TRACE_NETWORK }, { "%network", TRACE_NETWORK }, { "network", TRACE_NETWORK },
	{ "%desc", TRACE_DESC },   { "desc", TRACE_DESC },        { "%file", TRACE_FILE },
	{ "file", TRACE_FILE },    { "%process", TRACE_PROCESS }, { "process", TRACE_PROCESS },
	{ "%signal", TRACE_SIGNAL }, { "signal", TRACE_SIGNAL },  { "%memory", TRACE_MEMORY },
	{ "memory", TRACE_MEMORY }, { "%ipc", TRACE_IPC },        { "ipc", TRACE_IPC },
	{ "%creds", TRACE_CREDS }, { "%clock", TRACE_CLOCK },     { "%stat", TRACE_STAT },
};
enum { NCLASSES = sizeof class_names / sizeof class_names[0] };

static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t d[41][41];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
			d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
	return d[la][lb];
}

/* "did you mean: socket, socketpair" from our table and the class names */
static void suggest(const char *word, char *out, size_t len)
{
	const char *best[3] = { 0 };
	size_t bestd[3] = { 99, 99, 99 };
	size_t n;
	const struct sysent *tab = sysent_table(&n);
	for (size_t i = 0; i < n + NCLASSES; i++) {
		const char *cand = i < n ? tab[i].name : class_names[i - n].name;
		size_t d = distance(word, cand);
		for (int k = 0; k < 3; k++) {
			if (d < bestd[k]) {
				for (int m = 2; m > k; m--) {
					best[m] = best[m - 1];
					bestd[m] = bestd[m - 1];
				}
				best[k] = cand;
				bestd[k] = d;
				break;
			}
		}
	}
	out[0] = '\0';
	size_t limit = strlen(word) / 3 + 1; /* further than that is noise, not a typo */
	for (int k = 0; k < 3; k++) {
		if (!best[k] || bestd[k] > limit)
			break;
		size_t used = strlen(out);
		snprintf(out + used, len - used, "%s%s", used ? ", " : "", best[k]);
	}
}

static void set_class(unsigned cls, bool on)
{
	size_t n;
	const struct sysent *tab = sysent_table(&n);
	for (size_t i = 0; i < n; i++)
		if ((tab[i].classes & cls) && tab[i].nr >= 0 && tab[i].nr < MAX_NR)
			traced[tab[i].nr] = on;
}

static int set_regex(const char *pattern, bool on, char *err, size_t errlen)
{
	regex_t re;
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0) {
		snprintf(err, errlen, "invalid regular expression '%s'", pattern);
		return -1;
	}
	for (int nr = 0; nr < MAX_NR; nr++) {
		const struct sysent *s = sysent_by_nr(nr);
		if (strncmp(s->name, "syscall_", 8) != 0 && regexec(&re, s->name, 0, NULL, 0) == 0)
			traced[nr] = on;
	}
	regfree(&re);
	return 0;
}

static int trace_item(const char *item, bool on, char *err, size_t errlen)
{
	if (strcmp(item, "all") == 0) {
		for (int i = 0; i < MAX_NR; i++)
			traced[i] = on;
		return 0;
	}
	if (strcmp(item, "none") == 0) {
		for (int i = 0; i < MAX_NR; i++)
			traced[i] = !on;
		return 0;
	}
	if (item[0] == '/')
		return set_regex(item + 1, on, err, errlen);
	for (size_t i = 0; i < NCLASSES; i++) {
		if (strcmp(item, class_names[i].name) == 0) {
			set_class(class_names[i].classes, on);
			return 0;
		}
	}
	int nr = seccomp_syscall_resolve_name(item);
	if (nr < 0 || nr >= MAX_NR) {
		char near[128];
		suggest(item, near, sizeof near);
		if (near[0])
			snprintf(err, errlen, "invalid system call '%s' (did you mean: %s?)", item, near);
		else
			snprintf(err, errlen, "invalid system call '%s'", item);
		return -1;
	}
	traced[nr] = on;
	return 0;
}

static int parse_trace(const char *list, char *err, size_t errlen)
{
	bool negate_all = list[0] == '!';
	if (negate_all)
		list++;
	/* As in strace, each -e trace= replaces the set the previous one made. */
	for (int i = 0; i < MAX_NR; i++)
		traced[i] = false;
	trace_set_given = true;
	bool only_removals = true;
	char *copy = strdup(list), *save = NULL;
	int rc = 0;
	for (char *item = strtok_r(copy, ",", &save); item && rc == 0; item = strtok_r(NULL, ",", &save)) {
		bool on = true;
		if (item[0] == '!') {
			on = false;
			item++;
		} else {
			only_removals = false;
		}
		/* "!name" alone means "everything but name" */
		if (!on && only_removals) {
			bool any = false;
			for (int i = 0; i < MAX_NR; i++)
				any |= traced[i];
			if (!any)
				for (int i = 0; i < MAX_NR; i++)
					traced[i] = true;
		}
		rc = trace_item(item, on, err, errlen);
	}
	free(copy);
	if (rc == 0 && negate_all)
		for (int i = 0; i < MAX_NR; i++)
			traced[i] = !traced[i];
	return rc;
}

static int signal_number(const char *name)
{
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	char *end;
	long n = strtol(name, &end, 10);
	if (*name && !*end)
		return n > 0 && n < MAX_SIG ? (int)n : -1;
	for (int sig = 1; sig < MAX_SIG; sig++) {
		const char *full = signal_name(sig);
		if (strcasecmp(full + 3, name) == 0)
			return sig;
	}
	return -1;
}

static int parse_signal(const char *list, char *err, size_t errlen)
{
	bool negate = list[0] == '!';
	if (negate)
		list++;
	bool shown[MAX_SIG] = { false };
	int rc = 0;
	char *copy = strdup(list), *save = NULL;
	for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (strcmp(item, "all") == 0) {
			for (int s = 0; s < MAX_SIG; s++)
				shown[s] = true;
		} else if (strcmp(item, "none") == 0) {
			for (int s = 0; s < MAX_SIG; s++)
				shown[s] = false;
		} else {
			int sig = signal_number(item);
			if (sig < 0) {
				snprintf(err, errlen, "invalid signal '%s'", item);
				rc = -1;
				break;
			}
			shown[sig] = true;
		}
	}
	free(copy);
	for (int s = 0; s < MAX_SIG; s++)
		sig_hidden[s] = negate ? shown[s] : !shown[s];
	return rc;
}

int filter_parse(const char *expr, char *err, size_t errlen)
{
	const char *eq = strchr(expr, '=');
	if (!eq)
		return parse_trace(expr, err, errlen);
	size_t klen = (size_t)(eq - expr);
	if ((klen == 5 && strncmp(expr, "trace", 5) == 0) || (klen == 1 && expr[0] == 't'))
		return parse_trace(eq + 1, err, errlen);
	if ((klen == 6 && strncmp(expr, "signal", 6) == 0) || (klen == 7 && strncmp(expr, "signals", 7) == 0) ||
	    (klen == 1 && expr[0] == 's'))
		return parse_signal(eq + 1, err, errlen);
	snprintf(err, errlen, "invalid -e qualifier '%.*s' (this tracer knows trace= and signal=)", (int)klen, expr);
	return -1;
}

bool filter_traced(int nr)
{
	if (!trace_set_given)
		return true;
	return nr >= 0 && nr < MAX_NR && traced[nr];
}

bool filter_signal_shown(int sig)
{
	return sig <= 0 || sig >= MAX_SIG || !sig_hidden[sig];
}

bool filter_is_everything(void)
{
	return !trace_set_given;
}

bool filter_is_selective(void)
{
	if (!trace_set_given)
		return false;
	int n = 0;
	for (int nr = 0; nr < MAX_NR; nr++)
		n += traced[nr];
	/* Past a hundred or so, most programs' calls are traced anyway and a long filter only costs. */
	return n <= 100;
}

size_t filter_numbers(int *out, size_t max)
{
	size_t n = 0;
	for (int nr = 0; nr < MAX_NR && n < max; nr++)
		if (filter_traced(nr))
			out[n++] = nr;
	return n;
}
