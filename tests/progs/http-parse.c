/* http-parse.c -- drive the HTTP parser alone, for tests: read a byte string (stdin, or argv[1] with
 * backslash escapes), parse the requests in it one after another as a server would, and print what was
 * parsed. With -s, also parse every proper prefix of the first request and report any prefix that is not
 * "need more". Every parse gets a heap copy of exactly the bytes it may read, so a sanitizer build
 * catches a read past len. -d and -D check http_date(), the Date header's formatter. */

#include "../../stages/http_parser.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void usage(FILE *f)
{
	fprintf(f, "usage: test-http-parse [-s] [INPUT] | -d SECONDS | -D\n"
		   "  INPUT       the bytes to parse, with \\r \\n \\t \\\\ \\xHH escapes (default: read stdin)\n"
		   "  -s          also parse every proper prefix of the first request: each must say \"need more\"\n"
		   "  -d SECONDS  print http_date() of that time (seconds since 1970)\n"
		   "  -D          compare http_date() with gmtime_r() and strftime() for every day of 1900-2399\n");
}

static void die(const char *what)
{
	fprintf(stderr, "test-http-parse: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode the escapes of s in place; returns the byte count. */
static size_t unescape(char *s)
{
	size_t o = 0;

	for (size_t i = 0; s[i] != '\0'; i++) {
		if (s[i] != '\\' || s[i + 1] == '\0') {
			s[o++] = s[i];
			continue;
		}
		switch (s[++i]) {
		case 'r': s[o++] = '\r'; break;
		case 'n': s[o++] = '\n'; break;
		case 't': s[o++] = '\t'; break;
		case 'x':
			if (hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
				s[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
				i += 2;
				break;
			}
			/* not an escape: keep it as is */
			__attribute__((fallthrough));
		default: s[o++] = '\\'; s[o++] = s[i]; break;
		}
	}
	return o;
}

static char *read_all(int fd, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);

	if (buf == NULL)
		die("malloc");
	for (;;) {
		if (n == cap) {
			cap *= 2;
			if ((buf = realloc(buf, cap)) == NULL)
				die("realloc");
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			die("read");
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*len = n;
	return buf;
}

/* Print bytes so that the test sees control characters: \r, \n, \t, \xHH. */
static void put_escaped(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\')
			fputs("\\\\", stdout);
		else if (c >= 0x20 && c < 0x7f)
			putchar(c);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else
			printf("\\x%02x", c);
	}
}

static const char *result_name(int r)
{
	switch (r) {
	case HTTP_PARSE_BAD: return "bad-request";
	case HTTP_PARSE_INCOMPLETE: return "need-more";
	case HTTP_PARSE_TOO_LARGE: return "too-large";
	default: return "?";
	}
}

/* Parse exactly buf[0..len) from a heap copy of that size, so reading past len is caught by ASan. */
static int parse_copy(const char *buf, size_t len, struct http_request *req, char **copy)
{
	free(*copy);
	if ((*copy = malloc(len ? len : 1)) == NULL)
		die("malloc");
	memcpy(*copy, buf, len);
	return http_parse_request(*copy, len, req);
}

/* http_date() against the C library, one time of day per day (a different one each day). */
static int check_dates(void)
{
	long checked = 0, differ = 0;

	for (long long day = -25567; day < 157067; day++) { /* 1900-01-01 .. 2399-12-31 */
		time_t t = (time_t)(day * 86400 + (day * 7919 % 86400 + 86400) % 86400);
		char ours[HTTP_DATE_LEN], libc[64];
		struct tm tm;
		if (gmtime_r(&t, &tm) == NULL)
			die("gmtime_r");
		strftime(libc, sizeof libc, "%a, %d %b %Y %H:%M:%S GMT", &tm);
		http_date(t, ours);
		checked++;
		if (strcmp(ours, libc) != 0 && differ++ < 5)
			printf("%lld: http_date says \"%s\", gmtime_r \"%s\"\n", (long long)t, ours, libc);
	}
	printf("dates: %ld checked, %ld differ\n", checked, differ);
	return differ != 0;
}

static void print_request(int n, int used, const struct http_request *req)
{
	printf("request %d: %d bytes\n", n, used);
	printf("  method ");
	put_escaped(req->method, req->method_len);
	printf("\n  path ");
	put_escaped(req->path, req->path_len);
	printf("\n  version 1.%d\n", req->minor_version);
	for (size_t i = 0; i < req->num_headers; i++) {
		printf("  header ");
		put_escaped(req->headers[i].name, req->headers[i].name_len);
		printf(": [");
		put_escaped(req->headers[i].value, req->headers[i].value_len);
		printf("]\n");
	}
	if (req->has_content_length)
		printf("  content-length %llu\n", (unsigned long long)req->content_length);
	if (req->has_transfer_encoding)
		printf("  transfer-encoding\n");
	printf("  keep-alive %s\n", http_keep_alive(req) ? "yes" : "no");
}

int main(int argc, char **argv)
{
	struct http_request req;
	char *copy = NULL, *input;
	size_t len, off = 0;
	int splits = 0, opt, n = 0;

	while ((opt = getopt(argc, argv, "sd:Dh")) != -1) {
		char buf[HTTP_DATE_LEN];
		switch (opt) {
		case 's': splits = 1; break;
		case 'd': printf("%s\n", http_date((time_t)strtoll(optarg, NULL, 10), buf)); return 0;
		case 'D': return check_dates();
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (argc - optind > 1) {
		usage(stderr);
		return 2;
	}
	if (optind < argc) {
		input = argv[optind];
		len = unescape(input);
	} else {
		input = read_all(0, &len);
	}

	if (splits) {
		int whole = parse_copy(input, len, &req, &copy);
		size_t stop = whole > 0 ? (size_t)whole : len, bad = 0;
		for (size_t k = 0; k < stop; k++) {
			int r = parse_copy(input, k, &req, &copy);
			if (r != HTTP_PARSE_INCOMPLETE) {
				printf("prefix of %zu bytes: %s\n", k, r > 0 ? "complete" : result_name(r));
				bad++;
			}
		}
		printf("splits: %zu of %zu prefixes need more\n", stop - bad, stop);
	}

	/* Requests one after another, as a server reads a pipelined stream; a body is skipped. */
	for (;;) {
		int r = parse_copy(input + off, len - off, &req, &copy);
		if (r < 0) {
			if (r == HTTP_PARSE_INCOMPLETE && off == len)
				printf("end\n");
			else
				printf("%s after %zu bytes\n", result_name(r), off);
			break;
		}
		print_request(++n, r, &req);
		off += (size_t)r;
		uint64_t body = req.content_length;
		if (body > len - off) {
			printf("body incomplete: %zu of %llu bytes\n", len - off, (unsigned long long)body);
			break;
		}
		off += (size_t)body;
	}
	free(copy);
	if (optind == argc)
		free(input);
	return 0;
}
