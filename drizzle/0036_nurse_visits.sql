CREATE TABLE "health"."nurse_visits" (
	"tenant_id" uuid NOT NULL,
	"visit_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"student_usi" integer NOT NULL,
	"time_in" timestamp with time zone NOT NULL,
	"time_out" timestamp with time zone,
	"reason" varchar(200) NOT NULL,
	"assessment" text,
	"action_taken" varchar(30),
	"recorded_by" varchar(255),
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "nurse_visits_pkey" PRIMARY KEY("tenant_id","visit_id"),
	CONSTRAINT "nurse_visits_action_check" CHECK ("action_taken" IN ('returned_to_class', 'sent_home', 'parent_contacted', 'emergency_services')),
	CONSTRAINT "nurse_visits_time_out_check" CHECK ("time_out" IS NULL OR "time_out" >= "time_in"),
	CONSTRAINT "nurse_visits_closed_check" CHECK (("time_out" IS NULL) = ("action_taken" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "health"."nurse_visits" ADD CONSTRAINT "nurse_visits_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health"."nurse_visits" ADD CONSTRAINT "nurse_visits_student_fkey" FOREIGN KEY ("tenant_id","student_usi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nurse_visits_one_open_key" ON "health"."nurse_visits" USING btree ("tenant_id","student_usi") WHERE "time_out" IS NULL;--> statement-breakpoint
CREATE INDEX "nurse_visits_time_in_idx" ON "health"."nurse_visits" USING btree ("tenant_id","time_in");