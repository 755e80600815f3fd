/* Building and reading VM expressions: the small accessors eval, lift and the codecs use
 * to fill or inspect a struct vm_expr by kernel attribute number. */
#include <string.h>
#include "vm.h"

struct vm_expr *vm_exprs_add(struct arena *a, struct vm_exprs *l, enum vm_kind kind)
{
	l->v = arena_room(a, l->v, l->n, &l->cap, 8, sizeof(*l->v));
	struct vm_expr *e = &l->v[l->n++];
	e->kind = kind;
	e->present = 0;         /* the values of absent attributes are never read */
	return e;
}

static void mark(struct vm_expr *e, unsigned attr)
{
	e->present |= 1u << attr;
}

void vm_set_u(struct vm_expr *e, unsigned attr, uint64_t v)
{
	if (attr >= VM_MAX_ATTR)
		return;
	e->a[attr].u = v;
	mark(e, attr);
}

void vm_set_str(struct vm_expr *e, unsigned attr, const char *s)
{
	if (attr >= VM_MAX_ATTR)
		return;
	e->a[attr].s = s;
	mark(e, attr);
}

void vm_set_data(struct arena *a, struct vm_expr *e, unsigned attr, const void *p, uint32_t len)
{
	if (attr >= VM_MAX_ATTR)
		return;
	struct vm_data *d = arena_alloc(a, sizeof(*d));
	if (len > VM_DATA_MAX)
		len = VM_DATA_MAX;
	d->len = len;
	if (p && len)
		memcpy(d->bytes, p, len);
	e->a[attr].d = d;
	mark(e, attr);
}

void vm_set_verdict(struct arena *a, struct vm_expr *e, unsigned attr, int32_t code,
		    const char *chain)
{
	if (attr >= VM_MAX_ATTR)
		return;
	struct vm_data *d = arena_alloc(a, sizeof(*d));
	d->is_verdict = true;
	d->verdict = code;
	d->chain = chain;
	e->a[attr].d = d;
	mark(e, attr);
}

uint64_t vm_get_u(const struct vm_expr *e, unsigned attr)
{
	return vm_has(e, attr) ? e->a[attr].u : 0;
}

const char *vm_get_str(const struct vm_expr *e, unsigned attr)
{
	return vm_has(e, attr) ? e->a[attr].s : NULL;
}

const struct vm_data *vm_get_data(const struct vm_expr *e, unsigned attr)
{
	return vm_has(e, attr) ? e->a[attr].d : NULL;
}
