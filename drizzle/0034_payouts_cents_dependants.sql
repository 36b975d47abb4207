ALTER TABLE "finance"."payouts" ADD COLUMN "amount_cents" bigint;--> statement-breakpoint
ALTER TABLE "finance"."payouts" ADD COLUMN "payroll_id" text;--> statement-breakpoint
ALTER TABLE "finance"."teacher_contracts" ADD COLUMN "dependants" integer DEFAULT 0;--> statement-breakpoint
ALTER TABLE "finance"."payouts" ADD CONSTRAINT "payouts_payroll_fkey" FOREIGN KEY ("tenant_id","payroll_id") REFERENCES "finance"."staff_payroll"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_payroll_key" ON "finance"."payouts" USING btree ("tenant_id","payroll_id") WHERE "payroll_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."payouts" ADD CONSTRAINT "payouts_amount_cents_check" CHECK ("amount_cents" >= 0);--> statement-breakpoint
ALTER TABLE "finance"."teacher_contracts" ADD CONSTRAINT "teacher_contracts_dependants_check" CHECK ("dependants" >= 0);