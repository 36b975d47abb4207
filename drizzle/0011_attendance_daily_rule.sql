CREATE TABLE "edfi"."schoolattendancerule" (
	"tenant_id" uuid NOT NULL,
	"schoolid" integer NOT NULL,
	"absentthresholdpercent" smallint DEFAULT 50 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" varchar(255),
	CONSTRAINT "schoolattendancerule_pkey" PRIMARY KEY("tenant_id","schoolid"),
	CONSTRAINT "schoolattendancerule_threshold_check" CHECK ("absentthresholdpercent" BETWEEN 1 AND 100)
);
--> statement-breakpoint
ALTER TABLE "edfi"."schoolattendancerule" ADD CONSTRAINT "schoolattendancerule_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."schoolattendancerule" ADD CONSTRAINT "schoolattendancerule_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE cascade ON UPDATE no action;