/* Large buffers straight from mmap, advised to use transparent huge pages (see
 * bigmem.h for why). Sizes are rounded to 2 MiB so whole huge pages can back them. */
#define _GNU_SOURCE 1   /* mremap */
#include "bigmem.h"
#include "arena.h"
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

static size_t round_size(size_t n)
{
	return (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

static void advise(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	(void)madvise(p, n, MADV_HUGEPAGE);   /* a hint: refused is as good as ignored */
#else
	(void)p;
	(void)n;
#endif
}

void *bigmem_alloc(size_t n)
{
	n = round_size(n);
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die_oom();
	advise(p, n);
	return p;
}

void *bigmem_grow(void *p, size_t old_n, size_t new_n)
{
	old_n = round_size(old_n);
	new_n = round_size(new_n);
	if (new_n <= old_n)
		return p;
	void *q = mremap(p, old_n, new_n, MREMAP_MAYMOVE);
	if (q == MAP_FAILED)
		die_oom();
	advise(q, new_n);
	return q;
}

void bigmem_free(void *p, size_t n)
{
	if (p)
		munmap(p, round_size(n));
}
