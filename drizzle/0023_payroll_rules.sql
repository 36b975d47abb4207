ALTER TABLE "finance"."teacher_contracts" ADD COLUMN "contract_model" text DEFAULT 'school_employee';--> statement-breakpoint
ALTER TABLE "finance"."teacher_contracts" ADD COLUMN "percentage" double precision;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_payroll_contract_period_key" ON "finance"."staff_payroll" USING btree ("tenant_id","contract_id","period_start","period_end") WHERE "contract_id" IS NOT NULL AND "status" <> 'cancelled';--> statement-breakpoint
ALTER TABLE "finance"."staff_payroll" ADD CONSTRAINT "staff_payroll_paid_within_net_check" CHECK ("paid_amount_cents" <= "net_amount_cents");--> statement-breakpoint
ALTER TABLE "finance"."staff_payroll" ADD CONSTRAINT "staff_payroll_unpaid_until_approved_check" CHECK ("status" NOT IN ('draft', 'pending_approval') OR "paid_amount_cents" = 0);--> statement-breakpoint
ALTER TABLE "finance"."teacher_contracts" ADD CONSTRAINT "teacher_contracts_contract_model_check" CHECK ("contract_model" IN ('school_employee', 'hired_percentage', 'external_rental'));--> statement-breakpoint
ALTER TABLE "finance"."teacher_contracts" ADD CONSTRAINT "teacher_contracts_percentage_check" CHECK ("percentage" BETWEEN 0 AND 100);