/* Arena allocation: one arena per batch/command, freed at once.
 * Everything built while compiling or listing (AST nodes, VM programs, decoded
 * kernel objects) lives in an arena, so nothing is freed piecemeal. */
#ifndef NFTC_ARENA_H
#define NFTC_ARENA_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* In the header only so that arena_alloc's common case can be inline. */
struct arena_block {
	struct arena_block *next;
	size_t size, used;
	bool big;                /* from bigmem (huge pages), not malloc */
	_Alignas(16) unsigned char mem[];
};

/* A block size whose blocks are one huge page each (bigmem.h), for an arena that will
 * hold megabytes: one page fault per block instead of 512. */
#define ARENA_HUGE_BLOCK (((size_t)2 << 20) - sizeof(struct arena_block))
struct arena {
	struct arena_block *head;
	struct arena_block *spare;   /* zeroed standard blocks kept by arena_reset */
	size_t block_size;
	size_t held;                 /* bytes of the blocks in use (since the last reset) */
};

void arena_init(struct arena *a, size_t block_size);
void arena_free(struct arena *a);
/* Frees everything allocated so far but keeps the standard-size blocks (zeroed again)
 * for reuse: a scratch arena reset after each command or chunk stays in the same warm
 * pages instead of asking malloc for fresh ones. */
void arena_reset(struct arena *a);
/* Zero-filled, 16-byte aligned; aborts (exit 2, as nft on ENOMEM) when memory runs out.
 * Inline when the current block has room (most calls: a parse allocates per token);
 * arena_alloc_slow takes a new block. */
void *arena_alloc_slow(struct arena *a, size_t n);
static inline void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	n = (n + 15) & ~(size_t)15;
	if (b) {
		size_t at = (b->used + 15) & ~(size_t)15;   /* after arena_bytes */
		if (at <= b->size && b->size - at >= n) {
			b->used = at + n;
			return b->mem + at;
		}
	}
	return arena_alloc_slow(a, n);
}
void *arena_memdup(struct arena *a, const void *p, size_t n);
/* Bytes with no alignment, packed one after another (keys of a million elements cost
 * their length, not 16 bytes each). */
static inline void *arena_bytes(struct arena *a, const void *p, size_t n)
{
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < n || n > a->block_size / 4)
		return arena_memdup(a, p, n);
	void *q = b->mem + b->used;
	b->used += n;
	if (n)
		__builtin_memcpy(q, p, n);
	return q;
}
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Grow an arena-held array (old contents copied; old block left to the arena). */
void *arena_grow(struct arena *a, void *old, size_t old_n, size_t new_n, size_t elem);
/* Room for one more in an arena-held array of n used and *cap slots: the array as it
 * is, or grown to twice its slots (`first` for an empty one), *cap updated. */
void *arena_room(struct arena *a, void *v, uint32_t n, uint32_t *cap, uint32_t first,
		 size_t elem);
/* As arena_grow, for callers that write every new slot before reading it: the new part
 * of a large array is not zeroed (a million decoded elements skip a pass over memory). */
void *arena_grow_filled(struct arena *a, void *old, size_t old_n, size_t new_n, size_t elem);

/* Out of memory anywhere: prints the nft message and exits 2. */
void die_oom(void) __attribute__((noreturn));
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
