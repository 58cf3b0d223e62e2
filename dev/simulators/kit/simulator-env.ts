import { z } from "zod";

// Env parsing shared by scripts/*-simulator.ts. The scripts read their own
// variables rather than going through lib/env.ts, which demands the app's.

/** A probability knob, 0..1. */
export const envRate = z.coerce.number().min(0).max(1).optional();

/** A boolean knob: "true"/"1" or "false"/"0"; unset stays undefined (the simulator's default). */
export const envFlag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "true" || v === "1"));

/** Where every simulator listens: PORT (else derived from the supplier's API URL) and SIM_HOST. */
export const listenEnv = {
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SIM_HOST: z.string().default("127.0.0.1"),
};

/**
 * Parses process.env, treating empty variables as unset (so `FOO=` in .env
 * falls back to the default), and exits with one line per problem on failure:
 * a simulator started with bad knobs should say so, not run half-configured.
 */
export function parseSimulatorEnv<S extends z.ZodType>(schema: S, what = "simulator"): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    console.error(`Invalid ${what} configuration:\n${lines.join("\n")}`);
    process.exit(1);
  }
  return parsed.data;
}

/** PORT when given, else the port of the URL the app is configured to call, else the fallback. */
export function simulatorPort(port: number | undefined, apiUrl: string, fallback: number): number {
  return port ?? (Number(new URL(apiUrl).port) || fallback);
}
