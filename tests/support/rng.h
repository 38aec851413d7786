/* A seeded pseudo-random generator for the test generators (splitmix64): the same seed gives
 * the same packets and expressions on every machine, so a failing case can be replayed. */
#ifndef NETSIFT_TESTS_SUPPORT_RNG_H
#define NETSIFT_TESTS_SUPPORT_RNG_H

#include <stdint.h>

typedef struct ts_rng {
	uint64_t state;
} ts_rng;

static inline void ts_rng_seed(ts_rng *r, uint64_t seed)
{
	r->state = seed * 0x2545f4914f6cdd1dULL + 0x1234567ULL;
}

static inline uint64_t ts_rng_next(ts_rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n); 0 when n is 0. */
static inline uint32_t ts_rng_below(ts_rng *r, uint32_t n)
{
	return n ? (uint32_t)(ts_rng_next(r) % n) : 0;
}

/* True with probability pct/100. */
static inline int ts_rng_pct(ts_rng *r, unsigned pct)
{
	return ts_rng_below(r, 100) < pct;
}

#define TS_PICK(r, arr) ((arr)[ts_rng_below((r), (uint32_t)(sizeof(arr) / sizeof((arr)[0])))])

#endif
