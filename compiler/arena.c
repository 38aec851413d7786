/* The compilation arena: bump allocation in chunks, freed all at once by ns_compile().
 * Chunks grow with the largest request so one huge allocation (a 1,600-term filter's tables)
 * costs one chunk, not a chain of small ones. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/ctx.h"

struct ns_arena_chunk {
	ns_arena_chunk *next;
	size_t size;
	max_align_t data[];
};

enum { NS_ARENA_CHUNK = 64 * 1024 };

void *ns_alloc_uninit(ns_ctx *ctx, size_t size)
{
	ns_arena *a = &ctx->arena;
	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (size == 0)
		size = sizeof(max_align_t);
	if (!a->head || a->head->size - a->used < size) {
		size_t cap = size > NS_ARENA_CHUNK ? size : NS_ARENA_CHUNK;
		ns_arena_chunk *c = malloc(sizeof(*c) + cap);
		if (!c)
			ns_fail(ctx, -1, 0, "out of memory");
		c->next = a->head;
		c->size = cap;
		a->head = c;
		a->used = 0;
	}
	void *p = (char *)a->head->data + a->used;
	a->used += size;
	return p;
}

void *ns_alloc(ns_ctx *ctx, size_t size)
{
	void *p = ns_alloc_uninit(ctx, size);
	return memset(p, 0, size);
}

char *ns_strndup(ns_ctx *ctx, const char *s, size_t n)
{
	char *d = ns_alloc(ctx, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void ns_arena_free(ns_arena *arena)
{
	ns_arena_chunk *c = arena->head;
	while (c) {
		ns_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena->head = NULL;
	arena->used = 0;
}
