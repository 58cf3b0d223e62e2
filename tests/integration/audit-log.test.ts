// The audit log (issue 14 point 5): append-only in the database, redacting secrets, filtered and exported as CSV.
import Papa from "papaparse";
import { beforeEach, describe, expect, it } from "vitest";
import { AUDIT_CSV_COLUMNS, type AuditEntryView } from "../../lib/audit/list-audit-entries";
import { recordAudit } from "../../lib/audit/record-audit";
import { db } from "../../lib/db/client";
import { api, resetState, seedWorld } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeEach(async () => {
  await resetState();
  world = await seedWorld();
});

const opsActor = () => ({ userId: world.ops.id, email: world.ops.email, role: "ops" });

describe("append-only", () => {
  it("the table refuses UPDATE and DELETE through Prisma and raw SQL, and TRUNCATE without the test reset", async () => {
    await recordAudit(db, { actor: opsActor(), action: "supplier.updated", entityType: "supplier", entityId: "s1", before: { a: 1 }, after: { a: 2 } });
    const entry = await db.auditEntry.findFirstOrThrow();

    await expect(db.auditEntry.update({ where: { id: entry.id }, data: { note: "rewritten" } })).rejects.toThrow(/AuditEntry is append-only: UPDATE refused/);
    await expect(db.auditEntry.updateMany({ data: { actorEmail: "someone@else" } })).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/AuditEntry is append-only: DELETE refused/);
    await expect(db.auditEntry.deleteMany({})).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "action" = 'x'`)).rejects.toThrow(/AuditEntry is append-only: UPDATE refused/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/AuditEntry is append-only: DELETE refused/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/AuditEntry is append-only: TRUNCATE refused/);

    const after = await db.auditEntry.findMany();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: entry.id, action: "supplier.updated", actorEmail: world.ops.email, note: null });
  });

  it("an entry written on a transaction that rolls back is gone with the change", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, { actor: "system", action: "job.retried", entityType: "job", entityId: "j1" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEntry.count()).toBe(0);
  });

  it("values under secret-like keys are redacted wherever they sit", async () => {
    await recordAudit(db, {
      actor: opsActor(),
      action: "supplier.updated",
      entityType: "supplier",
      entityId: "s1",
      before: { name: "PhoneX", credentials: { apiKey: "live-123", clientSecret: "s3cret" }, hasCredentials: true },
      after: { name: "PhoneX 2", nested: [{ password: "hunter2", token: "tok", webhookSecret: "whsec" }], price: 12.5 },
    });
    const e = await db.auditEntry.findFirstOrThrow();
    expect(e.before).toEqual({ name: "PhoneX", credentials: "[redacted]", hasCredentials: true });
    expect(e.after).toEqual({ name: "PhoneX 2", nested: [{ password: "[redacted]", token: "[redacted]", webhookSecret: "[redacted]" }], price: 12.5 });
    expect(JSON.stringify([e.before, e.after])).not.toMatch(/live-123|s3cret|hunter2|whsec|"tok"/);
  });
});

describe("the list and the CSV export (ops only)", () => {
  /** Entries at known times (inserting is the one thing the table allows). */
  async function seedEntries() {
    const at = (iso: string) => new Date(iso);
    const rows = [
      {
        at: at("2026-11-01T10:00:00Z"),
        actorEmail: "ops@portal.test",
        actorRole: "ops",
        action: "order.canceled",
        entityType: "order",
        entityId: "o-1",
        companyId: world.company.id,
      },
      {
        at: at("2026-11-02T10:00:00Z"),
        actorEmail: "admin@portal.test",
        actorRole: "admin",
        action: "supplier.updated",
        entityType: "supplier",
        entityId: world.supplier.id,
      },
      {
        at: at("2026-11-03T10:00:00Z"),
        actorEmail: "ops@portal.test",
        actorRole: "ops",
        action: "supplier.circuit_reset",
        entityType: "supplier",
        entityId: world.supplier.id,
      },
      {
        at: at("2026-11-04T10:00:00Z"),
        actorEmail: "buyer@worldtech.test",
        actorRole: "owner",
        action: "api_key.created",
        entityType: "api_key",
        entityId: "k-1",
        companyId: world.company.id,
      },
      {
        at: at("2026-11-05T10:00:00Z"),
        actorEmail: "ops@portal.test",
        actorRole: "ops",
        action: "order.retried",
        entityType: "order",
        entityId: "o-1",
        companyId: world.company.id,
        note: "=cmd|' /C calc'!A0",
      },
    ];
    for (const r of rows) await db.auditEntry.create({ data: { ...r, before: { status: "a" }, after: { status: "b", list: [1, 2] } } });
  }
  const ops = async () => (await signedIn(world.ops.id)).call;
  const actions = (body: { data: { action: string }[] }) => body.data.map((e) => e.action);

  it("filters by actor, action (or a prefix), entity, company and time, newest first, paged by cursor", async () => {
    await seedEntries();
    const call = await ops();
    const all = await call("/api/ops/audit");
    expect(all.status).toBe(200);
    expect(actions(all.body)).toEqual(["order.retried", "api_key.created", "supplier.circuit_reset", "supplier.updated", "order.canceled"]);
    expect(all.body.data[0]).toMatchObject({
      actor: { email: "ops@portal.test", role: "ops" },
      entityType: "order",
      entityId: "o-1",
      company: { id: world.company.id, name: "Worldtech Mobile" },
      before: { status: "a" },
      after: { status: "b", list: [1, 2] },
    });

    expect(actions((await call("/api/ops/audit?actor=ADMIN@")).body)).toEqual(["supplier.updated"]);
    expect(actions((await call("/api/ops/audit?action=supplier.")).body)).toEqual(["supplier.circuit_reset", "supplier.updated"]);
    expect(actions((await call("/api/ops/audit?action=order.canceled")).body)).toEqual(["order.canceled"]);
    expect(actions((await call(`/api/ops/audit?entityType=supplier&entityId=${world.supplier.id}`)).body)).toEqual([
      "supplier.circuit_reset",
      "supplier.updated",
    ]);
    expect(actions((await call(`/api/ops/audit?companyId=${world.company.id}&entityType=order`)).body)).toEqual(["order.retried", "order.canceled"]);
    // A date as `to` means through the end of that day.
    expect(actions((await call("/api/ops/audit?from=2026-11-02&to=2026-11-03")).body)).toEqual(["supplier.circuit_reset", "supplier.updated"]);
    expect(actions((await call("/api/ops/audit?from=2026-11-04T10:00:00Z")).body)).toEqual(["order.retried", "api_key.created"]);

    const first = await call("/api/ops/audit?limit=2");
    expect(actions(first.body)).toEqual(["order.retried", "api_key.created"]);
    const second = await call(`/api/ops/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(actions(second.body)).toEqual(["supplier.circuit_reset", "supplier.updated"]);
    const third = await call(`/api/ops/audit?limit=2&cursor=${second.body.nextCursor}`);
    expect(actions(third.body)).toEqual(["order.canceled"]);
    expect(third.body.nextCursor).toBeNull();
  });

  it("bad filters are 422 naming the field; resellers and keys get 403", async () => {
    const call = await ops();
    const bad = await call("/api/ops/audit?from=yesterday");
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toHaveProperty("from");
    expect((await call("/api/ops/audit?limit=0")).body.error.fields).toHaveProperty("limit");
    expect((await call("/api/ops/audit?cursor=!!")).body.error.fields).toHaveProperty("cursor");
    expect((await call("/api/ops/audit?from=2026-11-05&to=2026-11-01")).body.error.fields).toHaveProperty("to");
    expect((await call("/api/ops/audit.csv?from=nope")).status).toBe(422);
    const owner = (await signedIn(world.buyer.id)).call;
    expect((await owner("/api/ops/audit")).status).toBe(403);
    expect((await owner("/api/ops/audit.csv")).status).toBe(403);
    expect((await api("/api/ops/audit")).status).toBe(403);
  });

  it("the CSV export has a header row and the same entries as the list, parsed back with papaparse", async () => {
    await seedEntries();
    const call = await ops();
    const res = await call("/api/ops/audit.csv?companyId=" + world.company.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = res.body as string;
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...AUDIT_CSV_COLUMNS]);
    const list = (await call(`/api/ops/audit?companyId=${world.company.id}`)).body.data as AuditEntryView[];
    expect(parsed.data.map((r) => r.id)).toEqual(list.map((e) => e.id));
    for (const [i, e] of list.entries()) {
      const r = parsed.data[i]!;
      expect(r).toMatchObject({
        at: e.at,
        actorEmail: e.actor.email,
        actorRole: e.actor.role,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
      });
      expect(r.company).toBe("Worldtech Mobile");
      expect(JSON.parse(r.before!)).toEqual(e.before);
      expect(JSON.parse(r.after!)).toEqual(e.after);
    }
    // A cell a spreadsheet would run as a formula is written with a leading quote.
    expect(parsed.data[0]!.note).toBe("'=cmd|' /C calc'!A0");
  });

  it("a large export streams in batches, every entry once", async () => {
    const n = 1234;
    await db.$executeRaw`
      INSERT INTO "AuditEntry" ("id", "at", "actorEmail", "actorRole", "action", "entityType", "entityId")
      SELECT 'bulk-' || lpad(g::text, 5, '0'), TIMESTAMP '2026-10-01' + g * INTERVAL '1 second', 'ops@portal.test', 'ops', 'job.retried', 'job', 'j' || g
        FROM generate_series(1, ${n}) g`;
    const res = await (await ops())("/api/ops/audit.csv");
    const rows = Papa.parse<Record<string, string>>(res.body as string, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.id)).size).toBe(n);
    expect(rows[0]!.id).toBe(`bulk-${String(n).padStart(5, "0")}`);
    expect(rows.at(-1)!.id).toBe("bulk-00001");
  });
});
