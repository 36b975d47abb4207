-- Existing tenants get the default policies added since they were seeded (default-policies.ts,
-- EDFI_SCHOOL_REFERENCE): an API client bound to schools reads those schools' Ed-Fi sections, course
-- offerings, sessions and grading periods only. Rows a district admin already has are left alone.
INSERT INTO "compliance"."data_access_controls"
  ("tenant_id", "role_name", "resource_type", "resource_identifier", "permission_type", "conditions",
   "educational_interest_required", "approval_required", "active")
SELECT t."tenant_id", 'api_client', 'reference', r."tbl", 'read', '{"scope": "school"}'::jsonb, false, false, true
FROM (SELECT DISTINCT "tenant_id" FROM "compliance"."data_access_controls") t
CROSS JOIN (VALUES ('edfi.section'), ('edfi.courseoffering'), ('edfi.session'), ('edfi.gradingperiod')) AS r("tbl")
ON CONFLICT ("tenant_id", "role_name", "resource_type", "resource_identifier", "permission_type") DO NOTHING;
