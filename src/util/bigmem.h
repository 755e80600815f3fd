/* Memory for the few buffers that grow to megabytes (the netlink batch, big arena
 * blocks): mapped directly and backed by transparent huge pages where the kernel
 * offers them. A buffer of fresh 4 KiB pages costs a fault per page on first touch,
 * and under a virtual machine's shadow paging that fault costs microseconds;
 * a huge page replaces 512 of them. */
#ifndef NFTC_UTIL_BIGMEM_H
#define NFTC_UTIL_BIGMEM_H
#include <stddef.h>

/* Below this, malloc serves better; at and above it, bigmem. */
#define BIGMEM_MIN ((size_t)1 << 20)

/* A zeroed region of at least n bytes (rounded up to whole pages); never NULL. */
void *bigmem_alloc(size_t n);
/* Grows (or moves) a region from bigmem_alloc; the new part is zeroed. */
void *bigmem_grow(void *p, size_t old_n, size_t new_n);
void bigmem_free(void *p, size_t n);

#endif
