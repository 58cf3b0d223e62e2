// Prisma CLI configuration. The CLI is used only to generate the client:
// migrations are SQL files applied with dbmate (see README), because the
// schema engine the CLI would download is not reachable from every machine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/portal" },
});
