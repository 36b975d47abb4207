CREATE TABLE "notifications"."notifications" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"template_name" text NOT NULL,
	"category" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"sent_by" text NOT NULL,
	"recipient_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "notifications_urgency_check" CHECK ("urgency" IN ('normal', 'high', 'safety')),
	CONSTRAINT "notifications_category_check" CHECK ("category" IN ('account', 'attendance', 'billing', 'safety', 'academic', 'general'))
);
--> statement-breakpoint
CREATE TABLE "notifications"."outbox_messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid,
	"message_id" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"raw" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "outbox_messages_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "notifications"."preferences" (
	"tenant_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"locale" text,
	"quiet_hours_start" text,
	"quiet_hours_end" text,
	"opt_outs" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "preferences_pkey" PRIMARY KEY("tenant_id","account_id"),
	CONSTRAINT "preferences_locale_check" CHECK ("locale" IN ('en', 'pt-BR', 'es')),
	CONSTRAINT "preferences_quiet_hours_start_check" CHECK ("quiet_hours_start" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "preferences_quiet_hours_end_check" CHECK ("quiet_hours_end" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "notifications"."settings" (
	"tenant_id" uuid NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"default_locale" text DEFAULT 'en' NOT NULL,
	"quiet_hours_start" text,
	"quiet_hours_end" text,
	"email_from" text,
	"updated_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "settings_pkey" PRIMARY KEY("tenant_id"),
	CONSTRAINT "settings_default_locale_check" CHECK ("default_locale" IN ('en', 'pt-BR', 'es')),
	CONSTRAINT "settings_quiet_hours_start_check" CHECK ("quiet_hours_start" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "settings_quiet_hours_end_check" CHECK ("quiet_hours_end" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "notifications"."webhook_subscriptions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"signing_secret" text NOT NULL,
	"categories" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "webhook_subscriptions_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "webhook_subscriptions_url_check" CHECK ("url" ~ '^https?://')
);
--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD COLUMN "notification_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD COLUMN "subscription_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD COLUMN "html_content" text;--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD COLUMN "provider_message_id" text;--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD COLUMN "read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications"."templates" ADD COLUMN "locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications"."notifications" ADD CONSTRAINT "notifications_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."outbox_messages" ADD CONSTRAINT "outbox_messages_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."preferences" ADD CONSTRAINT "preferences_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."preferences" ADD CONSTRAINT "preferences_account_fkey" FOREIGN KEY ("tenant_id","account_id") REFERENCES "identity"."accounts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."settings" ADD CONSTRAINT "settings_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications"."webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_tenant_fkey" FOREIGN KEY ("tenant_id") REFERENCES "platform"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_sent_by_idx" ON "notifications"."notifications" USING btree ("tenant_id","sent_by","created_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_delivery_idx" ON "notifications"."outbox_messages" USING btree ("tenant_id","delivery_id");--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD CONSTRAINT "notification_queue_notification_fkey" FOREIGN KEY ("tenant_id","notification_id") REFERENCES "notifications"."notifications"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_queue_notification_idx" ON "notifications"."notification_queue" USING btree ("tenant_id","notification_id");--> statement-breakpoint
CREATE INDEX "notification_queue_inbox_idx" ON "notifications"."notification_queue" USING btree ("tenant_id","user_id","channel","created_at");--> statement-breakpoint
CREATE INDEX "notification_queue_unread_idx" ON "notifications"."notification_queue" USING btree ("tenant_id","user_id") WHERE "channel" = 'in_app' AND "read_at" IS NULL;--> statement-breakpoint
ALTER TABLE "notifications"."templates" ADD CONSTRAINT "templates_name_locale_channel_key" UNIQUE("tenant_id","name","locale","channel");--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD CONSTRAINT "notification_queue_channel_check" CHECK ("channel" IN ('email', 'in_app', 'webhook'));--> statement-breakpoint
ALTER TABLE "notifications"."notification_queue" ADD CONSTRAINT "notification_queue_status_check" CHECK ("status" IN ('pending', 'sending', 'retrying', 'sent', 'delivered', 'skipped', 'dead'));--> statement-breakpoint
ALTER TABLE "notifications"."templates" ADD CONSTRAINT "templates_locale_check" CHECK ("locale" IN ('en', 'pt-BR', 'es'));--> statement-breakpoint
ALTER TABLE "notifications"."templates" ADD CONSTRAINT "templates_channel_check" CHECK ("channel" IN ('all', 'email', 'in_app'));--> statement-breakpoint
ALTER TABLE "notifications"."templates" ADD CONSTRAINT "templates_category_check" CHECK ("category" IN ('account', 'attendance', 'billing', 'safety', 'academic', 'general'));