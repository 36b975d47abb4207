CREATE TABLE "edfi"."gradebookcategory" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"sectionidentifier" varchar(255) NOT NULL,
	"localcoursecode" varchar(60) NOT NULL,
	"schoolid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"name" varchar(60) NOT NULL,
	"weightpercent" numeric(5, 2) NOT NULL,
	"droplowest" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gradebookcategory_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "gradebookcategory_section_name_key" UNIQUE("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear","name"),
	CONSTRAINT "gradebookcategory_weight_check" CHECK ("weightpercent" BETWEEN 0 AND 100),
	CONSTRAINT "gradebookcategory_droplowest_check" CHECK ("droplowest" BETWEEN 0 AND 10)
);
--> statement-breakpoint
CREATE TABLE "edfi"."coursetranscript" (
	"tenant_id" uuid NOT NULL,
	"studentusi" integer NOT NULL,
	"coursecode" varchar(60) NOT NULL,
	"courseeducationorganizationid" integer NOT NULL,
	"educationorganizationid" integer NOT NULL,
	"schoolyear" smallint NOT NULL,
	"termdescriptorid" integer NOT NULL,
	"coursetitle" varchar(60),
	"attemptedcredits" numeric(9, 3) NOT NULL,
	"earnedcredits" numeric(9, 3) NOT NULL,
	"finallettergradeearned" varchar(20),
	"finalnumericgradeearned" numeric(9, 2),
	"gradepoints" numeric(4, 2),
	"gpalevel" varchar(20) DEFAULT 'regular' NOT NULL,
	"createdate" timestamp with time zone DEFAULT now() NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lastmodifieddate" timestamp with time zone DEFAULT now() NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	CONSTRAINT "coursetranscript_pkey" PRIMARY KEY("tenant_id","studentusi","coursecode","courseeducationorganizationid","educationorganizationid","schoolyear","termdescriptorid"),
	CONSTRAINT "coursetranscript_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "coursetranscript_credits_check" CHECK (attemptedcredits >= 0 AND earnedcredits >= 0),
	CONSTRAINT "coursetranscript_gradepoints_check" CHECK ("gradepoints" BETWEEN 0 AND 6)
);
--> statement-breakpoint
CREATE TABLE "edfi"."schoolgradingpolicy" (
	"tenant_id" uuid NOT NULL,
	"schoolid" integer NOT NULL,
	"scale" jsonb NOT NULL,
	"honorsaddon" numeric(3, 2) DEFAULT 0.5 NOT NULL,
	"apaddon" numeric(3, 2) DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" varchar(255),
	CONSTRAINT "schoolgradingpolicy_pkey" PRIMARY KEY("tenant_id","schoolid"),
	CONSTRAINT "schoolgradingpolicy_honorsaddon_check" CHECK ("honorsaddon" BETWEEN 0 AND 2),
	CONSTRAINT "schoolgradingpolicy_apaddon_check" CHECK ("apaddon" BETWEEN 0 AND 2)
);
--> statement-breakpoint
ALTER TABLE "edfi"."course" ADD COLUMN "gpalevel" varchar(20) DEFAULT 'regular' NOT NULL;--> statement-breakpoint
ALTER TABLE "edfi"."gradebookentry" ADD COLUMN "maxpoints" numeric(9, 2);--> statement-breakpoint
ALTER TABLE "edfi"."gradebookentry" ADD COLUMN "gradingperioddescriptorid" integer;--> statement-breakpoint
ALTER TABLE "edfi"."gradebookentry" ADD COLUMN "categoryid" uuid;--> statement-breakpoint
ALTER TABLE "edfi"."studentgradebookentry" ADD COLUMN "pointsearned" numeric(9, 2);--> statement-breakpoint
ALTER TABLE "edfi"."studentgradebookentry" ADD COLUMN "exempt" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "edfi"."studentgradebookentry" ADD COLUMN "late" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "edfi"."studentgradebookentry" ADD COLUMN "missing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD COLUMN "computednumericgrade" numeric(9, 2);--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD COLUMN "computedlettergrade" varchar(20);--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD COLUMN "overridereason" varchar(1024);--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD COLUMN "overriddenby" varchar(255);--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD COLUMN "overriddenat" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "edfi"."gradebookcategory" ADD CONSTRAINT "gradebookcategory_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."gradebookcategory" ADD CONSTRAINT "gradebookcategory_section_fkey" FOREIGN KEY ("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") REFERENCES "edfi"."section"("tenant_id","sectionidentifier","localcoursecode","schoolid","schoolyear") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."coursetranscript" ADD CONSTRAINT "coursetranscript_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."coursetranscript" ADD CONSTRAINT "coursetranscript_studentusi_fkey" FOREIGN KEY ("tenant_id","studentusi") REFERENCES "edfi"."student"("tenant_id","studentusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."coursetranscript" ADD CONSTRAINT "coursetranscript_course_fkey" FOREIGN KEY ("tenant_id","coursecode","courseeducationorganizationid") REFERENCES "edfi"."course"("tenant_id","coursecode","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."coursetranscript" ADD CONSTRAINT "coursetranscript_educationorganizationid_fkey" FOREIGN KEY ("tenant_id","educationorganizationid") REFERENCES "edfi"."educationorganization"("tenant_id","educationorganizationid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."coursetranscript" ADD CONSTRAINT "coursetranscript_termdescriptorid_fkey" FOREIGN KEY ("termdescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."schoolgradingpolicy" ADD CONSTRAINT "schoolgradingpolicy_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."schoolgradingpolicy" ADD CONSTRAINT "schoolgradingpolicy_schoolid_fkey" FOREIGN KEY ("tenant_id","schoolid") REFERENCES "edfi"."school"("tenant_id","schoolid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coursetranscript_course_idx" ON "edfi"."coursetranscript" USING btree ("tenant_id","coursecode","courseeducationorganizationid");--> statement-breakpoint
CREATE INDEX "coursetranscript_educationorganizationid_idx" ON "edfi"."coursetranscript" USING btree ("tenant_id","educationorganizationid","schoolyear");--> statement-breakpoint
CREATE INDEX "coursetranscript_termdescriptorid_idx" ON "edfi"."coursetranscript" USING btree ("termdescriptorid");--> statement-breakpoint
ALTER TABLE "edfi"."gradebookentry" ADD CONSTRAINT "gradebookentry_gradingperioddescriptorid_fkey" FOREIGN KEY ("gradingperioddescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."gradebookentry" ADD CONSTRAINT "gradebookentry_gradingperiod_fkey" FOREIGN KEY ("tenant_id","gradingperioddescriptorid","schoolid","schoolyear") REFERENCES "edfi"."gradingperiod"("tenant_id","gradingperioddescriptorid","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."gradebookentry" ADD CONSTRAINT "gradebookentry_category_fkey" FOREIGN KEY ("tenant_id","categoryid") REFERENCES "edfi"."gradebookcategory"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gradebookentry_gradingperioddescriptorid_idx" ON "edfi"."gradebookentry" USING btree ("gradingperioddescriptorid");--> statement-breakpoint
CREATE INDEX "gradebookentry_category_idx" ON "edfi"."gradebookentry" USING btree ("tenant_id","categoryid");--> statement-breakpoint
ALTER TABLE "edfi"."course" ADD CONSTRAINT "course_gpalevel_check" CHECK ("gpalevel" IN ('regular', 'honors', 'ap'));--> statement-breakpoint
ALTER TABLE "edfi"."gradebookentry" ADD CONSTRAINT "gradebookentry_maxpoints_check" CHECK (maxpoints IS NULL OR maxpoints > 0);--> statement-breakpoint
ALTER TABLE "edfi"."studentgradebookentry" ADD CONSTRAINT "studentgradebookentry_pointsearned_check" CHECK (pointsearned IS NULL OR pointsearned >= 0);--> statement-breakpoint
ALTER TABLE "edfi"."grade" ADD CONSTRAINT "grade_override_reason_check" CHECK (overriddenat IS NULL OR overridereason IS NOT NULL);