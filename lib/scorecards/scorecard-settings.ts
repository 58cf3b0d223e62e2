import "server-only";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import {
  mergeScorecardSettings,
  parseScorecardSettings,
  SCORECARD_SETTING_KEY,
  scorecardSettingsUpdateSchema,
  type ScorecardSettings,
} from "../settings/scorecard-schema";

export async function getScorecardSettings(): Promise<ScorecardSettings> {
  const row = await db.setting.findUnique({ where: { key: SCORECARD_SETTING_KEY } });
  return parseScorecardSettings(row?.value);
}

/**
 * Change them: a partial body (what is left out stays), parsed, so unknown fields and bad values
 * are 422 naming the field. Audited with before and after, in the same transaction.
 */
export async function updateScorecardSettings(input: unknown, actor: AuditActor): Promise<ScorecardSettings> {
  const patch = scorecardSettingsUpdateSchema.parse(input);
  return db.$transaction(async (tx) => {
    // One writer at a time, so two changes of different fields both land.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('setting:scorecard'))`;
    const row = await tx.setting.findUnique({ where: { key: SCORECARD_SETTING_KEY } });
    const before = parseScorecardSettings(row?.value);
    const after = mergeScorecardSettings(before, patch);
    const value = after as unknown as Prisma.InputJsonValue;
    await tx.setting.upsert({ where: { key: SCORECARD_SETTING_KEY }, update: { value }, create: { key: SCORECARD_SETTING_KEY, value } });
    await recordAudit(tx, { actor, action: "scorecard_settings.updated", entityType: "setting", entityId: SCORECARD_SETTING_KEY, before, after });
    return after;
  });
}
