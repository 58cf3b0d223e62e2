// Loaded with `node --import` by the worker, simulators and scripts (not by
// Next.js, which has its own handling of both):
// - reads .env into process.env (variables already set win), as Next.js does;
// - maps the "server-only" marker package to an empty module, since outside
//   React Server Components its default export throws by design.
import { existsSync } from "node:fs";
import { register } from "node:module";

if (existsSync(".env") && typeof process.loadEnvFile === "function") process.loadEnvFile(".env");

register(
  "data:text/javascript," +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {}", shortCircuit: true };
  return next(specifier, context);
}`),
  import.meta.url,
);
