CREATE TABLE "oneroster"."class_resources" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"title" varchar(255),
	"class_sourced_id" varchar(255) NOT NULL,
	"resource_sourced_id" varchar(255) NOT NULL,
	"metadata" jsonb,
	CONSTRAINT "class_resources_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "class_resources_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."course_resources" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"title" varchar(255),
	"course_sourced_id" varchar(255) NOT NULL,
	"resource_sourced_id" varchar(255) NOT NULL,
	"metadata" jsonb,
	CONSTRAINT "course_resources_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "course_resources_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."line_item_learning_objectives" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"line_item_sourced_id" varchar(255) NOT NULL,
	"source" varchar(255) NOT NULL,
	"learning_objective_id" varchar(255) NOT NULL,
	"metadata" jsonb,
	CONSTRAINT "line_item_learning_objectives_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "line_item_learning_objectives_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."line_item_score_scales" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"title" varchar(255),
	"line_item_sourced_id" varchar(255) NOT NULL,
	"score_scale_sourced_id" varchar(255) NOT NULL,
	"metadata" jsonb,
	CONSTRAINT "line_item_score_scales_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "line_item_score_scales_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."result_learning_objectives" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"result_sourced_id" varchar(255) NOT NULL,
	"source" varchar(255) NOT NULL,
	"learning_objective_id" varchar(255) NOT NULL,
	"score" numeric(10, 4),
	"text_score" varchar(255),
	"metadata" jsonb,
	CONSTRAINT "result_learning_objectives_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "result_learning_objectives_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."result_score_scales" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"title" varchar(255),
	"result_sourced_id" varchar(255) NOT NULL,
	"score_scale_sourced_id" varchar(255) NOT NULL,
	"metadata" jsonb,
	CONSTRAINT "result_score_scales_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "result_score_scales_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."user_resources" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"user_sourced_id" varchar(255) NOT NULL,
	"org_sourced_id" varchar(255),
	"class_sourced_id" varchar(255),
	"resource_sourced_id" varchar(255) NOT NULL,
	"metadata" jsonb,
	CONSTRAINT "user_resources_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "user_resources_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."assessment_line_items" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"title" varchar(255) NOT NULL,
	"description" text,
	"class_sourced_id" varchar(255),
	"parent_sourced_id" varchar(255),
	"score_scale_sourced_id" varchar(255),
	"result_value_min" numeric(10, 4),
	"result_value_max" numeric(10, 4),
	"learning_objective_set" jsonb,
	"metadata" jsonb,
	CONSTRAINT "assessment_line_items_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "assessment_line_items_status_check" CHECK ("status" IN ('active', 'tobedeleted'))
);
--> statement-breakpoint
CREATE TABLE "oneroster"."assessment_results" (
	"tenant_id" uuid NOT NULL,
	"sourced_id" varchar(255) NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"date_last_modified" timestamp with time zone DEFAULT now(),
	"assessment_line_item_sourced_id" varchar(255) NOT NULL,
	"student_sourced_id" varchar(255) NOT NULL,
	"score" numeric(10, 4),
	"text_score" varchar(255),
	"score_date" timestamp with time zone,
	"score_scale_sourced_id" varchar(255),
	"score_percentile" numeric(7, 4),
	"score_status" varchar(50) NOT NULL,
	"comment" text,
	"learning_objective_set" jsonb,
	"in_progress" boolean,
	"incomplete" boolean,
	"late" boolean,
	"missing" boolean,
	"metadata" jsonb,
	CONSTRAINT "assessment_results_pkey" PRIMARY KEY("tenant_id","sourced_id"),
	CONSTRAINT "assessment_results_status_check" CHECK ("status" IN ('active', 'tobedeleted')),
	CONSTRAINT "assessment_results_score_status_check" CHECK ("score_status" IN ('exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted'))
);
--> statement-breakpoint
ALTER TABLE "edfi"."section" DROP CONSTRAINT "section_courseoffering_fkey";
--> statement-breakpoint
DROP INDEX "edfi"."section_courseoffering_idx";--> statement-breakpoint
-- Reviewed: existing offerings take their school year's first session (by name), their sections
-- follow; the primary key change must precede the section foreign key that needs it.
ALTER TABLE "edfi"."courseoffering" ADD COLUMN "sessionname" varchar(60);--> statement-breakpoint
UPDATE "edfi"."courseoffering" co SET "sessionname" = (SELECT min(se."sessionname") FROM "edfi"."session" se WHERE se."tenant_id" = co."tenant_id" AND se."schoolid" = co."schoolid" AND se."schoolyear" = co."schoolyear");--> statement-breakpoint
ALTER TABLE "edfi"."courseoffering" ALTER COLUMN "sessionname" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "edfi"."section" ADD COLUMN "sessionname" varchar(60);--> statement-breakpoint
UPDATE "edfi"."section" se SET "sessionname" = co."sessionname" FROM "edfi"."courseoffering" co WHERE co."tenant_id" = se."tenant_id" AND co."localcoursecode" = se."localcoursecode" AND co."schoolid" = se."schoolid" AND co."schoolyear" = se."schoolyear";--> statement-breakpoint
ALTER TABLE "edfi"."section" ALTER COLUMN "sessionname" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "edfi"."courseoffering" DROP CONSTRAINT "courseoffering_pkey";--> statement-breakpoint
ALTER TABLE "edfi"."courseoffering" ADD CONSTRAINT "courseoffering_pkey" PRIMARY KEY("tenant_id","localcoursecode","schoolid","schoolyear","sessionname");--> statement-breakpoint
ALTER TABLE "oneroster"."categories" ADD COLUMN "weight" numeric(10, 4);--> statement-breakpoint
ALTER TABLE "oneroster"."line_items" ADD COLUMN "school_sourced_id" varchar(255);--> statement-breakpoint
ALTER TABLE "oneroster"."results" ADD COLUMN "text_score" varchar(255);--> statement-breakpoint
ALTER TABLE "oneroster"."results" ADD COLUMN "in_progress" boolean;--> statement-breakpoint
ALTER TABLE "oneroster"."results" ADD COLUMN "incomplete" boolean;--> statement-breakpoint
ALTER TABLE "oneroster"."results" ADD COLUMN "late" boolean;--> statement-breakpoint
ALTER TABLE "oneroster"."results" ADD COLUMN "missing" boolean;--> statement-breakpoint
ALTER TABLE "oneroster"."score_scales" ADD COLUMN "type" varchar(255);--> statement-breakpoint
ALTER TABLE "oneroster"."score_scales" ADD COLUMN "org_sourced_id" varchar(255);--> statement-breakpoint
ALTER TABLE "oneroster"."score_scales" ADD COLUMN "course_sourced_id" varchar(255);--> statement-breakpoint
ALTER TABLE "oneroster"."score_scales" ADD COLUMN "class_sourced_id" varchar(255);--> statement-breakpoint
ALTER TABLE "oneroster"."class_resources" ADD CONSTRAINT "class_resources_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."class_resources" ADD CONSTRAINT "class_resources_class_fkey" FOREIGN KEY ("tenant_id","class_sourced_id") REFERENCES "oneroster"."classes"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."class_resources" ADD CONSTRAINT "class_resources_resource_fkey" FOREIGN KEY ("tenant_id","resource_sourced_id") REFERENCES "oneroster"."resources"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."course_resources" ADD CONSTRAINT "course_resources_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."course_resources" ADD CONSTRAINT "course_resources_course_fkey" FOREIGN KEY ("tenant_id","course_sourced_id") REFERENCES "oneroster"."courses"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."course_resources" ADD CONSTRAINT "course_resources_resource_fkey" FOREIGN KEY ("tenant_id","resource_sourced_id") REFERENCES "oneroster"."resources"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."line_item_learning_objectives" ADD CONSTRAINT "line_item_learning_objectives_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."line_item_learning_objectives" ADD CONSTRAINT "li_learning_objectives_line_item_fkey" FOREIGN KEY ("tenant_id","line_item_sourced_id") REFERENCES "oneroster"."line_items"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."line_item_score_scales" ADD CONSTRAINT "line_item_score_scales_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."line_item_score_scales" ADD CONSTRAINT "li_score_scales_line_item_fkey" FOREIGN KEY ("tenant_id","line_item_sourced_id") REFERENCES "oneroster"."line_items"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."line_item_score_scales" ADD CONSTRAINT "li_score_scales_score_scale_fkey" FOREIGN KEY ("tenant_id","score_scale_sourced_id") REFERENCES "oneroster"."score_scales"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."result_learning_objectives" ADD CONSTRAINT "result_learning_objectives_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."result_learning_objectives" ADD CONSTRAINT "result_learning_objectives_result_fkey" FOREIGN KEY ("tenant_id","result_sourced_id") REFERENCES "oneroster"."results"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."result_score_scales" ADD CONSTRAINT "result_score_scales_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."result_score_scales" ADD CONSTRAINT "result_score_scales_result_fkey" FOREIGN KEY ("tenant_id","result_sourced_id") REFERENCES "oneroster"."results"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."result_score_scales" ADD CONSTRAINT "result_score_scales_score_scale_fkey" FOREIGN KEY ("tenant_id","score_scale_sourced_id") REFERENCES "oneroster"."score_scales"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."user_resources" ADD CONSTRAINT "user_resources_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."user_resources" ADD CONSTRAINT "user_resources_user_fkey" FOREIGN KEY ("tenant_id","user_sourced_id") REFERENCES "oneroster"."users"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."user_resources" ADD CONSTRAINT "user_resources_org_fkey" FOREIGN KEY ("tenant_id","org_sourced_id") REFERENCES "oneroster"."orgs"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."user_resources" ADD CONSTRAINT "user_resources_class_fkey" FOREIGN KEY ("tenant_id","class_sourced_id") REFERENCES "oneroster"."classes"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."user_resources" ADD CONSTRAINT "user_resources_resource_fkey" FOREIGN KEY ("tenant_id","resource_sourced_id") REFERENCES "oneroster"."resources"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."assessment_line_items" ADD CONSTRAINT "assessment_line_items_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."assessment_line_items" ADD CONSTRAINT "assessment_line_items_class_fkey" FOREIGN KEY ("tenant_id","class_sourced_id") REFERENCES "oneroster"."classes"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."assessment_line_items" ADD CONSTRAINT "assessment_line_items_parent_fkey" FOREIGN KEY ("tenant_id","parent_sourced_id") REFERENCES "oneroster"."assessment_line_items"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."assessment_line_items" ADD CONSTRAINT "assessment_line_items_score_scale_fkey" FOREIGN KEY ("tenant_id","score_scale_sourced_id") REFERENCES "oneroster"."score_scales"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."assessment_results" ADD CONSTRAINT "assessment_results_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."assessment_results" ADD CONSTRAINT "assessment_results_line_item_fkey" FOREIGN KEY ("tenant_id","assessment_line_item_sourced_id") REFERENCES "oneroster"."assessment_line_items"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."assessment_results" ADD CONSTRAINT "assessment_results_student_fkey" FOREIGN KEY ("tenant_id","student_sourced_id") REFERENCES "oneroster"."users"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."assessment_results" ADD CONSTRAINT "assessment_results_score_scale_fkey" FOREIGN KEY ("tenant_id","score_scale_sourced_id") REFERENCES "oneroster"."score_scales"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "class_resources_date_last_modified_idx" ON "oneroster"."class_resources" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "class_resources_class_idx" ON "oneroster"."class_resources" USING btree ("tenant_id","class_sourced_id");--> statement-breakpoint
CREATE INDEX "class_resources_resource_idx" ON "oneroster"."class_resources" USING btree ("tenant_id","resource_sourced_id");--> statement-breakpoint
CREATE INDEX "course_resources_date_last_modified_idx" ON "oneroster"."course_resources" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "course_resources_course_idx" ON "oneroster"."course_resources" USING btree ("tenant_id","course_sourced_id");--> statement-breakpoint
CREATE INDEX "course_resources_resource_idx" ON "oneroster"."course_resources" USING btree ("tenant_id","resource_sourced_id");--> statement-breakpoint
CREATE INDEX "line_item_learning_objectives_date_last_modified_idx" ON "oneroster"."line_item_learning_objectives" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "li_learning_objectives_line_item_idx" ON "oneroster"."line_item_learning_objectives" USING btree ("tenant_id","line_item_sourced_id");--> statement-breakpoint
CREATE INDEX "line_item_score_scales_date_last_modified_idx" ON "oneroster"."line_item_score_scales" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "li_score_scales_line_item_idx" ON "oneroster"."line_item_score_scales" USING btree ("tenant_id","line_item_sourced_id");--> statement-breakpoint
CREATE INDEX "li_score_scales_score_scale_idx" ON "oneroster"."line_item_score_scales" USING btree ("tenant_id","score_scale_sourced_id");--> statement-breakpoint
CREATE INDEX "result_learning_objectives_date_last_modified_idx" ON "oneroster"."result_learning_objectives" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "result_learning_objectives_result_idx" ON "oneroster"."result_learning_objectives" USING btree ("tenant_id","result_sourced_id");--> statement-breakpoint
CREATE INDEX "result_score_scales_date_last_modified_idx" ON "oneroster"."result_score_scales" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "result_score_scales_result_idx" ON "oneroster"."result_score_scales" USING btree ("tenant_id","result_sourced_id");--> statement-breakpoint
CREATE INDEX "result_score_scales_score_scale_idx" ON "oneroster"."result_score_scales" USING btree ("tenant_id","score_scale_sourced_id");--> statement-breakpoint
CREATE INDEX "user_resources_date_last_modified_idx" ON "oneroster"."user_resources" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "user_resources_user_idx" ON "oneroster"."user_resources" USING btree ("tenant_id","user_sourced_id");--> statement-breakpoint
CREATE INDEX "user_resources_org_idx" ON "oneroster"."user_resources" USING btree ("tenant_id","org_sourced_id");--> statement-breakpoint
CREATE INDEX "user_resources_class_idx" ON "oneroster"."user_resources" USING btree ("tenant_id","class_sourced_id");--> statement-breakpoint
CREATE INDEX "user_resources_resource_idx" ON "oneroster"."user_resources" USING btree ("tenant_id","resource_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_line_items_date_last_modified_idx" ON "oneroster"."assessment_line_items" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "assessment_line_items_class_idx" ON "oneroster"."assessment_line_items" USING btree ("tenant_id","class_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_line_items_parent_idx" ON "oneroster"."assessment_line_items" USING btree ("tenant_id","parent_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_line_items_score_scale_idx" ON "oneroster"."assessment_line_items" USING btree ("tenant_id","score_scale_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_results_date_last_modified_idx" ON "oneroster"."assessment_results" USING btree ("tenant_id","date_last_modified");--> statement-breakpoint
CREATE INDEX "assessment_results_line_item_idx" ON "oneroster"."assessment_results" USING btree ("tenant_id","assessment_line_item_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_results_student_idx" ON "oneroster"."assessment_results" USING btree ("tenant_id","student_sourced_id");--> statement-breakpoint
CREATE INDEX "assessment_results_score_scale_idx" ON "oneroster"."assessment_results" USING btree ("tenant_id","score_scale_sourced_id");--> statement-breakpoint
ALTER TABLE "edfi"."courseoffering" ADD CONSTRAINT "courseoffering_session_fkey" FOREIGN KEY ("tenant_id","sessionname","schoolid","schoolyear") REFERENCES "edfi"."session"("tenant_id","sessionname","schoolid","schoolyear") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."section" ADD CONSTRAINT "section_courseoffering_fkey" FOREIGN KEY ("tenant_id","localcoursecode","schoolid","schoolyear","sessionname") REFERENCES "edfi"."courseoffering"("tenant_id","localcoursecode","schoolid","schoolyear","sessionname") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."line_items" ADD CONSTRAINT "line_items_school_sourced_id_fkey" FOREIGN KEY ("tenant_id","school_sourced_id") REFERENCES "oneroster"."orgs"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."score_scales" ADD CONSTRAINT "score_scales_org_sourced_id_fkey" FOREIGN KEY ("tenant_id","org_sourced_id") REFERENCES "oneroster"."orgs"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."score_scales" ADD CONSTRAINT "score_scales_course_sourced_id_fkey" FOREIGN KEY ("tenant_id","course_sourced_id") REFERENCES "oneroster"."courses"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."score_scales" ADD CONSTRAINT "score_scales_class_sourced_id_fkey" FOREIGN KEY ("tenant_id","class_sourced_id") REFERENCES "oneroster"."classes"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "courseoffering_session_idx" ON "edfi"."courseoffering" USING btree ("tenant_id","sessionname","schoolid","schoolyear");--> statement-breakpoint
CREATE INDEX "line_items_school_sourced_id_idx" ON "oneroster"."line_items" USING btree ("tenant_id","school_sourced_id");--> statement-breakpoint
CREATE INDEX "score_scales_org_sourced_id_idx" ON "oneroster"."score_scales" USING btree ("tenant_id","org_sourced_id");--> statement-breakpoint
CREATE INDEX "score_scales_course_sourced_id_idx" ON "oneroster"."score_scales" USING btree ("tenant_id","course_sourced_id");--> statement-breakpoint
CREATE INDEX "score_scales_class_sourced_id_idx" ON "oneroster"."score_scales" USING btree ("tenant_id","class_sourced_id");--> statement-breakpoint
CREATE INDEX "section_courseoffering_idx" ON "edfi"."section" USING btree ("tenant_id","localcoursecode","schoolid","schoolyear","sessionname");--> statement-breakpoint
