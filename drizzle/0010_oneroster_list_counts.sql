-- OneRoster list totals (X-Total-Count) are cached by the server per tenant, statement and scope
-- (src/standards/oneroster/list-counts.ts) and trusted only while the tenant's write generation is
-- unchanged. The generation is the SUM of a tenant's weights here: every statement that writes a
-- OneRoster table appends a row per tenant it touched (statement-level triggers below), so the sum
-- grows with every committed write whatever the commit order, and writers never wait on each other
-- (appends take no shared row lock). Compaction replaces a tenant's committed rows by one row
-- carrying their sum (rows another compaction holds are skipped), so the sum a reader sees never
-- changes without a write. Custom migration: the table is platform bookkeeping, not in the data model.
CREATE TABLE "oneroster"."write_generations" (
  "id" bigint GENERATED ALWAYS AS IDENTITY,
  "tenant_id" uuid NOT NULL,
  "weight" bigint NOT NULL DEFAULT 1,
  -- tenant first, like every tenant-owned key (distribution by tenant_id on Citus)
  CONSTRAINT "write_generations_pkey" PRIMARY KEY ("tenant_id", "id")
);
--> statement-breakpoint
CREATE INDEX "write_generations_tenant_idx" ON "oneroster"."write_generations" ("tenant_id");
--> statement-breakpoint
GRANT SELECT ON "oneroster"."write_generations" TO schola_app;
--> statement-breakpoint
ALTER TABLE "oneroster"."write_generations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oneroster"."write_generations" TO schola_app USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE FUNCTION "oneroster"."compact_write_generations"(tenant uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF (SELECT count(*) FROM oneroster.write_generations WHERE tenant_id = tenant) > 32 THEN
    WITH gone AS (
      DELETE FROM oneroster.write_generations WHERE id IN (
        SELECT id FROM oneroster.write_generations WHERE tenant_id = tenant FOR UPDATE SKIP LOCKED)
      RETURNING weight)
    INSERT INTO oneroster.write_generations (tenant_id, weight)
      SELECT tenant, sum(weight) FROM gone HAVING count(*) > 0;
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION "oneroster"."bump_write_generation"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  touched uuid[];
  tenant uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT tenant_id) INTO touched FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(DISTINCT t) INTO touched FROM (SELECT tenant_id FROM old_rows UNION SELECT tenant_id FROM new_rows) AS u(t);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT tenant_id) INTO touched FROM old_rows;
  ELSE
    -- TRUNCATE: no transition table; every tenant's totals may have changed.
    SELECT array_agg(id) INTO touched FROM platform.tenants;
  END IF;
  IF touched IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO oneroster.write_generations (tenant_id) SELECT unnest(touched);
  FOREACH tenant IN ARRAY touched LOOP
    PERFORM oneroster.compact_write_generations(tenant);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every OneRoster table with tenant rows: one trigger per event (a trigger with transition tables
-- takes one event). test/schema/oneroster-write-generations.test.ts checks that none is missing.
DO $$
DECLARE
  rel text;
BEGIN
  FOR rel IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'oneroster' AND c.relkind = 'r' AND c.relname <> 'write_generations'
       AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
  LOOP
    EXECUTE format('CREATE TRIGGER write_generation_insert AFTER INSERT ON oneroster.%I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION oneroster.bump_write_generation()', rel);
    EXECUTE format('CREATE TRIGGER write_generation_update AFTER UPDATE ON oneroster.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION oneroster.bump_write_generation()', rel);
    EXECUTE format('CREATE TRIGGER write_generation_delete AFTER DELETE ON oneroster.%I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION oneroster.bump_write_generation()', rel);
    EXECUTE format('CREATE TRIGGER write_generation_truncate AFTER TRUNCATE ON oneroster.%I FOR EACH STATEMENT EXECUTE FUNCTION oneroster.bump_write_generation()', rel);
  END LOOP;
END $$;
