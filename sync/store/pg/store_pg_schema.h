/* store_pg_schema.h - the PostgreSQL backend's schema, as numbered migrations (store_pg_schema.c)
 * that store_pg.c applies when it opens a database. */
#ifndef LY_STORE_PG_SCHEMA_H
#define LY_STORE_PG_SCHEMA_H

/* ly_pg_migrations[i] takes the schema from version i to i + 1; there are ly_pg_nmigrations of
 * them. Static strings. */
extern const char *const ly_pg_migrations[];
extern const int ly_pg_nmigrations;

#endif
