/* The words of statements that name numbers: time units of rates, byte units of rates
 * and quotas, log levels (stmt_words.c). The parser reads them, the printers (listing
 * and -d netlink) write them. */
#ifndef NFTC_STMT_WORDS_H
#define NFTC_STMT_WORDS_H
#include <stdbool.h>
#include <stdint.h>

/* `second` … `week`: the unit's seconds, 0 if `name` is none */
uint64_t time_unit_by_name(const char *name);
/* the unit of `secs` seconds, "error" for any other number (as nft prints it) */
const char *time_unit_name(uint64_t secs);

/* `bytes`, `kbytes`, `mbytes` (and `gbytes` where `gbytes_too`, as quotas take it):
 * the unit's bytes, 0 if none */
uint64_t byte_unit_by_name(const char *name, bool gbytes_too);
/* `n` bytes as nft lists them: the largest unit up to mbytes that divides it; returns
 * the unit's name, with the count in *count */
const char *byte_unit_scaled(uint64_t n, uint64_t *count);

/* log levels: `emerg` (0) … `debug` (7), `audit` (8) */
bool log_level_by_name(const char *name, uint32_t *level);
/* the name of a level, NULL past the last */
const char *log_level_name(uint32_t level);

#endif
