// Stands in for the "server-only" marker package under Vitest: outside React
// Server Components its real entry throws by design.
export {};
