#!/usr/bin/env bats
# tracer-net: the tracer prints the socket syscalls (decode_net.c: socket, socketpair, bind, connect,
# listen, accept, accept4, getsockname, getpeername, shutdown, setsockopt, getsockopt, sendto, recvfrom,
# sendmsg, recvmsg, sendmmsg, recvmmsg) exactly as strace does. bin/test-net-calls makes each of them over
# loopback, in success and failure, with NULL and bad pointers, short and long addresses of every family
# it decodes, flag sets, cut buffers and control messages; its source is tests/progs/net-calls.c. Its
# sections: the default run (every section that gives the same output on each run), "varying" (pids,
# an autobound name, the time left of a timeout) and "block" (calls that block while another thread runs).

load helpers
load tracer-helpers

bats_require_minimum_version 1.5.0

# SOCKWALK_BIN=DIR runs these checks against binaries built elsewhere (e.g. a sanitizer build in /tmp),
# the comparisons with strace included.
BIN="${SOCKWALK_BIN:-$BIN}"
export COMPARE_STRACE_TRACER="${COMPARE_STRACE_TRACER:-$BIN/tracer}"
PROG="$BIN/test-net-calls"
# The syscalls of the family: comparing only these keeps a failure here about these decoders.
NET_CALLS=socket,socketpair,bind,connect,listen,accept,accept4,getsockname,getpeername,shutdown
NET_CALLS+=,setsockopt,getsockopt,sendto,recvfrom,sendmsg,recvmsg,sendmmsg,recvmmsg

# compare OPTIONS... -- the program's default sections under strace and under our tracer, with OPTIONS.
compare() {
	compare_with_strace "$@" -- "$PROG"
}

# ours NAME SECTION OPTIONS... -- the program's SECTION (or its default sections for "all") under our
# tracer alone; the trace is in $output.
ours() {
	local name="$1" section="$2" args=()
	shift 2
	[ "$section" = all ] || args=("$section")
	trace_ours "$name" "$@" -- "$PROG" "${args[@]}"
}

# ---- the same lines as strace ----

@test "tracer-net: every socket call, its failures and odd arguments print as strace prints them" {
	compare -e trace="$NET_CALLS"
}

@test "tracer-net: the whole trace of the socket program, other calls included, is strace's" {
	# AddressSanitizer's start-up reads /proc/self/maps and the clock: different on every run
	! ldd "$PROG" 2>/dev/null | grep -q libasan || skip "a sanitizer build's start-up differs from run to run"
	compare
}

@test "tracer-net: under -f, with a pid before each line, the socket calls print as strace prints them" {
	compare -f -e trace="$NET_CALLS"
}

@test "tracer-net: -e trace=%network selects the same calls as strace" {
	compare -e trace=%network
}

@test "tracer-net: with -y the socket fds, accepted fds and socketpair's fds carry strace's labels" {
	compare -y -e trace="$NET_CALLS"
}

@test "tracer-net: with -yy the fds carry strace's endpoint labels" {
	compare -yy -e trace="$NET_CALLS"
}

@test "tracer-net: -s 8 -x cuts data, option strings and iovs, in hex where a byte is not printable" {
	compare -s 8 -x -e trace="$NET_CALLS"
}

@test "tracer-net: -xx shows every string in hex, addresses in inet_addr() and sun_path included" {
	compare -xx -s 5 -e trace="$NET_CALLS"
}

@test "tracer-net: -s 1 shows one element of each array (iovs, fds, messages) then ..." {
	compare -s 1 -e trace="$NET_CALLS"
}

@test "tracer-net: -s 0 shows no data and [...] for every array" {
	compare -s 0 -e trace="$NET_CALLS"
}

# normalise_varying -- the values that differ between two runs of the "varying" and "netlink" sections, each
# replaced by a placeholder: pids (in credentials, netlink port ids), an autobound name, recvmmsg's time left.
normalise_varying() {
	sed -E -e 's/([{ ]pid|nl_pid|nlmsg_pid)=(-?[1-9][0-9]*)/\1=PID/g' -e 's/@"[0-9a-f]{5}"/@"AUTO"/g' \
		-e 's/\(left \{tv_sec=0, tv_nsec=[0-9]+\}\)/(left {tv_sec=0, tv_nsec=N})/'
}

# compare_varying SECTION OPTIONS... -- like compare, for a section whose output holds such values: both
# traces are normalised first. Sets `normalised` to our trace, normalised.
compare_varying() {
	local section="$1"
	shift
	compare_with_strace --normalise normalise_varying "$@" -- "$PROG" "$section"
	normalised="$BATS_TEST_TMPDIR/compare/tracer.trace"
}

@test "tracer-net: pids in credentials, an autobound name and recvmmsg's time left print as strace's" {
	compare_varying varying -e trace="$NET_CALLS"
	# each must have printed the values, not only agreed
	run grep -c -E 'pid=PID|@"AUTO"|\(left \{' "$normalised"
	assert_output 5
}

@test "tracer-net: netlink route messages (address dumps, errors, odd headers) print as strace's" {
	compare_varying netlink -e trace="$NET_CALLS"
	compare_varying netlink -s 3 -e trace="$NET_CALLS"
	compare_varying netlink -xx -s 0 -e trace="$NET_CALLS"
}

@test "tracer-net: getaddrinfo's netlink request and the kernel's list of addresses are decoded" {
	compare_varying netlink -e trace=sendto,recvmsg
	run cat "$normalised"
	assert_line 'sendto(3, [{nlmsg_len=20, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=2, nlmsg_pid=0}, {ifa_family=AF_INET, ...}], 20, 0, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 20'
	assert_line --regexp '^recvmsg\(3, \{msg_name=\{sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000\}, msg_namelen=12, msg_iov=\[\{iov_base=\[\[\{nlmsg_len=76, nlmsg_type=RTM_NEWADDR, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=2, nlmsg_pid=PID\}, \{ifa_family=AF_INET, ifa_prefixlen=8, ifa_flags=IFA_F_PERMANENT, ifa_scope=RT_SCOPE_HOST, ifa_index=if_nametoindex\("lo"\)\}, \[\[\{nla_len=8, nla_type=IFA_ADDRESS\}, inet_addr\("127\.0\.0\.1"\)\], '
	assert_line --regexp '^recvmsg\(3, .*\[\{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=2, nlmsg_pid=PID\}, 0\], iov_len=16384\}\]'
}

@test "tracer-net: a server stage's socket calls with a real client are strace's" {
	run "${NO_LEAK_CHECK[@]}" "$ROOT/scripts/compare-strace" --stage 04 -e trace=%network
	assert_success
	run "${NO_LEAK_CHECK[@]}" "$ROOT/scripts/compare-strace" --stage 07 -e trace=%network
	assert_success
}

# ---- our own lines, the important ones checked directly ----

@test "tracer-net: socket names the family, the type with its flags and the protocol the family uses" {
	ours t socket
	assert_line 'socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3'
	assert_line 'socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_TCP) = 3'
	assert_line 'socket(AF_UNIX, SOCK_STREAM, 0)         = 3'
	assert_line 'socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 3'
	assert_line 'socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)) = 3'
	assert_line 'socket(0x3039 /* AF_??? */, SOCK_STREAM, 0) = -1 EAFNOSUPPORT (Address family not supported by protocol)'
	assert_line 'socket(AF_INET, 0x1f /* SOCK_??? */, IPPROTO_IP) = -1 EINVAL (Invalid argument)'
	assert_line 'socketpair(AF_UNIX, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0, [3, 4]) = 0'
	assert_line --regexp '^socketpair\(AF_UNIX, SOCK_STREAM, 0, 0x[0-9a-f]+\) += -1 EFAULT \(Bad address\)$'
}

@test "tracer-net: bind and connect show the address as strace's sockaddr, whatever its family" {
	ours t all -e trace=bind,connect
	assert_line 'bind(3, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr("127.0.0.1")}, 16) = 0'
	assert_line --regexp '^bind\(4, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) += -1 EADDRINUSE \(Address already in use\)$'
	assert_line 'bind(4, {sa_family=AF_INET, sa_data="\0\0\0\0\0\0"}, 8) = -1 EINVAL (Invalid argument)'
	assert_line 'bind(3, {sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0'
	assert_line --regexp '^bind\(7, \{sa_family=AF_INET6, .*inet_pton\(AF_INET6, "fe80::1", &sin6_addr\), sin6_scope_id=if_nametoindex\("lo"\)\}, 28\) += -1 EADDRNOTAVAIL'
	assert_line 'bind(3, {sa_family=AF_UNIX, sun_path="/tmp/net-calls-0.sock"}, 110) = 0'
	assert_line 'bind(6, {sa_family=AF_UNIX, sun_path=@"net-calls-abstract"}, 21) = 0'
	assert_line --regexp '^connect\(7, \{sa_family=AF_UNIX, sun_path=@"a\\"b\\\\c\\n\\1\\0"\}, 11\) += -1 ECONNREFUSED'
	assert_line 'bind(3, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=0x000001}, 12) = 0'
	assert_line 'bind(3, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL), sll_ifindex=if_nametoindex("lo"), sll_hatype=ARPHRD_NETROM, sll_pkttype=PACKET_HOST, sll_halen=0}, 20) = 0'
	assert_line --regexp '^connect\(3, 0x[0-9a-f]+, 1\) += -1 EINVAL \(Invalid argument\)$'
}

@test "tracer-net: accept and getsockname show the length offered and the length returned" {
	ours t inet
	assert_line 'accept(3, NULL, NULL)                   = 8'
	assert_line --regexp '^accept\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[16\]\) += 9$'
	assert_line --regexp '^accept4\(3, \{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[128 => 16\], SOCK_CLOEXEC\|SOCK_NONBLOCK\) += 11$'
	assert_line --regexp '^accept4\(3, 0x[0-9a-f]+, \[128\], SOCK_NONBLOCK\) += -1 EAGAIN \(Resource temporarily unavailable\)$'
	assert_line 'accept4(3, NULL, NULL, 0x4242 /* SOCK_??? */) = -1 EINVAL (Invalid argument)'
	assert_line --regexp '^getpeername\(12, \{sa_family=AF_INET, sa_data="\\0\\t"\}, \[4 => 16\]\) += 0$'
	assert_line --regexp '^getsockname\(3, 0x[0-9a-f]+, 0x[0-9a-f]+\) += -1 EFAULT \(Bad address\)$'
}

@test "tracer-net: setsockopt and getsockopt name level and option and show the value by its type" {
	ours t sockopt
	assert_line 'setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0'
	assert_line 'setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0'
	assert_line 'setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0'
	assert_line 'setsockopt(3, SOL_TCP, TCP_CONGESTION, "cubic", 5) = 0'
	assert_line 'setsockopt(3, SOL_IPV6, IPV6_V6ONLY, [1], 4) = 0'
	assert_line 'setsockopt(3, 0x3e7 /* SOL_?? */, 1, [1], 4) = -1 ENOPROTOOPT (Protocol not available)'
	assert_line 'getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0'
	assert_line 'getsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], [8 => 4]) = 0'
	assert_line 'getsockopt(3, SOL_SOCKET, SO_KEEPALIVE, "\x01", [1]) = 0'
	assert_line --regexp '^getsockopt\(-1, SOL_SOCKET, SO_ERROR, 0x[0-9a-f]+, \[4\]\) += -1 EBADF'
}

@test "tracer-net: sendto and recvfrom show the data the call moved, cut by -s" {
	ours t inet -s 16
	assert_line 'sendto(4, "hello, world", 12, 0, NULL, 0) = 12'
	assert_line 'recvfrom(8, "GET /a/rather/lo"..., 256, MSG_DONTWAIT, NULL, NULL) = 85'
	assert_line 'recvfrom(8, "\0\1\2\177\200\377ab", 8, 0, NULL, NULL) = 8'
	assert_line --regexp '^recvfrom\(8, 0x[0-9a-f]+, 256, MSG_DONTWAIT, NULL, NULL\) += -1 EAGAIN'
}

@test "tracer-net: recvmsg spreads what it returned over the iovs and decodes control messages" {
	ours t msg
	assert_line 'recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="first pa", iov_len=8}, {iov_base="rt, second part that is a bit lo"..., iov_len=64}], msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = 44'
	assert_line 'recvmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="F", iov_len=8}], msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[6]}], msg_controllen=24, msg_flags=MSG_CMSG_CLOEXEC}, MSG_CMSG_CLOEXEC) = 1'
	assert_line 'recvmsg(4, {msg_namelen=0}, MSG_DONTWAIT) = -1 EAGAIN (Resource temporarily unavailable)'
	assert_line --regexp '^recvmsg\(3, \{msg_name=\{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, msg_namelen=16, msg_iov=\[\{iov_base="01234567", iov_len=8\}\], msg_iovlen=1, msg_controllen=0, msg_flags=MSG_TRUNC\}, 0\) += 8$'
	assert_line --regexp 'cmsg_type=IP_PKTINFO, cmsg_data=\{ipi_ifindex=if_nametoindex\("lo"\), ipi_spec_dst=inet_addr\("127\.0\.0\.1"\), ipi_addr=inet_addr\("127\.0\.0\.1"\)\}\}, \{cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_TTL, cmsg_data=\[64\]\}\]'
}

@test "tracer-net: sendmmsg and recvmmsg show each message with its msg_len" {
	ours t mmsg
	assert_line --regexp '^recvmmsg\(4, \[\{msg_hdr=\{msg_name=NULL, msg_namelen=0, msg_iov=\[\{iov_base="one", iov_len=8\}\], msg_iovlen=1, msg_controllen=0, msg_flags=0\}, msg_len=3\}, .*\{iov_base="three", iov_len=8\}.*msg_len=5\}\], 3, MSG_DONTWAIT, NULL\) += 3$'
	assert_line --regexp '^sendmmsg\(3, 0x[0-9a-f]+, 1, 0\) += -1 EFAULT \(Bad address\)$'
}

@test "tracer-net: a call that blocks while another thread runs is split where strace splits it" {
	ours t block -f -e trace="$NET_CALLS"
	assert_line --regexp '^[0-9]+ +accept4\(3,  <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. accept4 resumed>\{sa_family=AF_INET, sin_port=htons\([0-9]+\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, \[128 => 16\], SOCK_CLOEXEC\) += [0-9]+$'
	assert_line --regexp '^[0-9]+ +recvfrom\(5,  <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. recvfrom resumed>"wake", 32, 0, NULL, NULL\) += 4$'
	assert_line --regexp '^[0-9]+ +recvmsg\(5,  <unfinished \.\.\.>$'
	assert_line --regexp '^[0-9]+ +<\.\.\. recvmsg resumed>\{msg_name=NULL, msg_namelen=0, msg_iov=\[\{iov_base="wake again", iov_len=32\}\], msg_iovlen=1, msg_controllen=0, msg_flags=0\}, 0\) += 10$'
}
