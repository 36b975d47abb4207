-- The PostgreSQL backend of the event store (src/platform/events/store/postgres.ts; seed 004 §13).
-- One table for every §13 table's items, partitioned by day of appending: TTL = dropping a day's
-- partition once every item in it is past its TTL. Owner only (no grant to schola_app): the platform
-- writes and reads it outside tenant transactions. seq orders appends for subscriptions.
CREATE SCHEMA IF NOT EXISTS "events";
--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "events"."items_seq";
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "events"."items" (
  "table_name" text NOT NULL,
  "hash_key" text NOT NULL,
  "range_key" text NOT NULL DEFAULT '',
  "gsi_name" text,
  "gsi_hash" text,
  "gsi_range" text,
  "seq" bigint NOT NULL DEFAULT nextval('events.items_seq'),
  "appended_at" timestamptz NOT NULL DEFAULT now(),
  "expires_at" timestamptz,
  "item" jsonb NOT NULL,
  PRIMARY KEY ("table_name", "hash_key", "range_key", "appended_at")
) PARTITION BY RANGE ("appended_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "events"."items_default" PARTITION OF "events"."items" DEFAULT;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "items_gsi_idx" ON "events"."items" ("table_name", "gsi_name", "gsi_hash", "gsi_range");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "items_seq_idx" ON "events"."items" ("table_name", "seq");
--> statement-breakpoint
-- Daily partitions [day, day + 1) in UTC, created ahead; rows the default partition caught are moved.
CREATE OR REPLACE FUNCTION "events"."ensure_item_partitions"(from_date date, days_ahead integer)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  day date;
  lower_bound timestamptz;
  upper_bound timestamptz;
  part_name text;
  created integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7270014);
  FOR i IN 0..days_ahead LOOP
    day := from_date + i;
    lower_bound := day::timestamp AT TIME ZONE 'UTC';
    upper_bound := (day + 1)::timestamp AT TIME ZONE 'UTC';
    part_name := format('items_d%s', to_char(day, 'YYYYMMDD'));
    IF to_regclass(format('events.%I', part_name)) IS NULL THEN
      EXECUTE format('CREATE TABLE events.%I (LIKE events.items INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part_name);
      EXECUTE format('INSERT INTO events.%I SELECT * FROM events.items_default WHERE appended_at >= %L AND appended_at < %L', part_name, lower_bound, upper_bound);
      EXECUTE format('DELETE FROM events.items_default WHERE appended_at >= %L AND appended_at < %L', lower_bound, upper_bound);
      EXECUTE format('ALTER TABLE events.items ATTACH PARTITION events.%I FOR VALUES FROM (%L) TO (%L)', part_name, lower_bound, upper_bound);
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END;
$$;
