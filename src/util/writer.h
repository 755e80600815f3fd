/* One buffered writer for all output: listings, -d netlink, errors.
 * Writing to a memory buffer (fd < 0) is how tests and the shell capture text. */
#ifndef NFTC_WRITER_H
#define NFTC_WRITER_H
#include <stddef.h>
#include <stdint.h>

struct writer {
	int fd;            /* < 0: keep everything in buf (memory writer) */
	char *buf;
	size_t len, cap;
	int err;           /* the errno of the first failed write(2); later output is dropped */
};

void writer_init_fd(struct writer *w, int fd);
void writer_init_mem(struct writer *w);
void writer_free(struct writer *w);
void wr_putc(struct writer *w, char c);
void wr_puts(struct writer *w, const char *s);
void wr_write(struct writer *w, const void *p, size_t n);
/* Numbers without printf: listings print millions of them. */
void wr_uint(struct writer *w, uint64_t x);
void wr_hex(struct writer *w, uint64_t x, unsigned min_digits);   /* no 0x prefix */
void wr_printf(struct writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes out what is buffered; returns 0, or the errno of the first write that failed
 * (sticky: output lost once is reported once, by whoever checks at the end). */
int wr_flush(struct writer *w);
/* Memory writer: NUL-terminated contents (valid until the next write). */
const char *wr_cstr(struct writer *w);
void wr_reset(struct writer *w);

#endif
