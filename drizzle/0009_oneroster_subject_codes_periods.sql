ALTER TABLE "oneroster"."classes" ADD COLUMN "subject_codes" text[];--> statement-breakpoint
ALTER TABLE "oneroster"."classes" ADD COLUMN "periods" text[];--> statement-breakpoint
ALTER TABLE "oneroster"."courses" ADD COLUMN "subject_codes" text[];--> statement-breakpoint
-- Reviewed addition: values earlier CSV imports kept in metadata move to their columns.
UPDATE "oneroster"."courses" SET "subject_codes" = ARRAY(SELECT jsonb_array_elements_text("metadata"->'subjectCodes')), "metadata" = nullif("metadata" - 'subjectCodes', '{}'::jsonb) WHERE jsonb_typeof("metadata"->'subjectCodes') = 'array';--> statement-breakpoint
UPDATE "oneroster"."classes" SET "subject_codes" = ARRAY(SELECT jsonb_array_elements_text("metadata"->'subjectCodes')), "metadata" = nullif("metadata" - 'subjectCodes', '{}'::jsonb) WHERE jsonb_typeof("metadata"->'subjectCodes') = 'array';--> statement-breakpoint
UPDATE "oneroster"."classes" SET "periods" = ARRAY(SELECT jsonb_array_elements_text("metadata"->'periods')), "metadata" = nullif("metadata" - 'periods', '{}'::jsonb) WHERE jsonb_typeof("metadata"->'periods') = 'array';
