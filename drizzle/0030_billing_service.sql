CREATE TABLE "finance"."discount_grants" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"student_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount_cents" integer,
	"percent_basis_points" integer,
	"reason" text NOT NULL,
	"source" jsonb,
	"invoice_id" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "discount_grants_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "discount_grants_kind_check" CHECK ("kind" IN ('manual', 'referral')),
	CONSTRAINT "discount_grants_amount_check" CHECK (("amount_cents" IS NULL) <> ("percent_basis_points" IS NULL)
        AND ("amount_cents" IS NULL OR "amount_cents" > 0)
        AND ("percent_basis_points" IS NULL OR "percent_basis_points" BETWEEN 1 AND 10000)),
	CONSTRAINT "discount_grants_reason_check" CHECK (length(trim("reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."family_credits" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"organization_id" text NOT NULL,
	"payer_id" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"transaction_id" text,
	"invoice_id" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "family_credits_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "family_credits_amount_check" CHECK ("amount_cents" <> 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."gateway_events" (
	"tenant_id" uuid NOT NULL,
	"gateway" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"outcome" jsonb,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "gateway_events_pkey" PRIMARY KEY("tenant_id","gateway","event_id")
);
--> statement-breakpoint
CREATE TABLE "finance"."invoice_adjustments" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"rate_basis_points" integer,
	"reason" text,
	"grant_id" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "invoice_adjustments_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "invoice_adjustments_kind_check" CHECK ("kind" IN ('sibling', 'manual', 'referral', 'early_payment', 'late_fee', 'interest', 'credit')),
	CONSTRAINT "invoice_adjustments_amount_check" CHECK ("amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "finance"."payment_charges" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"gateway" text NOT NULL,
	"method" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"external_id" text NOT NULL,
	"details" jsonb,
	"due_date" date,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "payment_charges_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "payment_charges_method_check" CHECK ("method" IN ('pix', 'boleto', 'card')),
	CONSTRAINT "payment_charges_status_check" CHECK ("status" IN ('pending', 'authorized', 'paid', 'expired', 'refunded', 'voided', 'failed')),
	CONSTRAINT "payment_charges_amount_check" CHECK ("amount_cents" > 0)
);
--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "enrollment_id" text;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "period" text;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "gross_cents" integer;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "discount_cents" integer;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "fee_cents" integer;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "credit_cents" integer;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "net_cents" integer;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "paid_cents" integer;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "fees_accrued_on" date;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD COLUMN "reminders_sent" integer[];--> statement-breakpoint
ALTER TABLE "finance"."transactions" ADD COLUMN "amount_cents" integer;--> statement-breakpoint
ALTER TABLE "finance"."transactions" ADD COLUMN "payer_id" text;--> statement-breakpoint
ALTER TABLE "finance"."transactions" ADD COLUMN "refund_of" text;--> statement-breakpoint
ALTER TABLE "finance"."discount_grants" ADD CONSTRAINT "discount_grants_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."discount_grants" ADD CONSTRAINT "discount_grants_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."discount_grants" ADD CONSTRAINT "discount_grants_student_fkey" FOREIGN KEY ("tenant_id","student_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."discount_grants" ADD CONSTRAINT "discount_grants_invoice_fkey" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "finance"."invoices"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."family_credits" ADD CONSTRAINT "family_credits_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."family_credits" ADD CONSTRAINT "family_credits_organization_fkey" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "core"."organizations"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."family_credits" ADD CONSTRAINT "family_credits_payer_fkey" FOREIGN KEY ("tenant_id","payer_id") REFERENCES "core"."users"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."family_credits" ADD CONSTRAINT "family_credits_transaction_fkey" FOREIGN KEY ("tenant_id","transaction_id") REFERENCES "finance"."transactions"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."family_credits" ADD CONSTRAINT "family_credits_invoice_fkey" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "finance"."invoices"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."gateway_events" ADD CONSTRAINT "gateway_events_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."invoice_adjustments" ADD CONSTRAINT "invoice_adjustments_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."invoice_adjustments" ADD CONSTRAINT "invoice_adjustments_invoice_fkey" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "finance"."invoices"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payment_charges" ADD CONSTRAINT "payment_charges_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."payment_charges" ADD CONSTRAINT "payment_charges_invoice_fkey" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "finance"."invoices"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discount_grants_student_idx" ON "finance"."discount_grants" USING btree ("tenant_id","student_id");--> statement-breakpoint
CREATE INDEX "family_credits_payer_idx" ON "finance"."family_credits" USING btree ("tenant_id","payer_id");--> statement-breakpoint
CREATE INDEX "invoice_adjustments_invoice_idx" ON "finance"."invoice_adjustments" USING btree ("tenant_id","invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_adjustments_once_key" ON "finance"."invoice_adjustments" USING btree ("tenant_id","invoice_id","kind") WHERE "kind" IN ('sibling', 'early_payment', 'late_fee');--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_adjustments_grant_key" ON "finance"."invoice_adjustments" USING btree ("tenant_id","grant_id") WHERE "grant_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_charges_external_key" ON "finance"."payment_charges" USING btree ("tenant_id","gateway","external_id");--> statement-breakpoint
CREATE INDEX "payment_charges_invoice_idx" ON "finance"."payment_charges" USING btree ("tenant_id","invoice_id");--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_enrollment_fkey" FOREIGN KEY ("tenant_id","enrollment_id") REFERENCES "school_ops"."enrollments"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_enrollment_period_key" ON "finance"."invoices" USING btree ("tenant_id","enrollment_id","period") WHERE "enrollment_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_cents_check" CHECK ("gross_cents" >= 0 AND "discount_cents" BETWEEN 0 AND "gross_cents" AND "fee_cents" >= 0 AND "credit_cents" >= 0
        AND "net_cents" = "gross_cents" - "discount_cents" + "fee_cents" - "credit_cents");--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_paid_cents_check" CHECK ("paid_cents" BETWEEN 0 AND "net_cents");--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_settled_check" CHECK ("net_cents" IS NULL OR "status" = 'cancelled' OR ("status" = 'paid') = ("paid_cents" = "net_cents"));--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_period_check" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');--> statement-breakpoint
ALTER TABLE "finance"."transactions" ADD CONSTRAINT "transactions_amount_cents_check" CHECK ("amount_cents" > 0);