// The audit log (issue 14 point 5): append-only in the database, redacting secrets.
import { beforeEach, describe, expect, it } from "vitest";
import { recordAudit } from "../../lib/audit/record-audit";
import { db } from "../../lib/db/client";
import { resetState, seedWorld } from "../helpers/harness";

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
