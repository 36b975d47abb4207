ALTER TABLE "finance"."journal_entries" ALTER COLUMN "entry_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD COLUMN "event_kind" text;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD COLUMN "source_table" text;--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_org_number_key" ON "finance"."journal_entries" USING btree ("tenant_id","organization_id","entry_number") WHERE "entry_number" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_event_key" ON "finance"."journal_entries" USING btree ("tenant_id","organization_id","event_kind","source_table","source_id") WHERE "event_kind" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."journal_entries" ADD CONSTRAINT "journal_entries_numbered_check" CHECK ("status" IN ('draft', 'cancelled') OR "entry_number" IS NOT NULL);