import "server-only";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { hashPassword } from "../auth/password";
import { acceptInviteSchema } from "./schemas";
import { hashLinkToken, looksLikeLinkToken } from "./tokens";

const GONE = "This invitation link is not valid: it was used, replaced, revoked or has expired. Ask your company's owner for a new one.";

/** What the invitation page shows before the invitee sets a password (null: not usable). */
export async function findInvite(token: string) {
  if (!looksLikeLinkToken(token)) return null;
  const row = await db.userToken.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { kind: true, email: true, role: true, expiresAt: true, usedAt: true, revokedAt: true, company: { select: { name: true } } },
  });
  if (!row || row.kind !== "invite" || row.usedAt || row.revokedAt || row.expiresAt <= new Date() || !row.company) return null;
  return { email: row.email, role: row.role!, companyName: row.company.name, expiresAt: row.expiresAt };
}

/**
 * The invitee sets a name and password: the token is spent (once: the conditional UPDATE is the
 * claim) and the user created in the company with the invited role, in one transaction.
 */
export async function acceptInvite(raw: unknown) {
  const input = acceptInviteSchema.parse(raw);
  if (!looksLikeLinkToken(input.token)) throw new AppError("not_found", GONE);
  const passwordHash = await hashPassword(input.password);
  return db
    .$transaction(async (tx) => {
      const [t] = await tx.$queryRaw<{ id: string; email: string; companyId: string; role: "owner" | "buyer" | "viewer" }[]>`
        UPDATE "UserToken" SET "usedAt" = now()
         WHERE "tokenHash" = ${hashLinkToken(input.token)} AND "kind" = 'invite' AND "usedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > now()
        RETURNING "id", "email", "companyId", "role"::text AS "role"`;
      if (!t) throw new AppError("not_found", GONE);
      const user = await tx.user.create({
        data: { email: t.email, name: input.name, passwordHash, role: "reseller", companyId: t.companyId, companyRole: t.role },
        select: { id: true, email: true, name: true, companyRole: true },
      });
      await tx.userToken.update({ where: { id: t.id }, data: { userId: user.id } });
      return user;
    }, TX_OPTIONS)
    .catch((err) => {
      if ((err as { code?: string })?.code === "P2002") throw new AppError("conflict", "This email address already has an account");
      throw err;
    });
}
