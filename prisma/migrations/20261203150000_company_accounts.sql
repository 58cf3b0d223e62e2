-- migrate:up
-- Company accounts: each reseller user has a role in its company (owner manages users, keys,
-- webhooks and settings; buyer orders; viewer reads), can be deactivated, and signs in to
-- sessions we can end (a password change, reset or deactivation ends them). Invitations and
-- password resets are single-use, expiring tokens stored as their SHA-256. API keys carry
-- scopes, a mode (live, or test in the demo) and, once rolled, the end of their grace period.
CREATE TYPE "CompanyRole" AS ENUM ('owner', 'buyer', 'viewer');

ALTER TABLE "User"
  ADD COLUMN "companyRole" "CompanyRole",
  ADD COLUMN "deactivatedAt" TIMESTAMP(3);
-- Every company user so far was its company's only login: its owner.
UPDATE "User" SET "companyRole" = 'owner' WHERE "companyId" IS NOT NULL;

CREATE TABLE "UserSession" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "revokedAt" TIMESTAMP(3),
  "userAgent" TEXT,
  CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

CREATE TABLE "UserToken" (
  "id" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "tokenHash" TEXT NOT NULL,
  "email" TEXT NOT NULL,
  "companyId" TEXT,
  "role" "CompanyRole",
  "userId" TEXT,
  "createdById" TEXT,
  "expiresAt" TIMESTAMP(3) NOT NULL,
  "usedAt" TIMESTAMP(3),
  "revokedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "UserToken_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "UserToken_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "UserToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "UserToken_tokenHash_key" ON "UserToken"("tokenHash");
CREATE INDEX "UserToken_companyId_idx" ON "UserToken"("companyId");
CREATE INDEX "UserToken_userId_idx" ON "UserToken"("userId");

ALTER TABLE "ApiKey"
  ADD COLUMN "scopes" TEXT[] NOT NULL DEFAULT ARRAY['orders:write', 'orders:read', 'catalog:read']::TEXT[],
  ADD COLUMN "mode" TEXT NOT NULL DEFAULT 'live',
  ADD COLUMN "expiresAt" TIMESTAMP(3),
  ADD COLUMN "rolledFromId" TEXT;

-- migrate:down
ALTER TABLE "ApiKey" DROP COLUMN "rolledFromId", DROP COLUMN "expiresAt", DROP COLUMN "mode", DROP COLUMN "scopes";
DROP TABLE "UserToken";
DROP TABLE "UserSession";
ALTER TABLE "User" DROP COLUMN "deactivatedAt", DROP COLUMN "companyRole";
DROP TYPE "CompanyRole";
