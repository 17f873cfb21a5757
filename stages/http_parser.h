/* http_parser.h -- parse one HTTP/1.1 request head in place, picohttpparser style: it says how many bytes
 * the head used, that it needs more bytes, or that the request is bad. No allocation, no copying: the
 * request points into the caller's buffer, and the parser never reads a byte at or past len. Also the one
 * thing a server needs to write that is not a plain string: the Date header's date. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Limits on a request head (request line + header lines + the blank line). A head that does not end
 * within HTTP_MAX_HEAD bytes, or that has more than HTTP_MAX_HEADERS header lines, is "too large" and
 * the server answers 431 Request Header Fields Too Large. 8 KiB is nginx's default header buffer
 * (large_client_header_buffers 4 8k) and plenty for curl or a browser; 64 headers is picohttpparser's
 * usual array size. A fixed limit lets a server use one fixed-size input buffer per connection. */
#define HTTP_MAX_HEAD 8192
#define HTTP_MAX_HEADERS 64

/* What http_parse_request() returns when it has not found a whole, valid head. */
enum {
	HTTP_PARSE_BAD = -1,        /* not HTTP/1.x, or a malformed line: 400 Bad Request */
	HTTP_PARSE_INCOMPLETE = -2, /* valid so far: read more bytes and call again with the whole buffer */
	HTTP_PARSE_TOO_LARGE = -3,  /* over HTTP_MAX_HEAD or HTTP_MAX_HEADERS: 431 */
};

/* One header line, "Name: value": the name as sent (compare it case-insensitively), the value without
 * the whitespace around it. Neither is NUL-terminated. */
struct http_header {
	const char *name;
	size_t name_len;
	const char *value;
	size_t value_len;
};

struct http_request {
	/* the request line: METHOD SP TARGET SP HTTP/1.MINOR */
	const char *method;
	size_t method_len;
	const char *path; /* the request target as sent, query string included */
	size_t path_len;
	int minor_version; /* 0 for HTTP/1.0, 1 for HTTP/1.1 */
	struct http_header headers[HTTP_MAX_HEADERS];
	size_t num_headers;

	/* What a server needs from the headers, worked out once the head is complete and valid. */
	bool has_content_length;
	uint64_t content_length;  /* body bytes that follow the head (0 when there is no Content-Length) */
	bool has_transfer_encoding; /* a Transfer-Encoding header is present (chunked bodies etc.) */
	bool conn_close;            /* "Connection: close" was asked for */
	bool conn_keep_alive;       /* "Connection: keep-alive" was asked for (an HTTP/1.0 client's way) */
};

/* Parse the request head at the start of buf[0..len). Returns the number of bytes the head used (> 0,
 * at most HTTP_MAX_HEAD; the body, if any, and further pipelined requests start there), or one of
 * HTTP_PARSE_BAD, HTTP_PARSE_INCOMPLETE, HTTP_PARSE_TOO_LARGE. *req is only meaningful when the result
 * is > 0. Feeding a valid head one byte more at a time gives INCOMPLETE until the last byte.
 *
 * Strict where the RFC allows it (RFC 9112): one space between the parts of the request line, the
 * version must be HTTP/1.DIGIT, a header name is a token followed directly by ':', no obsolete line
 * folding, no control characters; an HTTP/1.1 request needs exactly one Host header; Content-Length is
 * digits only, must fit in 64 bits, and repeated Content-Length headers must agree. Lenient where the RFC
 * allows it: empty lines before the request line are skipped, and a bare LF ends a line like CRLF. */
int http_parse_request(const char *buf, size_t len, struct http_request *req);

/* The first header with this name (case-insensitive, lower-case name given), or NULL. */
const struct http_header *http_find_header(const struct http_request *req, const char *name);

/* Does the request's method or path equal the NUL-terminated string s (case-sensitive, as HTTP says)? */
bool http_method_is(const struct http_request *req, const char *s);
/* The path without its query string ("/hello?x=1" -> "/hello") equals s. */
bool http_path_is(const struct http_request *req, const char *s);

/* Should the connection stay open after answering this request? HTTP/1.1: yes unless "Connection: close";
 * HTTP/1.0: only if "Connection: keep-alive" (and not close). */
bool http_keep_alive(const struct http_request *req);

/* t (seconds since 1970, UTC) as an HTTP date (RFC 9110 5.6.7, IMF-fixdate), "Sun, 06 Nov 1994 08:49:37 GMT":
 * English names and GMT whatever the locale and time zone. Returns buf. */
#define HTTP_DATE_LEN sizeof "Sun, 06 Nov 1994 08:49:37 GMT"
char *http_date(time_t t, char buf[HTTP_DATE_LEN]);
