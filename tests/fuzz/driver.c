/* Standalone driver for the libFuzzer targets, so each also builds with
 * gcc and runs in make check: it replays the seed corpus, then a fixed
 * number of deterministic mutations of it, and prints TAP. Any crash,
 * abort or sanitizer report fails the test.
 *
 * usage: fuzz-TARGET [-n ITERATIONS] [-s SEED] [-t SECONDS] [-m MAXLEN] [PATH...]
 *   PATH      seed files or folders; none: $top_srcdir/tests/fuzz/corpus/TARGET
 *             (TARGET from the program name, "fuzz-" dropped)
 *   -n        mutated inputs after the seeds (default FUZZ_ITERATIONS, or
 *             the count compiled in); -n 0 only replays, e.g. a crash file
 *   -s        PRNG seed (default 1): the same seed runs the same inputs
 *   -t        stop the mutations after this many seconds (default
 *             FUZZ_SECONDS, or 5): a slow build or a busy machine stays bounded
 *   -m        largest mutated input (default 64 KiB, or the largest seed)
 * An input that crashes, aborts or runs 60 s is saved as crash-TARGET-N in
 * the current folder; `fuzz-TARGET -n 0 crash-TARGET-N` (or the libFuzzer
 * build with that file) replays it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef FUZZ_DEFAULT_ITERATIONS
#define FUZZ_DEFAULT_ITERATIONS 2000
#endif
#define FUZZ_TIMEOUT 60

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* from the sanitizer runtime when linked in: called before it exits */
void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

struct input {
	uint8_t *data;
	size_t len;
};

static struct input *seeds;
static size_t n_seeds, cap_seeds;
static const char *target = "target";

/* The input being run, for the crash handlers. */
static const uint8_t *volatile cur_data;
static volatile size_t cur_len;
static volatile unsigned long cur_index;

/* ---- saving the input that failed (async-signal-safe) ------------------- */

static void put(const char *s)
{
	ssize_t r = write(2, s, strlen(s));
	(void)r;
}

static void save_crash(void)
{
	char name[128], num[24];
	unsigned long v = cur_index;
	size_t i = sizeof num - 1, off = 0, left;
	const uint8_t *p = (const uint8_t *)cur_data;
	int fd;

	if (p == NULL)
		return;
	num[i] = '\0';
	do
		num[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0 && i > 0);
	name[0] = '\0';
	strncat(name, "crash-", sizeof name - 1);
	strncat(name, target, sizeof name - strlen(name) - 1);
	strncat(name, "-", sizeof name - strlen(name) - 1);
	strncat(name, num + i, sizeof name - strlen(name) - 1);
	fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	for (left = cur_len; fd >= 0 && left > 0;) {
		ssize_t w = write(fd, p + off, left);
		if (w <= 0)
			break;
		off += (size_t)w;
		left -= (size_t)w;
	}
	if (fd >= 0)
		close(fd);
	put("# fuzz driver: failing input saved as ");
	put(name);
	put("\n");
	cur_data = NULL;
}

static void on_fatal(int sig)
{
	if (sig == SIGALRM)
		put("# fuzz driver: input ran over the time limit\n");
	save_crash();
	signal(sig == SIGALRM ? SIGABRT : sig, SIG_DFL);
	raise(sig == SIGALRM ? SIGABRT : sig);
}

/* ---- seeds ------------------------------------------------------------- */

static int read_whole(const char *path, struct input *in)
{
	FILE *fp = fopen(path, "rb");
	long n;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		if (fp)
			fclose(fp);
		return -1;
	}
	in->len = (size_t)n;
	in->data = malloc(in->len ? in->len : 1);
	if (in->data == NULL || fread(in->data, 1, in->len, fp) != in->len) {
		fclose(fp);
		free(in->data);
		return -1;
	}
	fclose(fp);
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_seeds(const char *path)
{
	struct stat st;
	struct input in;

	if (stat(path, &st) != 0) {
		printf("# %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		char **names = NULL;
		size_t n = 0, cap = 0;
		int rc = 0;

		if (d == NULL)
			return -1;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 32;
				names = realloc(names, cap * sizeof *names);
				if (names == NULL)
					abort();
			}
			names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
			if (names[n] == NULL)
				abort();
			sprintf(names[n++], "%s/%s", path, e->d_name);
		}
		closedir(d);
		/* readdir order varies: sort, so a seed runs the same inputs */
		qsort(names, n, sizeof *names, name_cmp);
		for (size_t i = 0; i < n; i++) {
			rc |= add_seeds(names[i]);
			free(names[i]);
		}
		free(names);
		return rc;
	}
	if (read_whole(path, &in) != 0) {
		printf("# %s: cannot read\n", path);
		return -1;
	}
	if (n_seeds == cap_seeds) {
		cap_seeds = cap_seeds ? 2 * cap_seeds : 32;
		seeds = realloc(seeds, cap_seeds * sizeof *seeds);
		if (seeds == NULL)
			abort();
	}
	seeds[n_seeds++] = in;
	return 0;
}

/* ---- mutations ---------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static size_t below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

/* Tokens that matter to the Python lexer, the JSON loaders and fuzz-run's
 * headers. */
static const char *const dict[] = {
	"\n", "\r\n", "    ", "\t", "\\", "\"", "'", "'''", "\"\"\"", "#", "(", ")", "[", "]",
	"{", "}", ":", ",", ".", "=", "@", "*", "**", "->", "f\"{", "}\"", "b'", "0x",
	"def ", "async def ", "await ", "class ", "for ", "async for ", "while ", "with ",
	"async with ", "try:", "except ", "except* ", "finally:", "yield ", "return ",
	"lambda ", "match ", "case ", "type ", "import ", "from ", "global ",
	"session.", "query(", ".all()", "commit()", "time.sleep(", "requests.get(",
	"null", "true", "false", "-1", "0", "1e308", "-9223372036854775809",
	"\"\\u0000\"", "\"\\ud800\"", "\xff", "\xc3\x28", "\xe2\x80\xae", "\x1b[2J", "\0",
	"#@ ", "#@ app/", "#@ .ppaudit.json\n", "#@ requirements.txt\n", "#@ docs/adr/0001-a.md\n",
	"#@>0 ", "#@>3 docs\n", "#@|app/f.py\n", "#@git\n", "#@git+\n", "#@out\n",
};

static const uint8_t interesting[] = { 0, 1, 0x7f, 0x80, 0xff, '\n', '\r', ' ', '"', '\\',
				       '{', '}', '[', ']', ':', ',', '(', ')', '#', '0', '9' };

/* Buffer of capacity cap holding *len bytes; every edit keeps *len <= cap. */
static void mutate_once(uint8_t *buf, size_t *len, size_t cap)
{
	size_t n = *len, pos, k;
	const struct input *other;

	switch (below(9)) {
	case 0: /* flip a bit */
		if (n)
			buf[below(n)] ^= (uint8_t)(1u << below(8));
		break;
	case 1: /* an interesting byte */
		if (n)
			buf[below(n)] = interesting[below(sizeof interesting)];
		break;
	case 2: /* insert random bytes */
		k = 1 + below(8);
		if (n + k > cap)
			break;
		pos = below(n + 1);
		memmove(buf + pos + k, buf + pos, n - pos);
		for (size_t i = 0; i < k; i++)
			buf[pos + i] = (uint8_t)rnd();
		*len = n + k;
		break;
	case 3: /* delete a range */
		if (!n)
			break;
		pos = below(n);
		k = 1 + below(n - pos < 64 ? n - pos : 64);
		memmove(buf + pos, buf + pos + k, n - pos - k);
		*len = n - k;
		break;
	case 4: { /* duplicate a range elsewhere */
		uint8_t chunk[128];
		if (!n)
			break;
		pos = below(n);
		k = 1 + below(n - pos < sizeof chunk ? n - pos : sizeof chunk);
		if (n + k > cap)
			break;
		memcpy(chunk, buf + pos, k);
		pos = below(n + 1);
		memmove(buf + pos + k, buf + pos, n - pos);
		memcpy(buf + pos, chunk, k);
		*len = n + k;
		break;
	}
	case 5: /* splice: a chunk of another seed */
		other = &seeds[below(n_seeds)];
		if (!other->len)
			break;
		pos = below(other->len);
		k = 1 + below(other->len - pos < 512 ? other->len - pos : 512);
		if (n + k > cap)
			break;
		{
			size_t at = below(n + 1);
			memmove(buf + at + k, buf + at, n - at);
			memcpy(buf + at, other->data + pos, k);
		}
		*len = n + k;
		break;
	case 6: /* crossover: head of this input, tail of another seed */
		other = &seeds[below(n_seeds)];
		pos = below(n + 1);
		k = other->len ? below(other->len) : 0;
		if (pos + (other->len - k) > cap)
			break;
		memcpy(buf + pos, other->data + k, other->len - k);
		*len = pos + (other->len - k);
		break;
	case 7: { /* a dictionary token */
		const char *t = dict[below(sizeof dict / sizeof *dict)];
		k = t[0] ? strlen(t) : 1;
		if (n + k > cap)
			break;
		pos = below(n + 1);
		memmove(buf + pos + k, buf + pos, n - pos);
		memcpy(buf + pos, t, k);
		*len = n + k;
		break;
	}
	default: /* truncate */
		*len = below(n + 1);
		break;
	}
}

/* ---- main ---------------------------------------------------------------- */

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void run_one(const uint8_t *data, size_t len, unsigned long index)
{
	/* libFuzzer hands over a buffer of exactly len bytes; so do we, so
	 * ASan sees reads past the end */
	uint8_t *copy = malloc(len ? len : 1);

	if (copy == NULL)
		abort();
	memcpy(copy, data, len);
	cur_data = copy;
	cur_len = len;
	cur_index = index;
	alarm(FUZZ_TIMEOUT);
	LLVMFuzzerTestOneInput(copy, len);
	alarm(0);
	cur_data = NULL;
	free(copy);
}

static unsigned long env_num(const char *name, unsigned long def)
{
	const char *v = getenv(name);

	return v && *v ? strtoul(v, NULL, 10) : def;
}

int main(int argc, char **argv)
{
	unsigned long iterations = env_num("FUZZ_ITERATIONS", FUZZ_DEFAULT_ITERATIONS);
	unsigned long seed = 1, done = 0;
	double seconds = (double)env_num("FUZZ_SECONDS", 5), t0, t1;
	size_t maxlen = 0, largest = 0;
	const char *slash = strrchr(argv[0], '/');
	static const int sigs[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGALRM };
	uint8_t *buf;
	int opt, rc = 0;

	target = slash ? slash + 1 : argv[0];
	if (strncmp(target, "fuzz-", 5) == 0)
		target += 5;
	while ((opt = getopt(argc, argv, "n:s:t:m:")) != -1) {
		switch (opt) {
		case 'n': iterations = strtoul(optarg, NULL, 10); break;
		case 's': seed = strtoul(optarg, NULL, 10); break;
		case 't': seconds = strtod(optarg, NULL); break;
		case 'm': maxlen = strtoul(optarg, NULL, 10); break;
		default:
			fprintf(stderr, "usage: %s [-n ITERATIONS] [-s SEED] [-t SECONDS] [-m MAXLEN] [PATH...]\n",
				argv[0]);
			return 2;
		}
	}
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		signal(sigs[i], on_fatal);
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(save_crash);

	if (optind < argc) {
		for (int i = optind; i < argc; i++)
			rc |= add_seeds(argv[i]);
	} else {
		const char *src = getenv("top_srcdir");
		char path[4096];

		snprintf(path, sizeof path, "%s/tests/fuzz/corpus/%s", src && *src ? src : ".", target);
		rc |= add_seeds(path);
	}
	if (rc != 0 || n_seeds == 0) {
		printf("not ok 1 - seed corpus readable and not empty\n1..1\n");
		return 1;
	}

	t0 = now_s();
	for (size_t i = 0; i < n_seeds; i++) {
		run_one(seeds[i].data, seeds[i].len, (unsigned long)i);
		if (seeds[i].len > largest)
			largest = seeds[i].len;
	}
	t1 = now_s();
	printf("ok 1 - %s: %zu seed input(s) replayed (%.2f s)\n", target, n_seeds, t1 - t0);

	if (maxlen == 0)
		maxlen = largest > 65536 ? largest : 65536;
	buf = malloc(maxlen);
	if (buf == NULL)
		abort();
	rng_state = seed;
	for (done = 0; done < iterations; done++) {
		const struct input *s = &seeds[below(n_seeds)];
		size_t len = s->len < maxlen ? s->len : maxlen;
		unsigned edits = 1 + (unsigned)below(4);

		memcpy(buf, s->data, len);
		while (edits-- > 0)
			mutate_once(buf, &len, maxlen);
		run_one(buf, len, (unsigned long)(n_seeds + done));
		if (seconds > 0 && (done & 7) == 7 && now_s() - t1 > seconds) {
			done++;
			printf("# time limit of %.0f s reached\n", seconds);
			break;
		}
	}
	printf("ok 2 - %s: %lu of %lu mutated input(s) (seed %lu, %.2f s)\n", target, done,
	       iterations, seed, now_s() - t1);
	printf("1..2\n");
	free(buf);
	for (size_t i = 0; i < n_seeds; i++)
		free(seeds[i].data);
	free(seeds);
	return 0;
}
