import "server-only";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { DEFAULT_SETTINGS, settingsSchema, settingsUpdateSchema, type Settings } from "./schemas";

/**
 * Settings ops change at runtime (not configuration: they live in the
 * database, one row per key). A missing or unreadable value falls back to its
 * default, so a fresh database behaves as documented.
 */
export async function getSettings(): Promise<Settings> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.keys(DEFAULT_SETTINGS) } } });
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    const field = settingsSchema.shape[r.key as keyof Settings];
    const parsed = field?.safeParse(r.value);
    if (parsed?.success) merged[r.key] = parsed.data;
  }
  return merged as Settings;
}

export async function updateSettings(input: unknown): Promise<Settings> {
  const patch = settingsUpdateSchema.parse(input);
  await db.$transaction(
    Object.entries(patch)
      .filter(([, v]) => v !== undefined)
      .map(([key, value]) =>
        db.setting.upsert({ where: { key }, update: { value: value as Prisma.InputJsonValue }, create: { key, value: value as Prisma.InputJsonValue } }),
      ),
  );
  return getSettings();
}
