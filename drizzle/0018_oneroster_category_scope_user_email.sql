ALTER TABLE "oneroster"."categories" ADD COLUMN "school_sourced_id" varchar(255);--> statement-breakpoint
ALTER TABLE "oneroster"."categories" ADD COLUMN "class_sourced_id" varchar(255);--> statement-breakpoint
ALTER TABLE "oneroster"."categories" ADD CONSTRAINT "categories_school_sourced_id_fkey" FOREIGN KEY ("tenant_id","school_sourced_id") REFERENCES "oneroster"."orgs"("tenant_id","sourced_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oneroster"."categories" ADD CONSTRAINT "categories_class_sourced_id_fkey" FOREIGN KEY ("tenant_id","class_sourced_id") REFERENCES "oneroster"."classes"("tenant_id","sourced_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_email_idx" ON "oneroster"."users" USING btree ("tenant_id","email");--> statement-breakpoint
CREATE INDEX "categories_school_sourced_id_idx" ON "oneroster"."categories" USING btree ("tenant_id","school_sourced_id");--> statement-breakpoint
CREATE INDEX "categories_class_sourced_id_idx" ON "oneroster"."categories" USING btree ("tenant_id","class_sourced_id");