/* fds.c -- what an fd of a traced process is, in the words strace's -y and -yy print inside <...>:
 * a path, pipe:[inode], anon_inode:[eventpoll]; with -yy a socket's endpoints (TCP:[127.0.0.1:8080->...]),
 * a device's numbers (/dev/null<char 1:3>) and a pidfd's process (pid:1234).
 *
 * Sockets are looked up by inode with NETLINK_SOCK_DIAG, which describes them as the kernel sees them at
 * this moment; one diag socket stays open for the whole trace. TCP and UDP sockets are asked for by their
 * addresses (see inet_by_addr), not found in a dump of every socket as strace does: that costs strace
 * about a millisecond a label. A tracee in another network namespace is invisible to our diag socket,
 * so for it the tables in /proc/PID/net (its own namespace) are read instead.
 *
 * Where we differ from strace 6.1 on purpose: strace keeps the first endpoints it finds for an inode and
 * prints them ever after, so a socket bound, labelled, then connected keeps its old label there; here a
 * label is always the socket's state when asked. The last endpoints found are kept too, for a socket
 * the kernel no longer lists by inode (a connection in TIME_WAIT), which prints them as strace does.
 *
 * An unlinked file's label ends with the kernel's " (deleted)": strace prints that after the closing '>'
 * (</tmp/x>(deleted)), which is for the caller (print_fd) to do. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "tracer.h"

/* ---- a bounded writer into the caller's buffer (text past the end is cut, never overflows) ---- */
struct lbuf {
	char *s;
	size_t cap, len;
};

static void lb_write(struct lbuf *b, const char *s, size_t n)
{
	if (b->len + 1 < b->cap) {
		size_t room = b->cap - 1 - b->len;
		size_t k = n < room ? n : room;
		memcpy(b->s + b->len, s, k);
		b->s[b->len + k] = '\0';
	}
	b->len += n;
}

static void lb_puts(struct lbuf *b, const char *s)
{
	lb_write(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3))) lb_printf(struct lbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		lb_write(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* ---- strace's string quoting, as its output shows it ----
 * -xx: every byte as \xNN. -x: the same, but only when some byte is neither printable ASCII nor
 * whitespace. Otherwise: \" \\ \t \n \v \f \r, printable ASCII as is, and the rest (with the bytes in
 * `special`) in octal, three digits only when an octal digit follows. No surrounding quotes. */
static void quote(struct lbuf *b, const unsigned char *s, size_t n, const char *special)
{
	static const char ws_escape[] = "tnvfr"; /* for '\t' (9) .. '\r' (13) */
	bool hex = opt.xflag >= 2;
	for (size_t i = 0; opt.xflag == 1 && i < n && !hex; i++)
		hex = s[i] > 0x7e || (s[i] < ' ' && !(s[i] >= '\t' && s[i] <= '\r'));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		char e[8];
		if (hex)
			snprintf(e, sizeof e, "\\x%02x", c);
		else if (c == '"' || c == '\\')
			snprintf(e, sizeof e, "\\%c", c);
		else if (c >= '\t' && c <= '\r')
			snprintf(e, sizeof e, "\\%c", ws_escape[c - '\t']);
		else if (c >= ' ' && c <= 0x7e && !(special && strchr(special, c)))
			snprintf(e, sizeof e, "%c", c);
		else if (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7')
			snprintf(e, sizeof e, "\\%03o", c);
		else
			snprintf(e, sizeof e, "\\%o", c);
		lb_puts(b, e);
	}
}

/* A socket name or path in double quotes (UNIX:[ino,"/run/x.sock"]): cut at its first NUL. */
static void quote_name(struct lbuf *b, const char *s, size_t n)
{
	const char *nul = memchr(s, '\0', n);
	lb_puts(b, "\"");
	quote(b, (const unsigned char *)s, nul ? (size_t)(nul - s) : n, NULL);
	lb_puts(b, "\"");
}

/* ---- the protocols strace names, and how each one's endpoints are found ---- */
enum diag_kind { DIAG_NONE, DIAG_INET, DIAG_UNIX, DIAG_NETLINK };

struct sock_proto {
	const char *name; /* as the kernel names it in the xattr system.sockprotoname */
	enum diag_kind kind;
	int family, protocol;
	const char *procnet; /* the /proc/PID/net table for a tracee in another network namespace */
};

static const struct sock_proto protos[] = {
	{ "TCP", DIAG_INET, AF_INET, IPPROTO_TCP, "tcp" },
	{ "UDP", DIAG_INET, AF_INET, IPPROTO_UDP, "udp" },
	{ "TCPv6", DIAG_INET, AF_INET6, IPPROTO_TCP, "tcp6" },
	{ "UDPv6", DIAG_INET, AF_INET6, IPPROTO_UDP, "udp6" },
	{ "UNIX", DIAG_UNIX, AF_UNIX, 0, "unix" },
	{ "UNIX-STREAM", DIAG_UNIX, AF_UNIX, 0, "unix" },
	{ "NETLINK", DIAG_NETLINK, AF_NETLINK, 0, "netlink" },
	/* Known by name, printed as NAME:[inode]. The kernel calls IPv4 UDP-Lite "UDP-Lite", which strace
	 * does not know: such a socket stays socket:[inode], as in strace. */
	{ "UDPLITE", DIAG_INET, AF_INET, IPPROTO_UDPLITE, "udplite" },
	{ "UDPLITEv6", DIAG_INET, AF_INET6, IPPROTO_UDPLITE, "udplite6" },
	{ "DCCP", DIAG_INET, AF_INET, 33 /* IPPROTO_DCCP */, NULL },
	{ "DCCPv6", DIAG_INET, AF_INET6, 33, NULL },
	{ "SCTP", DIAG_NONE, AF_INET, 0, NULL },
	{ "SCTPv6", DIAG_NONE, AF_INET6, 0, NULL },
	{ "L2TP/IP", DIAG_NONE, AF_INET, 0, NULL },
	{ "L2TP/IPv6", DIAG_NONE, AF_INET6, 0, NULL },
	{ "PING", DIAG_NONE, AF_INET, 0, NULL },
	{ "PINGv6", DIAG_NONE, AF_INET6, 0, NULL },
	{ "RAW", DIAG_NONE, AF_INET, 0, NULL },
	{ "RAWv6", DIAG_NONE, AF_INET6, 0, NULL },
};

/* NETLINK_* protocol names without the prefix, by number (NETLINK:[ROUTE:1234]). */
static const char *const netlink_names[] = {
	[0] = "ROUTE", [1] = "UNUSED", [2] = "USERSOCK", [3] = "FIREWALL", [4] = "SOCK_DIAG",
	[5] = "NFLOG", [6] = "XFRM", [7] = "SELINUX", [8] = "ISCSI", [9] = "AUDIT",
	[10] = "FIB_LOOKUP", [11] = "CONNECTOR", [12] = "NETFILTER", [13] = "IP6_FW",
	[14] = "DNRTMSG", [15] = "KOBJECT_UEVENT", [16] = "GENERIC", [18] = "SCSITRANSPORT",
	[19] = "ECRYPTFS", [20] = "RDMA", [21] = "CRYPTO", [22] = "SMC",
};

static void put_netlink(struct lbuf *b, unsigned proto, unsigned portid)
{
	size_t n = sizeof netlink_names / sizeof netlink_names[0];
	if (proto < n && netlink_names[proto])
		lb_printf(b, "%s:%u", netlink_names[proto], portid);
	else
		lb_printf(b, "%u:%u", proto, portid);
}

/* addr:port, IPv6 in brackets: 127.0.0.1:8080, [::1]:8080. */
static void put_inet(struct lbuf *b, int family, const void *addr, unsigned port)
{
	char text[INET6_ADDRSTRLEN];
	if (!inet_ntop(family, addr, text, sizeof text))
		snprintf(text, sizeof text, "?");
	if (family == AF_INET6)
		lb_printf(b, "[%s]:%u", text, port);
	else
		lb_printf(b, "%s:%u", text, port);
}

/* local, or local->remote when there is a remote end */
static void put_inet_pair(struct lbuf *b, int family, const void *src, unsigned sport, const void *dst,
			  unsigned dport)
{
	static const unsigned char zero[16];
	put_inet(b, family, src, sport);
	if (dport != 0 || memcmp(dst, zero, family == AF_INET6 ? 16 : 4) != 0) {
		lb_puts(b, "->");
		put_inet(b, family, dst, dport);
	}
}

/* A UNIX socket's name: "/path", or @"name" for the abstract namespace (first byte NUL). */
static void put_unix_name(struct lbuf *b, const char *name, size_t n)
{
	if (n > 0 && name[0] == '\0') {
		lb_puts(b, "@");
		lb_puts(b, "\"");
		quote(b, (const unsigned char *)name + 1, n - 1, NULL);
		lb_puts(b, "\"");
	} else {
		quote_name(b, name, n);
	}
}

/* ---- what we know of each socket inode ----
 * Its protocol (it never changes), the text of its endpoints when last found, and for TCP and UDP the
 * addresses the kernel last gave for it, to ask for it by them next time. The text matters when the
 * kernel no longer lists the socket by its inode (a TCP connection in TIME_WAIT lives on without it):
 * it keeps the endpoints it was last seen with, as strace prints it. Direct-mapped: a newer inode in
 * the same slot replaces an older one. */
enum { CACHE_SLOTS = 1024 };
static struct sock_cache {
	unsigned long inode;
	const struct sock_proto *proto;
	char *text;                  /* NULL: endpoints never found */
	bool has_id;
	struct inet_diag_sockid id;  /* as in the kernel's answer: src is the socket's own end */
} cache[CACHE_SLOTS];

/* The entry of inode, made empty for it when the slot held another one. */
static struct sock_cache *cache_entry(unsigned long inode)
{
	struct sock_cache *c = &cache[inode % CACHE_SLOTS];
	if (c->inode != inode) {
		free(c->text);
		*c = (struct sock_cache){ .inode = inode };
	}
	return c;
}

static void cache_set_text(struct sock_cache *c, const char *text)
{
	if (c->text && strcmp(c->text, text) == 0)
		return;
	char *copy = strdup(text);
	if (!copy)
		return; /* only a cache: nothing is lost but a later fallback */
	free(c->text);
	c->text = copy;
}

/* The socket id of the last inet answer that matched (set by inet_match). */
static struct inet_diag_sockid last_id;

/* ---- NETLINK_SOCK_DIAG ---- */
static int diag_fd = -1;
static bool diag_broken; /* the kernel has no sock_diag at all: stop asking */

static int diag_socket(void)
{
	if (diag_fd < 0 && !diag_broken) {
		diag_fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
		if (diag_fd < 0) {
			diag_broken = true;
			return -1;
		}
		/* The kernel answers at once; a stuck answer must not stall the trace. */
		struct timeval limit = { .tv_sec = 1 };
		if (setsockopt(diag_fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit) != 0) {
			close(diag_fd);
			diag_fd = -1;
			diag_broken = true;
		}
	}
	return diag_fd;
}

/* What one diag response message says about the socket we look for. Returns true when it is ours. */
typedef bool diag_match_fn(const struct nlmsghdr *h, unsigned long inode, struct lbuf *out);

static bool inet_match(const struct nlmsghdr *h, unsigned long inode, struct lbuf *out)
{
	const struct inet_diag_msg *m = NLMSG_DATA(h);
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof *m) || m->idiag_inode != inode)
		return false;
	put_inet_pair(out, m->idiag_family, m->id.idiag_src, ntohs(m->id.idiag_sport), m->id.idiag_dst,
		      ntohs(m->id.idiag_dport));
	last_id = m->id;
	return true;
}

static bool unix_match(const struct nlmsghdr *h, unsigned long inode, struct lbuf *out)
{
	const struct unix_diag_msg *m = NLMSG_DATA(h);
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof *m) || m->udiag_ino != inode)
		return false;
	uint32_t peer = 0;
	const char *name = NULL;
	size_t name_len = 0;
	size_t rest = h->nlmsg_len - NLMSG_LENGTH(sizeof *m);
	const struct nlattr *a = (const struct nlattr *)((const char *)m + NLMSG_ALIGN(sizeof *m));
	while (rest >= sizeof *a && a->nla_len >= sizeof *a && a->nla_len <= rest) {
		const char *data = (const char *)a + NLA_HDRLEN;
		size_t dlen = a->nla_len - NLA_HDRLEN;
		if (a->nla_type == UNIX_DIAG_PEER && dlen >= sizeof peer)
			memcpy(&peer, data, sizeof peer);
		else if (a->nla_type == UNIX_DIAG_NAME && dlen > 0)
			name = data, name_len = dlen;
		size_t step = NLA_ALIGN(a->nla_len);
		if (step >= rest)
			break;
		rest -= step;
		a = (const struct nlattr *)((const char *)a + step);
	}
	lb_printf(out, "%u", m->udiag_ino);
	if (peer)
		lb_printf(out, "->%u", peer);
	if (name) {
		lb_puts(out, ",");
		put_unix_name(out, name, name_len);
	}
	return true;
}

static bool netlink_match(const struct nlmsghdr *h, unsigned long inode, struct lbuf *out)
{
	const struct netlink_diag_msg *m = NLMSG_DATA(h);
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof *m) || m->ndiag_ino != inode)
		return false;
	put_netlink(out, m->ndiag_protocol, m->ndiag_portid);
	return true;
}

/* Send one request and read every answer to its end (the socket is reused, so nothing may be left
 * behind). Returns 1 when the socket was found (its text in out), 0 when not, -1 when diag failed. */
static int diag_query(void *req, size_t req_len, unsigned long inode, diag_match_fn *match, struct lbuf *out)
{
	int fd = diag_socket();
	if (fd < 0)
		return -1;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct nlmsghdr *h = req;
	static uint32_t seq;
	h->nlmsg_seq = ++seq;
	ssize_t sent;
	do
		sent = sendto(fd, req, req_len, 0, (struct sockaddr *)&kernel, sizeof kernel);
	while (sent < 0 && errno == EINTR);
	if (sent != (ssize_t)req_len)
		return -1;

	static long buf[32768 / sizeof(long)]; /* the largest a kernel dump message batch gets */
	int found = 0;
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof buf, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* a broken conversation: start again with a fresh socket next time */
			close(fd);
			diag_fd = -1;
			return -1;
		}
		size_t left = (size_t)n;
		for (const struct nlmsghdr *r = (const void *)buf; NLMSG_OK(r, left); r = NLMSG_NEXT(r, left)) {
			if (r->nlmsg_seq != seq)
				continue; /* an answer to an earlier, abandoned request */
			if (r->nlmsg_type == NLMSG_DONE)
				return found;
			if (r->nlmsg_type == NLMSG_ERROR)
				return found ? found : -1;
			if (!found && match(r, inode, out))
				found = 1;
			if (!(r->nlmsg_flags & NLM_F_MULTI))
				return found;
		}
	}
}

/* ---- a fast path for TCP and UDP: ask for one socket by its addresses ----
 * The kernel can list one TCP or UDP socket by its addresses, but by inode only in a dump of all of
 * them, which walks every hash bucket (about a millisecond a call). So the socket itself is borrowed
 * for a moment with pidfd_getfd (Linux 5.6; we are the tracer, which may) to read its addresses, then
 * the kernel is asked for the socket with those addresses, and its answer is used when it has our
 * inode. A socket with no port has nothing a dump could find. Anything else falls back to the dump. */
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif
#define PIDFD_THREAD_FLAG 0x80 /* PIDFD_THREAD (O_EXCL), Linux 6.9: a pidfd for a thread id */

enum { PIDFD_SLOTS = 16 };
static struct {
	pid_t pid;
	int fd;
} pidfds[PIDFD_SLOTS];

/* A copy of the tracee's fd in our own table, or -1. The caller closes it. */
static int borrow_fd(pid_t pid, int fd)
{
	size_t slot = (size_t)pid % PIDFD_SLOTS;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (pidfds[slot].pid != pid || pidfds[slot].fd <= 0) {
			if (pidfds[slot].fd > 0)
				close(pidfds[slot].fd);
			pidfds[slot].pid = pid;
			pidfds[slot].fd = (int)syscall(SYS_pidfd_open, pid, 0);
			if (pidfds[slot].fd < 0) /* not a process leader: a thread */
				pidfds[slot].fd = (int)syscall(SYS_pidfd_open, pid, PIDFD_THREAD_FLAG);
			if (pidfds[slot].fd < 0) {
				pidfds[slot].fd = 0;
				return -1;
			}
		}
		int copy = (int)syscall(SYS_pidfd_getfd, pidfds[slot].fd, fd, 0);
		if (copy >= 0)
			return copy;
		if (errno != ESRCH)
			return -1;
		/* the pid was reused by a new process since we opened its pidfd: open it again */
		close(pidfds[slot].fd);
		pidfds[slot].fd = 0;
	}
	return -1;
}

/* Copy a sockaddr_in/in6 into the id's address and port fields. */
static void id_addr(int family, const struct sockaddr_storage *ss, __be32 addr[4], __be16 *port, uint32_t *ifindex)
{
	if (family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)ss;
		memcpy(addr, &sin->sin_addr, 4);
		*port = sin->sin_port;
	} else {
		const struct sockaddr_in6 *sin6 = (const void *)ss;
		memcpy(addr, &sin6->sin6_addr, 16);
		*port = sin6->sin6_port;
		if (sin6->sin6_scope_id)
			*ifindex = sin6->sin6_scope_id;
	}
}

/* Ask for the one socket with these addresses (src = its own end); 1 when it is ours. */
static int inet_exact(const struct sock_proto *p, const struct inet_diag_sockid *id, unsigned long inode,
		      struct lbuf *out)
{
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} req = {
		.h = { .nlmsg_len = sizeof req, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST },
		.r = { .sdiag_family = (uint8_t)p->family, .sdiag_protocol = (uint8_t)p->protocol,
		       .idiag_states = ~0u, .id = *id },
	};
	struct inet_diag_sockid *r = &req.r.id;
	r->idiag_cookie[0] = r->idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	if (p->protocol == IPPROTO_UDP) {
		/* UDP looks a socket up as a packet arriving from the peer to it: the ends are swapped */
		memcpy(r->idiag_src, id->idiag_dst, sizeof r->idiag_src);
		memcpy(r->idiag_dst, id->idiag_src, sizeof r->idiag_dst);
		r->idiag_sport = id->idiag_dport;
		r->idiag_dport = id->idiag_sport;
	}
	size_t mark = out->len;
	if (diag_query(&req, sizeof req, inode, inet_match, out) == 1)
		return 1;
	out->len = mark;
	if (mark < out->cap)
		out->s[mark] = '\0';
	return -1;
}

/* 1: found by its addresses; 0: it has no port, nothing can find it; -1: ask a dump. */
static int inet_by_addr(const struct sock_proto *p, pid_t pid, int fd, unsigned long inode, struct lbuf *out)
{
	int copy = borrow_fd(pid, fd);
	if (copy < 0)
		return -1;
	struct sockaddr_storage local, peer;
	socklen_t llen = sizeof local, plen = sizeof peer;
	memset(&local, 0, sizeof local);
	memset(&peer, 0, sizeof peer);
	int lrc = getsockname(copy, (struct sockaddr *)&local, &llen);
	int prc = getpeername(copy, (struct sockaddr *)&peer, &plen);
	int perr = errno;
	close(copy);
	if (lrc != 0 || local.ss_family != p->family || (prc != 0 && perr != ENOTCONN))
		return -1;
	if (prc != 0)
		peer.ss_family = (sa_family_t)p->family;
	if (((const struct sockaddr_in *)&local)->sin_port == 0) /* same offset in sockaddr_in6 */
		return 0;
	struct inet_diag_sockid id;
	memset(&id, 0, sizeof id);
	id_addr(p->family, &local, id.idiag_src, &id.idiag_sport, &id.idiag_if);
	id_addr(p->family, &peer, id.idiag_dst, &id.idiag_dport, &id.idiag_if);
	return inet_exact(p, &id, inode, out);
}

/* TCP and UDP: by the addresses the kernel last gave for this socket, else by the addresses the
 * socket itself has now, else (and for the other protocols) in a dump of them all. */
static int diag_inet(const struct sock_proto *p, struct sock_cache *c, pid_t pid, int fd, unsigned long inode,
		     struct lbuf *out)
{
	if (p->protocol == IPPROTO_TCP || p->protocol == IPPROTO_UDP) {
		if (c->has_id && inet_exact(p, &c->id, inode, out) == 1)
			return 1;
		int r = inet_by_addr(p, pid, fd, inode, out);
		if (r >= 0)
			return r;
	}
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} req = {
		.h = { .nlmsg_len = sizeof req, .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.r = { .sdiag_family = (uint8_t)p->family, .sdiag_protocol = (uint8_t)p->protocol,
		       .idiag_states = ~0u },
	};
	return diag_query(&req, sizeof req, inode, inet_match, out);
}

static int diag_unix(unsigned long inode, struct lbuf *out)
{
	/* One socket by its inode: no dump needed. */
	struct {
		struct nlmsghdr h;
		struct unix_diag_req r;
	} req = {
		.h = { .nlmsg_len = sizeof req, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST },
		.r = { .sdiag_family = AF_UNIX, .udiag_states = ~0u, .udiag_ino = (uint32_t)inode,
		       .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
		       .udiag_cookie = { INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE } },
	};
	return diag_query(&req, sizeof req, inode, unix_match, out);
}

static int diag_netlink(unsigned long inode, struct lbuf *out)
{
	struct {
		struct nlmsghdr h;
		struct netlink_diag_req r;
	} req = {
		.h = { .nlmsg_len = sizeof req, .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.r = { .sdiag_family = AF_NETLINK, .sdiag_protocol = NDIAG_PROTO_ALL,
		       .ndiag_cookie = { INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE } },
	};
	return diag_query(&req, sizeof req, inode, netlink_match, out);
}

/* ---- /proc/PID/net, for a tracee in another network namespace ---- */

/* Is pid in a network namespace other than ours? (then our diag socket cannot see its sockets) */
static bool other_netns(pid_t pid)
{
	static ino_t self_ns;
	static dev_t self_dev;
	struct stat st;
	if (self_ns == 0) {
		if (stat("/proc/self/ns/net", &st) != 0)
			return false;
		self_ns = st.st_ino;
		self_dev = st.st_dev;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/ns/net", (int)pid);
	if (stat(path, &st) != 0)
		return false;
	return st.st_ino != self_ns || st.st_dev != self_dev;
}

/* "0100007F:1F90" (IPv4) or 32 hex digits (IPv6): the kernel prints each 32-bit word of the address
 * in the host's byte order, so each word is read back as a number and stored as it sits in memory. */
static bool parse_proc_addr(const char *s, int family, unsigned char *addr, unsigned *port)
{
	size_t words = family == AF_INET6 ? 4 : 1;
	for (size_t i = 0; i < words; i++) {
		char word[9];
		memcpy(word, s + 8 * i, 8);
		word[8] = '\0';
		char *end;
		uint32_t w = (uint32_t)strtoul(word, &end, 16);
		if (*end)
			return false;
		memcpy(addr + 4 * i, &w, 4);
	}
	const char *colon = s + 8 * words;
	if (*colon != ':')
		return false;
	*port = (unsigned)strtoul(colon + 1, NULL, 16);
	return true;
}

static int procnet_lookup(pid_t pid, const struct sock_proto *p, unsigned long inode, struct lbuf *out)
{
	if (!p->procnet)
		return -1;
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/net/%s", (int)pid, p->procnet);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	char line[512];
	int found = 0;
	if (!fgets(line, sizeof line, f)) { /* the header */
		fclose(f);
		return -1;
	}
	while (!found && fgets(line, sizeof line, f)) {
		if (p->kind == DIAG_INET) {
			/* sl local rem st tx:rx tr:when retrnsmt uid timeout inode */
			char local[64], rem[64];
			unsigned long ino;
			if (sscanf(line, "%*s %63s %63s %*s %*s %*s %*s %*s %*s %lu", local, rem, &ino) != 3 ||
			    ino != inode)
				continue;
			unsigned char src[16], dst[16];
			unsigned sport, dport;
			if (!parse_proc_addr(local, p->family, src, &sport) ||
			    !parse_proc_addr(rem, p->family, dst, &dport))
				continue;
			put_inet_pair(out, p->family, src, sport, dst, dport);
			found = 1;
		} else if (p->kind == DIAG_UNIX) {
			/* Num RefCount Protocol Flags Type St Inode [Path]; abstract names start with '@' */
			unsigned long ino;
			int end = 0;
			if (sscanf(line, "%*s %*s %*s %*s %*s %*s %lu%n", &ino, &end) != 1 || ino != inode)
				continue;
			lb_printf(out, "%lu", ino);
			char *name = line + end;
			name += strspn(name, " ");
			name[strcspn(name, "\n")] = '\0';
			if (*name == '@') {
				lb_puts(out, ",@");
				quote_name(out, name + 1, strlen(name + 1));
			} else if (*name) {
				lb_puts(out, ",");
				quote_name(out, name, strlen(name));
			}
			found = 1;
		} else if (p->kind == DIAG_NETLINK) {
			/* sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode */
			unsigned proto, portid;
			unsigned long ino;
			if (sscanf(line, "%*s %u %u %*s %*s %*s %*s %*s %*s %lu", &proto, &portid, &ino) != 3 ||
			    ino != inode)
				continue;
			put_netlink(out, proto, portid);
			found = 1;
		}
	}
	fclose(f);
	return found;
}

/* ---- the label of one fd ---- */

/* -yy on a socket: PROTO:[endpoints], PROTO:[inode] when none are known, socket:[inode] for a
 * protocol strace does not name. */
static void socket_label(pid_t pid, int fd, const char *fdpath, unsigned long inode, struct lbuf *out)
{
	struct sock_cache *c = cache_entry(inode);
	const struct sock_proto *p = c->proto;
	if (!p) {
		char name[64];
		ssize_t n = getxattr(fdpath, "system.sockprotoname", name, sizeof name - 1);
		if (n > 0) {
			name[n] = '\0';
			for (size_t i = 0; i < sizeof protos / sizeof protos[0]; i++)
				if (strcmp(protos[i].name, name) == 0)
					p = &protos[i];
		}
		c->proto = p;
	}
	if (!p) {
		lb_printf(out, "socket:[%lu]", inode);
		return;
	}
	/* Like strace, a TCP or UDP socket keeps the first endpoints found for it: a UDP socket bound and
	 * then connected stays UDP:[127.0.0.1:N]. */
	if (c->text && p->kind == DIAG_INET && strchr(c->text, ':')) {
		lb_printf(out, "%s:[%s]", p->name, c->text);
		return;
	}
	char details[1024];
	struct lbuf d = { details, sizeof details, 0 };
	details[0] = '\0';
	int found = 0;
	switch (p->kind) {
	case DIAG_INET: found = diag_inet(p, c, pid, fd, inode, &d); break;
	case DIAG_UNIX: found = diag_unix(inode, &d); break;
	case DIAG_NETLINK: found = diag_netlink(inode, &d); break;
	case DIAG_NONE: break;
	}
	if (found == 1 && p->kind == DIAG_INET) {
		c->id = last_id;
		c->has_id = true;
	}
	if (found != 1 && p->kind != DIAG_NONE && other_netns(pid)) {
		d.len = 0;
		details[0] = '\0';
		found = procnet_lookup(pid, p, inode, &d);
	}
	if (found == 1)
		cache_set_text(c, details);
	if (found == 1 || c->text)
		lb_printf(out, "%s:[%s]", p->name, found == 1 ? details : c->text);
	else
		lb_printf(out, "%s:[%lu]", p->name, inode);
}

/* -yy on a pidfd: pid:N from /proc/PID/fdinfo/FD. */
static bool pidfd_label(pid_t pid, int fd, struct lbuf *out)
{
	char path[64], line[128];
	snprintf(path, sizeof path, "/proc/%d/fdinfo/%d", (int)pid, fd);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	bool ok = false;
	while (!ok && fgets(line, sizeof line, f)) {
		int p;
		if (sscanf(line, "Pid: %d", &p) == 1) {
			lb_printf(out, "pid:%d", p);
			ok = true;
		}
	}
	fclose(f);
	return ok;
}

bool fd_label(pid_t pid, int fd, int level, char *buf, size_t len)
{
	if (len == 0)
		return false;
	buf[0] = '\0';
	struct lbuf out = { buf, len, 0 };
	char fdpath[64], link[PATH_MAX + 1];
	if (fd == AT_FDCWD)
		snprintf(fdpath, sizeof fdpath, "/proc/%d/cwd", (int)pid);
	else if (fd >= 0)
		snprintf(fdpath, sizeof fdpath, "/proc/%d/fd/%d", (int)pid, fd);
	else
		return false;
	ssize_t n = readlink(fdpath, link, sizeof link - 1);
	if (n <= 0)
		return false;
	link[n] = '\0';

	unsigned long inode;
	char tail;
	if (sscanf(link, "socket:[%lu%c", &inode, &tail) == 2 && tail == ']') {
		if (level >= 2) {
			socket_label(pid, fd, fdpath, inode, &out);
			return true;
		}
	}
	if (level >= 2 && strcmp(link, "anon_inode:[pidfd]") == 0 && pidfd_label(pid, fd, &out))
		return true;

	/* A path (or socket:[..] with -y, pipe:[..], anon_inode:..), quoted as strace quotes it, with '<'
	 * and '>' in octal. An unlinked file keeps the kernel's suffix " (deleted)" unquoted at the end:
	 * strace prints it after the closing '>' (</tmp/x>(deleted)), which is print_fd's to do. */
	static const char deleted[] = " (deleted)";
	size_t dl = sizeof deleted - 1;
	bool is_deleted = (size_t)n > dl && strcmp(link + n - dl, deleted) == 0;
	if (is_deleted)
		n -= (ssize_t)dl;
	quote(&out, (const unsigned char *)link, (size_t)n, "<>");
	struct stat st;
	if (level >= 2 && link[0] == '/' && stat(fdpath, &st) == 0 && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)))
		lb_printf(&out, "<%s %u:%u>", S_ISCHR(st.st_mode) ? "char" : "block", major(st.st_rdev),
			  minor(st.st_rdev));
	if (is_deleted)
		lb_puts(&out, deleted);
	return true;
}
