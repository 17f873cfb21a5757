/* http_parser_fuzz.c -- a libFuzzer harness for the HTTP request parser (stages/http_parser.c): every input
 * is parsed as a server parses its connection's bytes (requests one after another, bodies skipped), and the
 * parser's contract (http_parser.h) is checked on each result, so a wrong answer is a crash as much as a read
 * past the end is. Built and run by scripts/fuzz (clang -fsanitize=fuzzer,address,undefined). */

#include "../../stages/http_parser.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A broken promise of the parser: say which, and abort so libFuzzer saves the input that did it. */
#define CHECK(cond)                                                                                 \
	do {                                                                                        \
		if (!(cond)) {                                                                      \
			fprintf(stderr, "http_parser_fuzz: %s:%d: contract broken: %s\n", __FILE__, \
				__LINE__, #cond);                                                   \
			abort();                                                                    \
		}                                                                                   \
	} while (0)

/* Does [p, p+n) lie inside [buf, buf+len)? */
static int inside(const char *p, size_t n, const char *buf, size_t len)
{
	return p >= buf && n <= len && (size_t)(p - buf) <= len - n;
}

/* What a complete head must look like: every pointer inside the bytes the parser used, a method and a path,
 * HTTP/1.0-1.9, at most HTTP_MAX_HEADERS headers each with a name, values without surrounding blanks. */
static void check_request(const char *buf, int used, const struct http_request *req)
{
	size_t n = (size_t)used;

	CHECK(used > 0 && used <= HTTP_MAX_HEAD);
	CHECK(req->method_len > 0 && inside(req->method, req->method_len, buf, n));
	CHECK(req->path_len > 0 && inside(req->path, req->path_len, buf, n));
	CHECK(req->minor_version >= 0 && req->minor_version <= 9);
	CHECK(req->num_headers <= HTTP_MAX_HEADERS);
	for (size_t i = 0; i < req->num_headers; i++) {
		const struct http_header *h = &req->headers[i];
		CHECK(h->name_len > 0 && inside(h->name, h->name_len, buf, n));
		CHECK(inside(h->value, h->value_len, buf, n));
		if (h->value_len > 0) {
			CHECK(h->value[0] != ' ' && h->value[0] != '\t');
			CHECK(h->value[h->value_len - 1] != ' ' && h->value[h->value_len - 1] != '\t');
		}
		CHECK(memchr(h->value, '\r', h->value_len) == NULL && memchr(h->value, '\n', h->value_len) == NULL);
	}
	CHECK(!req->has_content_length || http_find_header(req, "content-length") != NULL);
	CHECK(req->has_content_length || req->content_length == 0);
	/* An HTTP/1.1 request has exactly one Host header. */
	if (req->minor_version >= 1)
		CHECK(http_find_header(req, "host") != NULL);
	/* The helpers a server calls on the request must not read outside it either. */
	(void)http_method_is(req, "GET");
	(void)http_path_is(req, "/hello");
	(void)http_keep_alive(req);
}

/* Parse exactly len bytes from a heap block of that size: one byte more read is a heap-buffer-overflow. */
static int parse_exact(const char *bytes, size_t len, struct http_request *req, char **copy)
{
	free(*copy);
	*copy = malloc(len ? len : 1);
	CHECK(*copy != NULL);
	memcpy(*copy, bytes, len);
	return http_parse_request(*copy, len, req);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct http_request req; /* 1.6 KiB of headers: not on the fuzzer's stack each time */
	const char *buf = (const char *)data;
	char *copy = NULL;
	size_t off = 0;

	/* http_date() takes any time_t: the first 8 bytes as one. It must write a whole date of the fixed length. */
	if (size >= 8) {
		int64_t t;
		char date[HTTP_DATE_LEN];
		memcpy(&t, data, sizeof t);
		CHECK(strlen(http_date((time_t)t, date)) == HTTP_DATE_LEN - 1);
	}

	/* Requests one after another, as a server's read buffer holds them (pipelining), each body skipped. */
	for (int round = 0; round < 64 && off <= size; round++) {
		size_t len = size - off;
		int r = parse_exact(buf + off, len, &req, &copy);
		CHECK(r > 0 || r == HTTP_PARSE_BAD || r == HTTP_PARSE_INCOMPLETE || r == HTTP_PARSE_TOO_LARGE);
		/* "need more" only while the head could still end within the limit; "too large" only past it */
		if (r == HTTP_PARSE_INCOMPLETE)
			CHECK(len < HTTP_MAX_HEAD);
		if (r <= 0)
			break;
		CHECK((size_t)r <= len);
		check_request(copy, r, &req);

		/* The same head parsed again gives the same answer (the parser keeps no state). */
		struct http_request again;
		CHECK(http_parse_request(copy, len, &again) == r);
		CHECK(again.num_headers == req.num_headers && again.content_length == req.content_length);

		/* Every shorter prefix of a complete head needs more bytes: a server that reads the head in pieces,
		 * down to one byte at a time, sees the same request as one that reads it whole. Checking each of up
		 * to 8 KiB prefixes would be slow: the last 64 and a few spread over the rest. */
		for (size_t k = 0; k < (size_t)r; k++) {
			if (k + 64 < (size_t)r && k % 97 != 0)
				continue;
			int p = parse_exact(buf + off, k, &req, &copy);
			CHECK(p == HTTP_PARSE_INCOMPLETE);
		}
		/* parse_exact() replaced copy and req: parse the whole input again to move on past the body */
		r = parse_exact(buf + off, len, &req, &copy);
		off += (size_t)r;
		if (req.content_length > size - off)
			break;
		off += (size_t)req.content_length;
	}
	free(copy);
	return 0;
}
