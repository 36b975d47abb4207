CREATE TABLE "compliance"."legal_holds" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"table_name" varchar(100) NOT NULL,
	"record_id" varchar(255),
	"reason" text NOT NULL,
	"placed_by" varchar(255) NOT NULL,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	"released_by" varchar(255),
	CONSTRAINT "legal_holds_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "compliance"."records_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_type" varchar(20) NOT NULL,
	"student_usi" integer NOT NULL,
	"requested_by" varchar(255) NOT NULL,
	"requester_relationship" varchar(30) NOT NULL,
	"table_name" varchar(100),
	"record_id" varchar(255),
	"field_name" varchar(100),
	"current_value" text,
	"requested_value" text,
	"description" text NOT NULL,
	"status" varchar(20) DEFAULT 'submitted' NOT NULL,
	"reviewer_id" varchar(255),
	"decision_reason" text,
	"resolution" text,
	"due_date" date NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"review_started_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "records_requests_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "records_requests_request_type_check" CHECK ("request_type" IN ('correction', 'deletion')),
	CONSTRAINT "records_requests_status_check" CHECK ("status" IN ('submitted', 'under_review', 'approved', 'denied', 'completed')),
	CONSTRAINT "records_requests_requester_relationship_check" CHECK ("requester_relationship" IN ('parent', 'guardian', 'eligible_student', 'staff')),
	CONSTRAINT "records_requests_decision_reason_check" CHECK ("status" NOT IN ('approved', 'denied') OR "decision_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "compliance"."student_record_exports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"student_usi" integer NOT NULL,
	"requested_by" varchar(255) NOT NULL,
	"file_name" varchar(200) NOT NULL,
	"content" "bytea" NOT NULL,
	"byte_size" integer NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "student_record_exports_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "compliance"."audit_chain_heads" ADD COLUMN "pruned_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "compliance"."audit_chain_heads" ADD COLUMN "pruned_hash" char(64);--> statement-breakpoint
ALTER TABLE "compliance"."legal_holds" ADD CONSTRAINT "legal_holds_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."records_requests" ADD CONSTRAINT "records_requests_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."records_requests" ADD CONSTRAINT "records_requests_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."student_record_exports" ADD CONSTRAINT "student_record_exports_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance"."student_record_exports" ADD CONSTRAINT "student_record_exports_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "legal_holds_table_idx" ON "compliance"."legal_holds" USING btree ("tenant_id","table_name","record_id");--> statement-breakpoint
CREATE INDEX "records_requests_student_idx" ON "compliance"."records_requests" USING btree ("tenant_id","student_usi");--> statement-breakpoint
CREATE INDEX "records_requests_status_idx" ON "compliance"."records_requests" USING btree ("tenant_id","status","due_date");--> statement-breakpoint
CREATE INDEX "student_record_exports_student_idx" ON "compliance"."student_record_exports" USING btree ("tenant_id","student_usi");