-- migrate:up
-- The audit log (issue 14 point 5): one row per staff or owner action that changes something,
-- with who, when, what, before and after. Append-only in the database: a trigger refuses every
-- UPDATE and DELETE, and TRUNCATE too, unless the session says it is resetting a test database
-- (portal.audit_reset = 'on', set only by the test harness's reset), so no code path can rewrite
-- history. No foreign keys: an entry outlives the user, company or rule it names.
CREATE TABLE "AuditEntry" (
  "id" TEXT NOT NULL,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "actorUserId" TEXT,
  "actorEmail" TEXT NOT NULL,
  "actorRole" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "entityType" TEXT NOT NULL,
  "entityId" TEXT NOT NULL,
  "companyId" TEXT,
  "before" JSONB,
  "after" JSONB,
  "note" TEXT,
  "requestId" TEXT,
  CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AuditEntry_at_id_idx" ON "AuditEntry"("at", "id");
CREATE INDEX "AuditEntry_entityType_entityId_at_idx" ON "AuditEntry"("entityType", "entityId", "at");
CREATE INDEX "AuditEntry_companyId_at_idx" ON "AuditEntry"("companyId", "at");
CREATE INDEX "AuditEntry_actorEmail_at_idx" ON "AuditEntry"("actorEmail", "at");
CREATE INDEX "AuditEntry_action_at_idx" ON "AuditEntry"("action", "at");

CREATE FUNCTION portal_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' AND current_setting('portal.audit_reset', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'AuditEntry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER portal_audit_append_only BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION portal_audit_append_only();
CREATE TRIGGER portal_audit_no_truncate BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION portal_audit_append_only();

-- migrate:down
DROP TABLE "AuditEntry";
DROP FUNCTION portal_audit_append_only();
