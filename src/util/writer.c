/* Buffered writer: output is gathered and written in large chunks. */
#include "writer.h"
#include "arena.h"
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

void writer_init_fd(struct writer *w, int fd)
{
	w->fd = fd;
	w->cap = 64 * 1024;
	w->buf = xmalloc(w->cap);
	w->len = 0;
	w->err = 0;
}

void writer_init_mem(struct writer *w)
{
	writer_init_fd(w, -1);
	w->cap = 1024;
	w->buf = xrealloc(w->buf, w->cap);
}

void writer_free(struct writer *w)
{
	wr_flush(w);
	free(w->buf);
	w->buf = NULL;
	w->len = w->cap = 0;
}

static void reserve(struct writer *w, size_t n)
{
	if (w->len + n + 1 <= w->cap)
		return;
	if (w->fd >= 0) {
		wr_flush(w);
		if (n + 1 <= w->cap)
			return;
	}
	while (w->len + n + 1 > w->cap)
		w->cap *= 2;
	w->buf = xrealloc(w->buf, w->cap);
}

void wr_write(struct writer *w, const void *p, size_t n)
{
	reserve(w, n);
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

void wr_putc(struct writer *w, char c)
{
	reserve(w, 1);
	w->buf[w->len++] = c;
}

void wr_puts(struct writer *w, const char *s)
{
	wr_write(w, s, strlen(s));
}

void wr_uint(struct writer *w, uint64_t x)
{
	char tmp[20];
	size_t n = sizeof(tmp);
	do {
		tmp[--n] = (char)('0' + x % 10);
		x /= 10;
	} while (x);
	wr_write(w, tmp + n, sizeof(tmp) - n);
}

void wr_hex(struct writer *w, uint64_t x, unsigned min_digits)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[16];
	size_t n = sizeof(tmp);
	do {
		tmp[--n] = digits[x & 15];
		x >>= 4;
	} while (x && n);
	while (sizeof(tmp) - n < min_digits && n)
		tmp[--n] = '0';
	wr_write(w, tmp + n, sizeof(tmp) - n);
}

void wr_printf(struct writer *w, const char *fmt, ...)
{
	va_list ap;
	char tmp[256];
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		wr_write(w, tmp, (size_t)n);
		return;
	}
	reserve(w, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(w->buf + w->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	w->len += (size_t)n;
}

int wr_flush(struct writer *w)
{
	if (w->fd < 0 || !w->len || w->err) {
		if (w->fd >= 0)
			w->len = 0;
		return w->err;
	}
	size_t off = 0;
	while (off < w->len) {
		ssize_t r = write(w->fd, w->buf + off, w->len - off);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			w->err = errno;
			break;
		}
		off += (size_t)r;
	}
	w->len = 0;
	return w->err;
}

const char *wr_cstr(struct writer *w)
{
	reserve(w, 0);
	w->buf[w->len] = 0;
	return w->buf;
}

void wr_reset(struct writer *w)
{
	w->len = 0;
}
