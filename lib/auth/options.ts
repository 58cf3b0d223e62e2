import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db/client";
import { env } from "../env";
import { verifyPassword } from "./password";
import { endSession, startSession } from "./sessions";

export const signInSchema = z.object({
  email: z.email("Enter a valid email address").transform((v) => v.toLowerCase()),
  password: z.string().min(1, "Enter your password").max(200),
});

/** A hash that costs what a real check costs, so an unknown email answers as slowly as a wrong password. */
const DUMMY_HASH = "$2b$10$3GAgpnTu0UophIlF8WgX..Llfu8AHNvJKK90Tgzp2IEBNKn0YJ7WS";

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
        async authorize(raw, req) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) return null;
          const user = await db.user.findUnique({
            where: { email: parsed.data.email },
            select: { id: true, email: true, name: true, passwordHash: true, deactivatedAt: true },
          });
          const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
          // A deactivated user gets the same answer as a wrong password: no hint who exists.
          if (!user || !ok || user.deactivatedAt) return null;
          const ua = (req?.headers as Record<string, string | undefined> | undefined)?.["user-agent"];
          const sid = await startSession(user.id, ua);
          return { id: user.id, email: user.email, name: user.name, sid };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // Only who and which session: role, company and permissions are read per request
        // (lib/auth/sessions.ts), so a change to them applies within a second.
        if (user) {
          const u = user as unknown as { id: string; sid: string };
          token.uid = u.id;
          token.sid = u.sid;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) Object.assign(session.user, { id: token.uid, sid: token.sid });
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
  };
}
