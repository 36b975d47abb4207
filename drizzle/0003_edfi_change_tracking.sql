CREATE TABLE "edfi"."deletes_tracking" (
	"tenant_id" uuid NOT NULL,
	"resource" varchar(128) NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	"id" uuid NOT NULL,
	"keyvalues" jsonb NOT NULL,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deletes_tracking_pkey" PRIMARY KEY("tenant_id","resource","changeversion")
);
--> statement-breakpoint
CREATE TABLE "edfi"."keychanges_tracking" (
	"tenant_id" uuid NOT NULL,
	"resource" varchar(128) NOT NULL,
	"changeversion" bigint DEFAULT nextval('edfi.changeversionsequence') NOT NULL,
	"id" uuid NOT NULL,
	"oldkeyvalues" jsonb NOT NULL,
	"newkeyvalues" jsonb NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keychanges_tracking_pkey" PRIMARY KEY("tenant_id","resource","changeversion")
);
--> statement-breakpoint
ALTER TABLE "edfi"."deletes_tracking" ADD CONSTRAINT "deletes_tracking_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edfi"."keychanges_tracking" ADD CONSTRAINT "keychanges_tracking_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deletes_tracking_id_idx" ON "edfi"."deletes_tracking" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "keychanges_tracking_id_idx" ON "edfi"."keychanges_tracking" USING btree ("tenant_id","id");