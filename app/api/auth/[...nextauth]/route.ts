// GET|POST /api/auth/* – next-auth (credentials sign-in, JWT session, sign-out); sign-in attempts rate-limited
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { signInWait } from "@/lib/account/sign-in-limit";
import { env } from "@/lib/env";

const handler = NextAuth(authOptions());

/**
 * A credentials sign-in is counted per account and per address before next-auth checks the
 * password. Over the limit: 429 with Retry-After, and the body next-auth's client reads (its
 * `error` says RateLimited:<seconds>, which the sign-in form turns into a sentence).
 */
async function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] | string }> }) {
  const { nextauth } = await ctx.params;
  if ((Array.isArray(nextauth) ? nextauth.join("/") : nextauth) === "callback/credentials") {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = String(form?.get("email") ?? "");
    const wait = await signInWait(email, req.headers);
    if (wait > 0) {
      const url = new URL("/login", env().APP_URL);
      url.searchParams.set("error", `RateLimited:${wait}`);
      return NextResponse.json(
        { url: url.toString(), error: { code: "rate_limited", message: `Too many sign-in attempts. Try again in ${wait} seconds.` } },
        { status: 429, headers: { "Retry-After": String(wait) } },
      );
    }
  }
  return handler(req, ctx as { params: Promise<{ nextauth: string[] }> });
}

export { handler as GET, POST };
