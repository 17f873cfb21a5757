/* http_parser.c -- parse one HTTP/1.1 request head (RFC 9112) in place: no allocation, no copying, and
 * never a byte at or past len. The contract is in http_parser.h. */

#include "http_parser.h"

#include <stdio.h>
#include <string.h>

/* A token character (RFC 9110 5.6.2): method names and header names are made of these. */
static bool is_tchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* A byte allowed in a request target: visible ASCII, no spaces, no controls. */
static bool is_target_char(unsigned char c)
{
	return c >= 0x21 && c <= 0x7e;
}

/* A byte allowed in a header value: visible ASCII, space, tab, and obs-text (0x80-0xff). */
static bool is_value_char(unsigned char c)
{
	return c == '\t' || (c >= 0x20 && c != 0x7f);
}

static char ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Do s[0..n) and the NUL-terminated lower-case word w match, ignoring ASCII case? */
static bool ieq(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] == '\0' || ascii_lower(s[i]) != w[i])
			return false;
	return w[i] == '\0';
}

/* The parser walks a cursor through the window buf[0..end). When it needs a byte at end, the head has
 * either not fully arrived yet (INCOMPLETE) or, if the window was cut at HTTP_MAX_HEAD, it is too large. */
struct cursor {
	const char *p, *end;
	int out_of_bytes; /* HTTP_PARSE_INCOMPLETE or HTTP_PARSE_TOO_LARGE */
};

/* At the end of a line: accept CRLF or a bare LF and step past it. Returns 0, or a parse result < 0. */
static int eat_eol(struct cursor *c)
{
	if (c->p == c->end)
		return c->out_of_bytes;
	if (*c->p == '\n') {
		c->p++;
		return 0;
	}
	if (*c->p != '\r')
		return HTTP_PARSE_BAD;
	if (c->p + 1 == c->end)
		return c->out_of_bytes;
	if (c->p[1] != '\n')
		return HTTP_PARSE_BAD; /* a CR alone is not a line end */
	c->p += 2;
	return 0;
}

/* METHOD SP TARGET SP HTTP/1.D EOL */
static int parse_request_line(struct cursor *c, struct http_request *req)
{
	static const char version[] = "HTTP/1.";

	req->method = c->p;
	while (c->p < c->end && is_tchar((unsigned char)*c->p))
		c->p++;
	if (c->p == c->end)
		return c->out_of_bytes;
	req->method_len = (size_t)(c->p - req->method);
	if (req->method_len == 0 || *c->p != ' ')
		return HTTP_PARSE_BAD;
	c->p++;

	req->path = c->p;
	while (c->p < c->end && is_target_char((unsigned char)*c->p))
		c->p++;
	if (c->p == c->end)
		return c->out_of_bytes;
	req->path_len = (size_t)(c->p - req->path);
	if (req->path_len == 0 || *c->p != ' ')
		return HTTP_PARSE_BAD; /* includes "GET /" with no version: HTTP/0.9 is not spoken here */
	c->p++;

	for (size_t i = 0; i < sizeof version - 1; i++, c->p++) {
		if (c->p == c->end)
			return c->out_of_bytes;
		if (*c->p != version[i])
			return HTTP_PARSE_BAD;
	}
	if (c->p == c->end)
		return c->out_of_bytes;
	if (*c->p < '0' || *c->p > '9')
		return HTTP_PARSE_BAD;
	req->minor_version = *c->p - '0';
	c->p++;
	return eat_eol(c);
}

/* One "Name: value" line; the caller has checked that it is not the blank line. */
static int parse_header_line(struct cursor *c, struct http_header *h)
{
	h->name = c->p;
	while (c->p < c->end && is_tchar((unsigned char)*c->p))
		c->p++;
	if (c->p == c->end)
		return c->out_of_bytes;
	h->name_len = (size_t)(c->p - h->name);
	/* No name (a line folded onto the previous one starts with a space), or a space before the colon:
	 * RFC 9112 says to reject both with 400. */
	if (h->name_len == 0 || *c->p != ':')
		return HTTP_PARSE_BAD;
	c->p++;

	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
	h->value = c->p;
	while (c->p < c->end && is_value_char((unsigned char)*c->p))
		c->p++;
	if (c->p == c->end)
		return c->out_of_bytes;
	h->value_len = (size_t)(c->p - h->value);
	while (h->value_len > 0 && (h->value[h->value_len - 1] == ' ' || h->value[h->value_len - 1] == '\t'))
		h->value_len--;
	return eat_eol(c); /* anything else here is a control character: bad */
}

/* Content-Length: 1*DIGIT, at most UINT64_MAX. Returns false for anything else. */
static bool parse_length(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;

	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* Connection: a comma-separated list of options; note "close" and "keep-alive". */
static void parse_connection(const char *s, size_t n, struct http_request *req)
{
	size_t i = 0;

	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ','))
			i++;
		size_t start = i;
		while (i < n && s[i] != ',' && s[i] != ' ' && s[i] != '\t')
			i++;
		if (ieq(s + start, i - start, "close"))
			req->conn_close = true;
		else if (ieq(s + start, i - start, "keep-alive"))
			req->conn_keep_alive = true;
	}
}

/* Work out what the server needs from a complete head; false if the headers contradict HTTP. */
static bool interpret_headers(struct http_request *req)
{
	int hosts = 0;

	for (size_t i = 0; i < req->num_headers; i++) {
		const struct http_header *h = &req->headers[i];
		uint64_t n;

		if (ieq(h->name, h->name_len, "content-length")) {
			if (!parse_length(h->value, h->value_len, &n))
				return false;
			/* Two lengths that disagree are how request smuggling starts (RFC 9112 6.3). */
			if (req->has_content_length && n != req->content_length)
				return false;
			req->has_content_length = true;
			req->content_length = n;
		} else if (ieq(h->name, h->name_len, "transfer-encoding")) {
			req->has_transfer_encoding = true;
		} else if (ieq(h->name, h->name_len, "connection")) {
			parse_connection(h->value, h->value_len, req);
		} else if (ieq(h->name, h->name_len, "host")) {
			hosts++;
		}
	}
	/* RFC 9112 3.2: a server must answer 400 to an HTTP/1.1 request without a Host header, and to any
	 * request with more than one. */
	if (hosts > 1 || (req->minor_version >= 1 && hosts == 0))
		return false;
	return true;
}

int http_parse_request(const char *buf, size_t len, struct http_request *req)
{
	/* Look at no more than HTTP_MAX_HEAD bytes: a head that has not ended there is too large. */
	struct cursor c = {
		.p = buf,
		.end = buf + (len < HTTP_MAX_HEAD ? len : HTTP_MAX_HEAD),
		.out_of_bytes = len < HTTP_MAX_HEAD ? HTTP_PARSE_INCOMPLETE : HTTP_PARSE_TOO_LARGE,
	};
	int r;

	req->method = req->path = NULL;
	req->method_len = req->path_len = 0;
	req->minor_version = 0;
	req->num_headers = 0;
	req->has_content_length = req->has_transfer_encoding = false;
	req->content_length = 0;
	req->conn_close = req->conn_keep_alive = false;

	/* RFC 9112 2.2: a server should ignore empty lines received before the request line (some clients
	 * send an extra CRLF after a body). */
	while (c.p < c.end && (*c.p == '\r' || *c.p == '\n'))
		if ((r = eat_eol(&c)) < 0)
			return r;

	if ((r = parse_request_line(&c, req)) < 0)
		return r;

	for (;;) {
		if (c.p == c.end)
			return c.out_of_bytes;
		if (*c.p == '\r' || *c.p == '\n') { /* the blank line that ends the head */
			if ((r = eat_eol(&c)) < 0)
				return r;
			break;
		}
		if (req->num_headers == HTTP_MAX_HEADERS)
			return HTTP_PARSE_TOO_LARGE;
		if ((r = parse_header_line(&c, &req->headers[req->num_headers])) < 0)
			return r;
		req->num_headers++;
	}

	if (!interpret_headers(req))
		return HTTP_PARSE_BAD;
	return (int)(c.p - buf);
}

const struct http_header *http_find_header(const struct http_request *req, const char *name)
{
	for (size_t i = 0; i < req->num_headers; i++)
		if (ieq(req->headers[i].name, req->headers[i].name_len, name))
			return &req->headers[i];
	return NULL;
}

bool http_method_is(const struct http_request *req, const char *s)
{
	return req->method_len == strlen(s) && memcmp(req->method, s, req->method_len) == 0;
}

bool http_path_is(const struct http_request *req, const char *s)
{
	const char *q = memchr(req->path, '?', req->path_len);
	size_t n = q ? (size_t)(q - req->path) : req->path_len;

	return n == strlen(s) && memcmp(req->path, s, n) == 0;
}

bool http_keep_alive(const struct http_request *req)
{
	if (req->conn_close)
		return false;
	return req->minor_version >= 1 || req->conn_keep_alive;
}

/* The calendar is worked out here (Howard Hinnant's civil_from_days) rather than by gmtime_r(), because
 * glibc's gmtime_r() reads /etc/localtime the first time it runs, even for GMT: a surprise openat() in the
 * middle of a server's first request under strace. */
char *http_date(time_t t, char buf[HTTP_DATE_LEN])
{
	static const char days[7][4] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" }; /* from 1970-01-01 */
	static const char months[12][4] = { "Mar", "Apr", "May", "Jun", "Jul", "Aug",
					    "Sep", "Oct", "Nov", "Dec", "Jan", "Feb" }; /* years start in March */
	long long day = t / 86400, sec = t % 86400;

	if (sec < 0) { /* before 1970 */
		sec += 86400;
		day--;
	}
	/* Count days from 0000-03-01 in eras of 400 years (146097 days): then the leap day ends a year. */
	long long z = day + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;                                      /* day of the era, 0..146096 */
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* year of the era, 0..399 */
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* day of the year, 0..365 */
	long long mp = (5 * doy + 2) / 153;                                    /* month from March, 0..11 */
	long long year = era * 400 + yoe + (mp >= 10);

	/* The format has four digits for the year: a time before year 0 or after 9999 shows as 0000 or 9999. */
	int y = year < 0 ? 0 : year > 9999 ? 9999 : (int)year;
	snprintf(buf, HTTP_DATE_LEN, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[((day % 7) + 7) % 7],
		 (int)(doy - (153 * mp + 2) / 5 + 1), months[mp], y, (int)(sec / 3600), (int)(sec / 60 % 60),
		 (int)(sec % 60));
	return buf;
}
