ALTER TABLE "oneroster"."courses" ALTER COLUMN "school_year_sourced_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "oneroster"."resources" ALTER COLUMN "title" DROP NOT NULL;