/* The lookups every key table has (keys_meta.c, keys_ct.c), written once: a row by
 * name, a row by the kernel's number, and the key's name in `-d netlink` text.
 * Both tables are NULL-name terminated rows with name, key and vm_name fields.
 * Private to src/types. */
#ifndef NFTC_KEYS_IMPL_H
#define NFTC_KEYS_IMPL_H
#include <string.h>
#include "keys.h"

/* Defines BY_NAME, BY_KERNEL and VM_NAME over ROWS, an array of ROW. A BY_NAME
 * declared static beforehand stays static (keys_meta.c looks up aliases after it). */
#define KEY_TABLE_LOOKUPS(ROW, ROWS, BY_NAME, BY_KERNEL, VM_NAME) \
	const ROW *BY_NAME(const char *name) \
	{ \
		if (!name) \
			return NULL; \
		for (const ROW *k = (ROWS); k->name; k++) \
			if (strcmp(k->name, name) == 0) \
				return k; \
		return NULL; \
	} \
	\
	const ROW *BY_KERNEL(uint32_t key) \
	{ \
		for (const ROW *k = (ROWS); k->name; k++) \
			if (k->key == key) \
				return k; \
		return NULL; \
	} \
	\
	const char *VM_NAME(uint32_t key) \
	{ \
		const ROW *k = BY_KERNEL(key); \
		return !k ? NULL : k->vm_name ? k->vm_name : k->name; \
	}

#endif
