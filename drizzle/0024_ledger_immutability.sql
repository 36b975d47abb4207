-- Custom migration: the journal's rules kept by the database, whoever writes (issue 18).
-- * An entry is created as a draft; it becomes posted only if it has at least two lines, every line is
--   a debit or a credit of a positive amount on an active posting account of the entry's organisation,
--   and debits equal credits.
-- * A posted entry is immutable: no UPDATE (except being marked reversed by its reversal) and no DELETE;
--   its lines can be neither added, changed nor deleted.
-- Violations raise check_violation (23514) naming the rule as the constraint (a 400 through pg-errors).
CREATE OR REPLACE FUNCTION finance.journal_entry_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  n_lines integer;
  debits bigint;
  credits bigint;
  bad_lines integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status IS DISTINCT FROM 'draft' THEN
      RAISE EXCEPTION 'journal entries are created as drafts and posted afterwards'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_created_as_draft',
              TABLE = 'journal_entries', SCHEMA = 'finance';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IS DISTINCT FROM 'draft' THEN
      RAISE EXCEPTION 'a % journal entry cannot be deleted', OLD.status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_posted_immutable',
              TABLE = 'journal_entries', SCHEMA = 'finance';
    END IF;
    RETURN OLD;
  END IF;
  -- UPDATE
  IF OLD.status = 'draft' THEN
    IF NEW.status = 'posted' THEN
      SELECT count(*),
             coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'debit'), 0),
             coalesce(sum(amount_cents) FILTER (WHERE entry_type = 'credit'), 0),
             count(*) FILTER (WHERE entry_type IS NULL OR amount_cents IS NULL OR amount_cents <= 0
                              OR a.id IS NULL OR a.organization_id <> NEW.organization_id
                              OR a.is_active IS NOT TRUE OR a.allows_posting IS NOT TRUE)
        INTO n_lines, debits, credits, bad_lines
        FROM finance.journal_entry_lines l
        LEFT JOIN finance.chart_of_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
       WHERE l.tenant_id = NEW.tenant_id AND l.entry_id = NEW.id;
      IF n_lines < 2 OR debits <> credits OR bad_lines > 0 THEN
        RAISE EXCEPTION 'journal entry % is not balanced (% lines, debits %, credits %, % invalid lines)',
          NEW.id, n_lines, debits, credits, bad_lines
          USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_balanced_to_post',
                TABLE = 'journal_entries', SCHEMA = 'finance';
      END IF;
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status = 'posted' AND NEW.status = 'reversed' AND NEW.reversed_by_entry_id IS NOT NULL
     AND (to_jsonb(NEW) - 'status' - 'reversed_by_entry_id' - 'updated_at')
         = (to_jsonb(OLD) - 'status' - 'reversed_by_entry_id' - 'updated_at') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a % journal entry is immutable: correct it with a reversal', OLD.status
    USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entries_posted_immutable',
          TABLE = 'journal_entries', SCHEMA = 'finance';
END
$$;
--> statement-breakpoint
CREATE TRIGGER journal_entry_guard BEFORE INSERT OR UPDATE OR DELETE ON finance.journal_entries
  FOR EACH ROW EXECUTE FUNCTION finance.journal_entry_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION finance.journal_entry_line_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  entry_status text;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    -- FOR SHARE: a posting of the entry (row lock) waits for this change, and this change for a posting.
    SELECT status INTO entry_status FROM finance.journal_entries
     WHERE tenant_id = OLD.tenant_id AND id = OLD.entry_id FOR SHARE;
    -- No entry: it is being deleted (cascade from a draft, whose deletion was allowed).
    IF FOUND AND entry_status IS DISTINCT FROM 'draft' THEN
      RAISE EXCEPTION 'the lines of a % journal entry are immutable', entry_status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entry_lines_posted_immutable',
              TABLE = 'journal_entry_lines', SCHEMA = 'finance';
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT status INTO entry_status FROM finance.journal_entries
     WHERE tenant_id = NEW.tenant_id AND id = NEW.entry_id FOR SHARE;
    IF FOUND AND entry_status IS DISTINCT FROM 'draft' THEN
      RAISE EXCEPTION 'the lines of a % journal entry are immutable', entry_status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entry_lines_posted_immutable',
              TABLE = 'journal_entry_lines', SCHEMA = 'finance';
    END IF;
    RETURN NEW;
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER journal_entry_line_guard BEFORE INSERT OR UPDATE OR DELETE ON finance.journal_entry_lines
  FOR EACH ROW EXECUTE FUNCTION finance.journal_entry_line_guard();
