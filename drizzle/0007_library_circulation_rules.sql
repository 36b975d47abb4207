CREATE UNIQUE INDEX "checkouts_one_loan_per_title_key" ON "library"."checkouts" USING btree ("tenant_id","student_usi","resource_id") WHERE "checkout_status" IN ('Checked Out', 'Overdue');--> statement-breakpoint
ALTER TABLE "library"."checkouts" ADD CONSTRAINT "checkouts_status_check" CHECK ("checkout_status" IN ('Checked Out', 'Overdue', 'Returned', 'Lost'));--> statement-breakpoint
ALTER TABLE "library"."checkouts" ADD CONSTRAINT "checkouts_renewal_count_check" CHECK ("renewal_count" BETWEEN 0 AND 100);--> statement-breakpoint
ALTER TABLE "library"."checkouts" ADD CONSTRAINT "checkouts_due_date_check" CHECK ("due_date" >= "checkout_date");--> statement-breakpoint
ALTER TABLE "library"."checkouts" ADD CONSTRAINT "checkouts_return_date_check" CHECK ("return_date" IS NULL OR "return_date" >= "checkout_date");--> statement-breakpoint
ALTER TABLE "library"."checkouts" ADD CONSTRAINT "checkouts_returned_check" CHECK (("checkout_status" = 'Returned') = ("return_date" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "library"."resources" ADD CONSTRAINT "resources_total_copies_check" CHECK ("total_copies" BETWEEN 0 AND 100000);--> statement-breakpoint
ALTER TABLE "library"."resources" ADD CONSTRAINT "resources_publication_year_check" CHECK ("publication_year" BETWEEN 1000 AND 2100);