/* Entry point of the JSON front end (libnftables-json(5)): a JSON document → the same
 * list of commands (AST) the text parser builds, so eval, lower and the batch never
 * know which syntax a command was written in. Errors are recorded in ctx->errs with
 * the place in the input (line and column of the offending value) and the path to it
 * (`nftables[3].add.rule.expr[1].match.right`). */
#ifndef NFTC_JSON_READ_H
#define NFTC_JSON_READ_H
#include <stdbool.h>
#include "../parser/parser.h"

/* Whether `text` is a JSON document rather than nft text: its first non-blank byte
 * opens an object or an array (nft text never starts with either). */
bool json_looks_like(const char *text, size_t len);

/* Parse a whole JSON document. Returns 0, or -1 with errors recorded. */
int json_parse_source(struct parse_ctx *ctx, const struct source *src, struct cmd_list *out);
/* Reads FILE ("-" = stdin) within the parser's bounds; a file that is not JSON is
 * handed to the text parser, as nft does under -j. */
int json_parse_file(struct parse_ctx *ctx, const char *path, struct cmd_list *out);

#endif
