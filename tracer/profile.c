/* profile.c -- collects the syscalls the traced programs made and writes them as an OCI/Docker seccomp
 * profile: everything not listed fails with an errno, the listed names are allowed. An existing profile
 * at the same path is merged: names it already allowed stay allowed. */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "tracer.h"

enum { MAX_NR = 1024, MAX_NAMES = 2048 };
static bool seen[MAX_NR];

void profile_record(int nr)
{
	if (nr >= 0 && nr < MAX_NR)
		seen[nr] = true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_name(char **names, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(names[i], name) == 0)
			return;
	if (*n < MAX_NAMES)
		names[(*n)++] = strdup(name);
}

/* Merging reads the names of the existing file's SCMP_ACT_ALLOW entries: each quoted word inside a
 * "names": [...] list of an entry whose action is SCMP_ACT_ALLOW. Profiles written by this tool, and
 * Docker's simple ones, have that shape. */
static void merge_existing(const char *path, char **names, size_t *n)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char *text = NULL;
	size_t cap = 0;
	ssize_t len = getdelim(&text, &cap, '\0', f);
	fclose(f);
	if (len <= 0) {
		free(text);
		return;
	}
	for (char *p = strstr(text, "\"names\""); p; p = strstr(p + 1, "\"names\"")) {
		char *open = strchr(p, '['), *close = open ? strchr(open, ']') : NULL;
		if (!close)
			break;
		char *entry_end = strchr(close, '}');
		char *action = strstr(close, "\"action\"");
		if (!entry_end || !action || action > entry_end || !strstr(action, "SCMP_ACT_ALLOW") ||
		    strstr(action, "SCMP_ACT_ALLOW") > entry_end)
			continue;
		for (char *q = strchr(open, '"'); q && q < close; q = strchr(q + 1, '"')) {
			char *end = strchr(q + 1, '"');
			if (!end || end > close)
				break;
			*end = '\0';
			add_name(names, n, q + 1);
			q = end;
		}
	}
	free(text);
}

int profile_write(const char *path)
{
	static char *names[MAX_NAMES];
	size_t n = 0;
	merge_existing(path, names, &n);
	for (int nr = 0; nr < MAX_NR; nr++)
		if (seen[nr])
			add_name(names, &n, sysent_by_nr(nr)->name);
	qsort(names, n, sizeof names[0], by_name);

	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "tracer: --seccomp-profile: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fputs("{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\t\"architectures\": [\n", f);
#if defined(__x86_64__)
	fputs("\t\t\"SCMP_ARCH_X86_64\",\n\t\t\"SCMP_ARCH_X86\",\n\t\t\"SCMP_ARCH_X32\"\n", f);
#elif defined(__aarch64__)
	fputs("\t\t\"SCMP_ARCH_AARCH64\",\n\t\t\"SCMP_ARCH_ARM\"\n", f);
#endif
	fputs("\t],\n\t\"syscalls\": [\n\t\t{\n\t\t\t\"names\": [\n", f);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "\t\t\t\t\"%s\"%s\n", names[i], i + 1 < n ? "," : "");
		free(names[i]);
	}
	fputs("\t\t\t],\n\t\t\t\"action\": \"SCMP_ACT_ALLOW\"\n\t\t}\n\t]\n}\n", f);
	if (fclose(f) != 0) {
		fprintf(stderr, "tracer: --seccomp-profile: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}
