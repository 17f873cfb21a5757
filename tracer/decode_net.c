/* decode_net.c -- the socket syscalls printed the way strace 6.1 prints them: socket, socketpair, bind,
 * connect, listen, accept, accept4, getsockname, getpeername, shutdown, setsockopt, getsockopt, sendto,
 * recvfrom, sendmsg, recvmsg, sendmmsg, recvmmsg; and print_sockaddr(), which other families share.
 * What the program hands the kernel is printed at entry, what the kernel writes back at exit, so a call
 * that blocks is split where strace splits it: "accept4(3, <unfinished ...>". Every format here was
 * checked against strace 6.1's output on real calls (tests/progs/net-calls.c makes them). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <limits.h>
#include <linux/errqueue.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/xattr.h>

#include "tracer.h"

/* The biggest socket address the kernel takes (struct sockaddr_storage): strace reads no more. */
enum { SOCKADDR_MAX = 128 };
/* How much of a msg_control buffer is read; a bigger one is shown up to here, then "...". */
enum { CONTROL_MAX = 4096 };
/* x86_64's struct cmsghdr header: cmsg_len (size_t), cmsg_level, cmsg_type (int). */
enum { CMSG_HDR = sizeof(struct cmsghdr) };
/* Kernel values that the headers included here do not define. */
enum { K_SOL_TCP = 6, K_SOL_UDP = 17, K_SCM_SECURITY = 3 };

/* ---- constant tables: each holds the names strace 6.1 prints, in its order where it prints several ---- */

static const struct xlat families[] = {
	XLAT_PAIR(0, "AF_UNSPEC"), XLAT_PAIR(1, "AF_UNIX"), XLAT_PAIR(2, "AF_INET"), XLAT_PAIR(3, "AF_AX25"),
	XLAT_PAIR(4, "AF_IPX"), XLAT_PAIR(5, "AF_APPLETALK"), XLAT_PAIR(6, "AF_NETROM"), XLAT_PAIR(7, "AF_BRIDGE"),
	XLAT_PAIR(8, "AF_ATMPVC"), XLAT_PAIR(9, "AF_X25"), XLAT_PAIR(10, "AF_INET6"), XLAT_PAIR(11, "AF_ROSE"),
	XLAT_PAIR(12, "AF_DECnet"), XLAT_PAIR(13, "AF_NETBEUI"), XLAT_PAIR(14, "AF_SECURITY"),
	XLAT_PAIR(15, "AF_KEY"), XLAT_PAIR(16, "AF_NETLINK"), XLAT_PAIR(17, "AF_PACKET"), XLAT_PAIR(18, "AF_ASH"),
	XLAT_PAIR(19, "AF_ECONET"), XLAT_PAIR(20, "AF_ATMSVC"), XLAT_PAIR(21, "AF_RDS"), XLAT_PAIR(22, "AF_SNA"),
	XLAT_PAIR(23, "AF_IRDA"), XLAT_PAIR(24, "AF_PPPOX"), XLAT_PAIR(25, "AF_WANPIPE"), XLAT_PAIR(26, "AF_LLC"),
	XLAT_PAIR(27, "AF_IB"), XLAT_PAIR(28, "AF_MPLS"), XLAT_PAIR(29, "AF_CAN"), XLAT_PAIR(30, "AF_TIPC"),
	XLAT_PAIR(31, "AF_BLUETOOTH"), XLAT_PAIR(32, "AF_IUCV"), XLAT_PAIR(33, "AF_RXRPC"),
	XLAT_PAIR(34, "AF_ISDN"), XLAT_PAIR(35, "AF_PHONET"), XLAT_PAIR(36, "AF_IEEE802154"),
	XLAT_PAIR(37, "AF_CAIF"), XLAT_PAIR(38, "AF_ALG"), XLAT_PAIR(39, "AF_NFC"), XLAT_PAIR(40, "AF_VSOCK"),
	XLAT_PAIR(41, "AF_KCM"), XLAT_PAIR(42, "AF_QIPCRTR"), XLAT_PAIR(43, "AF_SMC"), XLAT_PAIR(44, "AF_XDP"),
	XLAT_PAIR(45, "AF_MCTP"), XLAT_END,
};

static const struct xlat ip_protocols[] = {
	XLAT_PAIR(0, "IPPROTO_IP"), XLAT_PAIR(1, "IPPROTO_ICMP"), XLAT_PAIR(2, "IPPROTO_IGMP"),
	XLAT_PAIR(4, "IPPROTO_IPIP"), XLAT_PAIR(6, "IPPROTO_TCP"), XLAT_PAIR(8, "IPPROTO_EGP"),
	XLAT_PAIR(12, "IPPROTO_PUP"), XLAT_PAIR(17, "IPPROTO_UDP"), XLAT_PAIR(22, "IPPROTO_IDP"),
	XLAT_PAIR(29, "IPPROTO_TP"), XLAT_PAIR(33, "IPPROTO_DCCP"), XLAT_PAIR(41, "IPPROTO_IPV6"),
	XLAT_PAIR(43, "IPPROTO_ROUTING"), XLAT_PAIR(44, "IPPROTO_FRAGMENT"), XLAT_PAIR(46, "IPPROTO_RSVP"),
	XLAT_PAIR(47, "IPPROTO_GRE"), XLAT_PAIR(50, "IPPROTO_ESP"), XLAT_PAIR(51, "IPPROTO_AH"),
	XLAT_PAIR(58, "IPPROTO_ICMPV6"), XLAT_PAIR(59, "IPPROTO_NONE"), XLAT_PAIR(60, "IPPROTO_DSTOPTS"),
	XLAT_PAIR(92, "IPPROTO_MTP"), XLAT_PAIR(94, "IPPROTO_BEETPH"), XLAT_PAIR(98, "IPPROTO_ENCAP"),
	XLAT_PAIR(103, "IPPROTO_PIM"), XLAT_PAIR(108, "IPPROTO_COMP"), XLAT_PAIR(115, "IPPROTO_L2TP"),
	XLAT_PAIR(132, "IPPROTO_SCTP"), XLAT_PAIR(135, "IPPROTO_MH"), XLAT_PAIR(136, "IPPROTO_UDPLITE"),
	XLAT_PAIR(137, "IPPROTO_MPLS"), XLAT_PAIR(143, "IPPROTO_ETHERNET"), XLAT_PAIR(255, "IPPROTO_RAW"),
	XLAT_PAIR(262, "IPPROTO_MPTCP"), XLAT_END,
};

static const struct xlat netlink_protocols[] = {
	XLAT_PAIR(0, "NETLINK_ROUTE"), XLAT_PAIR(1, "NETLINK_UNUSED"), XLAT_PAIR(2, "NETLINK_USERSOCK"),
	XLAT_PAIR(3, "NETLINK_FIREWALL"), XLAT_PAIR(4, "NETLINK_SOCK_DIAG"), XLAT_PAIR(5, "NETLINK_NFLOG"),
	XLAT_PAIR(6, "NETLINK_XFRM"), XLAT_PAIR(7, "NETLINK_SELINUX"), XLAT_PAIR(8, "NETLINK_ISCSI"),
	XLAT_PAIR(9, "NETLINK_AUDIT"), XLAT_PAIR(10, "NETLINK_FIB_LOOKUP"), XLAT_PAIR(11, "NETLINK_CONNECTOR"),
	XLAT_PAIR(12, "NETLINK_NETFILTER"), XLAT_PAIR(13, "NETLINK_IP6_FW"), XLAT_PAIR(14, "NETLINK_DNRTMSG"),
	XLAT_PAIR(15, "NETLINK_KOBJECT_UEVENT"), XLAT_PAIR(16, "NETLINK_GENERIC"),
	XLAT_PAIR(18, "NETLINK_SCSITRANSPORT"), XLAT_PAIR(19, "NETLINK_ECRYPTFS"), XLAT_PAIR(20, "NETLINK_RDMA"),
	XLAT_PAIR(21, "NETLINK_CRYPTO"), XLAT_PAIR(22, "NETLINK_SMC"), XLAT_END,
};

static const struct xlat ethernet_protocols[] = {
	XLAT_PAIR(0x0001, "ETH_P_802_3"), XLAT_PAIR(0x0002, "ETH_P_AX25"), XLAT_PAIR(0x0003, "ETH_P_ALL"),
	XLAT_PAIR(0x0004, "ETH_P_802_2"), XLAT_PAIR(0x0005, "ETH_P_SNAP"), XLAT_PAIR(0x0006, "ETH_P_DDCMP"),
	XLAT_PAIR(0x0007, "ETH_P_WAN_PPP"), XLAT_PAIR(0x0008, "ETH_P_PPP_MP"),
	XLAT_PAIR(0x0009, "ETH_P_LOCALTALK"), XLAT_PAIR(0x000c, "ETH_P_CAN"), XLAT_PAIR(0x000d, "ETH_P_CANFD"),
	XLAT_PAIR(0x000e, "ETH_P_CANXL"), XLAT_PAIR(0x0010, "ETH_P_PPPTALK"), XLAT_PAIR(0x0011, "ETH_P_TR_802_2"),
	XLAT_PAIR(0x0015, "ETH_P_MOBITEX"), XLAT_PAIR(0x0016, "ETH_P_CONTROL"), XLAT_PAIR(0x0017, "ETH_P_IRDA"),
	XLAT_PAIR(0x0018, "ETH_P_ECONET"), XLAT_PAIR(0x0019, "ETH_P_HDLC"), XLAT_PAIR(0x001a, "ETH_P_ARCNET"),
	XLAT_PAIR(0x001b, "ETH_P_DSA"), XLAT_PAIR(0x001c, "ETH_P_TRAILER"), XLAT_PAIR(0x0060, "ETH_P_LOOP"),
	XLAT_PAIR(0x00f5, "ETH_P_PHONET"), XLAT_PAIR(0x00f6, "ETH_P_IEEE802154"), XLAT_PAIR(0x00f7, "ETH_P_CAIF"),
	XLAT_PAIR(0x00f8, "ETH_P_XDSA"), XLAT_PAIR(0x00f9, "ETH_P_MAP"), XLAT_PAIR(0x00fa, "ETH_P_MCTP"),
	XLAT_PAIR(0x0200, "ETH_P_PUP"), XLAT_PAIR(0x0201, "ETH_P_PUPAT"), XLAT_PAIR(0x0600, "ETH_P_802_3_MIN"),
	XLAT_PAIR(0x0800, "ETH_P_IP"), XLAT_PAIR(0x0805, "ETH_P_X25"), XLAT_PAIR(0x0806, "ETH_P_ARP"),
	XLAT_PAIR(0x08ff, "ETH_P_BPQ"), XLAT_PAIR(0x0a00, "ETH_P_IEEEPUP"), XLAT_PAIR(0x0a01, "ETH_P_IEEEPUPAT"),
	XLAT_PAIR(0x22eb, "ETH_P_ERSPAN2"), XLAT_PAIR(0x22f0, "ETH_P_TSN"), XLAT_PAIR(0x4305, "ETH_P_BATMAN"),
	XLAT_PAIR(0x6000, "ETH_P_DEC"), XLAT_PAIR(0x6001, "ETH_P_DNA_DL"), XLAT_PAIR(0x6002, "ETH_P_DNA_RC"),
	XLAT_PAIR(0x6003, "ETH_P_DNA_RT"), XLAT_PAIR(0x6004, "ETH_P_LAT"), XLAT_PAIR(0x6005, "ETH_P_DIAG"),
	XLAT_PAIR(0x6006, "ETH_P_CUST"), XLAT_PAIR(0x6007, "ETH_P_SCA"), XLAT_PAIR(0x6558, "ETH_P_TEB"),
	XLAT_PAIR(0x8035, "ETH_P_RARP"), XLAT_PAIR(0x809b, "ETH_P_ATALK"), XLAT_PAIR(0x80f3, "ETH_P_AARP"),
	XLAT_PAIR(0x8100, "ETH_P_8021Q"), XLAT_PAIR(0x8137, "ETH_P_IPX"), XLAT_PAIR(0x86dd, "ETH_P_IPV6"),
	XLAT_PAIR(0x8808, "ETH_P_PAUSE"), XLAT_PAIR(0x8809, "ETH_P_SLOW"), XLAT_PAIR(0x883e, "ETH_P_WCCP"),
	XLAT_PAIR(0x8847, "ETH_P_MPLS_UC"), XLAT_PAIR(0x8848, "ETH_P_MPLS_MC"), XLAT_PAIR(0x884c, "ETH_P_ATMMPOA"),
	XLAT_PAIR(0x8863, "ETH_P_PPP_DISC"), XLAT_PAIR(0x8864, "ETH_P_PPP_SES"),
	XLAT_PAIR(0x886c, "ETH_P_LINK_CTL"), XLAT_PAIR(0x8884, "ETH_P_ATMFATE"), XLAT_PAIR(0x888e, "ETH_P_PAE"),
	XLAT_PAIR(0x8899, "ETH_P_REALTEK"), XLAT_PAIR(0x88a2, "ETH_P_AOE"), XLAT_PAIR(0x88a8, "ETH_P_8021AD"),
	XLAT_PAIR(0x88b5, "ETH_P_802_EX1"), XLAT_PAIR(0x88be, "ETH_P_ERSPAN"), XLAT_PAIR(0x88c7, "ETH_P_PREAUTH"),
	XLAT_PAIR(0x88ca, "ETH_P_TIPC"), XLAT_PAIR(0x88cc, "ETH_P_LLDP"), XLAT_PAIR(0x88e3, "ETH_P_MRP"),
	XLAT_PAIR(0x88e5, "ETH_P_MACSEC"), XLAT_PAIR(0x88e7, "ETH_P_8021AH"), XLAT_PAIR(0x88f5, "ETH_P_MVRP"),
	XLAT_PAIR(0x88f7, "ETH_P_1588"), XLAT_PAIR(0x88f8, "ETH_P_NCSI"), XLAT_PAIR(0x88fb, "ETH_P_PRP"),
	XLAT_PAIR(0x8902, "ETH_P_CFM"), XLAT_PAIR(0x8906, "ETH_P_FCOE"), XLAT_PAIR(0x890d, "ETH_P_TDLS"),
	XLAT_PAIR(0x8914, "ETH_P_FIP"), XLAT_PAIR(0x8915, "ETH_P_IBOE"), XLAT_PAIR(0x8917, "ETH_P_80221"),
	XLAT_PAIR(0x892f, "ETH_P_HSR"), XLAT_PAIR(0x894f, "ETH_P_NSH"), XLAT_PAIR(0x9000, "ETH_P_LOOPBACK"),
	XLAT_PAIR(0x9100, "ETH_P_QINQ1"), XLAT_PAIR(0x9200, "ETH_P_QINQ2"), XLAT_PAIR(0x9300, "ETH_P_QINQ3"),
	XLAT_PAIR(0xdada, "ETH_P_EDSA"), XLAT_PAIR(0xdadb, "ETH_P_DSA_8021Q"),
	XLAT_PAIR(0xe001, "ETH_P_DSA_A5PSW"), XLAT_PAIR(0xed3e, "ETH_P_IFE"), XLAT_PAIR(0xfbfb, "ETH_P_AF_IUCV"), XLAT_END,
};

static const struct xlat arphrd_types[] = {
	XLAT_PAIR(0, "ARPHRD_NETROM"), XLAT_PAIR(1, "ARPHRD_ETHER"), XLAT_PAIR(2, "ARPHRD_EETHER"),
	XLAT_PAIR(3, "ARPHRD_AX25"), XLAT_PAIR(4, "ARPHRD_PRONET"), XLAT_PAIR(5, "ARPHRD_CHAOS"),
	XLAT_PAIR(6, "ARPHRD_IEEE802"), XLAT_PAIR(7, "ARPHRD_ARCNET"), XLAT_PAIR(8, "ARPHRD_APPLETLK"),
	XLAT_PAIR(15, "ARPHRD_DLCI"), XLAT_PAIR(19, "ARPHRD_ATM"), XLAT_PAIR(23, "ARPHRD_METRICOM"),
	XLAT_PAIR(24, "ARPHRD_IEEE1394"), XLAT_PAIR(27, "ARPHRD_EUI64"), XLAT_PAIR(32, "ARPHRD_INFINIBAND"),
	XLAT_PAIR(256, "ARPHRD_SLIP"), XLAT_PAIR(257, "ARPHRD_CSLIP"), XLAT_PAIR(258, "ARPHRD_SLIP6"),
	XLAT_PAIR(259, "ARPHRD_CSLIP6"), XLAT_PAIR(260, "ARPHRD_RSRVD"), XLAT_PAIR(264, "ARPHRD_ADAPT"),
	XLAT_PAIR(270, "ARPHRD_ROSE"), XLAT_PAIR(271, "ARPHRD_X25"), XLAT_PAIR(272, "ARPHRD_HWX25"),
	XLAT_PAIR(280, "ARPHRD_CAN"), XLAT_PAIR(290, "ARPHRD_MCTP"), XLAT_PAIR(512, "ARPHRD_PPP"),
	XLAT_PAIR(513, "ARPHRD_CISCO"), XLAT_PAIR(516, "ARPHRD_LAPB"), XLAT_PAIR(517, "ARPHRD_DDCMP"),
	XLAT_PAIR(518, "ARPHRD_RAWHDLC"), XLAT_PAIR(519, "ARPHRD_RAWIP"), XLAT_PAIR(768, "ARPHRD_TUNNEL"),
	XLAT_PAIR(769, "ARPHRD_TUNNEL6"), XLAT_PAIR(770, "ARPHRD_FRAD"), XLAT_PAIR(771, "ARPHRD_SKIP"),
	XLAT_PAIR(772, "ARPHRD_LOOPBACK"), XLAT_PAIR(773, "ARPHRD_LOCALTLK"), XLAT_PAIR(774, "ARPHRD_FDDI"),
	XLAT_PAIR(775, "ARPHRD_BIF"), XLAT_PAIR(776, "ARPHRD_SIT"), XLAT_PAIR(777, "ARPHRD_IPDDP"),
	XLAT_PAIR(778, "ARPHRD_IPGRE"), XLAT_PAIR(779, "ARPHRD_PIMREG"), XLAT_PAIR(780, "ARPHRD_HIPPI"),
	XLAT_PAIR(781, "ARPHRD_ASH"), XLAT_PAIR(782, "ARPHRD_ECONET"), XLAT_PAIR(783, "ARPHRD_IRDA"),
	XLAT_PAIR(784, "ARPHRD_FCPP"), XLAT_PAIR(785, "ARPHRD_FCAL"), XLAT_PAIR(786, "ARPHRD_FCPL"),
	XLAT_PAIR(787, "ARPHRD_FCFABRIC"), XLAT_PAIR(800, "ARPHRD_IEEE802_TR"), XLAT_PAIR(801, "ARPHRD_IEEE80211"),
	XLAT_PAIR(802, "ARPHRD_IEEE80211_PRISM"), XLAT_PAIR(803, "ARPHRD_IEEE80211_RADIOTAP"),
	XLAT_PAIR(804, "ARPHRD_IEEE802154"), XLAT_PAIR(805, "ARPHRD_IEEE802154_MONITOR"),
	XLAT_PAIR(820, "ARPHRD_PHONET"), XLAT_PAIR(821, "ARPHRD_PHONET_PIPE"), XLAT_PAIR(822, "ARPHRD_CAIF"),
	XLAT_PAIR(823, "ARPHRD_IP6GRE"), XLAT_PAIR(824, "ARPHRD_NETLINK"), XLAT_PAIR(825, "ARPHRD_6LOWPAN"),
	XLAT_PAIR(826, "ARPHRD_VSOCKMON"), XLAT_PAIR(65534, "ARPHRD_NONE"), XLAT_PAIR(65535, "ARPHRD_VOID"), XLAT_END,
};

static const struct xlat sock_types[] = {
	XLAT(SOCK_STREAM), XLAT(SOCK_DGRAM), XLAT(SOCK_RAW), XLAT(SOCK_RDM),
	XLAT(SOCK_SEQPACKET), XLAT(SOCK_DCCP), XLAT(SOCK_PACKET), XLAT_END,
};
/* The flags of socket()'s type and accept4()'s flags: strace names SOCK_CLOEXEC first. */
static const struct xlat sock_flags[] = {
	XLAT(SOCK_CLOEXEC), XLAT(SOCK_NONBLOCK), XLAT_END,
};
enum { SOCK_TYPE_MASK = 0xf };

static const struct xlat bluetooth_protocols[] = {
	XLAT_PAIR(0, "BTPROTO_L2CAP"), XLAT_PAIR(1, "BTPROTO_HCI"), XLAT_PAIR(2, "BTPROTO_SCO"),
	XLAT_PAIR(3, "BTPROTO_RFCOMM"), XLAT_PAIR(4, "BTPROTO_BNEP"), XLAT_PAIR(5, "BTPROTO_CMTP"),
	XLAT_PAIR(6, "BTPROTO_HIDP"), XLAT_PAIR(7, "BTPROTO_AVDTP"), XLAT_END,
};

static const struct xlat packet_types[] = {
	XLAT_PAIR(0, "PACKET_HOST"), XLAT_PAIR(1, "PACKET_BROADCAST"), XLAT_PAIR(2, "PACKET_MULTICAST"),
	XLAT_PAIR(3, "PACKET_OTHERHOST"), XLAT_PAIR(4, "PACKET_OUTGOING"), XLAT_PAIR(5, "PACKET_LOOPBACK"),
	XLAT_PAIR(6, "PACKET_USER"), XLAT_PAIR(7, "PACKET_KERNEL"), XLAT_END,
};

static const struct xlat vsock_cids[] = {
	XLAT_PAIR(0xffffffff, "VMADDR_CID_ANY"), XLAT_PAIR(0, "VMADDR_CID_HYPERVISOR"),
	XLAT_PAIR(1, "VMADDR_CID_LOCAL"), XLAT_PAIR(2, "VMADDR_CID_HOST"), XLAT_END,
};
static const struct xlat vsock_flags[] = {
	XLAT_PAIR(1, "VMADDR_FLAG_TO_HOST"), XLAT_END,
};

static const struct xlat shutdown_modes[] = {
	XLAT(SHUT_RD), XLAT(SHUT_WR), XLAT(SHUT_RDWR), XLAT_END,
};

/* MSG_* in value order, as strace prints a set of them. */
static const struct xlat msg_flags[] = {
	XLAT_PAIR(0x1, "MSG_OOB"), XLAT_PAIR(0x2, "MSG_PEEK"), XLAT_PAIR(0x4, "MSG_DONTROUTE"),
	XLAT_PAIR(0x8, "MSG_CTRUNC"), XLAT_PAIR(0x10, "MSG_PROBE"), XLAT_PAIR(0x20, "MSG_TRUNC"),
	XLAT_PAIR(0x40, "MSG_DONTWAIT"), XLAT_PAIR(0x80, "MSG_EOR"), XLAT_PAIR(0x100, "MSG_WAITALL"),
	XLAT_PAIR(0x200, "MSG_FIN"), XLAT_PAIR(0x400, "MSG_SYN"), XLAT_PAIR(0x800, "MSG_CONFIRM"),
	XLAT_PAIR(0x1000, "MSG_RST"), XLAT_PAIR(0x2000, "MSG_ERRQUEUE"), XLAT_PAIR(0x4000, "MSG_NOSIGNAL"),
	XLAT_PAIR(0x8000, "MSG_MORE"), XLAT_PAIR(0x10000, "MSG_WAITFORONE"),
	XLAT_PAIR(0x20000, "MSG_SENDPAGE_NOTLAST"), XLAT_PAIR(0x40000, "MSG_BATCH"),
	XLAT_PAIR(0x80000, "MSG_NO_SHARED_FRAGS"), XLAT_PAIR(0x4000000, "MSG_ZEROCOPY"),
	XLAT_PAIR(0x20000000, "MSG_FASTOPEN"), XLAT_PAIR(0x40000000, "MSG_CMSG_CLOEXEC"), XLAT_END,
};

/* Option levels. strace lists AF_VSOCK's 40 among them. */
static const struct xlat sol_levels[] = {
	XLAT_PAIR(0, "SOL_IP"), XLAT_PAIR(1, "SOL_SOCKET"), XLAT_PAIR(6, "SOL_TCP"), XLAT_PAIR(17, "SOL_UDP"),
	XLAT_PAIR(40, "AF_VSOCK"), XLAT_PAIR(41, "SOL_IPV6"), XLAT_PAIR(58, "SOL_ICMPV6"),
	XLAT_PAIR(100, "SOL_CAN_BASE"), XLAT_PAIR(101, "SOL_CAN_RAW"), XLAT_PAIR(132, "SOL_SCTP"),
	XLAT_PAIR(136, "SOL_UDPLITE"), XLAT_PAIR(255, "SOL_RAW"), XLAT_PAIR(256, "SOL_IPX"),
	XLAT_PAIR(257, "SOL_AX25"), XLAT_PAIR(258, "SOL_ATALK"), XLAT_PAIR(259, "SOL_NETROM"),
	XLAT_PAIR(260, "SOL_ROSE"), XLAT_PAIR(261, "SOL_DECNET"), XLAT_PAIR(262, "SOL_X25"),
	XLAT_PAIR(263, "SOL_PACKET"), XLAT_PAIR(264, "SOL_ATM"), XLAT_PAIR(265, "SOL_AAL"),
	XLAT_PAIR(266, "SOL_IRDA"), XLAT_PAIR(267, "SOL_NETBEUI"), XLAT_PAIR(268, "SOL_LLC"),
	XLAT_PAIR(269, "SOL_DCCP"), XLAT_PAIR(270, "SOL_NETLINK"), XLAT_PAIR(271, "SOL_TIPC"),
	XLAT_PAIR(272, "SOL_RXRPC"), XLAT_PAIR(273, "SOL_PPPOL2TP"), XLAT_PAIR(274, "SOL_BLUETOOTH"),
	XLAT_PAIR(275, "SOL_PNPIPE"), XLAT_PAIR(276, "SOL_RDS"), XLAT_PAIR(277, "SOL_IUCV"),
	XLAT_PAIR(278, "SOL_CAIF"), XLAT_PAIR(279, "SOL_ALG"), XLAT_PAIR(280, "SOL_NFC"),
	XLAT_PAIR(281, "SOL_KCM"), XLAT_PAIR(282, "SOL_TLS"), XLAT_PAIR(283, "SOL_XDP"), XLAT_END,
};

/* Option names per level, as setsockopt shows them. */
static const struct xlat so_options[] = {
	XLAT_PAIR(1, "SO_DEBUG"), XLAT_PAIR(2, "SO_REUSEADDR"), XLAT_PAIR(3, "SO_TYPE"), XLAT_PAIR(4, "SO_ERROR"),
	XLAT_PAIR(5, "SO_DONTROUTE"), XLAT_PAIR(6, "SO_BROADCAST"), XLAT_PAIR(7, "SO_SNDBUF"),
	XLAT_PAIR(8, "SO_RCVBUF"), XLAT_PAIR(9, "SO_KEEPALIVE"), XLAT_PAIR(10, "SO_OOBINLINE"),
	XLAT_PAIR(11, "SO_NO_CHECK"), XLAT_PAIR(12, "SO_PRIORITY"), XLAT_PAIR(13, "SO_LINGER"),
	XLAT_PAIR(14, "SO_BSDCOMPAT"), XLAT_PAIR(15, "SO_REUSEPORT"), XLAT_PAIR(16, "SO_PASSCRED"),
	XLAT_PAIR(17, "SO_PEERCRED"), XLAT_PAIR(18, "SO_RCVLOWAT"), XLAT_PAIR(19, "SO_SNDLOWAT"),
	XLAT_PAIR(20, "SO_RCVTIMEO_OLD"), XLAT_PAIR(21, "SO_SNDTIMEO_OLD"),
	XLAT_PAIR(22, "SO_SECURITY_AUTHENTICATION"), XLAT_PAIR(23, "SO_SECURITY_ENCRYPTION_TRANSPORT"),
	XLAT_PAIR(24, "SO_SECURITY_ENCRYPTION_NETWORK"), XLAT_PAIR(25, "SO_BINDTODEVICE"),
	XLAT_PAIR(26, "SO_ATTACH_FILTER"), XLAT_PAIR(27, "SO_DETACH_FILTER"), XLAT_PAIR(28, "SO_PEERNAME"),
	XLAT_PAIR(29, "SO_TIMESTAMP_OLD"), XLAT_PAIR(30, "SO_ACCEPTCONN"), XLAT_PAIR(31, "SO_PEERSEC"),
	XLAT_PAIR(32, "SO_SNDBUFFORCE"), XLAT_PAIR(33, "SO_RCVBUFFORCE"), XLAT_PAIR(34, "SO_PASSSEC"),
	XLAT_PAIR(35, "SO_TIMESTAMPNS_OLD"), XLAT_PAIR(36, "SO_MARK"), XLAT_PAIR(37, "SO_TIMESTAMPING_OLD"),
	XLAT_PAIR(38, "SO_PROTOCOL"), XLAT_PAIR(39, "SO_DOMAIN"), XLAT_PAIR(40, "SO_RXQ_OVFL"),
	XLAT_PAIR(41, "SO_WIFI_STATUS"), XLAT_PAIR(42, "SO_PEEK_OFF"), XLAT_PAIR(43, "SO_NOFCS"),
	XLAT_PAIR(44, "SO_LOCK_FILTER"), XLAT_PAIR(45, "SO_SELECT_ERR_QUEUE"), XLAT_PAIR(46, "SO_BUSY_POLL"),
	XLAT_PAIR(47, "SO_MAX_PACING_RATE"), XLAT_PAIR(48, "SO_BPF_EXTENSIONS"), XLAT_PAIR(49, "SO_INCOMING_CPU"),
	XLAT_PAIR(50, "SO_ATTACH_BPF"), XLAT_PAIR(51, "SO_ATTACH_REUSEPORT_CBPF"),
	XLAT_PAIR(52, "SO_ATTACH_REUSEPORT_EBPF"), XLAT_PAIR(53, "SO_CNX_ADVICE"), XLAT_PAIR(55, "SO_MEMINFO"),
	XLAT_PAIR(56, "SO_INCOMING_NAPI_ID"), XLAT_PAIR(57, "SO_COOKIE"), XLAT_PAIR(59, "SO_PEERGROUPS"),
	XLAT_PAIR(60, "SO_ZEROCOPY"), XLAT_PAIR(61, "SO_TXTIME"), XLAT_PAIR(62, "SO_BINDTOIFINDEX"),
	XLAT_PAIR(63, "SO_TIMESTAMP_NEW"), XLAT_PAIR(64, "SO_TIMESTAMPNS_NEW"), XLAT_PAIR(65, "SO_TIMESTAMPING_NEW"),
	XLAT_PAIR(66, "SO_RCVTIMEO_NEW"), XLAT_PAIR(67, "SO_SNDTIMEO_NEW"), XLAT_PAIR(68, "SO_DETACH_REUSEPORT_BPF"),
	XLAT_PAIR(69, "SO_PREFER_BUSY_POLL"), XLAT_PAIR(70, "SO_BUSY_POLL_BUDGET"), XLAT_PAIR(71, "SO_NETNS_COOKIE"),
	XLAT_PAIR(72, "SO_BUF_LOCK"), XLAT_PAIR(73, "SO_RESERVE_MEM"), XLAT_PAIR(74, "SO_TXREHASH"),
	XLAT_PAIR(75, "SO_RCVMARK"), XLAT_END,
};
static const struct xlat tcp_options[] = {
	XLAT_PAIR(1, "TCP_NODELAY"), XLAT_PAIR(2, "TCP_MAXSEG"), XLAT_PAIR(3, "TCP_CORK"),
	XLAT_PAIR(4, "TCP_KEEPIDLE"), XLAT_PAIR(5, "TCP_KEEPINTVL"), XLAT_PAIR(6, "TCP_KEEPCNT"),
	XLAT_PAIR(7, "TCP_SYNCNT"), XLAT_PAIR(8, "TCP_LINGER2"), XLAT_PAIR(9, "TCP_DEFER_ACCEPT"),
	XLAT_PAIR(10, "TCP_WINDOW_CLAMP"), XLAT_PAIR(11, "TCP_INFO"), XLAT_PAIR(12, "TCP_QUICKACK"),
	XLAT_PAIR(13, "TCP_CONGESTION"), XLAT_PAIR(14, "TCP_MD5SIG"), XLAT_PAIR(15, "TCP_COOKIE_TRANSACTIONS"),
	XLAT_PAIR(16, "TCP_THIN_LINEAR_TIMEOUTS"), XLAT_PAIR(17, "TCP_THIN_DUPACK"),
	XLAT_PAIR(18, "TCP_USER_TIMEOUT"), XLAT_PAIR(19, "TCP_REPAIR"), XLAT_PAIR(20, "TCP_REPAIR_QUEUE"),
	XLAT_PAIR(21, "TCP_QUEUE_SEQ"), XLAT_PAIR(22, "TCP_REPAIR_OPTIONS"), XLAT_PAIR(23, "TCP_FASTOPEN"),
	XLAT_PAIR(24, "TCP_TIMESTAMP"), XLAT_PAIR(25, "TCP_NOTSENT_LOWAT"), XLAT_PAIR(26, "TCP_CC_INFO"),
	XLAT_PAIR(27, "TCP_SAVE_SYN"), XLAT_PAIR(28, "TCP_SAVED_SYN"), XLAT_PAIR(29, "TCP_REPAIR_WINDOW"),
	XLAT_PAIR(30, "TCP_FASTOPEN_CONNECT"), XLAT_PAIR(31, "TCP_ULP"), XLAT_PAIR(32, "TCP_MD5SIG_EXT"),
	XLAT_PAIR(33, "TCP_FASTOPEN_KEY"), XLAT_PAIR(34, "TCP_FASTOPEN_NO_COOKIE"),
	XLAT_PAIR(35, "TCP_ZEROCOPY_RECEIVE"), XLAT_PAIR(36, "TCP_INQ"), XLAT_PAIR(37, "TCP_TX_DELAY"), XLAT_END,
};
static const struct xlat ip_options[] = {
	XLAT_PAIR(1, "IP_TOS"), XLAT_PAIR(2, "IP_TTL"), XLAT_PAIR(3, "IP_HDRINCL"), XLAT_PAIR(4, "IP_OPTIONS"),
	XLAT_PAIR(5, "IP_ROUTER_ALERT"), XLAT_PAIR(6, "IP_RECVOPTS"), XLAT_PAIR(7, "IP_RETOPTS"),
	XLAT_PAIR(8, "IP_PKTINFO"), XLAT_PAIR(9, "IP_PKTOPTIONS"), XLAT_PAIR(10, "IP_MTU_DISCOVER"),
	XLAT_PAIR(11, "IP_RECVERR"), XLAT_PAIR(12, "IP_RECVTTL"), XLAT_PAIR(13, "IP_RECVTOS"),
	XLAT_PAIR(14, "IP_MTU"), XLAT_PAIR(15, "IP_FREEBIND"), XLAT_PAIR(16, "IP_IPSEC_POLICY"),
	XLAT_PAIR(17, "IP_XFRM_POLICY"), XLAT_PAIR(18, "IP_PASSSEC"), XLAT_PAIR(19, "IP_TRANSPARENT"),
	XLAT_PAIR(20, "IP_ORIGDSTADDR"), XLAT_PAIR(21, "IP_MINTTL"), XLAT_PAIR(22, "IP_NODEFRAG"),
	XLAT_PAIR(23, "IP_CHECKSUM"), XLAT_PAIR(24, "IP_BIND_ADDRESS_NO_PORT"), XLAT_PAIR(25, "IP_RECVFRAGSIZE"),
	XLAT_PAIR(26, "IP_RECVERR_RFC4884"), XLAT_PAIR(32, "IP_MULTICAST_IF"), XLAT_PAIR(33, "IP_MULTICAST_TTL"),
	XLAT_PAIR(34, "IP_MULTICAST_LOOP"), XLAT_PAIR(35, "IP_ADD_MEMBERSHIP"), XLAT_PAIR(36, "IP_DROP_MEMBERSHIP"),
	XLAT_PAIR(37, "IP_UNBLOCK_SOURCE"), XLAT_PAIR(38, "IP_BLOCK_SOURCE"),
	XLAT_PAIR(39, "IP_ADD_SOURCE_MEMBERSHIP"), XLAT_PAIR(40, "IP_DROP_SOURCE_MEMBERSHIP"),
	XLAT_PAIR(41, "IP_MSFILTER"), XLAT_PAIR(42, "MCAST_JOIN_GROUP"), XLAT_PAIR(43, "MCAST_BLOCK_SOURCE"),
	XLAT_PAIR(44, "MCAST_UNBLOCK_SOURCE"), XLAT_PAIR(45, "MCAST_LEAVE_GROUP"),
	XLAT_PAIR(46, "MCAST_JOIN_SOURCE_GROUP"), XLAT_PAIR(47, "MCAST_LEAVE_SOURCE_GROUP"),
	XLAT_PAIR(48, "MCAST_MSFILTER"), XLAT_PAIR(49, "IP_MULTICAST_ALL"), XLAT_PAIR(50, "IP_UNICAST_IF"),
	XLAT_PAIR(64, "IPT_SO_SET_REPLACE"), XLAT_PAIR(65, "IPT_SO_SET_ADD_COUNTERS"), XLAT_END,
};
static const struct xlat ipv6_options[] = {
	XLAT_PAIR(1, "IPV6_ADDRFORM"), XLAT_PAIR(2, "IPV6_2292PKTINFO"), XLAT_PAIR(3, "IPV6_2292HOPOPTS"),
	XLAT_PAIR(4, "IPV6_2292DSTOPTS"), XLAT_PAIR(5, "IPV6_2292RTHDR"), XLAT_PAIR(6, "IPV6_2292PKTOPTIONS"),
	XLAT_PAIR(7, "IPV6_CHECKSUM"), XLAT_PAIR(8, "IPV6_2292HOPLIMIT"), XLAT_PAIR(9, "IPV6_NEXTHOP"),
	XLAT_PAIR(10, "IPV6_AUTHHDR"), XLAT_PAIR(11, "IPV6_FLOWINFO"), XLAT_PAIR(16, "IPV6_UNICAST_HOPS"),
	XLAT_PAIR(17, "IPV6_MULTICAST_IF"), XLAT_PAIR(18, "IPV6_MULTICAST_HOPS"),
	XLAT_PAIR(19, "IPV6_MULTICAST_LOOP"), XLAT_PAIR(20, "IPV6_ADD_MEMBERSHIP"),
	XLAT_PAIR(21, "IPV6_DROP_MEMBERSHIP"), XLAT_PAIR(22, "IPV6_ROUTER_ALERT"),
	XLAT_PAIR(23, "IPV6_MTU_DISCOVER"), XLAT_PAIR(24, "IPV6_MTU"), XLAT_PAIR(25, "IPV6_RECVERR"),
	XLAT_PAIR(26, "IPV6_V6ONLY"), XLAT_PAIR(27, "IPV6_JOIN_ANYCAST"), XLAT_PAIR(28, "IPV6_LEAVE_ANYCAST"),
	XLAT_PAIR(29, "IPV6_MULTICAST_ALL"), XLAT_PAIR(30, "IPV6_ROUTER_ALERT_ISOLATE"),
	XLAT_PAIR(31, "IPV6_RECVERR_RFC4884"), XLAT_PAIR(32, "IPV6_FLOWLABEL_MGR"),
	XLAT_PAIR(33, "IPV6_FLOWINFO_SEND"), XLAT_PAIR(34, "IPV6_IPSEC_POLICY"), XLAT_PAIR(35, "IPV6_XFRM_POLICY"),
	XLAT_PAIR(36, "IPV6_HDRINCL"), XLAT_PAIR(42, "MCAST_JOIN_GROUP"), XLAT_PAIR(43, "MCAST_BLOCK_SOURCE"),
	XLAT_PAIR(44, "MCAST_UNBLOCK_SOURCE"), XLAT_PAIR(45, "MCAST_LEAVE_GROUP"),
	XLAT_PAIR(46, "MCAST_JOIN_SOURCE_GROUP"), XLAT_PAIR(47, "MCAST_LEAVE_SOURCE_GROUP"),
	XLAT_PAIR(48, "MCAST_MSFILTER"), XLAT_PAIR(49, "IPV6_RECVPKTINFO"), XLAT_PAIR(50, "IPV6_PKTINFO"),
	XLAT_PAIR(51, "IPV6_RECVHOPLIMIT"), XLAT_PAIR(52, "IPV6_HOPLIMIT"), XLAT_PAIR(53, "IPV6_RECVHOPOPTS"),
	XLAT_PAIR(54, "IPV6_HOPOPTS"), XLAT_PAIR(55, "IPV6_RTHDRDSTOPTS"), XLAT_PAIR(56, "IPV6_RECVRTHDR"),
	XLAT_PAIR(57, "IPV6_RTHDR"), XLAT_PAIR(58, "IPV6_RECVDSTOPTS"), XLAT_PAIR(59, "IPV6_DSTOPTS"),
	XLAT_PAIR(60, "IPV6_RECVPATHMTU"), XLAT_PAIR(61, "IPV6_PATHMTU"), XLAT_PAIR(62, "IPV6_DONTFRAG"),
	XLAT_PAIR(63, "IPV6_USE_MIN_MTU"), XLAT_PAIR(64, "IP6T_SO_SET_REPLACE"),
	XLAT_PAIR(65, "IP6T_SO_SET_ADD_COUNTERS"), XLAT_PAIR(66, "IPV6_RECVTCLASS"), XLAT_PAIR(67, "IPV6_TCLASS"),
	XLAT_PAIR(70, "IPV6_AUTOFLOWLABEL"), XLAT_PAIR(72, "IPV6_ADDR_PREFERENCES"),
	XLAT_PAIR(73, "IPV6_MINHOPCOUNT"), XLAT_PAIR(74, "IPV6_ORIGDSTADDR"), XLAT_PAIR(75, "IPV6_TRANSPARENT"),
	XLAT_PAIR(76, "IPV6_UNICAST_IF"), XLAT_PAIR(77, "IPV6_RECVFRAGSIZE"), XLAT_PAIR(78, "IPV6_FREEBIND"), XLAT_END,
};
static const struct xlat udp_options[] = {
	XLAT_PAIR(1, "UDP_CORK"), XLAT_PAIR(100, "UDP_ENCAP"), XLAT_PAIR(101, "UDP_NO_CHECK6_TX"),
	XLAT_PAIR(102, "UDP_NO_CHECK6_RX"), XLAT_PAIR(103, "UDP_SEGMENT"), XLAT_PAIR(104, "UDP_GRO"), XLAT_END,
};
static const struct xlat packet_options[] = {
	XLAT_PAIR(1, "PACKET_ADD_MEMBERSHIP"), XLAT_PAIR(2, "PACKET_DROP_MEMBERSHIP"),
	XLAT_PAIR(3, "PACKET_RECV_OUTPUT"), XLAT_PAIR(5, "PACKET_RX_RING"), XLAT_PAIR(6, "PACKET_STATISTICS"),
	XLAT_PAIR(7, "PACKET_COPY_THRESH"), XLAT_PAIR(8, "PACKET_AUXDATA"), XLAT_PAIR(9, "PACKET_ORIGDEV"),
	XLAT_PAIR(10, "PACKET_VERSION"), XLAT_PAIR(11, "PACKET_HDRLEN"), XLAT_PAIR(12, "PACKET_RESERVE"),
	XLAT_PAIR(13, "PACKET_TX_RING"), XLAT_PAIR(14, "PACKET_LOSS"), XLAT_PAIR(15, "PACKET_VNET_HDR"),
	XLAT_PAIR(16, "PACKET_TX_TIMESTAMP"), XLAT_PAIR(17, "PACKET_TIMESTAMP"), XLAT_PAIR(18, "PACKET_FANOUT"),
	XLAT_PAIR(19, "PACKET_TX_HAS_OFF"), XLAT_PAIR(20, "PACKET_QDISC_BYPASS"),
	XLAT_PAIR(21, "PACKET_ROLLOVER_STATS"), XLAT_PAIR(22, "PACKET_FANOUT_DATA"),
	XLAT_PAIR(23, "PACKET_IGNORE_OUTGOING"), XLAT_END,
};
static const struct xlat netlink_options[] = {
	XLAT_PAIR(1, "NETLINK_ADD_MEMBERSHIP"), XLAT_PAIR(2, "NETLINK_DROP_MEMBERSHIP"),
	XLAT_PAIR(3, "NETLINK_PKTINFO"), XLAT_PAIR(4, "NETLINK_BROADCAST_ERROR"), XLAT_PAIR(5, "NETLINK_NO_ENOBUFS"),
	XLAT_PAIR(6, "NETLINK_RX_RING"), XLAT_PAIR(7, "NETLINK_TX_RING"), XLAT_PAIR(8, "NETLINK_LISTEN_ALL_NSID"),
	XLAT_PAIR(9, "NETLINK_LIST_MEMBERSHIPS"), XLAT_PAIR(10, "NETLINK_CAP_ACK"), XLAT_PAIR(11, "NETLINK_EXT_ACK"),
	XLAT_PAIR(12, "NETLINK_GET_STRICT_CHK"), XLAT_END,
};

static const struct xlat raw_options[] = {
	XLAT_PAIR(1, "ICMP_FILTER"), XLAT_END,
};

/* getsockopt names a few numbers differently: the same number reads something else than it sets. */
static const struct xlat so_get_options[] = {
	XLAT_PAIR(26, "SO_GET_FILTER"), XLAT_END,
};
static const struct xlat ip_get_options[] = {
	XLAT_PAIR(64, "IPT_SO_GET_INFO"), XLAT_PAIR(65, "IPT_SO_GET_ENTRIES"),
	XLAT_PAIR(66, "IPT_SO_GET_REVISION_MATCH"), XLAT_PAIR(67, "IPT_SO_GET_REVISION_TARGET"), XLAT_END,
};
static const struct xlat ipv6_get_options[] = {
	XLAT_PAIR(64, "IP6T_SO_GET_INFO"), XLAT_PAIR(65, "IP6T_SO_GET_ENTRIES"),
	XLAT_PAIR(68, "IP6T_SO_GET_REVISION_MATCH"), XLAT_PAIR(69, "IP6T_SO_GET_REVISION_TARGET"), XLAT_END,
};

static const struct {
	int level;
	const struct xlat *names, *get_names;
	const char *unknown;
} option_levels[] = {
	{ SOL_SOCKET, so_options, so_get_options, "SO_???" },
	{ SOL_IP, ip_options, ip_get_options, "IP_???" },
	{ K_SOL_TCP, tcp_options, NULL, "TCP_???" },
	{ SOL_IPV6, ipv6_options, ipv6_get_options, "IPV6_???" },
	{ K_SOL_UDP, udp_options, NULL, "UDP_???" },
	{ SOL_PACKET, packet_options, NULL, "PACKET_???" },
	{ SOL_NETLINK, netlink_options, NULL, "NETLINK_???" },
	{ SOL_RAW, raw_options, NULL, "RAW_???" },
};

/* The SOL_SOCKET options whose value is an int: strace shows [N] for any length of at least 4. */
static const int so_int_options[] = {
	SO_DEBUG, SO_REUSEADDR, SO_DONTROUTE, SO_BROADCAST, SO_SNDBUF, SO_RCVBUF, SO_KEEPALIVE, SO_OOBINLINE,
	SO_NO_CHECK, SO_PRIORITY, SO_BSDCOMPAT, SO_REUSEPORT, SO_PASSCRED, SO_RCVLOWAT, SO_SNDLOWAT,
	27 /* SO_DETACH_FILTER */, 29 /* SO_TIMESTAMP_OLD */, SO_ACCEPTCONN, SO_SNDBUFFORCE, SO_RCVBUFFORCE,
	SO_PASSSEC, 35 /* SO_TIMESTAMPNS_OLD */, SO_MARK, 37 /* SO_TIMESTAMPING_OLD */, SO_RXQ_OVFL,
	SO_WIFI_STATUS, SO_PEEK_OFF, SO_NOFCS, SO_LOCK_FILTER, SO_SELECT_ERR_QUEUE, SO_BUSY_POLL,
	SO_INCOMING_CPU, 53 /* SO_CNX_ADVICE */, 56 /* SO_INCOMING_NAPI_ID */, 60 /* SO_ZEROCOPY */,
	63 /* SO_TIMESTAMP_NEW */, 64 /* SO_TIMESTAMPNS_NEW */, 65 /* SO_TIMESTAMPING_NEW */,
	68 /* SO_DETACH_REUSEPORT_BPF */, 69 /* SO_PREFER_BUSY_POLL */, 70 /* SO_BUSY_POLL_BUDGET */,
	73 /* SO_RESERVE_MEM */, 74 /* SO_TXREHASH */, 75 /* SO_RCVMARK */,
};
enum { SO_TXREHASH_OPT = 74, SO_ATTACH_REUSEPORT_CBPF_OPT = 51 };

static const struct xlat txrehash_values[] = {
	XLAT_PAIR(0, "SOCK_TXREHASH_DISABLED"), XLAT_PAIR(1, "SOCK_TXREHASH_ENABLED"),
	XLAT_PAIR(255, "SOCK_TXREHASH_DEFAULT"), XLAT_END,
};

/* Control message types: SOL_SOCKET's and SOL_IP's have names, other levels' print as numbers. */
static const struct xlat scm_types[] = {
	XLAT_PAIR(1, "SCM_RIGHTS"), XLAT_PAIR(2, "SCM_CREDENTIALS"), XLAT_PAIR(3, "SCM_SECURITY"),
	XLAT_PAIR(29, "SO_TIMESTAMP_OLD"), XLAT_PAIR(35, "SO_TIMESTAMPNS_OLD"), XLAT_PAIR(37, "SO_TIMESTAMPING_OLD"),
	XLAT_PAIR(41, "SO_WIFI_STATUS"), XLAT_PAIR(54, "SCM_TIMESTAMPING_OPT_STATS"),
	XLAT_PAIR(58, "SCM_TIMESTAMPING_PKTINFO"), XLAT_PAIR(61, "SO_TXTIME"), XLAT_PAIR(63, "SO_TIMESTAMP_NEW"),
	XLAT_PAIR(64, "SO_TIMESTAMPNS_NEW"), XLAT_PAIR(65, "SO_TIMESTAMPING_NEW"), XLAT_END,
};
static const struct xlat ip_cmsg_types[] = {
	XLAT_PAIR(1, "IP_TOS"), XLAT_PAIR(2, "IP_TTL"), XLAT_PAIR(3, "SCM_SECURITY"), XLAT_PAIR(6, "IP_RECVOPTS"),
	XLAT_PAIR(7, "IP_RETOPTS"), XLAT_PAIR(8, "IP_PKTINFO"), XLAT_PAIR(11, "IP_RECVERR"),
	XLAT_PAIR(20, "IP_ORIGDSTADDR"), XLAT_PAIR(23, "IP_CHECKSUM"), XLAT_END,
};

/* ---- small printers ---- */

static void put_sep(struct sb *o)
{
	sb_puts(o, ", ");
}

static void put_fd(struct sb *o, struct tcb *t, uint64_t fd)
{
	print_fd(o, t, (int)fd); /* the kernel takes an int */
}

/* A string made by the tracer (an address in text, an interface name): quoted like tracee data, so -x
 * and -xx apply to it as they do in strace. */
static void put_str(struct sb *o, const char *s)
{
	print_quoted(o, (const unsigned char *)s, strlen(s), false, false);
}

/* A value the kernel reads as a network-order IPv4 address: inet_addr("127.0.0.1"). */
static void put_inet_addr(struct sb *o, const void *in_addr)
{
	char buf[INET_ADDRSTRLEN];
	sb_puts(o, "inet_addr(");
	put_str(o, inet_ntop(AF_INET, in_addr, buf, sizeof buf) ? buf : "?");
	sb_putc(o, ')');
}

/* inet_pton(AF_INET6, "::1", &FIELD) */
static void put_inet6_addr(struct sb *o, const void *in6_addr, const char *field)
{
	char buf[INET6_ADDRSTRLEN];
	sb_puts(o, "inet_pton(AF_INET6, ");
	put_str(o, inet_ntop(AF_INET6, in6_addr, buf, sizeof buf) ? buf : "?");
	sb_printf(o, ", &%s)", field);
}

/* An interface index: if_nametoindex("lo") when the tracer's namespace knows it, else the number. */
static void put_ifindex(struct sb *o, unsigned int index)
{
	char name[IF_NAMESIZE];
	if (index && if_indextoname(index, name)) {
		sb_puts(o, "if_nametoindex(");
		put_str(o, name);
		sb_putc(o, ')');
	} else {
		sb_printf(o, "%u", index);
	}
}

/* Bytes shown as "\x01\x00" whatever -x says, cut by -s: strace's form for a piece of an int the
 * kernel cut short, and for padding that should have been zero. */
static void put_hex_bytes(struct sb *o, const unsigned char *p, size_t n)
{
	size_t show = n > (size_t)opt.strsize ? (size_t)opt.strsize : n;
	sb_putc(o, '"');
	for (size_t i = 0; i < show; i++)
		sb_printf(o, "\\x%02x", p[i]);
	sb_putc(o, '"');
	if (show < n)
		sb_puts(o, "...");
}

/* A uid or gid: -1 stays -1 (the "no change" value), others unsigned. */
static void put_id(struct sb *o, uint32_t id)
{
	if (id == UINT32_MAX)
		sb_puts(o, "-1");
	else
		sb_printf(o, "%u", id);
}

/* Arrays of tracee structures: "[e0, e1, ...]", at most -s elements, then "...". An element that cannot
 * be read ends the list as "... /\* 0xADDR *\/"; when the first cannot be read, the array prints as its
 * address. NULL stays NULL, an empty array is "[]". */
typedef void elem_fn(struct sb *o, struct tcb *t, const void *elem, void *ctx);

static void put_array(struct sb *o, struct tcb *t, uint64_t addr, uint64_t n, size_t sz, elem_fn *fn,
		      void *ctx)
{
	unsigned char elem[128];
	if (addr == 0) {
		sb_puts(o, "NULL");
		return;
	}
	if (n > UINT64_MAX / sz || addr + n * sz < addr) {
		print_addr(o, addr);
		return;
	}
	if (n == 0) {
		sb_puts(o, "[]");
		return;
	}
	for (uint64_t i = 0; i < n; i++) {
		uint64_t at = addr + i * sz;
		if (i == 0) {
			/* the first element decides between the array and its address, even with -s 0 */
			if (mem_read(t, at, elem, sz) != 0) {
				print_addr(o, addr);
				return;
			}
			sb_putc(o, '[');
		} else {
			put_sep(o);
		}
		if (i >= (uint64_t)opt.strsize) {
			sb_puts(o, "...");
			break;
		}
		if (i > 0 && mem_read(t, at, elem, sz) != 0) {
			sb_printf(o, "... /* %#llx */", (unsigned long long)at);
			break;
		}
		fn(o, t, elem, ctx);
	}
	sb_putc(o, ']');
}

/* ---- socket addresses ---- */

static void put_family(struct sb *o, unsigned int family)
{
	print_xval(o, families, family, "AF_???");
}

/* The part after the family of an address strace does not decode: sa_data="..." (nothing if empty). */
static void put_sa_data(struct sb *o, const unsigned char *p, size_t n)
{
	if (n == 0)
		return;
	sb_puts(o, ", sa_data=");
	print_quoted(o, p, n, false, false);
}

static void put_sockaddr_un(struct sb *o, const unsigned char *b, size_t n)
{
	const size_t path_max = sizeof(((struct sockaddr_un *)0)->sun_path);
	if (n <= sizeof(sa_family_t))
		return; /* unnamed: only the family */
	const unsigned char *path = b + sizeof(sa_family_t);
	size_t len = n - sizeof(sa_family_t);
	if (len > path_max)
		len = path_max;
	sb_puts(o, ", sun_path=");
	if (path[0] == '\0') {
		/* abstract: every byte of the given length counts, NULs included */
		sb_putc(o, '@');
		print_quoted(o, path + 1, len - 1, false, false);
	} else {
		print_quoted(o, path, len, false, true);
	}
}

static void put_sockaddr_in(struct sb *o, const unsigned char *b, size_t n)
{
	struct sockaddr_in sin;
	if (n < sizeof sin) {
		put_sa_data(o, b + sizeof(sa_family_t), n - sizeof(sa_family_t));
		return;
	}
	memcpy(&sin, b, sizeof sin);
	sb_printf(o, ", sin_port=htons(%u), sin_addr=", ntohs(sin.sin_port));
	put_inet_addr(o, &sin.sin_addr);
}

static void put_sockaddr_in6(struct sb *o, const unsigned char *b, size_t n)
{
	/* RFC 2133's sockaddr_in6 had no sin6_scope_id: 24 bytes are still an IPv6 address */
	const size_t rfc2133_len = offsetof(struct sockaddr_in6, sin6_scope_id);
	struct sockaddr_in6 sin6;
	if (n < rfc2133_len) {
		put_sa_data(o, b + sizeof(sa_family_t), n - sizeof(sa_family_t));
		return;
	}
	memset(&sin6, 0, sizeof sin6);
	memcpy(&sin6, b, n < sizeof sin6 ? n : sizeof sin6);
	sb_printf(o, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), ", ntohs(sin6.sin6_port),
		  ntohl(sin6.sin6_flowinfo));
	put_inet6_addr(o, &sin6.sin6_addr, "sin6_addr");
	if (n < sizeof sin6)
		return;
	sb_puts(o, ", sin6_scope_id=");
	if (IN6_IS_ADDR_LINKLOCAL(&sin6.sin6_addr) || IN6_IS_ADDR_MC_LINKLOCAL(&sin6.sin6_addr))
		put_ifindex(o, sin6.sin6_scope_id);
	else
		sb_printf(o, "%u", sin6.sin6_scope_id);
}

static void put_sockaddr_ipx(struct sb *o, const unsigned char *b, size_t n)
{
	struct {
		uint16_t family, port;
		uint32_t network;
		unsigned char node[6], type, zero;
	} ipx;
	if (n < sizeof ipx) {
		put_sa_data(o, b + sizeof(sa_family_t), n - sizeof(sa_family_t));
		return;
	}
	memcpy(&ipx, b, sizeof ipx);
	sb_printf(o, ", sipx_port=htons(%u), sipx_network=htonl(%#x), sipx_node=[", ntohs(ipx.port),
		  ntohl(ipx.network));
	for (size_t i = 0; i < sizeof ipx.node; i++)
		sb_printf(o, "%s%#02x", i ? ", " : "", ipx.node[i]);
	sb_printf(o, "], sipx_type=%#02x", ipx.type);
}

static void put_sockaddr_vm(struct sb *o, const unsigned char *b, size_t n)
{
	struct {
		uint16_t family, reserved1;
		uint32_t port, cid;
		unsigned char flags, zero[3];
	} vm;
	if (n < sizeof vm) {
		put_sa_data(o, b + sizeof(sa_family_t), n - sizeof(sa_family_t));
		return;
	}
	memcpy(&vm, b, sizeof vm);
	sb_puts(o, ", svm_cid=");
	print_xval(o, vsock_cids, vm.cid, NULL);
	if (vm.port == UINT32_MAX)
		sb_puts(o, ", svm_port=VMADDR_PORT_ANY");
	else
		sb_printf(o, ", svm_port=%u", vm.port);
	sb_puts(o, ", svm_flags=");
	print_flags(o, vsock_flags, vm.flags, "VMADDR_FLAG_???");
	if (vm.zero[0] || vm.zero[1] || vm.zero[2]) {
		sb_puts(o, ", svm_zero=");
		put_hex_bytes(o, vm.zero, sizeof vm.zero);
	}
}

/* A char array of size bytes of which avail were read: up to its NUL, or size - 1 bytes and "..." when
 * it has none (the kernel would not find one either). */
static void put_char_array(struct sb *o, const unsigned char *p, size_t size, size_t avail)
{
	size_t n = avail < size ? avail : size;
	const unsigned char *nul = memchr(p, '\0', n);
	if (nul)
		print_quoted(o, p, (size_t)(nul - p), false, false);
	else
		print_quoted(o, p, n < size ? n : size - 1, true, false);
}

static void put_sockaddr_alg(struct sb *o, const unsigned char *b, size_t n)
{
	struct {
		uint16_t family;
		unsigned char type[14];
		uint32_t feat, mask;
		unsigned char name[64];
	} alg;
	const size_t name_at = offsetof(__typeof__(alg), name);
	if (n <= name_at) {
		put_sa_data(o, b + sizeof(sa_family_t), n - sizeof(sa_family_t));
		return;
	}
	memset(&alg, 0, sizeof alg);
	memcpy(&alg, b, n < sizeof alg ? n : sizeof alg);
	sb_puts(o, ", salg_type=");
	put_char_array(o, alg.type, sizeof alg.type, sizeof alg.type);
	/* strace names none of the bits programs pass here */
	sb_printf(o, alg.feat ? ", salg_feat=%#x /* CRYPTO_ALG_??? */" : ", salg_feat=%u", alg.feat);
	sb_printf(o, alg.mask ? ", salg_mask=%#x /* CRYPTO_ALG_??? */" : ", salg_mask=%u", alg.mask);
	sb_puts(o, ", salg_name=");
	put_char_array(o, alg.name, sizeof alg.name, n - name_at);
}

static void put_sockaddr_nl(struct sb *o, const unsigned char *b, size_t n)
{
	struct sockaddr_nl nl;
	if (n < sizeof nl) {
		put_sa_data(o, b + sizeof(sa_family_t), n - sizeof(sa_family_t));
		return;
	}
	memcpy(&nl, b, sizeof nl);
	sb_printf(o, ", nl_pid=%d, nl_groups=%#08x", (int)nl.nl_pid, nl.nl_groups);
}

/* htons(ETH_P_IP): a protocol the kernel takes in network byte order. */
static void put_eth_protocol(struct sb *o, uint16_t net_order)
{
	sb_puts(o, "htons(");
	print_xval(o, ethernet_protocols, ntohs(net_order), "ETH_P_???");
	sb_putc(o, ')');
}

static void put_sockaddr_ll(struct sb *o, const unsigned char *b, size_t n)
{
	struct sockaddr_ll ll;
	if (n < sizeof ll) {
		put_sa_data(o, b + sizeof(sa_family_t), n - sizeof(sa_family_t));
		return;
	}
	memcpy(&ll, b, sizeof ll);
	sb_puts(o, ", sll_protocol=");
	put_eth_protocol(o, ll.sll_protocol);
	sb_puts(o, ", sll_ifindex=");
	if (ll.sll_ifindex > 0)
		put_ifindex(o, (unsigned int)ll.sll_ifindex);
	else
		sb_printf(o, "%d", ll.sll_ifindex);
	sb_puts(o, ", sll_hatype=");
	print_xval(o, arphrd_types, ll.sll_hatype, "ARPHRD_???");
	sb_puts(o, ", sll_pkttype=");
	print_xval(o, packet_types, ll.sll_pkttype, "PACKET_???");
	sb_printf(o, ", sll_halen=%u", ll.sll_halen);
	if (ll.sll_halen == 0)
		return;
	sb_puts(o, ", sll_addr=[");
	size_t shown = ll.sll_halen < sizeof ll.sll_addr ? ll.sll_halen : sizeof ll.sll_addr;
	for (size_t i = 0; i < shown; i++)
		sb_printf(o, "%s%#02x", i ? ", " : "", ll.sll_addr[i]);
	if (ll.sll_halen > sizeof ll.sll_addr)
		sb_puts(o, ", ...");
	sb_putc(o, ']');
}

/* n bytes of a socket address already read from the tracee (n >= 2). */
static void put_sockaddr_bytes(struct sb *o, const unsigned char *b, size_t n)
{
	sa_family_t family;
	memcpy(&family, b, sizeof family);
	sb_puts(o, "{sa_family=");
	put_family(o, family);
	switch (family) {
	case AF_UNIX:
		put_sockaddr_un(o, b, n);
		break;
	case AF_INET:
		put_sockaddr_in(o, b, n);
		break;
	case AF_INET6:
		put_sockaddr_in6(o, b, n);
		break;
	case AF_NETLINK:
		put_sockaddr_nl(o, b, n);
		break;
	case AF_IPX:
		put_sockaddr_ipx(o, b, n);
		break;
	case AF_VSOCK:
		put_sockaddr_vm(o, b, n);
		break;
	case AF_ALG:
		put_sockaddr_alg(o, b, n);
		break;
	case AF_PACKET:
		put_sockaddr_ll(o, b, n);
		break;
	default:
		put_sa_data(o, b + sizeof(sa_family_t), n - sizeof(sa_family_t));
		break;
	}
	sb_putc(o, '}');
}

void print_sockaddr(struct sb *o, struct tcb *t, uint64_t addr, uint64_t len)
{
	unsigned char buf[SOCKADDR_MAX];
	if (addr == 0) {
		sb_puts(o, "NULL");
		return;
	}
	/* a length the kernel would refuse (less than a family, or negative as an int) shows the address */
	if (len < sizeof(sa_family_t) || len > INT_MAX) {
		print_addr(o, addr);
		return;
	}
	size_t n = len > sizeof buf ? sizeof buf : (size_t)len;
	if (mem_read(t, addr, buf, n) != 0) {
		print_addr(o, addr);
		return;
	}
	put_sockaddr_bytes(o, buf, n);
}

/* A length the program passes as an int (bind's addrlen): print_sockaddr takes it unsigned. */
static uint64_t int_len(uint64_t raw)
{
	int v = (int)raw;
	return v < 0 ? UINT64_MAX : (uint64_t)v;
}

/* ---- socket, socketpair ---- */

static void put_sock_type(struct sb *o, uint32_t type)
{
	const char *name = xlat_name(sock_types, type & SOCK_TYPE_MASK);
	if (!name) {
		/* no known base type: strace shows the whole value as flags */
		print_flags(o, sock_flags, type, "SOCK_???");
		return;
	}
	sb_puts(o, name);
	if (type & ~(uint32_t)SOCK_TYPE_MASK) {
		sb_putc(o, '|');
		print_flags(o, sock_flags, type & ~(uint32_t)SOCK_TYPE_MASK, "SOCK_???");
	}
}

static void put_protocol(struct sb *o, uint32_t family, uint32_t protocol)
{
	switch (family) {
	case AF_INET:
	case AF_INET6:
		print_xval(o, ip_protocols, protocol, "IPPROTO_???");
		break;
	case AF_NETLINK:
		print_xval(o, netlink_protocols, protocol, "NETLINK_???");
		break;
	case AF_PACKET:
		put_eth_protocol(o, (uint16_t)protocol);
		break;
	case AF_BLUETOOTH:
		print_xval(o, bluetooth_protocols, protocol, "BTPROTO_???");
		break;
	default:
		sb_printf(o, "%d", (int)protocol);
		break;
	}
}

/* socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP); socketpair's protocol is always a number */
static void put_socket_args(struct sb *o, struct tcb *t, bool named_protocol)
{
	put_family(o, (uint32_t)t->args[0]);
	put_sep(o);
	put_sock_type(o, (uint32_t)t->args[1]);
	put_sep(o);
	if (named_protocol)
		put_protocol(o, (uint32_t)t->args[0], (uint32_t)t->args[2]);
	else
		sb_printf(o, "%d", (int)t->args[2]);
}

static void dec_socket(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		put_socket_args(o, t, true);
	else
		t->rval_fmt = RVAL_FD;
}

static void put_fd_elem(struct sb *o, struct tcb *t, const void *elem, void *ctx)
{
	(void)ctx;
	int fd;
	memcpy(&fd, elem, sizeof fd);
	print_fd(o, t, fd);
}

/* socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]): the fds at exit, an array like any other (-s 1 shows
 * [3, ...]) */
static void dec_socketpair(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_socket_args(o, t, false);
		put_sep(o);
		return;
	}
	if (t->error)
		print_addr(o, t->args[3]);
	else
		put_array(o, t, t->args[3], 2, sizeof(int), put_fd_elem, NULL);
}

/* ---- bind, connect, listen, shutdown ---- */

/* bind(3, {sa_family=AF_INET, ...}, 16) and connect: all input */
static void dec_bind(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	put_sep(o);
	print_sockaddr(o, t, t->args[1], int_len(t->args[2]));
	sb_printf(o, ", %d", (int)t->args[2]);
}

static void dec_listen(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	sb_printf(o, ", %d", (int)t->args[1]);
}

static void dec_shutdown(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	put_sep(o);
	print_xval(o, shutdown_modes, (uint32_t)t->args[1], "SHUT_???");
}

/* ---- accept, accept4, getsockname, getpeername, and recvfrom's address ---- */

/* At entry: remember the address length the program offers (priv[0]: 1 if it could be read). */
static void save_addrlen(struct tcb *t, uint64_t lenp)
{
	int len;
	t->priv[0] = lenp && mem_read(t, lenp, &len, sizeof len) == 0;
	t->priv[1] = t->priv[0] ? (uint64_t)(uint32_t)len : 0;
}

/* At exit: the address the kernel wrote and its length, "[16]" or "[128 => 16]" when it changed.
 * A failed call shows the buffer's address and the length offered; no buffer, the length's address. */
static void put_addr_and_len(struct sb *o, struct tcb *t, uint64_t addr, uint64_t lenp)
{
	int in = (int)(uint32_t)t->priv[1], out;
	if (addr == 0) {
		sb_puts(o, "NULL, ");
		print_addr(o, lenp);
		return;
	}
	if (t->error || !t->priv[0] || mem_read(t, lenp, &out, sizeof out) != 0) {
		print_addr(o, addr);
		put_sep(o);
		if (t->priv[0])
			sb_printf(o, "[%d]", in);
		else
			print_addr(o, lenp);
		return;
	}
	print_sockaddr(o, t, addr, int_len((uint64_t)(in < out ? in : out)));
	if (in == out)
		sb_printf(o, ", [%d]", in);
	else
		sb_printf(o, ", [%d => %d]", in, out);
}

/* accept(3, {sa_family=AF_INET, ...}, [128 => 16]) = 4, getsockname, getpeername: the fd at entry */
static void dec_accept(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		save_addrlen(t, t->args[2]);
		return;
	}
	put_addr_and_len(o, t, t->args[1], t->args[2]);
	t->rval_fmt = RVAL_FD;
}

static void dec_accept4(struct tcb *t, struct sb *o, bool entering)
{
	dec_accept(t, o, entering);
	if (entering)
		return;
	put_sep(o);
	print_flags(o, sock_flags, (uint32_t)t->args[3], "SOCK_???");
}

static void dec_getsockname(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		save_addrlen(t, t->args[2]);
		return;
	}
	put_addr_and_len(o, t, t->args[1], t->args[2]);
}

/* ---- setsockopt, getsockopt ---- */

static void put_level(struct sb *o, int level)
{
	print_xval(o, sol_levels, (uint32_t)level, "SOL_??");
}

static void put_optname(struct sb *o, int level, int name, bool get)
{
	for (size_t i = 0; i < sizeof option_levels / sizeof option_levels[0]; i++) {
		if (option_levels[i].level != level)
			continue;
		const char *s = get && option_levels[i].get_names ? xlat_name(option_levels[i].get_names, (uint32_t)name) : NULL;
		if (s)
			sb_puts(o, s);
		else
			print_xval(o, option_levels[i].names, (uint32_t)name, option_levels[i].unknown);
		return;
	}
	sb_printf(o, "%u", (unsigned int)name);
}

static bool so_int_option(int name)
{
	for (size_t i = 0; i < sizeof so_int_options / sizeof so_int_options[0]; i++)
		if (so_int_options[i] == name)
			return true;
	return false;
}

/* [N], with SO_TXREHASH's values named. */
static void put_int_value(struct sb *o, int name, int v)
{
	const char *s = name == SO_TXREHASH_OPT ? xlat_name(txrehash_values, (uint32_t)v) : NULL;
	if (s)
		sb_printf(o, "[%s]", s);
	else
		sb_printf(o, "[%d]", v);
}

/* A structure of int-sized fields of which the kernel may have written only the first len bytes:
 * whole fields as numbers, a cut one as hex bytes, the rest left out ({l_onoff="\x00\x00"}). */
struct int_field {
	const char *name;
	enum { F_INT, F_ID } kind;
};

static void put_int_fields(struct sb *o, const unsigned char *p, size_t len, const struct int_field *f, size_t nf)
{
	sb_putc(o, '{');
	for (size_t i = 0; i < nf && len > 0; i++) {
		if (i)
			put_sep(o);
		sb_printf(o, "%s=", f[i].name);
		if (len < sizeof(int)) {
			put_hex_bytes(o, p, len);
			break;
		}
		int32_t v;
		memcpy(&v, p, sizeof v);
		if (f[i].kind == F_ID)
			put_id(o, (uint32_t)v);
		else
			sb_printf(o, "%d", v);
		p += sizeof v;
		len -= sizeof v;
	}
	sb_putc(o, '}');
}

static const struct int_field linger_fields[] = { { "l_onoff", F_INT }, { "l_linger", F_INT } };
static const struct int_field ucred_fields[] = { { "pid", F_INT }, { "uid", F_ID }, { "gid", F_ID } };

/* What no special case covers: an int when exactly 4 bytes, else the bytes as a string (cut by -s). */
static void put_opt_generic(struct sb *o, struct tcb *t, uint64_t addr, int len)
{
	if (len == (int)sizeof(int))
		print_int_ref(o, t, addr);
	else
		print_buf(o, t, addr, (uint64_t)len);
}

/* struct ip_mreq (or the longer ip_mreqn, shown as its first two fields) */
static void put_ip_mreq(struct sb *o, struct tcb *t, uint64_t addr, int len)
{
	struct ip_mreq m;
	if (len < (int)sizeof m || mem_read(t, addr, &m, sizeof m) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_puts(o, "{imr_multiaddr=");
	put_inet_addr(o, &m.imr_multiaddr);
	sb_puts(o, ", imr_interface=");
	put_inet_addr(o, &m.imr_interface);
	sb_putc(o, '}');
}

static void put_ipv6_mreq(struct sb *o, struct tcb *t, uint64_t addr, int len)
{
	struct ipv6_mreq m;
	if (len < (int)sizeof m || mem_read(t, addr, &m, sizeof m) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_putc(o, '{');
	put_inet6_addr(o, &m.ipv6mr_multiaddr, "ipv6mr_multiaddr");
	sb_puts(o, ", ipv6mr_interface=");
	put_ifindex(o, m.ipv6mr_interface);
	sb_putc(o, '}');
}

static void put_group_req(struct sb *o, struct tcb *t, uint64_t addr, int len)
{
	struct group_req g;
	if (len < (int)sizeof g || mem_read(t, addr, &g, sizeof g) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_puts(o, "{gr_interface=");
	put_ifindex(o, g.gr_interface);
	sb_puts(o, ", gr_group=");
	put_sockaddr_bytes(o, (const unsigned char *)&g.gr_group, sizeof g.gr_group);
	sb_putc(o, '}');
}

static const struct xlat packet_mr_types[] = {
	XLAT_PAIR(0, "PACKET_MR_MULTICAST"), XLAT_PAIR(1, "PACKET_MR_PROMISC"), XLAT_PAIR(2, "PACKET_MR_ALLMULTI"),
	XLAT_PAIR(3, "PACKET_MR_UNICAST"), XLAT_END,
};

/* struct packet_mreq: {mr_ifindex=if_nametoindex("lo"), mr_type=PACKET_MR_PROMISC, mr_alen=6, mr_address=01:02:..} */
static void put_packet_mreq(struct sb *o, struct tcb *t, uint64_t addr, int len)
{
	struct packet_mreq m;
	if (len < (int)sizeof m || mem_read(t, addr, &m, sizeof m) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_puts(o, "{mr_ifindex=");
	put_ifindex(o, (unsigned int)m.mr_ifindex);
	sb_puts(o, ", mr_type=");
	print_xval(o, packet_mr_types, m.mr_type, "PACKET_MR_???");
	sb_printf(o, ", mr_alen=%u, mr_address=", m.mr_alen);
	size_t n = m.mr_alen < sizeof m.mr_address ? m.mr_alen : sizeof m.mr_address;
	for (size_t i = 0; i < n; i++)
		sb_printf(o, "%s%02x", i ? ":" : "", m.mr_address[i]);
	sb_putc(o, '}');
}

static void put_tpacket_req(struct sb *o, struct tcb *t, uint64_t addr, int len)
{
	struct tpacket_req r;
	if (len != (int)sizeof r || mem_read(t, addr, &r, sizeof r) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_printf(o, "{tp_block_size=%u, tp_block_nr=%u, tp_frame_size=%u, tp_frame_nr=%u}", r.tp_block_size,
		  r.tp_block_nr, r.tp_frame_size, r.tp_frame_nr);
}

static const struct xlat icmp_types[] = {
	XLAT_PAIR(0, "ICMP_ECHOREPLY"), XLAT_PAIR(3, "ICMP_DEST_UNREACH"), XLAT_PAIR(4, "ICMP_SOURCE_QUENCH"),
	XLAT_PAIR(5, "ICMP_REDIRECT"), XLAT_PAIR(8, "ICMP_ECHO"), XLAT_PAIR(11, "ICMP_TIME_EXCEEDED"),
	XLAT_PAIR(12, "ICMP_PARAMETERPROB"), XLAT_PAIR(13, "ICMP_TIMESTAMP"), XLAT_PAIR(14, "ICMP_TIMESTAMPREPLY"),
	XLAT_PAIR(15, "ICMP_INFO_REQUEST"), XLAT_PAIR(16, "ICMP_INFO_REPLY"), XLAT_PAIR(17, "ICMP_ADDRESS"),
	XLAT_PAIR(18, "ICMP_ADDRESSREPLY"), XLAT_END,
};

/* ICMP_FILTER's 32-bit set of ICMP types (a set bit filters the type out), shown like a signal set:
 * [ICMP_ECHO ...], or ~[...] with the bits that are clear when more than half are set. strace reads the
 * 4 bytes whatever the length says. */
static void put_icmp_filter(struct sb *o, struct tcb *t, uint64_t addr)
{
	uint32_t v;
	if (mem_read(t, addr, &v, sizeof v) != 0) {
		print_addr(o, addr);
		return;
	}
	bool inverted = __builtin_popcount(v) > 16;
	if (inverted) {
		v = ~v;
		sb_putc(o, '~');
	}
	sb_putc(o, '[');
	bool first = true;
	for (unsigned int bit = 0; bit < 32; bit++) {
		if (!(v & (UINT32_C(1) << bit)))
			continue;
		if (!first)
			sb_putc(o, ' ');
		print_xval(o, icmp_types, bit, "ICMP_???");
		first = false;
	}
	sb_putc(o, ']');
}

/* setsockopt's value, all input. */
static void put_setsockopt_value(struct sb *o, struct tcb *t, int level, int name, uint64_t addr, int len)
{
	if (addr == 0) {
		sb_puts(o, "NULL");
		return;
	}
	if (len < 0) {
		print_addr(o, addr);
		return;
	}
	if (level == SOL_SOCKET) {
		if (name == SO_LINGER) {
			struct linger l;
			if (len < (int)sizeof l || mem_read(t, addr, &l, sizeof l) != 0)
				print_addr(o, addr);
			else
				sb_printf(o, "{l_onoff=%d, l_linger=%d}", l.l_onoff, l.l_linger);
			return;
		}
		if (name == SO_ATTACH_FILTER || name == SO_ATTACH_REUSEPORT_CBPF_OPT) {
			struct sock_fprog p;
			if (len != (int)sizeof p || mem_read(t, addr, &p, sizeof p) != 0)
				print_addr(o, addr);
			else
				sb_printf(o, "{len=%u, filter=%#llx}", p.len,
					  (unsigned long long)(uintptr_t)p.filter);
			return;
		}
		if (so_int_option(name)) {
			int v;
			if (len < (int)sizeof v || mem_read(t, addr, &v, sizeof v) != 0)
				print_addr(o, addr);
			else
				put_int_value(o, name, v);
			return;
		}
	} else if (level == SOL_IP) {
		if (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP) {
			put_ip_mreq(o, t, addr, len);
			return;
		}
		if (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP) {
			put_group_req(o, t, addr, len);
			return;
		}
	} else if (level == SOL_IPV6) {
		if (name == IPV6_ADD_MEMBERSHIP || name == IPV6_DROP_MEMBERSHIP || name == IPV6_JOIN_ANYCAST ||
		    name == IPV6_LEAVE_ANYCAST) {
			put_ipv6_mreq(o, t, addr, len);
			return;
		}
		if (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP) {
			put_group_req(o, t, addr, len);
			return;
		}
	} else if (level == SOL_RAW && name == 1 /* ICMP_FILTER */) {
		put_icmp_filter(o, t, addr);
		return;
	} else if (level == SOL_PACKET) {
		if (name == PACKET_ADD_MEMBERSHIP || name == PACKET_DROP_MEMBERSHIP) {
			put_packet_mreq(o, t, addr, len);
			return;
		}
		if (name == PACKET_RX_RING || name == PACKET_TX_RING) {
			put_tpacket_req(o, t, addr, len);
			return;
		}
	}
	put_opt_generic(o, t, addr, len);
}

/* setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4): all input */
static void dec_setsockopt(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	int level = (int)t->args[1], name = (int)t->args[2], len = (int)t->args[4];
	put_fd(o, t, t->args[0]);
	put_sep(o);
	put_level(o, level);
	put_sep(o);
	put_optname(o, level, name, false);
	put_sep(o);
	put_setsockopt_value(o, t, level, name, t->args[3], len);
	sb_printf(o, ", %d", len);
}

/* getsockopt's value: len bytes the kernel wrote. */
static void put_getsockopt_value(struct sb *o, struct tcb *t, int level, int name, uint64_t addr, int len)
{
	unsigned char buf[sizeof(struct ucred)];
	if (len <= 0) {
		print_addr(o, addr);
		return;
	}
	if (level == SOL_SOCKET) {
		const struct int_field *f = NULL;
		size_t nf = 0;
		if (name == SO_LINGER) {
			f = linger_fields;
			nf = sizeof linger_fields / sizeof linger_fields[0];
		} else if (name == SO_PEERCRED) {
			f = ucred_fields;
			nf = sizeof ucred_fields / sizeof ucred_fields[0];
		}
		if (f) {
			size_t n = (size_t)len < nf * sizeof(int) ? (size_t)len : nf * sizeof(int);
			if (mem_read(t, addr, buf, n) != 0)
				print_addr(o, addr);
			else
				put_int_fields(o, buf, n, f, nf);
			return;
		}
		if (name == SO_ERROR || so_int_option(name)) {
			size_t n = (size_t)len < sizeof(int) ? (size_t)len : sizeof(int);
			int v;
			if (mem_read(t, addr, buf, n) != 0) {
				print_addr(o, addr);
			} else if (n < sizeof(int)) {
				put_hex_bytes(o, buf, n);
			} else {
				memcpy(&v, buf, sizeof v);
				const char *e = name == SO_ERROR && v > 0 ? errno_name(v) : NULL;
				if (e)
					sb_printf(o, "[%s]", e);
				else
					put_int_value(o, name, v);
			}
			return;
		}
	}
	put_opt_generic(o, t, addr, len);
}

/* getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]): fd, level and name at entry; the value and the
 * length ([4], or [8 => 4] when the kernel changed it) at exit */
static void dec_getsockopt(struct tcb *t, struct sb *o, bool entering)
{
	int level = (int)t->args[1], name = (int)t->args[2];
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		put_level(o, level);
		put_sep(o);
		put_optname(o, level, name, true);
		put_sep(o);
		save_addrlen(t, t->args[4]);
		return;
	}
	int in = (int)(uint32_t)t->priv[1], out;
	if (t->error || !t->priv[0] || mem_read(t, t->args[4], &out, sizeof out) != 0) {
		print_addr(o, t->args[3]);
		put_sep(o);
		if (t->priv[0])
			sb_printf(o, "[%d]", in);
		else
			print_addr(o, t->args[4]);
		return;
	}
	put_getsockopt_value(o, t, level, name, t->args[3], out);
	if (in == out)
		sb_printf(o, ", [%d]", in);
	else
		sb_printf(o, ", [%d => %d]", in, out);
}

/* ---- netlink messages ----
 * On a netlink socket strace shows the data of sendto, recvfrom and of a single-iov sendmsg/recvmsg as
 * messages: [{nlmsg_len=20, nlmsg_type=RTM_GETADDR, ...}, {ifa_family=AF_INET, ...}]. NETLINK_ROUTE's
 * address messages (what getaddrinfo's AI_ADDRCONFIG asks for), NLMSG_DONE and NLMSG_ERROR are decoded
 * in full; other route messages show their header and their payload in hex. A socket whose protocol the
 * kernel does not list yet (not bound) is "generic": headers only, as strace does. */

enum nl_kind { NL_NONE, NL_GENERIC, NL_ROUTE, NL_OTHER };
enum { NL_DATA_MAX = 1 << 16 }; /* bytes of a netlink buffer decoded; the rest is left out */

/* What kind of netlink socket fd of the task is: NL_NONE when it is not one. The protocol comes from
 * /proc/PID/net/netlink, which lists bound sockets only, by inode. */
static enum nl_kind netlink_kind(struct tcb *t, uint64_t fd)
{
	char path[64], proto[16];
	struct stat st;
	snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)t->pid, (int)fd);
	if (stat(path, &st) != 0 || !S_ISSOCK(st.st_mode))
		return NL_NONE;
	ssize_t n = getxattr(path, "system.sockprotoname", proto, sizeof proto - 1);
	if (n <= 0)
		return NL_NONE;
	proto[n] = '\0';
	if (strcmp(proto, "NETLINK") != 0)
		return NL_NONE;
	snprintf(path, sizeof path, "/proc/%d/net/netlink", (int)t->pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return NL_GENERIC;
	char line[256];
	enum nl_kind kind = NL_GENERIC;
	/* sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode */
	while (fgets(line, sizeof line, f)) {
		int eth;
		unsigned long long ino;
		if (sscanf(line, "%*s %d %*s %*s %*s %*s %*s %*s %*s %llu", &eth, &ino) == 2 && ino == st.st_ino) {
			kind = eth == NETLINK_ROUTE ? NL_ROUTE : NL_OTHER;
			break;
		}
	}
	fclose(f);
	return kind;
}

static const struct xlat nlmsg_types[] = {
	XLAT_PAIR(1, "NLMSG_NOOP"), XLAT_PAIR(2, "NLMSG_ERROR"), XLAT_PAIR(3, "NLMSG_DONE"),
	XLAT_PAIR(4, "NLMSG_OVERRUN"), XLAT_END,
};

static const struct xlat rtm_types[] = {
	XLAT_PAIR(1, "NLMSG_NOOP"), XLAT_PAIR(2, "NLMSG_ERROR"), XLAT_PAIR(3, "NLMSG_DONE"),
	XLAT_PAIR(4, "NLMSG_OVERRUN"),
	XLAT_PAIR(16, "RTM_NEWLINK"), XLAT_PAIR(17, "RTM_DELLINK"), XLAT_PAIR(18, "RTM_GETLINK"),
	XLAT_PAIR(19, "RTM_SETLINK"), XLAT_PAIR(20, "RTM_NEWADDR"), XLAT_PAIR(21, "RTM_DELADDR"),
	XLAT_PAIR(22, "RTM_GETADDR"), XLAT_PAIR(24, "RTM_NEWROUTE"), XLAT_PAIR(25, "RTM_DELROUTE"),
	XLAT_PAIR(26, "RTM_GETROUTE"), XLAT_PAIR(28, "RTM_NEWNEIGH"), XLAT_PAIR(29, "RTM_DELNEIGH"),
	XLAT_PAIR(30, "RTM_GETNEIGH"), XLAT_PAIR(32, "RTM_NEWRULE"), XLAT_PAIR(33, "RTM_DELRULE"),
	XLAT_PAIR(34, "RTM_GETRULE"), XLAT_PAIR(36, "RTM_NEWQDISC"), XLAT_PAIR(37, "RTM_DELQDISC"),
	XLAT_PAIR(38, "RTM_GETQDISC"), XLAT_PAIR(40, "RTM_NEWTCLASS"), XLAT_PAIR(41, "RTM_DELTCLASS"),
	XLAT_PAIR(42, "RTM_GETTCLASS"), XLAT_PAIR(44, "RTM_NEWTFILTER"), XLAT_PAIR(45, "RTM_DELTFILTER"),
	XLAT_PAIR(46, "RTM_GETTFILTER"), XLAT_PAIR(48, "RTM_NEWACTION"), XLAT_PAIR(49, "RTM_DELACTION"),
	XLAT_PAIR(50, "RTM_GETACTION"), XLAT_PAIR(52, "RTM_NEWPREFIX"), XLAT_PAIR(58, "RTM_GETMULTICAST"),
	XLAT_PAIR(62, "RTM_GETANYCAST"), XLAT_PAIR(64, "RTM_NEWNEIGHTBL"), XLAT_PAIR(66, "RTM_GETNEIGHTBL"),
	XLAT_PAIR(67, "RTM_SETNEIGHTBL"), XLAT_PAIR(68, "RTM_NEWNDUSEROPT"), XLAT_PAIR(72, "RTM_NEWADDRLABEL"),
	XLAT_PAIR(73, "RTM_DELADDRLABEL"), XLAT_PAIR(74, "RTM_GETADDRLABEL"), XLAT_PAIR(78, "RTM_GETDCB"),
	XLAT_PAIR(79, "RTM_SETDCB"), XLAT_PAIR(80, "RTM_NEWNETCONF"), XLAT_PAIR(81, "RTM_DELNETCONF"),
	XLAT_PAIR(82, "RTM_GETNETCONF"), XLAT_PAIR(84, "RTM_NEWMDB"), XLAT_PAIR(85, "RTM_DELMDB"),
	XLAT_PAIR(86, "RTM_GETMDB"), XLAT_PAIR(88, "RTM_NEWNSID"), XLAT_PAIR(89, "RTM_DELNSID"),
	XLAT_PAIR(90, "RTM_GETNSID"), XLAT_PAIR(92, "RTM_NEWSTATS"), XLAT_PAIR(94, "RTM_GETSTATS"),
	XLAT_PAIR(96, "RTM_NEWCACHEREPORT"), XLAT_PAIR(100, "RTM_NEWCHAIN"), XLAT_PAIR(101, "RTM_DELCHAIN"),
	XLAT_PAIR(102, "RTM_GETCHAIN"), XLAT_PAIR(104, "RTM_NEWNEXTHOP"), XLAT_PAIR(105, "RTM_DELNEXTHOP"),
	XLAT_PAIR(106, "RTM_GETNEXTHOP"), XLAT_PAIR(108, "RTM_NEWLINKPROP"), XLAT_PAIR(109, "RTM_DELLINKPROP"),
	XLAT_PAIR(110, "RTM_GETLINKPROP"), XLAT_PAIR(112, "RTM_NEWVLAN"), XLAT_PAIR(113, "RTM_DELVLAN"),
	XLAT_PAIR(114, "RTM_GETVLAN"), XLAT_PAIR(116, "RTM_NEWNEXTHOPBUCKET"),
	XLAT_PAIR(117, "RTM_DELNEXTHOPBUCKET"), XLAT_PAIR(118, "RTM_GETNEXTHOPBUCKET"), XLAT_END,
};

/* nlmsg_flags: the flags of every message, then those whose meaning depends on the kind of request.
 * NLM_F_DUMP (ROOT|MATCH) comes before its halves so that it is named when both are set. */
#define NLM_COMMON_FLAGS                                                                                    \
	XLAT_PAIR(0x1, "NLM_F_REQUEST"), XLAT_PAIR(0x2, "NLM_F_MULTI"), XLAT_PAIR(0x4, "NLM_F_ACK"),           \
		XLAT_PAIR(0x8, "NLM_F_ECHO"), XLAT_PAIR(0x10, "NLM_F_DUMP_INTR"),                              \
		XLAT_PAIR(0x20, "NLM_F_DUMP_FILTERED")
static const struct xlat nlm_flags[] = { NLM_COMMON_FLAGS, XLAT_END };
static const struct xlat nlm_get_flags[] = {
	NLM_COMMON_FLAGS, XLAT_PAIR(0x300, "NLM_F_DUMP"), XLAT_PAIR(0x100, "NLM_F_ROOT"),
	XLAT_PAIR(0x200, "NLM_F_MATCH"), XLAT_PAIR(0x400, "NLM_F_ATOMIC"), XLAT_END,
};
static const struct xlat nlm_new_flags[] = {
	NLM_COMMON_FLAGS, XLAT_PAIR(0x100, "NLM_F_REPLACE"), XLAT_PAIR(0x200, "NLM_F_EXCL"),
	XLAT_PAIR(0x400, "NLM_F_CREATE"), XLAT_PAIR(0x800, "NLM_F_APPEND"), XLAT_END,
};
static const struct xlat nlm_del_flags[] = {
	NLM_COMMON_FLAGS, XLAT_PAIR(0x100, "NLM_F_NONREC"), XLAT_PAIR(0x200, "NLM_F_BULK"), XLAT_END,
};
static const struct xlat nlm_error_flags[] = {
	NLM_COMMON_FLAGS, XLAT_PAIR(0x100, "NLM_F_CAPPED"), XLAT_PAIR(0x200, "NLM_F_ACK_TLVS"), XLAT_END,
};

static const struct xlat ifa_flags[] = {
	XLAT_PAIR(0x1, "IFA_F_SECONDARY"), XLAT_PAIR(0x2, "IFA_F_NODAD"), XLAT_PAIR(0x4, "IFA_F_OPTIMISTIC"),
	XLAT_PAIR(0x8, "IFA_F_DADFAILED"), XLAT_PAIR(0x10, "IFA_F_HOMEADDRESS"),
	XLAT_PAIR(0x20, "IFA_F_DEPRECATED"), XLAT_PAIR(0x40, "IFA_F_TENTATIVE"),
	XLAT_PAIR(0x80, "IFA_F_PERMANENT"), XLAT_PAIR(0x100, "IFA_F_MANAGETEMPADDR"),
	XLAT_PAIR(0x200, "IFA_F_NOPREFIXROUTE"), XLAT_PAIR(0x400, "IFA_F_MCAUTOJOIN"),
	XLAT_PAIR(0x800, "IFA_F_STABLE_PRIVACY"), XLAT_END,
};

static const struct xlat rt_scopes[] = {
	XLAT_PAIR(0, "RT_SCOPE_UNIVERSE"), XLAT_PAIR(200, "RT_SCOPE_SITE"), XLAT_PAIR(253, "RT_SCOPE_LINK"),
	XLAT_PAIR(254, "RT_SCOPE_HOST"), XLAT_PAIR(255, "RT_SCOPE_NOWHERE"), XLAT_END,
};

enum { IFA_UNSPEC_ = 0, IFA_ADDRESS_, IFA_LOCAL_, IFA_LABEL_, IFA_BROADCAST_, IFA_ANYCAST_, IFA_CACHEINFO_,
       IFA_MULTICAST_, IFA_FLAGS_, IFA_RT_PRIORITY_, IFA_TARGET_NETNSID_, IFA_PROTO_ };
static const struct xlat ifa_attrs[] = {
	XLAT_PAIR(IFA_UNSPEC_, "IFA_UNSPEC"), XLAT_PAIR(IFA_ADDRESS_, "IFA_ADDRESS"),
	XLAT_PAIR(IFA_LOCAL_, "IFA_LOCAL"), XLAT_PAIR(IFA_LABEL_, "IFA_LABEL"),
	XLAT_PAIR(IFA_BROADCAST_, "IFA_BROADCAST"), XLAT_PAIR(IFA_ANYCAST_, "IFA_ANYCAST"),
	XLAT_PAIR(IFA_CACHEINFO_, "IFA_CACHEINFO"), XLAT_PAIR(IFA_MULTICAST_, "IFA_MULTICAST"),
	XLAT_PAIR(IFA_FLAGS_, "IFA_FLAGS"), XLAT_PAIR(IFA_RT_PRIORITY_, "IFA_RT_PRIORITY"),
	XLAT_PAIR(IFA_TARGET_NETNSID_, "IFA_TARGET_NETNSID"), XLAT_PAIR(IFA_PROTO_, "IFA_PROTO"), XLAT_END,
};

enum { NLMSG_HDR = 16, NLA_HDR = 4, IFADDRMSG_LEN = 8 };
#define NL_ALIGN(len) (((len) + 3) & ~(size_t)3)

/* A string attribute as strace shows a NUL-terminated string of known size: at most -s bytes; when the
 * last of them is a NUL it ends the string, otherwise "..." follows. In hex (-xx, or -x with a byte that
 * is not printable, that NUL included) the bytes are shown as they are, always followed by "...". */
static void put_nl_str(struct sb *o, const unsigned char *p, size_t n)
{
	size_t show = n > (size_t)opt.strsize ? (size_t)opt.strsize : n;
	bool hex = opt.xflag >= 2;
	for (size_t i = 0; opt.xflag == 1 && i < show && !hex; i++)
		hex = (p[i] < 0x20 || p[i] >= 0x7f) && !memchr("\t\n\v\f\r", p[i], 5);
	if (hex) {
		sb_putc(o, '"');
		for (size_t i = 0; i < show; i++)
			sb_printf(o, "\\x%02x", p[i]);
		sb_puts(o, "\"...");
	} else if (show > 0 && p[show - 1] == '\0') {
		print_quoted(o, p, show - 1, false, false);
	} else {
		print_quoted(o, p, show, true, false);
	}
}

/* One IFA_* attribute's value (the family of the ifaddrmsg says how to read an address). */
static void put_ifa_value(struct sb *o, int family, unsigned int type, const unsigned char *p, size_t n)
{
	uint32_t u;
	switch (type) {
	case IFA_ADDRESS_:
	case IFA_LOCAL_:
	case IFA_BROADCAST_:
	case IFA_ANYCAST_:
	case IFA_MULTICAST_:
		if (family == AF_INET && n == 4) {
			put_inet_addr(o, p);
			return;
		}
		if (family == AF_INET6 && n == 16) {
			char buf[INET6_ADDRSTRLEN];
			sb_puts(o, "inet_pton(AF_INET6, ");
			put_str(o, inet_ntop(AF_INET6, p, buf, sizeof buf) ? buf : "?");
			sb_putc(o, ')');
			return;
		}
		break;
	case IFA_LABEL_:
		put_nl_str(o, p, n);
		return;
	case IFA_FLAGS_:
		if (n >= sizeof u) {
			memcpy(&u, p, sizeof u);
			print_flags(o, ifa_flags, u, "IFA_F_???");
			return;
		}
		break;
	case IFA_CACHEINFO_: {
		uint32_t ci[4];
		if (n >= sizeof ci) {
			memcpy(ci, p, sizeof ci);
			sb_printf(o, "{ifa_prefered=%u, ifa_valid=%u, cstamp=%u, tstamp=%u}", ci[0], ci[1], ci[2], ci[3]);
			return;
		}
		break;
	}
	case IFA_RT_PRIORITY_:
		if (n >= sizeof u) {
			memcpy(&u, p, sizeof u);
			sb_printf(o, "%u", u);
			return;
		}
		break;
	case IFA_TARGET_NETNSID_:
		if (n >= sizeof u) {
			memcpy(&u, p, sizeof u);
			sb_printf(o, "%d", (int)u);
			return;
		}
		break;
	}
	put_hex_bytes(o, p, n);
}

/* Route attributes: one is [{nla_len=8, nla_type=IFA_ADDRESS}, value], several are in a list. */
static void put_ifa_attrs(struct sb *o, int family, const unsigned char *p, size_t n)
{
	uint16_t len, type;
	memcpy(&len, p, sizeof len);
	bool list = len >= NLA_HDR && NL_ALIGN(len) < n;
	if (list && opt.strsize == 0) {
		sb_puts(o, "..."); /* -s 0: not even the brackets */
		return;
	}
	if (list)
		sb_putc(o, '[');
	size_t off = 0;
	for (int i = 0; off < n; i++) {
		if (i)
			put_sep(o);
		if (i >= opt.strsize) {
			sb_puts(o, "...");
			break;
		}
		if (n - off < NLA_HDR) {
			put_hex_bytes(o, p + off, n - off);
			break;
		}
		memcpy(&len, p + off, sizeof len);
		memcpy(&type, p + off + sizeof len, sizeof type);
		size_t have = len < n - off ? len : n - off;
		bool value = len >= NLA_HDR && have > NLA_HDR;
		if (value)
			sb_putc(o, '[');
		sb_printf(o, "{nla_len=%u, nla_type=", len);
		print_xval(o, ifa_attrs, type, "IFA_???");
		sb_putc(o, '}');
		if (value) {
			put_sep(o);
			put_ifa_value(o, family, type, p + off + NLA_HDR, have - NLA_HDR);
			sb_putc(o, ']');
		}
		if (len < NLA_HDR)
			break;
		off += NL_ALIGN(len);
	}
	if (list)
		sb_putc(o, ']');
}

/* struct ifaddrmsg and the attributes after it; a shorter payload shows its family then "...". */
static void put_ifaddrmsg(struct sb *o, const unsigned char *p, size_t n)
{
	sb_puts(o, "{ifa_family=");
	put_family(o, p[0]);
	if (n < IFADDRMSG_LEN) {
		sb_puts(o, ", ...}");
		return;
	}
	uint32_t index;
	memcpy(&index, p + 4, sizeof index);
	sb_printf(o, ", ifa_prefixlen=%u, ifa_flags=", p[1]);
	print_flags(o, ifa_flags, p[2], "IFA_F_???");
	sb_puts(o, ", ifa_scope=");
	print_xval(o, rt_scopes, p[3], NULL);
	sb_puts(o, ", ifa_index=");
	put_ifindex(o, index);
	sb_putc(o, '}');
	if (n > IFADDRMSG_LEN) {
		put_sep(o);
		put_ifa_attrs(o, p[0], p + IFADDRMSG_LEN, n - IFADDRMSG_LEN);
	}
}

/* The first field of the other route messages' structures, for a payload too short to hold them. */
static const char *rtm_family_field(unsigned int type)
{
	if (type >= 16 && type <= 19)
		return "ifi_family";
	if (type >= 24 && type <= 26)
		return "rtm_family";
	if (type >= 28 && type <= 30)
		return "ndm_family";
	return NULL;
}

static void put_nl_messages(struct sb *o, enum nl_kind kind, const unsigned char *p, size_t n);

static void put_nl_payload(struct sb *o, enum nl_kind kind, unsigned int type, const unsigned char *p, size_t n)
{
	if (type == NLMSG_DONE && n >= sizeof(int)) {
		int v;
		memcpy(&v, p, sizeof v);
		sb_printf(o, "%d", v);
		return;
	}
	if (type == NLMSG_ERROR && n >= sizeof(int) + NLMSG_HDR) {
		int err;
		memcpy(&err, p, sizeof err);
		sb_puts(o, "{error=");
		const char *name = err < 0 ? errno_name(-err) : NULL;
		if (name)
			sb_printf(o, "-%s", name);
		else
			sb_printf(o, "%d", err);
		sb_puts(o, ", msg=");
		put_nl_messages(o, kind, p + sizeof err, n - sizeof err);
		sb_putc(o, '}');
		return;
	}
	if (kind == NL_ROUTE && type >= 20 && type <= 22) {
		put_ifaddrmsg(o, p, n);
		return;
	}
	const char *field = kind == NL_ROUTE ? rtm_family_field(type) : NULL;
	if (field && n < 16) {
		sb_printf(o, "{%s=", field);
		put_family(o, p[0]);
		sb_puts(o, ", ...}");
		return;
	}
	if (kind == NL_ROUTE && type >= 16 && !xlat_name(rtm_types, type)) {
		/* a type strace does not know: its family byte, then the rest */
		sb_puts(o, "{family=");
		put_family(o, p[0]);
		sb_puts(o, ", data=");
		put_hex_bytes(o, p + 1, n - 1);
		sb_putc(o, '}');
		return;
	}
	put_hex_bytes(o, p, n);
}

static void put_nlmsghdr(struct sb *o, enum nl_kind kind, const struct nlmsghdr *h)
{
	sb_printf(o, "{nlmsg_len=%u, nlmsg_type=", h->nlmsg_len);
	const struct xlat *flags = nlm_flags;
	if (kind == NL_ROUTE) {
		print_xval(o, rtm_types, h->nlmsg_type, h->nlmsg_type < 16 ? "NLMSG_???" : "RTM_???");
		if (h->nlmsg_type >= 16) {
			static const struct xlat *const by_kind[] = { nlm_new_flags, nlm_del_flags, nlm_get_flags, nlm_flags };
			flags = by_kind[(h->nlmsg_type - 16) % 4];
		}
	} else {
		print_xval(o, nlmsg_types, h->nlmsg_type, "NLMSG_???");
	}
	if (h->nlmsg_type == NLMSG_ERROR)
		flags = nlm_error_flags;
	sb_puts(o, ", nlmsg_flags=");
	print_flags(o, flags, h->nlmsg_flags, "NLM_F_???");
	sb_printf(o, ", nlmsg_seq=%u, nlmsg_pid=%d}", h->nlmsg_seq, (int)h->nlmsg_pid);
}

/* Netlink messages in n bytes: one is [{header}, payload] (or its header alone), several are a list. */
static void put_nl_messages(struct sb *o, enum nl_kind kind, const unsigned char *p, size_t n)
{
	struct nlmsghdr h;
	if (n < NLMSG_HDR) {
		put_hex_bytes(o, p, n);
		return;
	}
	memcpy(&h, p, sizeof h);
	bool list = h.nlmsg_len >= NLMSG_HDR && NL_ALIGN(h.nlmsg_len) < n;
	if (list && opt.strsize == 0) {
		sb_puts(o, "..."); /* -s 0: not even the brackets */
		return;
	}
	if (list)
		sb_putc(o, '[');
	size_t off = 0;
	for (int i = 0; off < n; i++) {
		if (i)
			put_sep(o);
		if (i >= opt.strsize) {
			sb_puts(o, "...");
			break;
		}
		if (n - off < NLMSG_HDR) {
			put_hex_bytes(o, p + off, n - off);
			break;
		}
		memcpy(&h, p + off, sizeof h);
		size_t have = h.nlmsg_len < n - off ? h.nlmsg_len : n - off;
		bool payload = h.nlmsg_len >= NLMSG_HDR && have > NLMSG_HDR;
		if (payload)
			sb_putc(o, '[');
		put_nlmsghdr(o, kind, &h);
		if (payload) {
			put_sep(o);
			if (kind == NL_GENERIC && h.nlmsg_type >= 16)
				put_hex_bytes(o, p + off + NLMSG_HDR, have - NLMSG_HDR);
			else
				put_nl_payload(o, kind, h.nlmsg_type, p + off + NLMSG_HDR, have - NLMSG_HDR);
			sb_putc(o, ']');
		}
		if (h.nlmsg_len < NLMSG_HDR)
			break;
		off += NL_ALIGN(h.nlmsg_len);
	}
	if (list)
		sb_putc(o, ']');
}

/* A data buffer of a send or receive call: netlink messages on a netlink socket of a kind we decode,
 * the bytes as print_buf shows them otherwise. */
static void put_sock_data(struct sb *o, struct tcb *t, enum nl_kind kind, uint64_t addr, uint64_t len)
{
	if (kind != NL_ROUTE && kind != NL_GENERIC) {
		print_buf(o, t, addr, len);
		return;
	}
	size_t n = len > NL_DATA_MAX ? NL_DATA_MAX : (size_t)len;
	unsigned char *buf = malloc(n ? n : 1);
	if (!buf || mem_read(t, addr, buf, n) != 0) {
		print_addr(o, addr);
		free(buf);
		return;
	}
	put_nl_messages(o, kind, buf, n);
	free(buf);
}

/* ---- sendto, recvfrom ---- */

static void put_msg_flags(struct sb *o, uint64_t flags)
{
	print_flags(o, msg_flags, (uint32_t)flags, "MSG_???");
}

/* sendto(3, "data", 4, 0, NULL, 0): all input */
static void dec_sendto(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	put_fd(o, t, t->args[0]);
	put_sep(o);
	put_sock_data(o, t, netlink_kind(t, t->args[0]), t->args[1], t->args[2]);
	sb_printf(o, ", %llu, ", (unsigned long long)t->args[2]);
	put_msg_flags(o, t->args[3]);
	put_sep(o);
	print_sockaddr(o, t, t->args[4], int_len(t->args[5]));
	sb_printf(o, ", %d", (int)t->args[5]);
}

/* recvfrom(3, "data", 4096, 0, NULL, NULL) = 4: the fd at entry, the rest at exit; the data shown is
 * what the call returned (a datagram cut by MSG_TRUNC shows the bytes that fit the buffer). */
static void dec_recvfrom(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		save_addrlen(t, t->args[5]);
		return;
	}
	if (t->error) {
		print_addr(o, t->args[1]);
	} else {
		uint64_t got = (uint64_t)t->rval;
		put_sock_data(o, t, netlink_kind(t, t->args[0]), t->args[1], got < t->args[2] ? got : t->args[2]);
	}
	sb_printf(o, ", %llu, ", (unsigned long long)t->args[2]);
	put_msg_flags(o, t->args[3]);
	put_sep(o);
	put_addr_and_len(o, t, t->args[4], t->args[5]);
}

/* ---- sendmsg, recvmsg, sendmmsg, recvmmsg ---- */

/* How much of the iov data to show: all of each iov_len (sending) or what the call returned, spread
 * over the vectors in order (receiving). */
struct iov_ctx {
	bool limited;
	uint64_t left;
	enum nl_kind nl; /* netlink messages in the iov (a single iov on a netlink socket) */
};

static void put_iov_elem(struct sb *o, struct tcb *t, const void *elem, void *ctx)
{
	const struct iovec *v = elem;
	struct iov_ctx *c = ctx;
	uint64_t base = (uint64_t)(uintptr_t)v->iov_base, len = v->iov_len, show = len;
	if (c->limited) {
		show = len < c->left ? len : c->left;
		c->left -= show;
	}
	sb_puts(o, "{iov_base=");
	if (base == 0)
		sb_puts(o, "NULL");
	else
		put_sock_data(o, t, c->nl, base, show);
	sb_printf(o, ", iov_len=%llu}", (unsigned long long)len);
}

/* A control message's data, decoded as strace decodes the types it knows. */
static void put_cmsg_data(struct sb *o, struct tcb *t, int level, int type, const unsigned char *p, size_t n)
{
	if (level == SOL_SOCKET) {
		switch (type) {
		case SCM_RIGHTS: {
			size_t k = n / sizeof(int);
			if (k == 0)
				return;
			sb_puts(o, ", cmsg_data=[");
			for (size_t i = 0; i < k; i++) {
				if (i)
					put_sep(o);
				if (i >= (size_t)opt.strsize) {
					sb_puts(o, "...");
					break;
				}
				put_fd_elem(o, t, p + i * sizeof(int), NULL);
			}
			sb_putc(o, ']');
			return;
		}
		case SCM_CREDENTIALS: {
			struct ucred u;
			if (n < sizeof u)
				return;
			memcpy(&u, p, sizeof u);
			sb_printf(o, ", cmsg_data={pid=%d, uid=", u.pid);
			put_id(o, u.uid);
			sb_puts(o, ", gid=");
			put_id(o, u.gid);
			sb_putc(o, '}');
			return;
		}
		case K_SCM_SECURITY:
			sb_puts(o, ", cmsg_data=");
			print_quoted(o, p, n, false, false);
			return;
		case 29: /* SO_TIMESTAMP_OLD: struct timeval */
		case 63: /* SO_TIMESTAMP_NEW: struct __kernel_sock_timeval, the same on x86_64 */
		case 35: /* SO_TIMESTAMPNS_OLD: struct timespec */
		case 64: /* SO_TIMESTAMPNS_NEW */ {
			int64_t tv[2];
			if (n < sizeof tv) {
				sb_puts(o, ", cmsg_data=???");
				return;
			}
			memcpy(tv, p, sizeof tv);
			sb_printf(o, ", cmsg_data={tv_sec=%lld, %s=%lld}", (long long)tv[0],
				  type == 29 || type == 63 ? "tv_usec" : "tv_nsec", (long long)tv[1]);
			return;
		}
		case 37: /* SO_TIMESTAMPING_OLD: three struct timespec */
		case 65: /* SO_TIMESTAMPING_NEW */ {
			int64_t ts[6];
			if (n < sizeof ts) {
				sb_puts(o, ", cmsg_data=???");
				return;
			}
			memcpy(ts, p, sizeof ts);
			sb_puts(o, ", cmsg_data=[");
			for (int i = 0; i < 3; i++)
				sb_printf(o, "%s{tv_sec=%lld, tv_nsec=%lld}", i ? ", " : "", (long long)ts[2 * i],
					  (long long)ts[2 * i + 1]);
			sb_putc(o, ']');
			return;
		}
		}
		return;
	}
	if (level != SOL_IP)
		return;
	switch (type) {
	case IP_TOS:
	case IP_RECVOPTS:
	case IP_RETOPTS:
		/* bytes: [0x10, 0xff] */
		if (n == 0)
			return;
		sb_puts(o, ", cmsg_data=[");
		for (size_t i = 0; i < n; i++) {
			if (i)
				put_sep(o);
			if (i >= (size_t)opt.strsize) {
				sb_puts(o, "...");
				break;
			}
			sb_printf(o, "%#x", p[i]);
		}
		sb_putc(o, ']');
		return;
	case IP_TTL:
	case IP_CHECKSUM: {
		/* an array of one int: -s 0 makes it [...] */
		int v;
		if (n < sizeof v)
			return;
		memcpy(&v, p, sizeof v);
		if (opt.strsize == 0)
			sb_puts(o, ", cmsg_data=[...]");
		else
			sb_printf(o, ", cmsg_data=[%d]", v);
		return;
	}
	case IP_PKTINFO: {
		struct in_pktinfo pi;
		if (n < sizeof pi)
			return;
		memcpy(&pi, p, sizeof pi);
		sb_puts(o, ", cmsg_data={ipi_ifindex=");
		put_ifindex(o, (unsigned int)pi.ipi_ifindex);
		sb_puts(o, ", ipi_spec_dst=");
		put_inet_addr(o, &pi.ipi_spec_dst);
		sb_puts(o, ", ipi_addr=");
		put_inet_addr(o, &pi.ipi_addr);
		sb_putc(o, '}');
		return;
	}
	case K_SCM_SECURITY:
		sb_puts(o, ", cmsg_data=");
		print_quoted(o, p, n, false, false);
		return;
	case IP_RECVERR: {
		struct sock_extended_err ee;
		if (n < sizeof ee)
			return;
		memcpy(&ee, p, sizeof ee);
		sb_printf(o, ", cmsg_data={ee_errno=%u, ee_origin=%u, ee_type=%u, ee_code=%u, ee_info=%u, ee_data=%u",
			  ee.ee_errno, ee.ee_origin, ee.ee_type, ee.ee_code, ee.ee_info, ee.ee_data);
		if (n >= sizeof ee + sizeof(sa_family_t)) {
			sb_puts(o, ", offender=");
			put_sockaddr_bytes(o, p + sizeof ee, n - sizeof ee);
		}
		sb_putc(o, '}');
		return;
	}
	case IP_ORIGDSTADDR:
		if (n < sizeof(struct sockaddr_in))
			return;
		sb_puts(o, ", cmsg_data=");
		put_sockaddr_bytes(o, p, n);
		return;
	}
}

/* msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}]. A buffer too
 * small for one header prints as its address; a header whose cmsg_len is too small for itself ends the
 * list, and bytes left over that hold no whole header end it with "... /\* 0xADDR *\/". */
static void put_cmsgs(struct sb *o, struct tcb *t, uint64_t addr, uint64_t controllen)
{
	if (controllen < CMSG_HDR) {
		print_addr(o, addr);
		return;
	}
	size_t n = controllen > CONTROL_MAX ? CONTROL_MAX : (size_t)controllen;
	unsigned char *buf = malloc(n);
	if (!buf || mem_read(t, addr, buf, n) != 0) {
		print_addr(o, addr);
		free(buf);
		return;
	}
	sb_putc(o, '[');
	size_t off = 0;
	for (int i = 0; off + CMSG_HDR <= n; i++) {
		struct cmsghdr h;
		memcpy(&h, buf + off, sizeof h);
		if (i)
			put_sep(o);
		sb_printf(o, "{cmsg_len=%llu, cmsg_level=", (unsigned long long)h.cmsg_len);
		print_xval(o, sol_levels, (uint32_t)h.cmsg_level, "SOL_???");
		sb_puts(o, ", cmsg_type=");
		if (h.cmsg_level == SOL_SOCKET)
			print_xval(o, scm_types, (uint32_t)h.cmsg_type, "SCM_???");
		else if (h.cmsg_level == SOL_IP)
			print_xval(o, ip_cmsg_types, (uint32_t)h.cmsg_type, "IP_???");
		else
			sb_printf(o, "%#x", (unsigned int)h.cmsg_type);
		if (h.cmsg_len < CMSG_HDR) {
			sb_putc(o, '}');
			off += CMSG_HDR;
			break;
		}
		size_t avail = n - off, clen = h.cmsg_len < avail ? (size_t)h.cmsg_len : avail;
		put_cmsg_data(o, t, h.cmsg_level, h.cmsg_type, buf + off + CMSG_HDR, clen - CMSG_HDR);
		sb_putc(o, '}');
		if (h.cmsg_len > n - off)
			off = n;
		else
			off += CMSG_ALIGN(h.cmsg_len);
	}
	if (off < n)
		sb_printf(o, ", ... /* %#llx */", (unsigned long long)(addr + off));
	sb_putc(o, ']');
	free(buf);
}

/* What a struct msghdr is printed with besides itself: on receive, how many bytes of data the call
 * returned and the msg_namelen the program offered ("msg_namelen=128 => 16"). */
struct msg_view {
	bool recv;
	uint64_t data;
	bool have_namelen_in;
	int namelen_in;
	enum nl_kind nl; /* the socket's netlink kind */
};

static void put_msghdr(struct sb *o, struct tcb *t, const struct msghdr *m, const struct msg_view *v)
{
	int namelen = (int)m->msg_namelen;
	uint64_t name = (uint64_t)(uintptr_t)m->msg_name;
	sb_puts(o, "{msg_name=");
	if (v->recv && v->have_namelen_in) {
		print_sockaddr(o, t, name, int_len((uint64_t)(v->namelen_in < namelen ? v->namelen_in : namelen)));
		sb_printf(o, ", msg_namelen=%d", v->namelen_in);
		if (v->namelen_in != namelen)
			sb_printf(o, " => %d", namelen);
	} else {
		print_sockaddr(o, t, name, int_len((uint64_t)namelen));
		sb_printf(o, ", msg_namelen=%d", namelen);
	}
	sb_puts(o, ", msg_iov=");
	struct iov_ctx c = { .limited = v->recv, .left = v->data, .nl = m->msg_iovlen == 1 ? v->nl : NL_NONE };
	put_array(o, t, (uint64_t)(uintptr_t)m->msg_iov, m->msg_iovlen, sizeof(struct iovec), put_iov_elem, &c);
	sb_printf(o, ", msg_iovlen=%llu", (unsigned long long)m->msg_iovlen);
	if (m->msg_controllen) {
		sb_puts(o, ", msg_control=");
		put_cmsgs(o, t, (uint64_t)(uintptr_t)m->msg_control, m->msg_controllen);
	}
	sb_printf(o, ", msg_controllen=%llu, msg_flags=", (unsigned long long)m->msg_controllen);
	put_msg_flags(o, (uint32_t)m->msg_flags);
	sb_putc(o, '}');
}

/* sendmsg(3, {msg_name=NULL, ...}, 0): all input */
static void dec_sendmsg(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	struct msghdr m;
	struct msg_view v = { .recv = false, .nl = netlink_kind(t, t->args[0]) };
	put_fd(o, t, t->args[0]);
	put_sep(o);
	if (mem_read(t, t->args[1], &m, sizeof m) != 0)
		print_addr(o, t->args[1]);
	else
		put_msghdr(o, t, &m, &v);
	put_sep(o);
	put_msg_flags(o, t->args[2]);
}

/* recvmsg(3, {msg_name=..., msg_iov=[{iov_base="data", ...}], ...}, 0) = 4: the fd at entry (and the
 * msg_namelen offered, kept in priv), the message at exit. A failed call shows {msg_namelen=N}. */
static void dec_recvmsg(struct tcb *t, struct sb *o, bool entering)
{
	struct msghdr m;
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		t->priv[0] = mem_read(t, t->args[1], &m, sizeof m) == 0;
		t->priv[1] = t->priv[0] ? m.msg_namelen : 0;
		return;
	}
	if (t->error || !t->priv[0] || mem_read(t, t->args[1], &m, sizeof m) != 0) {
		if (t->priv[0])
			sb_printf(o, "{msg_namelen=%d}", (int)(uint32_t)t->priv[1]);
		else
			print_addr(o, t->args[1]);
	} else {
		struct msg_view v = { .recv = true, .data = (uint64_t)t->rval, .have_namelen_in = true,
				      .namelen_in = (int)(uint32_t)t->priv[1], .nl = netlink_kind(t, t->args[0]) };
		put_msghdr(o, t, &m, &v);
	}
	put_sep(o);
	put_msg_flags(o, t->args[2]);
}

/* recvmmsg's entry state, too big for priv[]: each message's offered msg_namelen, kept per task until
 * the call's exit (a task is in one syscall at a time, so its pid is the key). */
struct mmsg_saved {
	pid_t pid;
	unsigned int n;
	int *namelen;
};
enum { MMSG_SLOTS = 64 };
static struct mmsg_saved mmsg_saved[MMSG_SLOTS];

static struct mmsg_saved *mmsg_slot(pid_t pid, bool create)
{
	struct mmsg_saved *free_slot = NULL;
	for (int i = 0; i < MMSG_SLOTS; i++) {
		if (mmsg_saved[i].pid == pid)
			return &mmsg_saved[i];
		if (!free_slot && mmsg_saved[i].pid == 0)
			free_slot = &mmsg_saved[i];
	}
	if (!create)
		return NULL;
	if (!free_slot) {
		/* more tasks inside recvmmsg than slots: forget the oldest slot's (it shows plain lengths) */
		free_slot = &mmsg_saved[0];
		free(free_slot->namelen);
	}
	*free_slot = (struct mmsg_saved){ .pid = pid };
	return free_slot;
}

static void mmsg_save(struct tcb *t, uint64_t addr, uint64_t vlen)
{
	struct mmsg_saved *s = mmsg_slot(t->pid, true);
	uint64_t n = vlen < (uint64_t)opt.strsize ? vlen : (uint64_t)opt.strsize;
	free(s->namelen);
	s->namelen = NULL;
	s->n = 0;
	struct mmsghdr *m = n ? calloc(n, sizeof *m) : NULL;
	s->namelen = n ? calloc(n, sizeof *s->namelen) : NULL;
	if (m && s->namelen && mem_read(t, addr, m, n * sizeof *m) == 0) {
		for (uint64_t i = 0; i < n; i++)
			s->namelen[i] = (int)m[i].msg_hdr.msg_namelen;
		s->n = (unsigned int)n;
	}
	free(m);
}

static void mmsg_forget(struct mmsg_saved *s)
{
	if (!s)
		return;
	free(s->namelen);
	*s = (struct mmsg_saved){ 0 };
}

struct mmsg_ctx {
	bool recv;
	enum nl_kind nl;
	uint64_t with_len; /* how many of the messages have a msg_len to show (those the call handled) */
	uint64_t i;
	const struct mmsg_saved *saved;
};

static void put_mmsg_elem(struct sb *o, struct tcb *t, const void *elem, void *ctx)
{
	const struct mmsghdr *m = elem;
	struct mmsg_ctx *c = ctx;
	struct msg_view v = { .recv = c->recv, .data = m->msg_len, .nl = c->nl };
	if (c->saved && c->i < c->saved->n) {
		v.have_namelen_in = true;
		v.namelen_in = c->saved->namelen[c->i];
	}
	sb_puts(o, "{msg_hdr=");
	put_msghdr(o, t, &m->msg_hdr, &v);
	if (c->i < c->with_len)
		sb_printf(o, ", msg_len=%u", m->msg_len);
	sb_putc(o, '}');
	c->i++;
}

/* sendmmsg(3, [{msg_hdr={...}, msg_len=3}, ...], 2, 0) = 2: the fd at entry, the rest at exit, when the
 * kernel has filled in msg_len for the messages it sent. */
static void dec_sendmmsg(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		return;
	}
	uint32_t vlen = (uint32_t)t->args[2];
	struct mmsg_ctx c = { .recv = false, .nl = netlink_kind(t, t->args[0]),
			      .with_len = t->error ? 0 : (uint64_t)t->rval };
	put_array(o, t, t->args[1], vlen, sizeof(struct mmsghdr), put_mmsg_elem, &c);
	sb_printf(o, ", %u, ", vlen);
	put_msg_flags(o, t->args[3]);
}

static void put_timespec(struct sb *o, const int64_t ts[2])
{
	sb_printf(o, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ts[0], (long long)ts[1]);
}

/* recvmmsg(3, [{msg_hdr={...}, msg_len=5}], 2, 0, NULL) = 1: the fd at entry; the messages received,
 * the count, the flags and the timeout as given at exit, with "(left {...})" or "(Timeout)" after the
 * return value. The timeout as it was at entry is kept in priv (the kernel overwrites it). */
static void dec_recvmmsg(struct tcb *t, struct sb *o, bool entering)
{
	int64_t ts[2];
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		t->priv[0] = t->args[4] && mem_read(t, t->args[4], ts, sizeof ts) == 0;
		t->priv[1] = t->priv[0] ? (uint64_t)ts[0] : 0;
		t->priv[2] = t->priv[0] ? (uint64_t)ts[1] : 0;
		mmsg_save(t, t->args[1], (uint32_t)t->args[2]);
		return;
	}
	struct mmsg_saved *s = mmsg_slot(t->pid, false);
	if (t->error) {
		print_addr(o, t->args[1]);
	} else {
		struct mmsg_ctx c = { .recv = true, .nl = netlink_kind(t, t->args[0]), .with_len = (uint64_t)t->rval,
				      .saved = s };
		put_array(o, t, t->args[1], (uint64_t)t->rval, sizeof(struct mmsghdr), put_mmsg_elem, &c);
	}
	mmsg_forget(s);
	sb_printf(o, ", %u, ", (uint32_t)t->args[2]);
	put_msg_flags(o, t->args[3]);
	put_sep(o);
	if (!t->args[4]) {
		sb_puts(o, "NULL");
	} else if (!t->priv[0]) {
		print_addr(o, t->args[4]);
	} else {
		int64_t given[2] = { (int64_t)t->priv[1], (int64_t)t->priv[2] };
		put_timespec(o, given);
	}
	if (t->error)
		return;
	if (t->rval == 0) {
		snprintf(t->aux, sizeof t->aux, "(Timeout)");
	} else if (t->args[4] && mem_read(t, t->args[4], ts, sizeof ts) == 0) {
		snprintf(t->aux, sizeof t->aux, "(left {tv_sec=%lld, tv_nsec=%lld})", (long long)ts[0],
			 (long long)ts[1]);
	}
}

const struct decoder_entry net_decoders[] = {
	{ "socket", dec_socket },
	{ "socketpair", dec_socketpair },
	{ "bind", dec_bind },
	{ "connect", dec_bind },
	{ "listen", dec_listen },
	{ "accept", dec_accept },
	{ "accept4", dec_accept4 },
	{ "getsockname", dec_getsockname },
	{ "getpeername", dec_getsockname },
	{ "shutdown", dec_shutdown },
	{ "setsockopt", dec_setsockopt },
	{ "getsockopt", dec_getsockopt },
	{ "sendto", dec_sendto },
	{ "recvfrom", dec_recvfrom },
	{ "sendmsg", dec_sendmsg },
	{ "recvmsg", dec_recvmsg },
	{ "sendmmsg", dec_sendmmsg },
	{ "recvmmsg", dec_recvmmsg },
	{ NULL, NULL },
};
