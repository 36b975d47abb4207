ALTER TABLE "finance"."invoices" DROP CONSTRAINT "invoices_payment_method_check";--> statement-breakpoint
ALTER TABLE "finance"."transactions" DROP CONSTRAINT "transactions_method_check";--> statement-breakpoint
ALTER TABLE "finance"."invoices" ADD CONSTRAINT "invoices_payment_method_check" CHECK ("payment_method" IN ('pix', 'card', 'boleto', 'cash', 'transfer'));--> statement-breakpoint
ALTER TABLE "finance"."transactions" ADD CONSTRAINT "transactions_method_check" CHECK ("method" IN ('pix', 'card', 'boleto', 'cash', 'transfer'));