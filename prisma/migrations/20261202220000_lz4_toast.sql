-- migrate:up
-- Values over ~2 KB (an order email's HTML is ~26 KB, its text and props a few KB, a batch's
-- idempotency record, a webhook's raw body) are compressed when written. Postgres's default,
-- pglz, cost ~0.6 ms of server CPU per 27 KB email on the bench machine, about a millisecond an
-- order for its two emails; lz4 took ~0.06 ms and stored the same HTML in a third of the space.
-- Every text and json column of the schema's tables says lz4 (new values only: stored ones stay
-- as they are, and reads decode either). A server built without lz4 keeps pglz.
DO $$
DECLARE col record;
BEGIN
  FOR col IN
    SELECT c.relname, a.attname
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
       AND a.atttypid IN ('text'::regtype, 'jsonb'::regtype, 'json'::regtype, 'text[]'::regtype)
       AND c.relname <> 'schema_migrations'
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET COMPRESSION lz4', col.relname, col.attname);
  END LOOP;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  RAISE NOTICE 'lz4 is not available on this server; TOAST compression stays pglz (%)', SQLERRM;
END $$;

-- migrate:down
DO $$
DECLARE col record;
BEGIN
  FOR col IN
    SELECT c.relname, a.attname
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attcompression = 'l'
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET COMPRESSION default', col.relname, col.attname);
  END LOOP;
END $$;
