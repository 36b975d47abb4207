ALTER TABLE "edfi"."disciplineaction" ADD COLUMN "disciplinedescriptorid" integer;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD COLUMN "enddate" date;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD COLUMN "assignedbystaffusi" integer;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD COLUMN "incidentidentifier" varchar(60);--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_disciplinedescriptorid_fkey" FOREIGN KEY ("disciplinedescriptorid") REFERENCES "edfi"."descriptor"("descriptorid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_assignedbystaffusi_fkey" FOREIGN KEY ("tenant_id","assignedbystaffusi") REFERENCES "edfi"."staff"("tenant_id","staffusi") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_incident_fkey" FOREIGN KEY ("tenant_id","incidentidentifier","responsibilityschoolid") REFERENCES "edfi"."disciplineincident"("tenant_id","incidentidentifier","schoolid") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disciplineaction_disciplinedescriptorid_idx" ON "edfi"."disciplineaction" USING btree ("disciplinedescriptorid");--> statement-breakpoint
CREATE INDEX "disciplineaction_assignedbystaffusi_idx" ON "edfi"."disciplineaction" USING btree ("tenant_id","assignedbystaffusi");--> statement-breakpoint
CREATE INDEX "disciplineaction_incident_idx" ON "edfi"."disciplineaction" USING btree ("tenant_id","incidentidentifier","responsibilityschoolid");--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_enddate_check" CHECK ("enddate" IS NULL OR "enddate" >= "disciplinedate");--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_length_check" CHECK ("disciplineactionlength" BETWEEN 0 AND 366);--> statement-breakpoint
ALTER TABLE "edfi"."disciplineaction" ADD CONSTRAINT "disciplineaction_actual_length_check" CHECK ("actualdisciplineactionlength" BETWEEN 0 AND 366);