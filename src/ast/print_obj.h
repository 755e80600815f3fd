/* Printing named objects and flowtables inside a table block, as `nft list` does. */
#ifndef NFTC_PRINT_OBJ_H
#define NFTC_PRINT_OBJ_H
#include "print.h"

/* "\tcounter c {\n\t\tpackets 1 bytes 2\n\t}\n" */
void print_obj(const struct obj_decl *o, const struct print_opts *po, struct writer *w);
/* "\tflowtable f {\n\t\thook ingress priority filter\n\t\tdevices = { lo }\n\t}\n" */
void print_flowtable(const struct flowtable_decl *f, const struct print_opts *po,
		     struct writer *w);

#endif
