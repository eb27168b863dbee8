/* store_pg_load.h - an organizer database copied into PostgreSQL: the "load" operation of store.h
 * for the backend's table of operations (store_pg.c). */
#ifndef LY_STORE_PG_LOAD_H
#define LY_STORE_PG_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* The store.h "load" operation on a struct pg_store. */
bool pg_load(struct ly_store *st, struct ly_hubdb *src, struct ly_store_loaded *n, char *err,
             size_t errsz);

#endif
