/* Arena allocator: bump allocation from large blocks, freed together. */
#include "arena.h"
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bigmem.h"

/* After this much, new bump blocks are one huge page each (bigmem). */
#define ARENA_BIG_AFTER ((size_t)2 << 20)

void die_oom(void)
{
	fputs("Error: memory exhausted\n", stderr);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

void arena_init(struct arena *a, size_t block_size)
{
	a->head = a->spare = NULL;
	a->block_size = block_size ? block_size : 64 * 1024;
	a->held = 0;
}

static void free_block(struct arena_block *b);

void arena_free(struct arena *a)
{
	struct arena_block *lists[2] = { a->head, a->spare }, *b, *n;
	for (int i = 0; i < 2; i++)
		for (b = lists[i]; b; b = n) {
			n = b->next;
			free_block(b);
		}
	a->head = a->spare = NULL;
	a->held = 0;
}

/* Blocks come zeroed (calloc, or bigmem's fresh pages for large ones), so every
 * allocation is already zero and nothing is written that the caller does not write. */
static struct arena_block *new_block(size_t sz)
{
	struct arena_block *b;
	if (sizeof(*b) + sz >= BIGMEM_MIN) {
		b = bigmem_alloc(sizeof(*b) + sz);
		b->big = true;
	} else {
		b = calloc(1, sizeof(*b) + sz);
		if (!b)
			die_oom();
	}
	b->size = sz;
	return b;
}

static void free_block(struct arena_block *b)
{
	if (b->big)
		bigmem_free(b, sizeof(*b) + b->size);
	else
		free(b);
}

/* A sole block resized to hold sz bytes; what it grew by is zeroed if `zero`. */
static struct arena_block *resize_block(struct arena_block *b, size_t sz, bool zero)
{
	size_t old = b->size;
	if (b->big) {
		b = bigmem_grow(b, sizeof(*b) + old, sizeof(*b) + sz);   /* zero-filled */
	} else if (sizeof(*b) + sz >= BIGMEM_MIN) {
		struct arena_block *nb = bigmem_alloc(sizeof(*b) + sz);
		memcpy(nb, b, sizeof(*b) + old);
		free(b);
		b = nb;
		b->big = true;
	} else {
		b = realloc(b, sizeof(*b) + sz);
		if (!b)
			die_oom();
		if (zero && sz > old)
			memset(b->mem + old, 0, sz - old);
	}
	return b;
}

void arena_reset(struct arena *a)
{
	struct arena_block *b = a->head, *n;
	for (; b; b = n) {
		n = b->next;
		if (b->size != a->block_size) {
			free_block(b);
			continue;
		}
		/* handed out again: restore the all-zero promise */
		memset(b->mem, 0, b->used);
		b->used = 0;
		b->next = a->spare;
		a->spare = b;
	}
	a->head = NULL;
	a->held = 0;
}

void *arena_alloc_slow(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	n = (n + 15) & ~(size_t)15;
	if (b)
		b->used = (b->used + 15) & ~(size_t)15;   /* after arena_bytes */
	if (!b || b->used > b->size || b->size - b->used < n) {
		bool one_off = n > a->block_size / 4;
		size_t sz = one_off ? n : a->block_size;
		/* an arena that has grown large bumps from huge-page blocks from then on */
		if (!one_off && a->held >= ARENA_BIG_AFTER)
			sz = ARENA_HUGE_BLOCK;
		if (sz == a->block_size && a->spare) {
			b = a->spare;
			a->spare = b->next;
		} else {
			b = new_block(sz);
		}
		a->held += sz;
		if (a->head && one_off) {
			/* big one-off: keep the current block as the bump target */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = b->mem + b->used;
	b->used += n;
	return p;
}

void *arena_memdup(struct arena *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);
	if (n)
		memcpy(q, p, n);
	return q;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_memdup(a, s, strlen(s) + 1);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *q = arena_alloc(a, n + 1);
	memcpy(q, s, n);
	q[n] = 0;
	return q;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = arena_alloc(a, (size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return s;
}

/* The block whose memory starts at p and holds nothing else (a big one-off), and the
 * link that points to it; NULL when p is not such a block. */
static struct arena_block **sole_block_of(struct arena *a, const void *p)
{
	for (struct arena_block **l = &a->head; *l; l = &(*l)->next)
		if ((const void *)(*l)->mem == p)
			return (*l)->size == (*l)->used ? l : NULL;
	return NULL;
}

static void *grow(struct arena *a, void *old, size_t old_n, size_t new_n, size_t elem,
		  bool zero)
{
	size_t old_bytes = (old_n * elem + 15) & ~(size_t)15, new_bytes = new_n * elem;
	struct arena_block *h = a->head;
	/* the newest allocation of the current block grows where it is */
	if (old && h && (unsigned char *)old + old_bytes == h->mem + h->used &&
	    h->size - h->used >= ((new_bytes + 15) & ~(size_t)15) - old_bytes) {
		h->used += ((new_bytes + 15) & ~(size_t)15) - old_bytes;
		return old;
	}
	/* a big array alone in its block: realloc it (mremap, no copy, for large ones) */
	struct arena_block **link = old && old_bytes > a->block_size / 4 ? sole_block_of(a, old) : NULL;
	if (link && link != &a->head) {
		struct arena_block *b = *link, *next = b->next;
		size_t sz = (new_bytes + 15) & ~(size_t)15;
		b = resize_block(b, sz, zero);
		b->size = b->used = sz;
		b->next = next;
		*link = b;
		return b->mem;
	}
	void *p = arena_alloc(a, new_bytes);
	if (old && old_n)
		memcpy(p, old, old_n * elem);
	return p;
}

void *arena_grow(struct arena *a, void *old, size_t old_n, size_t new_n, size_t elem)
{
	return grow(a, old, old_n, new_n, elem, true);
}

void *arena_room(struct arena *a, void *v, uint32_t n, uint32_t *cap, uint32_t first,
		 size_t elem)
{
	if (n < *cap)
		return v;
	uint32_t grown = *cap ? *cap * 2 : first;
	v = grow(a, v, n, grown, elem, true);
	*cap = grown;
	return v;
}

void *arena_grow_filled(struct arena *a, void *old, size_t old_n, size_t new_n, size_t elem)
{
	return grow(a, old, old_n, new_n, elem, false);
}
