/* hubdb_schema.h - the organizer database's schema, as numbered migrations (hubdb_schema.c) that
 * hubdb.c applies at open. */
#ifndef LY_HUBDB_SCHEMA_H
#define LY_HUBDB_SCHEMA_H

/* ly_hubdb_migrations[i] takes the schema from version i to i + 1 (PRAGMA user_version); there
 * are ly_hubdb_nmigrations of them. Static strings. Never edit a released migration; append a
 * new one. */
extern const char *const ly_hubdb_migrations[];
extern const int ly_hubdb_nmigrations;

#endif
