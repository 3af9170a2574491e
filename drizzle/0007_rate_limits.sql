-- UNLOGGED: no write-ahead log for buckets that change at every costly request; a crash empties the
-- table, which leaves every bucket full (drizzle-kit writes no UNLOGGED, hence by hand).
CREATE UNLOGGED TABLE "rate_limits" (
	"bucket" text PRIMARY KEY NOT NULL,
	"full_at" double precision NOT NULL
);
