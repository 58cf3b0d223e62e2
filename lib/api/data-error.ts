import { errorChain } from "../error-chain";

/**
 * A Postgres data exception (SQLSTATE class 22: invalid text, out-of-range
 * dates, bad escapes in a pattern, …) somewhere in the cause chain, as Prisma
 * and its pg adapter wrap it. These come from a client's value, so they are a
 * 422, never a 500.
 */
const MESSAGES: Record<string, string> = {
  "22021": "Contains bytes that are not valid text",
  "22P05": "Contains characters that cannot be stored",
  "22008": "A date is out of range",
  "22007": "A date is not valid",
  "22025": "A search value is not valid",
  "22003": "A number is out of range",
  "22P02": "A value has the wrong format",
};

export function dataError(err: unknown): { code: string; message: string } | null {
  for (const { message, codes } of errorChain(err)) {
    // Prisma's raw-query errors put the SQLSTATE in the message ("Code: `22P05`").
    const code = codes.find((c) => /^22[0-9A-Z]{3}$/.test(c)) ?? /Code: `(22[0-9A-Z]{3})`/.exec(message)?.[1];
    if (code) return { code, message: MESSAGES[code] ?? "A value cannot be stored or compared" };
  }
  return null;
}
