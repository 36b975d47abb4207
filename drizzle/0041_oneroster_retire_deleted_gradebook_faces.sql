-- Custom migration: the OneRoster face of deleted gradebook rows is retired by the database itself, whatever deleted
-- them (the Ed-Fi API, the grades service, a section's cascade to its categories, a retention run, a DBA), in the
-- deleting statement's transaction (src/standards/edfi-oneroster/README.md, "Deletes"). Only rows the projection
-- owns (metadata.source = 'edfi') are touched, and they become 'tobedeleted' (never deleted), as the projection's
-- own retire does; a projection that finds their source again makes them 'active'.

-- A period or final grade: its result; then, in its classes, the grade line items left without an active result and
-- the grade categories left without an active line item (their sourcedIds are derived: gradebook-sources.ts).
CREATE FUNCTION oneroster.retire_deleted_grades() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  tenants uuid[];
  classes text[];
BEGIN
  SELECT array_agg(DISTINCT g.tenant_id) INTO tenants FROM gone g;
  SELECT coalesce(array_agg(DISTINCT se.id::text), '{}') INTO classes FROM gone g
    JOIN edfi.section se ON se.tenant_id = g.tenant_id AND se.sectionidentifier = g.sectionidentifier
      AND se.localcoursecode = g.localcoursecode AND se.schoolid = g.schoolid AND se.schoolyear = g.schoolyear;
  -- Locks in the order a grades service write takes them (it appends its audit rows, then projects category, line
  -- item, result): the audit chain head, the categories, the line items. Retiring a result first would hold it
  -- while waiting for a line item that a concurrent re-projection holds while it waits for that result (deadlock).
  PERFORM 1 FROM compliance.audit_chain_heads h WHERE h.tenant_id = ANY(tenants) ORDER BY h.tenant_id FOR UPDATE;
  PERFORM 1 FROM oneroster.categories t WHERE t.tenant_id = ANY(tenants) AND t.class_sourced_id = ANY(classes)
    AND t.status = 'active' AND t.metadata->>'source' = 'edfi' AND t.metadata->>'gradeCategory' IS NOT NULL
    ORDER BY t.sourced_id FOR UPDATE;
  PERFORM 1 FROM oneroster.line_items t WHERE t.tenant_id = ANY(tenants) AND t.class_sourced_id = ANY(classes)
    AND t.status = 'active' AND t.metadata->>'source' = 'edfi' AND t.metadata->>'gradeType' IS NOT NULL
    ORDER BY t.sourced_id FOR UPDATE;
  UPDATE oneroster.results t SET status = 'tobedeleted', date_last_modified = now() FROM gone g
    WHERE t.tenant_id = g.tenant_id AND t.sourced_id = g.id::text AND t.status <> 'tobedeleted'
      AND t.metadata->>'source' = 'edfi';
  -- Later statements (a new snapshot each): they see a result a concurrent re-projection committed meanwhile.
  UPDATE oneroster.line_items t SET status = 'tobedeleted', date_last_modified = now()
    WHERE t.tenant_id = ANY(tenants) AND t.class_sourced_id = ANY(classes) AND t.status = 'active'
      AND t.metadata->>'source' = 'edfi' AND t.metadata->>'gradeType' IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM oneroster.results r WHERE r.tenant_id = t.tenant_id
        AND r.line_item_sourced_id = t.sourced_id AND r.status = 'active');
  UPDATE oneroster.categories t SET status = 'tobedeleted', date_last_modified = now()
    WHERE t.tenant_id = ANY(tenants) AND t.class_sourced_id = ANY(classes) AND t.status = 'active'
      AND t.metadata->>'source' = 'edfi' AND t.metadata->>'gradeCategory' IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM oneroster.line_items li WHERE li.tenant_id = t.tenant_id
        AND li.category_sourced_id = t.sourced_id AND li.status = 'active');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER oneroster_retire_faces AFTER DELETE ON edfi.grade REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION oneroster.retire_deleted_grades();
--> statement-breakpoint

-- A gradebook entry (its scores are gone first: their foreign key restricts): its line item; then, in its classes, the
-- entry-type categories ("Homework"…, filed for entries without a Schola category) left without an active line item.
CREATE FUNCTION oneroster.retire_deleted_gradebook_entries() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  tenants uuid[];
  classes text[];
BEGIN
  SELECT array_agg(DISTINCT g.tenant_id) INTO tenants FROM gone g;
  SELECT coalesce(array_agg(DISTINCT se.id::text), '{}') INTO classes FROM gone g
    JOIN edfi.section se ON se.tenant_id = g.tenant_id AND se.sectionidentifier = g.sectionidentifier
      AND se.localcoursecode = g.localcoursecode AND se.schoolid = g.schoolid AND se.schoolyear = g.schoolyear;
  -- The same order as for grades: audit chain head, categories, line items.
  PERFORM 1 FROM compliance.audit_chain_heads h WHERE h.tenant_id = ANY(tenants) ORDER BY h.tenant_id FOR UPDATE;
  PERFORM 1 FROM oneroster.categories t WHERE t.tenant_id = ANY(tenants) AND t.class_sourced_id = ANY(classes)
    AND t.status = 'active' AND t.metadata->>'source' = 'edfi' AND jsonb_exists(t.metadata, 'gradebookEntryType')
    ORDER BY t.sourced_id FOR UPDATE;
  UPDATE oneroster.line_items t SET status = 'tobedeleted', date_last_modified = now() FROM gone g
    WHERE t.tenant_id = g.tenant_id AND t.sourced_id = g.id::text AND t.status <> 'tobedeleted'
      AND t.metadata->>'source' = 'edfi';
  UPDATE oneroster.categories t SET status = 'tobedeleted', date_last_modified = now()
    WHERE t.tenant_id = ANY(tenants) AND t.class_sourced_id = ANY(classes) AND t.status = 'active'
      AND t.metadata->>'source' = 'edfi' AND jsonb_exists(t.metadata, 'gradebookEntryType')
      AND NOT EXISTS (SELECT 1 FROM oneroster.line_items li WHERE li.tenant_id = t.tenant_id
        AND li.category_sourced_id = t.sourced_id AND li.status = 'active');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER oneroster_retire_faces AFTER DELETE ON edfi.gradebookentry REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION oneroster.retire_deleted_gradebook_entries();
--> statement-breakpoint

-- A student's score of an entry, and a Schola gradebook category (removed by the grades service, or by the cascade of
-- its section's delete; an entry still filed under it restricts that): the row projected from it (same sourcedId), in
-- the OneRoster table the trigger names.
CREATE FUNCTION oneroster.retire_deleted_face() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('UPDATE oneroster.%I t SET status = ''tobedeleted'', date_last_modified = now() FROM gone g
    WHERE t.tenant_id = g.tenant_id AND t.sourced_id = g.id::text AND t.status <> ''tobedeleted''
      AND t.metadata->>''source'' = ''edfi''', TG_ARGV[0]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER oneroster_retire_faces AFTER DELETE ON edfi.studentgradebookentry REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION oneroster.retire_deleted_face('results');
--> statement-breakpoint
CREATE TRIGGER oneroster_retire_faces AFTER DELETE ON edfi.gradebookcategory REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION oneroster.retire_deleted_face('categories');
