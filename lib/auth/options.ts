import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db/client";
import { env } from "../env";
import { verifyPassword } from "./password";
import type { Role } from "../db/generated/enums";

export const signInSchema = z.object({
  email: z.email("Enter a valid email address").transform((v) => v.toLowerCase()),
  password: z.string().min(1, "Enter your password").max(200),
});

export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 3600 },
    pages: { signIn: "/login" },
    useSecureCookies: env().SECURE_COOKIES,
    providers: [
      Credentials({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) return null;
          const user = await db.user.findUnique({
            where: { email: parsed.data.email },
            select: { id: true, email: true, name: true, role: true, companyId: true, passwordHash: true },
          });
          if (!user || !(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
          return { id: user.id, email: user.email, name: user.name, role: user.role, companyId: user.companyId };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; role: Role; companyId: string | null };
          token.uid = u.id;
          token.role = u.role;
          token.companyId = u.companyId;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          Object.assign(session.user, { id: token.uid, role: token.role, companyId: token.companyId ?? null });
        }
        return session;
      },
    },
  };
}
