/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_spec_parse.c - rk_spec_parse() and rk_spec_build(): whole packets
 * against scapy, every layer's every field at its wire offset, set masks,
 * payload forms, environment defaults, ranges.
 *
 * The scapy vectors were made with /usr/bin/python3 (scapy 2.5) from the
 * expression quoted above each, printing bytes(pkt).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "rawkit/spec.h"
#include "testlib.h"

static uint8_t buf[4096];

/* Parse and build index 0 with env; returns the length or a negative code. */
static int build_env(const char *text, const struct rk_spec_env *env, uint64_t index)
{
	static struct rk_spec spec;
	struct rk_spec_error err;
	int rc = rk_spec_parse(&spec, text, env, &err);
	if (rc != RK_OK) {
		fprintf(stderr, "parse failed: %s: spec:%u:%u: %s\n", text, err.line, err.col, err.msg);
		return rc;
	}
	return rk_spec_build(&spec, index, buf, sizeof(buf));
}

static int build(const char *text)
{
	return build_env(text, NULL, 0);
}

static void check_vector(const char *text, const char *want, size_t want_len)
{
	int n = build(text);
	CHECK_EQ(n, (long long)want_len);
	if (n == (int)want_len)
		CHECK_MEM(buf, want, want_len);
	else
		fprintf(stderr, "  for %s\n", text);
}

static void test_scapy_vectors(void)
{
	/* IP(src='198.18.0.1',dst='198.18.0.2',ttl=5,id=1)/TCP(sport=40000,dport=80,seq=1,
	   flags='S',window=64240,options=[('MSS',1460),('SAckOK',b''),('Timestamp',(1,0)),
	   ('NOP',None),('WScale',7)])/b"GET / HTTP/1.0\r\n\r\n" */
	check_vector("ipv4(src=198.18.0.1,dst=198.18.0.2,ttl=5,id=1)/"
		     "tcp(sport=40000,dport=80,seq=1,flags=S,opts=[mss:1460,sackok,ts:1:0,nop,wscale:7])/"
		     "\"GET / HTTP/1.0\\r\\n\\r\\n\"",
		     "\x45\x00\x00\x4e\x00\x01\x00\x00\x05\x06\x29\x82\xc6\x12\x00\x01\xc6\x12\x00\x02"
		     "\x9c\x40\x00\x50\x00\x00\x00\x01\x00\x00\x00\x00\xa0\x02\xfa\xf0\x45\xa3\x00\x00"
		     "\x02\x04\x05\xb4\x04\x02\x08\x0a\x00\x00\x00\x01\x00\x00\x00\x00\x01\x03\x03\x07"
		     "\x47\x45\x54\x20\x2f\x20\x48\x54\x54\x50\x2f\x31\x2e\x30\x0d\x0a\x0d\x0a", 78);
	/* Ether(dst='02:00:00:00:00:02',src='02:00:00:00:00:01')/Dot1Q(vlan=10)/ARP(op=1,
	   hwsrc='02:00:00:00:00:01',psrc='198.18.0.1',hwdst='00:00:00:00:00:00',pdst='198.18.0.2') */
	check_vector("eth(dst=02:00:00:00:00:02,src=02:00:00:00:00:01)/vlan(vid=10)/"
		     "arp(op=1,sha=02:00:00:00:00:01,spa=198.18.0.1,tpa=198.18.0.2)",
		     "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x81\x00\x00\x0a\x08\x06\x00\x01"
		     "\x08\x00\x06\x04\x00\x01\x02\x00\x00\x00\x00\x01\xc6\x12\x00\x01\x00\x00\x00\x00"
		     "\x00\x00\xc6\x12\x00\x02", 46);
	/* IPv6(src='2001:db8::2',dst='2001:db8::1')/ICMPv6EchoRequest(id=1,seq=1) */
	check_vector("ipv6(src=2001:db8::2,dst=2001:db8::1)/icmpv6(type=128,id=1,seq=1)",
		     "\x60\x00\x00\x00\x00\x08\x3a\x40\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00"
		     "\x00\x00\x00\x02\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01"
		     "\x80\x00\x24\x46\x00\x01\x00\x01", 48);
	/* IP(src='198.18.0.1',dst='198.18.0.2',id=7)/UDP(sport=1234,dport=53)/b'\x01\x02' */
	check_vector("ipv4(src=198.18.0.1,dst=198.18.0.2,id=7)/udp(sport=1234)/hex:0102",
		     "\x45\x00\x00\x1e\x00\x07\x00\x00\x40\x11\xee\xa0\xc6\x12\x00\x01\xc6\x12\x00\x02"
		     "\x04\xd2\x00\x35\x00\x0a\x6d\xa9\x01\x02", 30);
	/* IP(src='198.18.0.1',dst='198.18.0.2',id=9)/ICMP(type=13,id=1,seq=2,ts_ori=3,ts_rx=4,ts_tx=5) */
	check_vector("ipv4(src=198.18.0.1,dst=198.18.0.2,id=9)/icmp(type=13,id=1,seq=2,otime=3,rtime=4,ttime=5)",
		     "\x45\x00\x00\x28\x00\x09\x00\x00\x40\x01\xee\xa4\xc6\x12\x00\x01\xc6\x12\x00\x02"
		     "\x0d\x00\xf2\xf0\x00\x01\x00\x02\x00\x00\x00\x03\x00\x00\x00\x04\x00\x00\x00\x05", 40);
	/* IPv6(src='2001:db8::2',dst='2001:db8::1',hlim=3)/IPv6ExtHdrHopByHop(options=[PadN(optdata=
	   b'\x00\x00')])/IPv6ExtHdrFragment(id=5,m=1)/UDP(sport=1,dport=2) */
	check_vector("ipv6(src=2001:db8::2,dst=2001:db8::1,hlim=3)/ipv6.hop(opts=hex:010200000100)/"
		     "ipv6.frag(id=5,m=1)/udp(sport=1,dport=2)",
		     "\x60\x00\x00\x00\x00\x18\x00\x03\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00"
		     "\x00\x00\x00\x02\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01"
		     "\x2c\x00\x01\x02\x00\x00\x01\x00\x11\x00\x00\x01\x00\x00\x00\x05\x00\x01\x00\x02"
		     "\x00\x08\xa4\x66", 64);
	/* The same with whitespace between tokens and across lines. */
	check_vector(" ipv6 ( src = 2001:db8::2 ,\n dst=2001:db8::1 )\t/ icmpv6( type=128, id=1,seq=1 ) ",
		     "\x60\x00\x00\x00\x00\x08\x3a\x40\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00"
		     "\x00\x00\x00\x02\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01"
		     "\x80\x00\x24\x46\x00\x01\x00\x01", 48);
}

/* A field's effect on the wire: spec, offset, expected bytes (hex). */
struct field_case {
	const char *spec;
	unsigned off;
	const char *hex;
};

#define V4 "ipv4(src=198.18.0.1,dst=198.18.0.2,id=0x1234)"
#define V6 "ipv6(src=2001:db8::2,dst=2001:db8::1)"
#define T "/tcp(sport=1,dport=2,seq=3"

static const struct field_case fields[] = {
	/* eth */
	{ "eth(dst=02:00:00:00:00:02)", 0, "020000000002" },
	{ "eth(src=02:00:00:00:00:01)", 6, "020000000001" },
	{ "eth", 0, "ffffffffffff000000000000" },
	{ "ether(type=0x1234)/ipv4", 12, "1234" },
	{ "eth/ipv4", 12, "0800" },
	{ "eth/ipv6", 12, "86dd" },
	{ "eth/arp", 12, "0806" },
	{ "eth/vlan/ipv4", 12, "8100" },
	{ "eth/vlan/ipv4", 16, "0800" },
	/* vlan */
	{ "eth/vlan(vid=10,pcp=5,dei=1)", 14, "b00a" },
	{ "eth/dot1q(vid=4095,pcp=7,dei=0)", 14, "efff" },
	{ "eth/vlan(tpid=0x88a8)/vlan(vid=2)/ipv6", 12, "88a8" },
	{ "eth/vlan(tpid=0x88a8)/vlan(vid=2)/ipv6", 16, "81000002" },
	{ "eth/vlan(tpid=0x88a8)/vlan(vid=2)/ipv6", 20, "86dd" },
	{ "eth/vlan(type=0x9999)/ipv4", 16, "9999" },
	/* sll */
	{ "sll(pkttype=4,hatype=772,halen=6,addr=02:00:00:00:00:01)/ipv4", 0,
	  "000403040006020000000001000008004" },
	{ "sll", 0, "0000000100060000000000000000" },
	{ "sll(type=0x1234)/ipv4", 14, "1234" },
	{ "sll(addr=hex:0102030405060708,halen=8)", 4, "00080102030405060708" },
	/* sll2 */
	{ "sll2(ifindex=3,hatype=1,pkttype=4,halen=6,addr=02:00:00:00:00:01,reserved=7)/ipv6", 0,
	  "86dd00070000000300010406020000000001000060" },
	{ "sll2(type=0x0800)/ipv6", 0, "0800" },
	{ "sll2(addr=198.18.0.1,halen=4)", 10, "0004c612000100000000" },
	/* null, loop */
	{ "null/ipv4", 0, "0200000045" },
	{ "loop/ipv4", 0, "0000000245" },
	{ "null/ipv6", 0, "1800000060" },
	{ "null(family=30)/ipv6", 0, "1e000000" },
	{ "null(loop=1,family=2)", 0, "00000002" },
	{ "loop(loop=0)/ipv4", 0, "02000000" },
	/* arp */
	{ "arp(op=2,sha=02:00:00:00:00:01,spa=198.18.0.1,tha=02:00:00:00:00:02,tpa=198.18.0.2)", 0,
	  "0001080006040002" "020000000001c6120001" "020000000002c6120002" },
	{ "arp(htype=6,ptype=0x86dd,plen=16,spa=2001:db8::1)", 0, "000686dd06100001" },
	{ "arp(htype=6,ptype=0x86dd,plen=16,spa=2001:db8::1)", 14, "20010db8000000000000000000000001" },
	{ "arp(hlen=4,sha=hex:01020304,tha=hex:0a0b0c0d,tpa=198.18.0.9)", 0,
	  "000108000404000101020304000000000a0b0c0dc6120009" },
	/* ipv4 */
	{ V4, 0, "45000014123400004000" },
	{ V4, 12, "c6120001c6120002" },
	{ "ip(tos=0x10)", 1, "10" },
	{ "ipv4(len=99)", 2, "0063" },
	{ "ipv4(id=65535)", 4, "ffff" },
	{ "ipv4(df=1)", 6, "4000" },
	{ "ipv4(mf=true)", 6, "2000" },
	{ "ipv4(rf=yes)", 6, "8000" },
	{ "ipv4(frag=0x1fff)", 6, "1fff" },
	{ "ipv4(df=1,frag=5)", 6, "4005" },
	{ "ipv4(ttl=5)", 8, "05" },
	{ "ipv4(proto=99)/tcp", 9, "63" },
	{ "ipv4(csum=0xbeef)", 10, "beef" },
	{ "ipv4(ihl=15)", 0, "4f" },
	{ "ipv4(ihl=2)", 0, "42" },
	{ "ipv4(version=6)", 0, "65" },
	{ "ipv4(opts=hex:01010101)", 0, "46" },
	{ "ipv4(opts=hex:01010101)", 20, "01010101" },
	{ "ipv4(opts=hex:07)", 0, "4600" },
	{ "ipv4(opts=hex:07)", 20, "07000000" },
	{ "ipv4/tcp", 9, "06" },
	{ "ipv4/udp", 9, "11" },
	{ "ipv4/icmp", 9, "01" },
	{ "ipv4/ipv4", 9, "04" },
	{ "ipv4/ipv6", 9, "29" },
	{ "ipv4", 8, "4000" },
	{ "ipv4/zero:10", 2, "001e" },
	/* ipv6 */
	{ V6, 0, "600000000000" "3b40" "20010db8000000000000000000000002" },
	{ V6, 24, "20010db8000000000000000000000001" },
	{ "ipv6(tc=0xab,flow=0x12345)", 0, "6ab12345" },
	{ "ipv6(plen=7)", 4, "0007" },
	{ "ipv6(nh=17)", 6, "11" },
	{ "ipv6(hlim=3)", 7, "03" },
	{ "ipv6(ttl=9)", 7, "09" },
	{ "ipv6(version=4)", 0, "40000000" },
	{ "ipv6/tcp", 6, "06" },
	{ "ipv6/icmpv6", 6, "3a" },
	{ "ipv6/icmp6", 6, "3a" },
	{ "ipv6/ipv6.hop", 6, "00" },
	{ "ipv6/ipv6.dst", 6, "3c" },
	{ "ipv6/ipv6.route", 6, "2b" },
	{ "ipv6/ipv6.frag", 6, "2c" },
	{ "ipv6/hex:00", 6, "00" },
	{ "ipv6/zero:3", 4, "0003" },
	/* hop-by-hop and destination options */
	{ "ipv6/ipv6.hop(opts=hex:0102)", 40, "3b00010201020000" },
	{ "ipv6/hop(opts=hex:c2040000ffff)/udp", 40, "1100c2040000ffff" },
	{ "ipv6/ipv6.dst(len=16)", 40, "3b01010400000000" },
	{ "ipv6/dstopts(nh=6)", 40, "0600" },
	{ "ipv6/ipv6.dst(opts=hex:0000000000000000)", 40, "3b01" "0000000000000000" "010400000000" },
	/* routing */
	{ "ipv6/ipv6.route(type=0,segleft=1,data=hex:0000000020010db8000000000000000000000003)", 40,
	  "3b02000100000000" "20010db8000000000000000000000003" },
	{ "ipv6/route(type=2,len=8,data=hex:00)", 40, "3b00020000000000" },
	{ "ipv6/route(nh=6)", 40, "06" },
	/* fragment */
	{ "ipv6/ipv6.frag(offset=100,m=1,id=0xdeadbeef,res1=1,res2=3)", 40, "3b010327deadbeef" },
	{ "ipv6/frag(nh=17)/zero:1", 40, "11" },
	/* tcp */
	{ V4 T ",ack=4)", 20, "00010002000000030000000450" },
	{ V4 T ",flags=SA)", 33, "12" },
	{ V4 T ",flags=sa)", 33, "12" },
	{ V4 T ",flags=FSRPAUEC)", 33, "ff" },
	{ V4 T ",flags=0x29)", 33, "29" },
	{ V4 T ",flags=0)", 33, "00" },
	{ V4 T ")", 32, "5002faf0" },
	{ V4 T ",win=1000)", 34, "03e8" },
	{ V4 T ",urp=7)", 38, "0007" },
	{ V4 T ",res=5)", 32, "55" },
	{ V4 T ",doff=15)", 32, "f0" },
	{ V4 T ",doff=3)", 32, "30" },
	{ V4 T ",csum=0x1234)", 36, "1234" },
	{ "ipv4/tcp", 22, "0050" },
	{ V4 T ",opts=[mss:1460,sackok,ts:1:2,nop,wscale:7,sack:1-2:3-4,eol])", 32, "f0" },
	{ V4 T ",opts=[mss:1460,sackok,ts:1:2,nop,wscale:7,sack:1-2:3-4,eol])", 40,
	  "020405b40402080a000000010000000201030307"
	  "0512000000010000000200000003000000040000" },
	{ V4 T ",opts=[sack:5-6])", 40, "050a0000000500000006" "0000" },
	{ V4 T ",opts=[30:0102])", 40, "1e040102" },
	{ V4 T ",opts=[30:])", 40, "1e020000" },
	{ V4 T ",opts=[2:05b4ff])", 40, "020505b4ff000000" },
	{ V4 T ",opts=[eol,nop])", 40, "00010000" },
	{ V4 T ",opts=[])", 32, "50" },
	{ V4 T ",opts=[ mss:1 , nop ])", 40, "0204000101000000" },
	{ V4 T ",opts=hex:01010101)", 32, "60" },
	{ V4 T ",opts=hex:01010101)", 40, "01010101" },
	/* udp */
	{ V4 "/udp(sport=1,dport=2,len=100,csum=0xabcd)", 20, "000100020064abcd" },
	{ V4 "/udp(sport=1)", 22, "00350008" },
	{ V4 "/udp(sport=1)/zero:2", 24, "000a" },
	/* icmp */
	{ "ipv4/icmp", 20, "0800f7ff00000000" },
	{ "ipv4/icmp(type=3,code=3,id=0x102,seq=0x304)", 20, "0303" },
	{ "ipv4/icmp(type=3,code=3,id=0x102,seq=0x304)", 24, "01020304" },
	{ "ipv4/icmp(csum=0x1111)", 22, "1111" },
	{ "ipv4/icmp(type=5,gw=198.18.0.9)", 24, "c6120009" },
	{ "ipv4/icmp(type=3,code=4,mtu=1400)", 24, "00000578" },
	{ "ipv4/icmp(type=12,ptr=20)", 24, "14000000" },
	{ "ipv4/icmp(type=14,otime=1,rtime=2,ttime=0xffffffff)", 28, "0000000100000002ffffffff" },
	/* icmpv6 */
	{ "ipv6/icmpv6", 40, "8000" },
	{ "ipv6/icmpv6(type=2,mtu=1280)", 44, "00000500" },
	{ "ipv6/icmpv6(type=4,ptr=0x11223344)", 44, "11223344" },
	{ "ipv6/icmpv6(csum=1,code=9)", 41, "090001" },
	/* payloads */
	{ "\"a\\x41\\101\\n\\\\\\\"\\'\\t\\0\\x7\"", 0, "6141410a5c22270900 07" },
	{ "'x\"y'", 0, "782279" },
	{ "hex:DEADbeef/zero:2/\"\"/hex:", 0, "deadbeef0000" },
	{ "zero:3/hex:01", 0, "00000001" },
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

static void test_fields(void)
{
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const struct field_case *fc = &fields[i];
		uint8_t want[128];
		size_t n = 0;
		for (const char *h = fc->hex; h[0]; h++) {
			if (h[0] == ' ')
				continue;
			if (!h[1])
				break; /* a trailing nibble checks nothing */
			want[n++] = (uint8_t)(hexval(h[0]) << 4 | hexval(h[1]));
			h++;
		}
		int len = build(fc->spec);
		CHECK(len >= (int)(fc->off + n));
		if (len < (int)(fc->off + n)) {
			fprintf(stderr, "  %s: %d bytes\n", fc->spec, len);
			continue;
		}
		if (memcmp(buf + fc->off, want, n) != 0) {
			fprintf(stderr, "  %s at %u:\n", fc->spec, fc->off);
			CHECK_MEM(buf + fc->off, want, n);
		}
	}
}

/* Parsed headers keep the set masks of fixed fields. */
static void test_set_masks(void)
{
	static struct rk_spec s;
	struct rk_spec_error err;
	CHECK_EQ(rk_spec_parse(&s, "eth(type=1)/vlan(type=2)/ipv4(len=1,csum=2,ihl=5,proto=6,version=4)/"
				   "tcp(doff=5,csum=1)", NULL, &err), RK_OK);
	CHECK_EQ(s.layer[0].h.eth.set, RK_ETH_SET_TYPE);
	CHECK_EQ(s.layer[1].h.vlan.set, RK_VLAN_SET_TYPE);
	CHECK_EQ(s.layer[2].h.ipv4.set, RK_IPV4_SET_LEN | RK_IPV4_SET_CSUM | RK_IPV4_SET_IHL |
					    RK_IPV4_SET_PROTO | RK_IPV4_SET_VERSION);
	CHECK_EQ(s.layer[3].h.tcp.set, RK_TCP_SET_DOFF | RK_TCP_SET_CSUM);
	CHECK_EQ(rk_spec_parse(&s, "ipv4(ttl=1,tos=2,id=3,src=192.0.2.4)/tcp(sport=1,flags=SA,win=9)", NULL, &err),
		 RK_OK);
	CHECK_EQ(s.layer[0].h.ipv4.set, 0);
	CHECK_EQ(s.layer[1].h.tcp.set, 0);
	CHECK_EQ(rk_spec_parse(&s, "sll(type=1)/ipv6(plen=1,nh=2,version=6)/ipv6.hop(nh=1,len=8)/"
				   "ipv6.frag(nh=1)/udp(len=1,csum=1)", NULL, &err), RK_OK);
	CHECK_EQ(s.layer[0].h.sll.set, RK_SLL_SET_TYPE);
	CHECK_EQ(s.layer[1].h.ipv6.set, RK_IPV6_SET_PLEN | RK_IPV6_SET_NH | RK_IPV6_SET_VERSION);
	CHECK_EQ(s.layer[2].h.ipv6_opts.set, RK_IPV6_EXT_SET_NH | RK_IPV6_EXT_SET_LEN);
	CHECK_EQ(s.layer[3].h.ipv6_frag.set, RK_IPV6_EXT_SET_NH);
	CHECK_EQ(s.layer[4].h.udp.set, RK_UDP_SET_LEN | RK_UDP_SET_CSUM);
	CHECK_EQ(rk_spec_parse(&s, "sll2(type=1)/null(family=2)/icmp(csum=1)/icmpv6(csum=1)", NULL, &err), RK_OK);
	CHECK_EQ(s.layer[0].h.sll2.set, RK_SLL_SET_TYPE);
	CHECK_EQ(s.layer[1].h.null.set, RK_SLL_SET_TYPE);
	CHECK_EQ(s.layer[2].h.icmp.set, RK_ICMP_SET_CSUM);
	CHECK_EQ(s.layer[3].h.icmp6.set, RK_ICMP6_SET_CSUM);
	/* A fixed zero checksum stays zero. */
	CHECK(build("ipv4(csum=0)/udp(csum=0)") == 28);
	CHECK(buf[10] == 0 && buf[11] == 0 && buf[26] == 0 && buf[27] == 0);
}

static int fn_calls;
static uint32_t fn_dst;

static int src4_fn(void *ctx, uint32_t dst, uint32_t *src)
{
	(void)ctx;
	fn_calls++;
	fn_dst = dst;
	if (dst == 0xc6120063) /* 198.18.0.99: no route */
		return -1;
	*src = 0xc6120042;
	return 0;
}

static int src6_fn(void *ctx, const uint8_t dst[16], uint8_t src[16])
{
	(void)ctx;
	memcpy(src, dst, 16);
	src[15] ^= 0xff;
	return 0;
}

static void test_env(void)
{
	struct rk_spec_env env;
	memset(&env, 0, sizeof(env));
	env.src4 = 0xc6120001;
	memcpy(env.src6, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x07", 16);
	memcpy(env.eth_src, "\x02\0\0\0\0\x01", 6);
	memcpy(env.eth_dst, "\x02\0\0\0\0\x02", 6);
	env.seed = 42;

	CHECK_EQ(build_env("eth/arp(tpa=198.18.0.2)", &env, 0), 42);
	CHECK_MEM(buf, "\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x06", 14);
	CHECK_MEM(buf + 22, "\x02\0\0\0\0\x01\xc6\x12\0\x01", 10);
	CHECK_EQ(build_env("ipv4(dst=198.18.0.2)", &env, 0), 20);
	CHECK_MEM(buf + 12, "\xc6\x12\0\x01", 4);
	CHECK_EQ(build_env("ipv6", &env, 0), 40);
	CHECK_MEM(buf + 8, env.src6, 16);
	CHECK_EQ(build_env("ipv4(src=192.0.2.4)", &env, 0), 20);
	CHECK_MEM(buf + 12, "\xc0\x00\x02\x04", 4);

	/* Random defaults: a function of (seed, index), ports above 1023. */
	uint8_t a[64], b[64];
	CHECK_EQ(build_env("ipv4(dst=198.18.0.2)/tcp", &env, 5), 40);
	memcpy(a, buf, 40);
	CHECK_EQ(build_env("ipv4(dst=198.18.0.2)/tcp", &env, 5), 40);
	CHECK_MEM(a, buf, 40);
	CHECK_EQ(build_env("ipv4(dst=198.18.0.2)/tcp", &env, 6), 40);
	memcpy(b, buf, 40);
	CHECK(memcmp(a + 4, b + 4, 2) != 0 || memcmp(a + 20, b + 20, 2) != 0);
	CHECK(memcmp(a + 24, b + 24, 4) != 0); /* seq */
	env.seed = 43;
	CHECK_EQ(build_env("ipv4(dst=198.18.0.2)/tcp", &env, 5), 40);
	CHECK(memcmp(a + 24, buf + 24, 4) != 0);
	for (uint64_t i = 0; i < 200; i++) {
		CHECK_EQ(build_env("ipv4/udp", &env, i), 28);
		CHECK(rk_get_be16(buf + 20) >= 1024);
	}
	/* Given fields are not replaced. */
	CHECK_EQ(build_env("ipv4(id=7)/tcp(sport=9,seq=10)", &env, 3), 40);
	CHECK_MEM(buf + 4, "\0\x07", 2);
	CHECK_MEM(buf + 20, "\0\x09", 2);
	CHECK_MEM(buf + 24, "\0\0\0\x0a", 4);

	/* Source address hooks: asked with the destination, env's address
	   when they fail. */
	env.src4_fn = src4_fn;
	env.src6_fn = src6_fn;
	fn_calls = 0;
	CHECK_EQ(build_env("ipv4(dst=198.18.0.2)", &env, 0), 20);
	CHECK_EQ(fn_calls, 1);
	CHECK_EQ(fn_dst, 0xc6120002);
	CHECK_MEM(buf + 12, "\xc6\x12\0\x42", 4);
	CHECK_EQ(build_env("ipv4(dst=198.18.0.99)", &env, 0), 20);
	CHECK_MEM(buf + 12, "\xc6\x12\0\x01", 4);
	CHECK_EQ(build_env("eth/arp(tpa=198.18.0.5)", &env, 0), 42);
	CHECK_EQ(fn_dst, 0xc6120005);
	CHECK_MEM(buf + 28, "\xc6\x12\0\x42", 4);
	CHECK_EQ(build_env("ipv6(dst=2001:db8::1)", &env, 0), 40);
	CHECK_MEM(buf + 8, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\xfe", 16);
	fn_calls = 0;
	CHECK_EQ(build_env("ipv4(src=192.0.2.1,dst=198.18.0.2)", &env, 0), 20);
	CHECK_EQ(fn_calls, 0);

	/* The env may change after parsing. */
	static struct rk_spec s;
	CHECK_EQ(rk_spec_parse(&s, "ipv4", NULL, NULL), RK_OK);
	s.env.src4 = 0xc0000209; /* 192.0.2.9 */
	CHECK_EQ(rk_spec_build(&s, 0, buf, sizeof(buf)), 20);
	CHECK_MEM(buf + 12, "\xc0\x00\x02\x09", 4);
}

static void test_ranges(void)
{
	static struct rk_spec s;
	struct rk_spec_error err;
	CHECK_EQ(rk_spec_parse(&s, "ipv4(src=192.0.2.1,dst=198.18.0.2,ttl=1-3)/tcp(sport=5,dport=80-81)", NULL, &err),
		 RK_OK);
	CHECK_EQ(rk_spec_count(&s), 6);
	static const uint8_t want[][2] = { { 1, 80 }, { 1, 81 }, { 2, 80 }, { 2, 81 }, { 3, 80 }, { 3, 81 },
					   { 1, 80 } };
	for (unsigned i = 0; i < 7; i++) {
		CHECK_EQ(rk_spec_build(&s, i, buf, sizeof(buf)), 40);
		CHECK_EQ(buf[8], want[i][0]);
		CHECK_EQ(buf[23], want[i][1]);
	}
	CHECK_EQ(rk_spec_parse(&s, "ipv4(dst=198.18.0.1-198.18.0.3)", NULL, &err), RK_OK);
	CHECK_EQ(rk_spec_count(&s), 3);
	CHECK_EQ(rk_spec_build(&s, 2, buf, sizeof(buf)), 20);
	CHECK_MEM(buf + 16, "\xc6\x12\0\x03", 4);
	CHECK_EQ(rk_spec_parse(&s, "ipv4(ttl=7-7)/udp(dport=0x10-0x11)/icmp(gw=192.0.2.1-192.0.2.2)", NULL, &err),
		 RK_OK);
	CHECK_EQ(rk_spec_count(&s), 4);
	CHECK_EQ(rk_spec_build(&s, 3, buf, sizeof(buf)), 36);
	CHECK_EQ(buf[8], 7);
	CHECK_EQ(buf[23], 0x11);
	CHECK_MEM(buf + 32, "\xc0\x00\x02\x02", 4);
	CHECK_EQ(rk_spec_parse(&s, "ipv4(df=0-1)/tcp(flags=0-3)", NULL, &err), RK_OK);
	CHECK_EQ(rk_spec_count(&s), 8);
	CHECK_EQ(rk_spec_build(&s, 7, buf, sizeof(buf)), 40);
	CHECK_EQ(buf[6], 0x40);
	CHECK_EQ(buf[33], 3);
	/* 2^32 - 1 packets at most. */
	CHECK_EQ(rk_spec_parse(&s, "ipv4(dst=0.0.0.1-255.255.255.255)", NULL, &err), RK_OK);
	CHECK_EQ(rk_spec_count(&s), 0xffffffffu);
	CHECK_EQ(rk_spec_build(&s, 0xfffffffeu, buf, sizeof(buf)), 20);
	CHECK_MEM(buf + 16, "\xff\xff\xff\xff", 4);
	/* A built packet depends only on the spec and the index. */
	CHECK_EQ(rk_spec_parse(&s, "ipv6(hlim=1-30)/udp(dport=33434-33534)", NULL, &err), RK_OK);
	CHECK_EQ(rk_spec_count(&s), 30 * 101);
	CHECK_EQ(rk_spec_build(&s, 101 * 4 + 2, buf, sizeof(buf)), 48);
	CHECK_EQ(buf[7], 5);
	CHECK_EQ(rk_get_be16(buf + 42), 33436);
}

static void test_misc(void)
{
	static struct rk_spec s;
	CHECK_EQ(rk_spec_parse(&s, "eth/ipv4", NULL, NULL), RK_OK);
	CHECK_EQ(rk_spec_linktype(&s), RK_DLT_EN10MB);
	CHECK_EQ(rk_spec_parse(&s, "ipv6/udp", NULL, NULL), RK_OK);
	CHECK_EQ(rk_spec_linktype(&s), RK_DLT_RAW);
	CHECK_EQ(rk_spec_parse(&s, "sll/ipv4", NULL, NULL), RK_OK);
	CHECK_EQ(rk_spec_linktype(&s), RK_DLT_LINUX_SLL);
	CHECK_EQ(rk_spec_parse(&s, "sll2/ipv4", NULL, NULL), RK_OK);
	CHECK_EQ(rk_spec_linktype(&s), RK_DLT_LINUX_SLL2);
	CHECK_EQ(rk_spec_parse(&s, "null/ipv4", NULL, NULL), RK_OK);
	CHECK_EQ(rk_spec_linktype(&s), RK_DLT_NULL);
	CHECK_EQ(rk_spec_parse(&s, "loop/ipv4", NULL, NULL), RK_OK);
	CHECK_EQ(rk_spec_linktype(&s), RK_DLT_LOOP);
	/* Too small a buffer: RK_E_NOSPACE, nothing past it written. */
	CHECK_EQ(rk_spec_parse(&s, "ipv4/tcp/zero:100", NULL, NULL), RK_OK);
	uint8_t small[64];
	memset(small, 0xaa, sizeof(small));
	CHECK_EQ(rk_spec_build(&s, 0, small, 50), RK_E_NOSPACE);
	CHECK_EQ(small[50], 0xaa);
	CHECK_EQ(rk_spec_build(&s, 0, buf, sizeof(buf)), 140);
	/* 16 layers fit, payloads included. */
	CHECK_EQ(rk_spec_parse(&s, "eth/vlan/vlan/vlan/vlan/vlan/vlan/vlan/ipv4/ipv4/ipv4/ipv4/ipv6/ipv6/"
				   "udp/\"x\"", NULL, NULL), RK_OK);
	CHECK_EQ(rk_spec_build(&s, 0, buf, sizeof(buf)), 14 + 7 * 4 + 4 * 20 + 2 * 40 + 8 + 1);
	/* A layer name alone, and long payloads. */
	CHECK_EQ(build("zero:65535"), 65535 > (int)sizeof(buf) ? RK_E_NOSPACE : 65535);
}

int main(void)
{
	test_scapy_vectors();
	test_fields();
	test_set_masks();
	test_env();
	test_ranges();
	test_misc();
	return TEST_END();
}
