CREATE TABLE "edfi"."assessmentacademicsubject" (
	"tenant_id" uuid NOT NULL,
	"assessmentidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"academicsubjectdescriptorid" integer NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "assessmentacademicsubject_pkey" PRIMARY KEY("tenant_id","assessmentidentifier","namespace","academicsubjectdescriptorid"),
	CONSTRAINT "assessmentacademicsubject_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."assessmentassessedgradelevel" (
	"tenant_id" uuid NOT NULL,
	"assessmentidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"gradeleveldescriptorid" integer NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "assessmentassessedgradelevel_pkey" PRIMARY KEY("tenant_id","assessmentidentifier","namespace","gradeleveldescriptorid"),
	CONSTRAINT "assessmentassessedgradelevel_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."assessmentidentificationcode" (
	"tenant_id" uuid NOT NULL,
	"assessmentidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"assessmentidentificationsystemdescriptorid" integer NOT NULL,
	"identificationcode" varchar(60) NOT NULL,
	"assigningorganizationidentificationcode" varchar(60),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "assessmentidentificationcode_pkey" PRIMARY KEY("tenant_id","assessmentidentifier","namespace","assessmentidentificationsystemdescriptorid"),
	CONSTRAINT "assessmentidentificationcode_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."assessmentperformancelevel" (
	"tenant_id" uuid NOT NULL,
	"assessmentidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"assessmentreportingmethoddescriptorid" integer NOT NULL,
	"performanceleveldescriptorid" integer NOT NULL,
	"minimumscore" varchar(35),
	"maximumscore" varchar(35),
	"resultdatatypetypedescriptorid" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "assessmentperformancelevel_pkey" PRIMARY KEY("tenant_id","assessmentidentifier","namespace","assessmentreportingmethoddescriptorid","performanceleveldescriptorid"),
	CONSTRAINT "assessmentperformancelevel_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."assessmentplatformtype" (
	"tenant_id" uuid NOT NULL,
	"assessmentidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"platformtypedescriptorid" integer NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "assessmentplatformtype_pkey" PRIMARY KEY("tenant_id","assessmentidentifier","namespace","platformtypedescriptorid"),
	CONSTRAINT "assessmentplatformtype_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."assessmentscore" (
	"tenant_id" uuid NOT NULL,
	"assessmentidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"assessmentreportingmethoddescriptorid" integer NOT NULL,
	"minimumscore" varchar(35),
	"maximumscore" varchar(35),
	"resultdatatypetypedescriptorid" integer,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "assessmentscore_pkey" PRIMARY KEY("tenant_id","assessmentidentifier","namespace","assessmentreportingmethoddescriptorid"),
	CONSTRAINT "assessmentscore_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "edfi"."studentassessmentperformancelevel" (
	"tenant_id" uuid NOT NULL,
	"studentassessmentidentifier" varchar(60) NOT NULL,
	"studentusi" integer NOT NULL,
	"assessmentidentifier" varchar(60) NOT NULL,
	"namespace" varchar(255) NOT NULL,
	"assessmentreportingmethoddescriptorid" integer NOT NULL,
	"performanceleveldescriptorid" integer NOT NULL,
	"performancelevelindicatorname" varchar(60),
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "studentassessmentperformancelevel_pkey" PRIMARY KEY("tenant_id","studentassessmentidentifier","studentusi","assessmentidentifier","namespace","assessmentreportingmethoddescriptorid","performanceleveldescriptorid"),
	CONSTRAINT "studentassessmentperformancelevel_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "edfi"."studentassessment" ADD COLUMN "platformtypedescriptorid" integer;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentacademicsubject" ADD CONSTRAINT "assessmentacademicsubject_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentacademicsubject" ADD CONSTRAINT "assessmentacademicsubject_assessment_fkey" FOREIGN KEY ("tenant_id","assessmentidentifier","namespace") REFERENCES "edfi"."assessment"("tenant_id","assessmentidentifier","namespace") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentacademicsubject" ADD CONSTRAINT "assessmentacademicsubject_academicsubjectdescriptorid_fkey" FOREIGN KEY ("academicsubjectdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentassessedgradelevel" ADD CONSTRAINT "assessmentassessedgradelevel_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentassessedgradelevel" ADD CONSTRAINT "assessmentassessedgradelevel_assessment_fkey" FOREIGN KEY ("tenant_id","assessmentidentifier","namespace") REFERENCES "edfi"."assessment"("tenant_id","assessmentidentifier","namespace") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentassessedgradelevel" ADD CONSTRAINT "assessmentassessedgradelevel_gradeleveldescriptorid_fkey" FOREIGN KEY ("gradeleveldescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentidentificationcode" ADD CONSTRAINT "assessmentidentificationcode_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentidentificationcode" ADD CONSTRAINT "assessmentidentificationcode_assessment_fkey" FOREIGN KEY ("tenant_id","assessmentidentifier","namespace") REFERENCES "edfi"."assessment"("tenant_id","assessmentidentifier","namespace") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentidentificationcode" ADD CONSTRAINT "assessmentidentificationcode_assessmentidentifications_fd016081" FOREIGN KEY ("assessmentidentificationsystemdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentperformancelevel" ADD CONSTRAINT "assessmentperformancelevel_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentperformancelevel" ADD CONSTRAINT "assessmentperformancelevel_assessment_fkey" FOREIGN KEY ("tenant_id","assessmentidentifier","namespace") REFERENCES "edfi"."assessment"("tenant_id","assessmentidentifier","namespace") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentperformancelevel" ADD CONSTRAINT "assessmentperformancelevel_assessmentreportingmethodde_93efa5cf" FOREIGN KEY ("assessmentreportingmethoddescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentperformancelevel" ADD CONSTRAINT "assessmentperformancelevel_performanceleveldescriptorid_fkey" FOREIGN KEY ("performanceleveldescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentperformancelevel" ADD CONSTRAINT "assessmentperformancelevel_resultdatatypetypedescriptorid_fkey" FOREIGN KEY ("resultdatatypetypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentplatformtype" ADD CONSTRAINT "assessmentplatformtype_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentplatformtype" ADD CONSTRAINT "assessmentplatformtype_assessment_fkey" FOREIGN KEY ("tenant_id","assessmentidentifier","namespace") REFERENCES "edfi"."assessment"("tenant_id","assessmentidentifier","namespace") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentplatformtype" ADD CONSTRAINT "assessmentplatformtype_platformtypedescriptorid_fkey" FOREIGN KEY ("platformtypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentscore" ADD CONSTRAINT "assessmentscore_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentscore" ADD CONSTRAINT "assessmentscore_assessment_fkey" FOREIGN KEY ("tenant_id","assessmentidentifier","namespace") REFERENCES "edfi"."assessment"("tenant_id","assessmentidentifier","namespace") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentscore" ADD CONSTRAINT "assessmentscore_assessmentreportingmethoddescriptorid_fkey" FOREIGN KEY ("assessmentreportingmethoddescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."assessmentscore" ADD CONSTRAINT "assessmentscore_resultdatatypetypedescriptorid_fkey" FOREIGN KEY ("resultdatatypetypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessmentperformancelevel" ADD CONSTRAINT "studentassessmentperformancelevel_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessmentperformancelevel" ADD CONSTRAINT "studentassessmentperformancelevel_studentassessment_fkey" FOREIGN KEY ("tenant_id","studentassessmentidentifier","studentusi","assessmentidentifier","namespace") REFERENCES "edfi"."studentassessment"("tenant_id","studentassessmentidentifier","studentusi","assessmentidentifier","namespace") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessmentperformancelevel" ADD CONSTRAINT "studentassessmentperformancelevel_assessmentreportingm_bab14683" FOREIGN KEY ("assessmentreportingmethoddescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."studentassessmentperformancelevel" ADD CONSTRAINT "studentassessmentperformancelevel_performanceleveldesc_31d2a6fb" FOREIGN KEY ("performanceleveldescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessmentacademicsubject_academicsubjectdescriptorid_idx" ON "edfi"."assessmentacademicsubject" USING btree ("academicsubjectdescriptorid");--> statement-breakpoint
CREATE INDEX "assessmentassessedgradelevel_gradeleveldescriptorid_idx" ON "edfi"."assessmentassessedgradelevel" USING btree ("gradeleveldescriptorid");--> statement-breakpoint
CREATE INDEX "assessmentidentificationcode_assessmentidentifications_06135bcc" ON "edfi"."assessmentidentificationcode" USING btree ("assessmentidentificationsystemdescriptorid");--> statement-breakpoint
CREATE INDEX "assessmentperformancelevel_assessmentreportingmethodde_a22f583b" ON "edfi"."assessmentperformancelevel" USING btree ("assessmentreportingmethoddescriptorid");--> statement-breakpoint
CREATE INDEX "assessmentperformancelevel_performanceleveldescriptorid_idx" ON "edfi"."assessmentperformancelevel" USING btree ("performanceleveldescriptorid");--> statement-breakpoint
CREATE INDEX "assessmentperformancelevel_resultdatatypetypedescriptorid_idx" ON "edfi"."assessmentperformancelevel" USING btree ("resultdatatypetypedescriptorid");--> statement-breakpoint
CREATE INDEX "assessmentplatformtype_platformtypedescriptorid_idx" ON "edfi"."assessmentplatformtype" USING btree ("platformtypedescriptorid");--> statement-breakpoint
CREATE INDEX "assessmentscore_assessmentreportingmethoddescriptorid_idx" ON "edfi"."assessmentscore" USING btree ("assessmentreportingmethoddescriptorid");--> statement-breakpoint
CREATE INDEX "assessmentscore_resultdatatypetypedescriptorid_idx" ON "edfi"."assessmentscore" USING btree ("resultdatatypetypedescriptorid");--> statement-breakpoint
CREATE INDEX "studentassessmentperformancelevel_assessmentreportingm_a697fe2e" ON "edfi"."studentassessmentperformancelevel" USING btree ("assessmentreportingmethoddescriptorid");--> statement-breakpoint
CREATE INDEX "studentassessmentperformancelevel_performanceleveldesc_85ed8471" ON "edfi"."studentassessmentperformancelevel" USING btree ("performanceleveldescriptorid");--> statement-breakpoint
ALTER TABLE "edfi"."studentassessment" ADD CONSTRAINT "studentassessment_platformtypedescriptorid_fkey" FOREIGN KEY ("platformtypedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studentassessment_platformtypedescriptorid_idx" ON "edfi"."studentassessment" USING btree ("platformtypedescriptorid");