/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * csum.c - RFC 1071 Internet checksum, RFC 1624 incremental update.
 *
 * The ones' complement sum is independent of byte order (RFC 1071 section
 * 2(B)): sum native-order 32-bit halves of 64-bit words into 64-bit
 * accumulators (no carry can be lost for any realistic length), fold, and
 * swap once at the end on little-endian hosts. Loads go through memcpy (or
 * unaligned vector loads), so alignment never matters.
 *
 * Shaped for the decoder, which verifies a checksum over nearly every
 * packet (a third of its instructions went here with a one-accumulator
 * loop and a 4/2/1-byte tail):
 *  - Three implementations of one scheme: AVX2 (32-byte vectors, only after
 *    a run-time CPU check), SSE2 (16-byte vectors, the x86-64 baseline) and
 *    portable C (64-bit words). Each has several independent accumulators,
 *    so the adds do not wait on each other, and all give the same result.
 *  - No data-dependent branch after the main loop: the last block is read
 *    again as one overlapping block that ends exactly at the end of the
 *    data, and a byte mask (tail_mask) zeroes the bytes the loop already
 *    added. Packet lengths are random, so the 4/2/1-byte tail's branches
 *    were mispredicted about half the time each. No libc call either.
 *  - Parity: a byte's place in its 16-bit word depends on its offset from
 *    the start. The overlapping block starts at offset len - B, odd when
 *    len is; its bytes then sit in the wrong half of their words, which
 *    multiplies their sum by 256 modulo 65535. Rotating a 64-bit lane by 8
 *    bits does the same (2^64 = 1 modulo 65535), so the tail is rotated by
 *    8 * (len & 1) bits: no branch.
 * The fold keeps the old results bit for bit: a nonzero accumulator stays
 * nonzero (all terms are non-negative, a rotation of a nonzero word is
 * nonzero), so 0x0000 versus 0xffff comes out as before.
 */
#include <string.h>
#include "rawkit/csum.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define RK_CSUM_X86 1
#include <immintrin.h>
#else
#define RK_CSUM_X86 0
#endif

/*
 * tail_mask + 64 - B + r: B bytes, the first B - r zero and the last r
 * 0xff. Byte-positional, so correct on either byte order.
 */
#define Z8 0, 0, 0, 0, 0, 0, 0, 0
#define F8 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
static const uint8_t tail_mask[128] __attribute__((aligned(64))) = {
	Z8, Z8, Z8, Z8, Z8, Z8, Z8, Z8, F8, F8, F8, F8, F8, F8, F8, F8,
};
#undef Z8
#undef F8

static inline uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* The two 32-bit halves of w, added (at most 2^33). */
static inline uint64_t halves(uint64_t w)
{
	return (w & 0xffffffffu) + (w >> 32);
}

/* w rotated by 8 bits when odd (0 or 1): times 256 modulo 65535. */
static inline uint64_t rot8_if(uint64_t w, unsigned odd)
{
	unsigned s = odd * 8u;
	return w << s | w >> ((64u - s) & 63u);
}

static uint16_t fold64(uint64_t acc)
{
	acc = (acc & 0xffffffffu) + (acc >> 32);
	acc = (acc & 0xffffffffu) + (acc >> 32);
	acc = (acc & 0xffff) + (acc >> 16);
	acc = (acc & 0xffff) + (acc >> 16);
	acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)acc;
}

/* Fewer than 8 bytes: native-order 4/2/1-byte loads, fixed-size memcpys
   (inlined, never a libc call). Only short sums (IPv4 options) get here. */
static uint64_t sum_short(const uint8_t *p, size_t len)
{
	uint64_t a = 0;
	if (len & 4) {
		uint32_t w;
		memcpy(&w, p, 4);
		a += w;
		p += 4;
	}
	if (len & 2) {
		uint16_t w;
		memcpy(&w, p, 2);
		a += w;
		p += 2;
	}
	if (len & 1) {
		uint8_t last[2] = {p[0], 0};
		uint16_t w;
		memcpy(&w, last, 2);
		a += w;
	}
	return a;
}

/*
 * Portable: 32 bytes per turn into four accumulators, then the last 32
 * bytes again, masked. Under 32 bytes: 8-byte words, the last 8 again,
 * masked. Returns the unfolded accumulator.
 */
static uint64_t sum_portable(const uint8_t *p, size_t len)
{
	uint64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
	unsigned odd = (unsigned)len & 1u;

	if (len < 8)
		return sum_short(p, len);
	if (len < 32) {
		size_t n = len;
		while (n >= 8) {
			a0 += halves(load64(p));
			p += 8;
			n -= 8;
		}
		/* The 8 bytes ending at the end; keep the last n. */
		uint64_t t = load64(p + n - 8) & load64(tail_mask + 56 + n);
		return a0 + rot8_if(halves(t), odd);
	}
	size_t n = len;
	while (n >= 32) {
		a0 += halves(load64(p));
		a1 += halves(load64(p + 8));
		a2 += halves(load64(p + 16));
		a3 += halves(load64(p + 24));
		p += 32;
		n -= 32;
	}
	/* The 32 bytes ending at the end (len >= 32); keep the last n. */
	const uint8_t *t = p + n - 32, *m = tail_mask + 32 + n;
	uint64_t b = halves(load64(t) & load64(m)) + halves(load64(t + 8) & load64(m + 8)) +
		     halves(load64(t + 16) & load64(m + 16)) + halves(load64(t + 24) & load64(m + 24));
	return a0 + a1 + a2 + a3 + rot8_if(b, odd);
}

#if RK_CSUM_X86
/* SSE2 (every x86-64): 32 bytes per turn as two 16-byte vectors, each
   split into the low and high 32-bit halves of its 64-bit lanes and added
   into its own pair of 64-bit-lane accumulators. len >= 32. */
static uint64_t sum_sse2(const uint8_t *p, size_t len)
{
	const __m128i lo32 = _mm_set1_epi64x(0xffffffff);
	__m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0, a3 = a0;
	size_t n = len;
	while (n >= 32) {
		__m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
		a0 = _mm_add_epi64(a0, _mm_and_si128(v0, lo32));
		a1 = _mm_add_epi64(a1, _mm_srli_epi64(v0, 32));
		a2 = _mm_add_epi64(a2, _mm_and_si128(v1, lo32));
		a3 = _mm_add_epi64(a3, _mm_srli_epi64(v1, 32));
		p += 32;
		n -= 32;
	}
	/* The 32 bytes ending at the end, the first 32 - n masked off, rotated
	   by 8 bits when they start at an odd offset (a shift by 64 is 0). */
	const uint8_t *t = p + n - 32, *m = tail_mask + 32 + n;
	__m128i t0 = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)t),
				   _mm_loadu_si128((const __m128i *)(const void *)m));
	__m128i t1 = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + 16)),
				   _mm_loadu_si128((const __m128i *)(const void *)(m + 16)));
	__m128i b = _mm_add_epi64(_mm_add_epi64(_mm_and_si128(t0, lo32), _mm_srli_epi64(t0, 32)),
				  _mm_add_epi64(_mm_and_si128(t1, lo32), _mm_srli_epi64(t1, 32)));
	unsigned s = ((unsigned)len & 1u) * 8u;
	b = _mm_or_si128(_mm_sll_epi64(b, _mm_cvtsi32_si128((int)s)),
			 _mm_srl_epi64(b, _mm_cvtsi32_si128((int)(64u - s))));
	__m128i a = _mm_add_epi64(_mm_add_epi64(a0, a1), _mm_add_epi64(a2, a3));
	a = _mm_add_epi64(a, b);
	a = _mm_add_epi64(a, _mm_unpackhi_epi64(a, a));
	return (uint64_t)_mm_cvtsi128_si64(a);
}

/*
 * AVX2, 32 <= len < AVX2_MAX. 16-bit words with their top bit flipped are
 * w - 32768 as signed words, and vpmaddwd against ones adds neighbours
 * into 32-bit lanes: w0 + w1 - 65536, exactly. Three instructions per 32
 * bytes (xor with the load folded in, madd, add) instead of five for the
 * 32-bit halves; the 65536 per lane per vector is added back in 64 bits
 * at the end ("turns", two vectors each).
 *
 * The loop takes 64 bytes a turn; the rest (0 to 63 bytes) is one more
 * turn over the 64 bytes that end at the last even offset e, with a mask
 * zeroing those the loop already added (a zeroed word is just another w,
 * so the same correction holds). Ending at an even offset keeps every
 * vector's bytes in their words' places, so no rotation is needed; when
 * len is odd, the last byte (at offset e, even: the low byte of its word
 * on this little-endian machine) is added on its own. From 32 to 63 bytes
 * (a SYN's 40, short UDP) the first 32 bytes and the masked 32 ending at
 * e make the one turn, no loop.
 *
 * Each lane moves by at most 2 * 65536 a turn; below 1 MiB (checked by the
 * callers) there are at most 16384 turns, so it stays within 32 bits.
 * Returns the exact sum of the native-order words, like the others a
 * nonzero number unless every byte is zero.
 */
#define AVX2_MAX ((size_t)1 << 20)
__attribute__((target("avx2"), always_inline)) static inline uint64_t sum_avx2_body(const uint8_t *p,
										   size_t len)
{
	const __m256i flip = _mm256_set1_epi16(-32768), ones = _mm256_set1_epi16(1);
	size_t odd = len & 1u, e = len - odd;
	uint64_t extra = p[len - 1] & (0u - (unsigned)odd); /* 0 when len is even */
	__m256i m, t0, t1;
	size_t turns;
	if (len < 64) {
		t0 = _mm256_loadu_si256((const __m256i *)(const void *)p);
		t1 = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(const void *)(p + e - 32)),
				      _mm256_loadu_si256((const __m256i *)(const void *)(tail_mask + e)));
		m = _mm256_setzero_si256();
		turns = 1;
	} else {
		m = _mm256_setzero_si256();
		turns = len / 64;
		const uint8_t *q = p, *end = p + turns * 64;
		do {
			__m256i v0 = _mm256_xor_si256(
				_mm256_loadu_si256((const __m256i *)(const void *)q), flip);
			__m256i v1 = _mm256_xor_si256(
				_mm256_loadu_si256((const __m256i *)(const void *)(q + 32)), flip);
			m = _mm256_add_epi32(_mm256_add_epi32(_mm256_madd_epi16(v0, ones),
							      _mm256_madd_epi16(v1, ones)), m);
			/* Pins m to one register: otherwise GCC 12 adds a
			   register copy to every turn. */
			__asm__("" : "+x"(m));
			q += 64;
		} while (q != end);
		/* the bytes from end to e, at the end of the 64 ending at e */
		size_t r = e - turns * 64;
		const uint8_t *t = p + e - 64, *k = tail_mask + r;
		t0 = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(const void *)t),
				      _mm256_loadu_si256((const __m256i *)(const void *)k));
		t1 = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(const void *)(t + 32)),
				      _mm256_loadu_si256((const __m256i *)(const void *)(k + 32)));
		turns++;
	}
	m = _mm256_add_epi32(m, _mm256_add_epi32(_mm256_madd_epi16(_mm256_xor_si256(t0, flip), ones),
						 _mm256_madd_epi16(_mm256_xor_si256(t1, flip), ones)));
	__m256i a = _mm256_add_epi64(_mm256_cvtepi32_epi64(_mm256_castsi256_si128(m)),
				     _mm256_cvtepi32_epi64(_mm256_extracti128_si256(m, 1)));
	__m128i h = _mm_add_epi64(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
	h = _mm_add_epi64(h, _mm_unpackhi_epi64(h, h));
	/* 2 vectors x 16 words x 32768 per turn */
	return (uint64_t)_mm_cvtsi128_si64(h) + ((uint64_t)turns << 20) + extra;
}

__attribute__((target("avx2"), noinline)) static uint64_t sum_avx2(const uint8_t *p, size_t len)
{
	return sum_avx2_body(p, len);
}

/* 0 not yet asked, 1 no AVX2, 2 AVX2. __builtin_cpu_init() makes the check
   safe even before constructors ran (a caller's own constructor). */
static int avx2_state;

/* Out of line, so that the callers need no stack frame for it. */
static __attribute__((noinline, cold)) int ask_avx2(void)
{
	__builtin_cpu_init();
	int s = __builtin_cpu_supports("avx2") ? 2 : 1;
	__atomic_store_n(&avx2_state, s, __ATOMIC_RELAXED);
	return s;
}

static inline int have_avx2(void)
{
	int s = __atomic_load_n(&avx2_state, __ATOMIC_RELAXED);
	if (__builtin_expect(s == 0, 0))
		s = ask_avx2();
	return s == 2;
}
#endif

/* The finishing steps every implementation shares. */
static inline uint32_t finish_partial(uint64_t acc, uint32_t sum)
{
	uint16_t s = fold64(acc);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	s = (uint16_t)(s << 8 | s >> 8);
#endif
	uint32_t r = sum + s;
	return (r & 0xffff) + (r >> 16);
}

/* The unfolded sum, by the best implementation for len on this CPU. */
static inline uint64_t sum_any(const uint8_t *p, size_t len)
{
#if RK_CSUM_X86
	if (len < 32)
		return sum_portable(p, len);
	if (len < AVX2_MAX && have_avx2())
		return sum_avx2(p, len);
	return sum_sse2(p, len);
#else
	return sum_portable(p, len);
#endif
}

RK_API uint32_t rk_csum_partial(const void *data, size_t len, uint32_t sum)
{
	return finish_partial(sum_any(data, len), sum);
}

/* For the decoder (decode_int.h): does a checksum verify? One call, no
   value returned to fold again. Hidden (the library is built with
   -fvisibility=hidden), so no PLT either. */
int rkint_csum_ok(const uint8_t *p, size_t len, uint32_t sum);

/*
 * The same verdict as rk_csum_finish(rk_csum_partial(p, len, sum)) == 0,
 * without the folds: that holds when S + A' is a nonzero multiple of
 * 65535, S being sum and A' the data's sum in the value domain. On a
 * little-endian host the accumulator A holds byte-swapped words, and a
 * swap is a multiplication by 256 modulo 65535; multiplying the condition
 * by 256 (invertible modulo 65535) turns it into A + 256 * S, no swap
 * needed. A < len * 2^30 and S < 2^32, so nothing overflows for any
 * uint32_t length; the remainder by a constant is a multiply and a shift.
 */
static inline int verdict(uint64_t a, uint32_t sum)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t t = a + (uint64_t)sum * 256u;
#else
	uint64_t t = a + sum;
#endif
	return t != 0 && t % 65535u == 0;
}

#if RK_CSUM_X86
/* The AVX2 sum and the verdict in one function: one call per packet. */
__attribute__((target("avx2"))) static int csum_ok_avx2(const uint8_t *p, size_t len, uint32_t sum)
{
	return verdict(sum_avx2_body(p, len), sum);
}
#endif

/* Every other case, out of line: rkint_csum_ok() then needs no stack
   frame and reaches either with a jump. */
static __attribute__((noinline)) int csum_ok_other(const uint8_t *p, size_t len, uint32_t sum)
{
	return verdict(sum_any(p, len), sum);
}

int rkint_csum_ok(const uint8_t *p, size_t len, uint32_t sum)
{
#if RK_CSUM_X86
	if (len >= 32 && len < AVX2_MAX && have_avx2())
		return csum_ok_avx2(p, len, sum);
#endif
	return csum_ok_other(p, len, sum);
}

RK_API int rk_csum_impl_supported(int impl)
{
	switch (impl) {
	case RK_CSUM_IMPL_PORTABLE:
		return 1;
#if RK_CSUM_X86
	case RK_CSUM_IMPL_SSE2:
		return 1;
	case RK_CSUM_IMPL_AVX2:
		return have_avx2();
#endif
	}
	return 0;
}

RK_API uint32_t rk_csum_partial_impl(int impl, const void *data, size_t len, uint32_t sum)
{
	const uint8_t *p = data;
	uint64_t acc;
	switch (rk_csum_impl_supported(impl) ? impl : -1) {
#if RK_CSUM_X86
	case RK_CSUM_IMPL_SSE2:
		acc = len >= 32 ? sum_sse2(p, len) : sum_portable(p, len);
		break;
	case RK_CSUM_IMPL_AVX2:
		acc = len < 32 ? sum_portable(p, len) : len < AVX2_MAX ? sum_avx2(p, len) : sum_sse2(p, len);
		break;
#endif
	case RK_CSUM_IMPL_PORTABLE:
		acc = sum_portable(p, len);
		break;
	default:
		return rk_csum_partial(data, len, sum);
	}
	return finish_partial(acc, sum);
}

RK_API uint16_t rk_csum(const void *data, size_t len)
{
	return rk_csum_finish(rk_csum_partial(data, len, 0));
}

RK_API uint32_t rk_csum_pseudo4(uint32_t src, uint32_t dst, uint8_t proto, uint32_t len)
{
	uint64_t s = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) +
		     proto + (len >> 16) + (len & 0xffff);
	return fold64(s);
}

RK_API uint32_t rk_csum_pseudo6(const uint8_t src[16], const uint8_t dst[16],
				uint32_t len, uint8_t next_header)
{
	uint64_t s = (len >> 16) + (len & 0xffff) + next_header;
	for (int i = 0; i < 16; i += 2)
		s += (uint32_t)(src[i] << 8 | src[i + 1]) + (uint32_t)(dst[i] << 8 | dst[i + 1]);
	return fold64(s);
}

RK_API uint16_t rk_csum_update16(uint16_t csum, uint16_t old_val, uint16_t new_val)
{
	uint32_t s = (uint16_t)~csum + (uint32_t)(uint16_t)~old_val + new_val;
	return rk_csum_finish(s);
}

RK_API uint16_t rk_csum_update32(uint16_t csum, uint32_t old_val, uint32_t new_val)
{
	uint32_t s = (uint16_t)~csum;
	s += (uint16_t)~(old_val >> 16) + (uint32_t)(uint16_t)~(old_val & 0xffff);
	s += (new_val >> 16) + (new_val & 0xffff);
	return rk_csum_finish(s);
}
