// Loaded with `node --import` by the worker, simulators and scripts (not by
// Next.js): maps the "server-only" marker package to an empty module, since
// outside React Server Components its default export throws by design.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {}", shortCircuit: true };
  return next(specifier, context);
}`),
  import.meta.url,
);
