/* A plain-C stand-in for libFuzzer, so the harnesses run with gcc + ASan/UBSan:
 * runs LLVMFuzzerTestOneInput over a seed corpus, then over N deterministic
 * mutations of it (bit flips, interesting bytes, truncations, splices, inserted
 * and deleted runs, netlink attribute-length tweaks) drawn from a fixed-seed
 * xorshift PRNG. Before each run the input is written to a file, so whatever
 * kills the process (sanitizer report, signal, timeout) leaves the input behind.
 * `-m IN -o OUT` minimises a crashing input instead (each try in a child).
 *
 * `-t MS` reports (and keeps in CURFILE.slow) inputs that take longer than MS;
 * `-T S` treats a run longer than S seconds as a hang (exit 3, input in CURFILE).
 *
 * usage: driver [-n N] [-s SEED] [-c CURFILE] [-t MS] [-T S] [-m CRASH -o OUT] CORPUS_DIR|FILE...
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_INPUT (64 * 1024)

struct blob {
	uint8_t *p;
	size_t n;
};

struct corpus {
	struct blob *v;
	size_t n, cap;
};

/* ---------------------------------------------------------------- PRNG */

static uint64_t xorshift64(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

static size_t below(uint64_t *s, size_t n)
{
	return n ? (size_t)(xorshift64(s) % n) : 0;
}

/* ---------------------------------------------------------------- corpus */

static int read_file(const char *path, struct blob *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	struct stat st;
	size_t cap = fstat(fileno(f), &st) == 0 && st.st_size < FUZZ_MAX_INPUT ?
		     (size_t)st.st_size + 1 : FUZZ_MAX_INPUT;
	uint8_t *buf = malloc(cap);      /* sized to the file: corpora have thousands */
	size_t n = buf ? fread(buf, 1, cap, f) : 0;
	fclose(f);
	if (!buf)
		return -1;
	out->p = buf;
	out->n = n;
	return 0;
}

static void corpus_add(struct corpus *c, struct blob b)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = realloc(c->v, c->cap * sizeof(*c->v));
		if (!c->v) {
			perror("realloc");
			exit(2);
		}
	}
	c->v[c->n++] = b;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file, or every regular file of a directory in name order (determinism). */
static void corpus_load(struct corpus *c, const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		fprintf(stderr, "driver: %s: %s\n", path, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		struct blob b;
		if (read_file(path, &b) == 0)
			corpus_add(c, b);
		return;
	}
	DIR *d = opendir(path);
	if (!d)
		return;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
		}
		if (asprintf(&names[n], "%s/%s", path, de->d_name) >= 0)
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		struct blob b;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode) && read_file(names[i], &b) == 0)
			corpus_add(c, b);
		free(names[i]);
	}
	free(names);
}

/* ---------------------------------------------------------------- mutations */

static const uint8_t interesting_bytes[] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x07, 0x08, 0x0f,
					     0x10, 0x20, 0x3f, 0x40, 0x7f, 0x80, 0xfe, 0xff };
static const uint16_t interesting_lens[] = { 0, 1, 2, 3, 4, 5, 7, 8, 12, 16, 20, 0x7fff, 0xffff };

static void flip_bit(uint8_t *p, size_t *n, size_t cap, uint64_t *s)
{
	(void)cap;
	if (*n)
		p[below(s, *n)] ^= (uint8_t)(1u << below(s, 8));
}

static void set_byte(uint8_t *p, size_t *n, size_t cap, uint64_t *s)
{
	(void)cap;
	if (*n)
		p[below(s, *n)] = interesting_bytes[below(s, sizeof(interesting_bytes))];
}

static void add_byte(uint8_t *p, size_t *n, size_t cap, uint64_t *s)
{
	(void)cap;
	if (*n)
		p[below(s, *n)] += (uint8_t)(below(s, 9) - 4);
}

static void truncate_tail(uint8_t *p, size_t *n, size_t cap, uint64_t *s)
{
	(void)p; (void)cap;
	if (*n)
		*n = below(s, *n);
}

static void delete_run(uint8_t *p, size_t *n, size_t cap, uint64_t *s)
{
	(void)cap;
	if (*n < 2)
		return;
	size_t at = below(s, *n), len = 1 + below(s, *n - at < 16 ? *n - at : 16);
	if (at + len > *n)
		len = *n - at;
	memmove(p + at, p + at + len, *n - at - len);
	*n -= len;
}

static void insert_run(uint8_t *p, size_t *n, size_t cap, uint64_t *s)
{
	size_t len = 1 + below(s, 8);
	if (*n + len > cap)
		return;
	size_t at = below(s, *n + 1);
	memmove(p + at + len, p + at, *n - at);
	for (size_t i = 0; i < len; i++)
		p[at + i] = below(s, 2) ? (uint8_t)xorshift64(s) : interesting_bytes[below(s, 16)];
	*n += len;
}

/* Copies a run of the input over another place of itself (duplicated attributes). */
static void copy_run(uint8_t *p, size_t *n, size_t cap, uint64_t *s)
{
	if (*n < 4)
		return;
	size_t from = below(s, *n), len = 1 + below(s, 32);
	if (from + len > *n)
		len = *n - from;
	size_t to = below(s, *n + 1);
	if (below(s, 2) && *n + len <= cap) {           /* insert */
		uint8_t tmp[32];
		memcpy(tmp, p + from, len);
		memmove(p + to + len, p + to, *n - to);
		memcpy(p + to, tmp, len);
		*n += len;
	} else {                                         /* overwrite */
		if (to + len > *n)
			len = *n - to;
		memmove(p + to, p + from, len);
	}
}

/* Netlink attributes are 4-aligned {u16 len, u16 type}: pick an aligned u16 that
 * looks like an attribute length and bend it (off by a few, to a boundary value),
 * or change the type next to it. */
static void tweak_attr(uint8_t *p, size_t *n, size_t cap, uint64_t *s)
{
	(void)cap;
	if (*n < 4)
		return;
	size_t slots = *n / 4, at = 0;
	for (int tries = 0; tries < 8; tries++) {
		at = below(s, slots) * 4;
		uint16_t len = (uint16_t)(p[at] | p[at + 1] << 8);
		if (len >= 4 && len <= *n - at)
			break;
	}
	uint16_t v = (uint16_t)(p[at] | p[at + 1] << 8);
	switch (below(s, 4)) {
	case 0: v = (uint16_t)(v + below(s, 9) - 4); break;
	case 1: v = interesting_lens[below(s, sizeof(interesting_lens) / 2)]; break;
	case 2: v = (uint16_t)(v + 4 * (below(s, 5) - 2)); break;
	default:                                          /* type: flip nested bit or id */
		if (below(s, 2))
			p[at + 3] ^= 0x80;
		else
			p[at + 2] = (uint8_t)below(s, 32);
		return;
	}
	p[at] = (uint8_t)v;
	p[at + 1] = (uint8_t)(v >> 8);
}

/* For text inputs: a whole line or word of another seed spliced in. */
static void splice_other(uint8_t *p, size_t *n, size_t cap, uint64_t *s, const struct corpus *c)
{
	const struct blob *o = &c->v[below(s, c->n)];
	if (!o->n)
		return;
	size_t from = below(s, o->n), len = 1 + below(s, o->n - from);
	size_t at = below(s, *n + 1);
	if (below(s, 2)) {                               /* cut at `at`, append other's tail */
		if (at + len > cap)
			len = cap - at;
		memcpy(p + at, o->p + from, len);
		*n = at + len;
	} else {                                         /* insert other's run */
		if (len > 64)
			len = 64;
		if (*n + len > cap)
			return;
		memmove(p + at + len, p + at, *n - at);
		memcpy(p + at, o->p + from, len);
		*n += len;
	}
}

typedef void (*mutator)(uint8_t *p, size_t *n, size_t cap, uint64_t *s);
static const mutator mutators[] = {
	flip_bit, flip_bit, set_byte, add_byte, truncate_tail, delete_run, insert_run,
	copy_run, tweak_attr, tweak_attr, tweak_attr,
};
#define NMUTATORS (sizeof(mutators) / sizeof(mutators[0]))

/* Mutates a seed, or (one time in four) keeps walking from the previous mutant
 * (buf[0..prev)), so mutations also stack up deeper than one round. */
static size_t mutate(uint8_t *buf, size_t prev, size_t cap, const struct corpus *c, uint64_t *s)
{
	size_t n = prev;
	if (!prev || below(s, 4)) {
		const struct blob *b = &c->v[below(s, c->n)];
		n = b->n < cap ? b->n : cap;
		memcpy(buf, b->p, n);
	}
	unsigned rounds = 1 + (unsigned)below(s, 4);
	for (unsigned i = 0; i < rounds; i++) {
		size_t k = below(s, NMUTATORS + 1);
		if (k == NMUTATORS)
			splice_other(buf, &n, cap, s, c);
		else
			mutators[k](buf, &n, cap, s);
	}
	return n;
}

/* ---------------------------------------------------------------- running */

struct current {
	int fd;                  /* the input being run, rewritten before each run */
	double slow_ms;          /* -t: report runs slower than this (0: off) */
	const char *slow_file;   /* where the slowest such input is kept */
	double slowest;
	unsigned timeout_s;      /* -T: a run longer than this is a failure (0: off) */
};

/* -T: a run that takes longer than this many seconds is a hang; the input is
 * already in CURFILE, so just say so and stop. */
static void on_timeout(int sig)
{
	static const char msg[] = "driver: TIMEOUT: one input ran longer than the -T limit\n";
	(void)sig;
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void save_current(struct current *cur, const uint8_t *p, size_t n)
{
	if (cur->fd < 0)
		return;
	if (pwrite(cur->fd, p, n, 0) != (ssize_t)n || ftruncate(cur->fd, (off_t)n) < 0) {
		perror("driver: saving current input");
		exit(2);
	}
}

static void run_one(struct current *cur, const uint8_t *p, size_t n)
{
	/* a private copy, exactly n bytes long, so over-reads hit the redzone */
	uint8_t *copy = malloc(n ? n : 1);
	memcpy(copy, p, n);
	save_current(cur, p, n);
	double t0 = cur->slow_ms > 0 ? now_ms() : 0;
	if (cur->timeout_s)
		alarm(cur->timeout_s);
	LLVMFuzzerTestOneInput(copy, n);
	if (cur->timeout_s)
		alarm(0);
	free(copy);
	if (cur->slow_ms > 0) {
		double t = now_ms() - t0;
		if (t > cur->slow_ms && t > cur->slowest) {
			cur->slowest = t;
			fprintf(stderr, "driver: slow input (%.0f ms, %zu bytes) kept in %s\n", t, n,
				cur->slow_file);
			FILE *f = fopen(cur->slow_file, "wb");
			if (f) {
				fwrite(p, 1, n, f);
				fclose(f);
			}
		}
	}
}

/* In a child: does this input still kill the harness? */
static int crashes(const uint8_t *p, size_t n)
{
	pid_t pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0) {
			dup2(devnull, 1);
			dup2(devnull, 2);
		}
		struct current none = { .fd = -1 };
		run_one(&none, p, n);
		_exit(0);
	}
	int st;
	if (waitpid(pid, &st, 0) < 0)
		return 0;
	return !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* Greedy delta minimisation: drop chunks (halving the size) while it still crashes,
 * then try simplifying single bytes to 0. */
static int minimise(const char *in, const char *out)
{
	struct blob b;
	if (read_file(in, &b) < 0) {
		fprintf(stderr, "driver: cannot read %s\n", in);
		return 2;
	}
	if (!crashes(b.p, b.n)) {
		fprintf(stderr, "driver: %s does not crash\n", in);
		return 1;
	}
	uint8_t *tmp = malloc(b.n + 1);
	for (size_t chunk = b.n / 2 ? b.n / 2 : 1; chunk >= 1; chunk /= 2) {
		for (size_t at = 0; at < b.n;) {
			size_t len = chunk < b.n - at ? chunk : b.n - at;
			memcpy(tmp, b.p, at);
			memcpy(tmp + at, b.p + at + len, b.n - at - len);
			if (crashes(tmp, b.n - len)) {
				memcpy(b.p, tmp, b.n - len);
				b.n -= len;
			} else {
				at += len;
			}
		}
		if (chunk == 1)
			break;
	}
	FILE *f = fopen(out, "wb");
	if (!f || fwrite(b.p, 1, b.n, f) != b.n) {
		perror(out);
		return 2;
	}
	fclose(f);
	fprintf(stderr, "driver: minimised to %zu bytes: %s\n", b.n, out);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long iterations = 20000;
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	const char *curfile = NULL, *min_in = NULL, *min_out = NULL;
	double slow_ms = 0;
	unsigned timeout_s = 0;
	int opt;
	while ((opt = getopt(argc, argv, "n:s:c:m:o:t:T:")) != -1) {
		switch (opt) {
		case 'n': iterations = strtoul(optarg, NULL, 0); break;
		case 's': seed = strtoull(optarg, NULL, 0) | 1; break;
		case 'c': curfile = optarg; break;
		case 'm': min_in = optarg; break;
		case 'o': min_out = optarg; break;
		case 't': slow_ms = strtod(optarg, NULL); break;
		case 'T': timeout_s = (unsigned)strtoul(optarg, NULL, 0); break;
		default:
			fprintf(stderr, "usage: %s [-n N] [-s SEED] [-c CURFILE] [-t SLOW_MS] [-T TIMEOUT_S] [-m CRASH -o OUT] CORPUS...\n",
				argv[0]);
			return 2;
		}
	}
	if (min_in)
		return minimise(min_in, min_out ? min_out : "/tmp/fuzz-minimised.bin");

	struct corpus c = { 0 };
	for (int i = optind; i < argc; i++)
		corpus_load(&c, argv[i]);
	if (!c.n)
		corpus_add(&c, (struct blob){ .p = calloc(1, 1), .n = 0 });

	struct current cur = { .fd = -1, .slow_ms = slow_ms, .timeout_s = timeout_s };
	if (timeout_s)
		signal(SIGALRM, on_timeout);
	char slow_path[4096];
	snprintf(slow_path, sizeof(slow_path), "%s.slow", curfile ? curfile : "/tmp/fuzz-input");
	cur.slow_file = slow_path;
	if (curfile) {
		cur.fd = open(curfile, O_RDWR | O_CREAT | O_TRUNC, 0644);
		if (cur.fd < 0) {
			perror(curfile);
			return 2;
		}
	}
	for (size_t i = 0; i < c.n; i++)
		run_one(&cur, c.v[i].p, c.v[i].n);

	uint8_t *buf = malloc(FUZZ_MAX_INPUT);
	size_t n = 0;
	for (unsigned long i = 0; i < iterations; i++) {
		n = mutate(buf, n, FUZZ_MAX_INPUT, &c, &seed);
		run_one(&cur, buf, n);
	}
	printf("# %zu seeds, %lu mutations, no crash\n", c.n, iterations);
	free(buf);
	for (size_t i = 0; i < c.n; i++)
		free(c.v[i].p);
	free(c.v);
	if (cur.fd >= 0)
		close(cur.fd);
	return 0;
}
