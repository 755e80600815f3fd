/* Reading an input file (`-f FILE`, `-f -`, `include "FILE"`) into the arena, with
 * the limits that keep a hostile or mistaken path from hanging or exhausting nftc:
 * devices and directories are refused (nft's "Not a regular file"), all the input of
 * one run together is bounded (INPUT_MAX), and a FIFO that no writer ever feeds is
 * given up on after FIFO_WAIT_SECONDS when nobody sits at a terminal to interrupt. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "build.h"

static int too_much(struct parse_ctx *ctx, const struct loc *at, const char *shown)
{
	return diag_error(ctx->errs, at,
			  "Could not read file \"%s\": more than %u MiB of input, the most nftc "
			  "reads", shown, (unsigned)(INPUT_MAX >> 20));
}

static int read_failed(struct parse_ctx *ctx, const struct loc *at, const char *shown, int err)
{
	return diag_error(ctx->errs, at, "Could not read file \"%s\": %s", shown,
			  strerror(err));
}

/* read(2) until `n` bytes or the end; the count read, or -errno. */
static ssize_t read_full(int fd, char *p, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* A regular file of known size: read straight into the arena, no copy. */
static int read_sized(int fd, struct parse_ctx *ctx, const struct loc *at, const char *shown, size_t size,
		      char **text, size_t *len)
{
	char *t = arena_alloc(ctx->arena, size + 1), extra;
	ssize_t n = read_full(fd, t, size);
	if (n < 0)
		return read_failed(ctx, at, shown, (int)-n);
	ssize_t more = read_full(fd, &extra, 1);
	if (more < 0)
		return read_failed(ctx, at, shown, (int)-more);
	if (more > 0)   /* it grew while read: what it says now is not what was read */
		return diag_error(ctx->errs, at, "Could not read file \"%s\": it changed "
				  "while it was read", shown);
	t[n] = 0;
	*text = t;
	*len = (size_t)n;
	ctx->input_bytes += (size_t)n;
	return 0;
}

/* Pipes, FIFOs, /proc files: read to the end in growing steps, at most what the run
 * may still read. */
static int read_stream(int fd, struct parse_ctx *ctx, const struct loc *at, const char *shown, char **text,
		       size_t *len)
{
	size_t room = INPUT_MAX - ctx->input_bytes, cap = 65536, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			if (cap > room) {
				free(buf);
				return too_much(ctx, at, shown);
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read_full(fd, buf + n, cap - n);
		if (r < 0) {
			free(buf);
			return read_failed(ctx, at, shown, (int)-r);
		}
		n += (size_t)r;
		if (n > room) {
			free(buf);
			return too_much(ctx, at, shown);
		}
		if (n < cap)    /* read_full stopped short: the end */
			break;
	}
	*text = arena_alloc(ctx->arena, n + 1);
	memcpy(*text, buf, n);
	(*text)[n] = 0;
	*len = n;
	free(buf);
	ctx->input_bytes += n;
	return 0;
}

/* A FIFO opened without waiting for a writer: wait for its first byte (or its
 * writer's end) here, for at most FIFO_WAIT_SECONDS unless a terminal is attached. */
static int fifo_wait(int fd, struct parse_ctx *ctx, const struct loc *at, const char *shown)
{
	int ms = isatty(STDIN_FILENO) ? -1 : FIFO_WAIT_SECONDS * 1000;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r;
	while ((r = poll(&p, 1, ms)) < 0 && errno == EINTR)
		;
	if (r == 0)
		return diag_error(ctx->errs, at,
				  "Could not read file \"%s\": no writer on the FIFO after %d "
				  "seconds", shown, FIFO_WAIT_SECONDS);
	/* from here on, reads wait for the writer as any pipe's do */
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return 0;
}

const struct source *source_read(struct parse_ctx *ctx, const struct loc *at, const char *path,
				 const char *name)
{
	bool is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diag_error(ctx->errs, at, "Could not open file \"%s\": %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	int rc = -1;
	char *text = NULL;
	size_t len = 0;
	if (fstat(fd, &st) < 0) {
		diag_error(ctx->errs, at, "Could not open file \"%s\": %s", path, strerror(errno));
	} else if (!is_stdin && (S_ISDIR(st.st_mode) || S_ISCHR(st.st_mode) ||
				 S_ISBLK(st.st_mode))) {
		diag_error(ctx->errs, at, "Not a regular file: \"%s\"", path);
	} else if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > INPUT_MAX - ctx->input_bytes) {
		too_much(ctx, at, name);
	} else if (!is_stdin && S_ISFIFO(st.st_mode) && fifo_wait(fd, ctx, at, path) < 0) {
		;
	} else if (S_ISREG(st.st_mode) && st.st_size > 0) {
		rc = read_sized(fd, ctx, at, name, (size_t)st.st_size, &text, &len);
	} else {
		if (!is_stdin) {      /* O_NONBLOCK was for the open only */
			int fl = fcntl(fd, F_GETFL);
			if (fl >= 0)
				fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
		}
		rc = read_stream(fd, ctx, at, name, &text, &len);
	}
	if (!is_stdin)
		close(fd);
	if (rc < 0)
		return NULL;
	struct source *src = arena_alloc(ctx->arena, sizeof(*src));
	src->text = text;
	src->len = len;
	src->name = arena_strdup(ctx->arena, name);
	return src;
}
