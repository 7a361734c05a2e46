/* hub_schema.h: the hub's schema script (hub_schema.c). */
#ifndef AS_HUB_SCHEMA_H
#define AS_HUB_SCHEMA_H

/* The whole script, run once by hub_install as the database's owner. */
extern const char hub_schema_sql[];

#endif
