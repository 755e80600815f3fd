/* The per-expression `-d netlink` printers, declared for the vm_descs[] table
 * (vm_desc.c) which points each row at its printer (vm_print.c). */
#ifndef NFTC_VM_PRINT_INT_H
#define NFTC_VM_PRINT_INT_H
#include "vm.h"

#define VM_PRINTER(n) void vm_print_##n(const struct vm_expr *e, struct writer *w)
VM_PRINTER(payload); VM_PRINTER(cmp); VM_PRINTER(bitwise); VM_PRINTER(byteorder);
VM_PRINTER(meta); VM_PRINTER(ct); VM_PRINTER(immediate); VM_PRINTER(lookup);
VM_PRINTER(range); VM_PRINTER(counter); VM_PRINTER(log); VM_PRINTER(limit);
VM_PRINTER(nat); VM_PRINTER(masq); VM_PRINTER(redir); VM_PRINTER(reject);
VM_PRINTER(dynset); VM_PRINTER(exthdr); VM_PRINTER(rt); VM_PRINTER(fib);
VM_PRINTER(numgen); VM_PRINTER(hash); VM_PRINTER(queue); VM_PRINTER(quota);
VM_PRINTER(notrack); VM_PRINTER(objref); VM_PRINTER(connlimit); VM_PRINTER(last);
VM_PRINTER(socket); VM_PRINTER(tproxy); VM_PRINTER(dup); VM_PRINTER(fwd);
VM_PRINTER(synproxy); VM_PRINTER(xfrm); VM_PRINTER(osf); VM_PRINTER(flow_offload);
VM_PRINTER(inner);
/* One expression without the brackets (nested expressions of dynset and inner). */
void vm_print_expr_text(const struct vm_expr *e, struct writer *w);
#undef VM_PRINTER

#endif
