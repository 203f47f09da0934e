/* SipHash-1-3 under a per-process random key (see hash.h). */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"

static uint64_t key0, key1;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

/* The key: getrandom(), else /dev/urandom (not a path from the tree),
 * else the clock and the process id mixed, which still cannot be known
 * when the tree is written. */
static void key_init(void)
{
	uint64_t k[2] = { 0, 0 };
	ssize_t got = getrandom(k, sizeof k, GRND_NONBLOCK);

	if (got != (ssize_t)sizeof k) {
		int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

		got = fd >= 0 ? read(fd, k, sizeof k) : -1;
		if (fd >= 0)
			close(fd);
	}
	if (got != (ssize_t)sizeof k) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		k[0] ^= (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ull ^ (uint64_t)getpid();
		k[1] ^= (uint64_t)ts.tv_sec * 0xC2B2AE3D27D4EB4Full ^ (uintptr_t)&got;
	}
	key0 = k[0];
	key1 = k[1];
}

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                            \
	do {                                                                \
		v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32); \
		v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                    \
		v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                    \
		v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32); \
	} while (0)

static unsigned char fold(unsigned char c, int ci)
{
	return ci && c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

static uint64_t siphash13(const unsigned char *s, size_t n, int ci)
{
	uint64_t v0, v1, v2, v3, m, b = (uint64_t)n << 56;
	size_t i, full = n & ~(size_t)7;

	pthread_once(&key_once, key_init);
	v0 = key0 ^ 0x736f6d6570736575ull;
	v1 = key1 ^ 0x646f72616e646f6dull;
	v2 = key0 ^ 0x6c7967656e657261ull;
	v3 = key1 ^ 0x7465646279746573ull;
	for (i = 0; i < full; i += 8) {
		m = 0;
		for (int j = 7; j >= 0; j--)
			m = m << 8 | fold(s[i + (size_t)j], ci);
		v3 ^= m;
		SIPROUND;
		v0 ^= m;
	}
	for (int j = 0; i + (size_t)j < n; j++)
		b |= (uint64_t)fold(s[i + (size_t)j], ci) << (8 * j);
	v3 ^= b;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

uint64_t hash_text(const char *s, size_t n)
{
	return siphash13((const unsigned char *)(n ? s : ""), n, 0);
}

uint64_t hash_text_ci(const char *s, size_t n)
{
	return siphash13((const unsigned char *)(n ? s : ""), n, 1);
}
