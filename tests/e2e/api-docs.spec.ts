// /docs in a real browser: Swagger UI (served from its npm package by the app, no CDN) renders
// /api/openapi.json with the order routes, without signing in.
import { expect, test } from "@playwright/test";

test("the API reference renders the OpenAPI document from the app's own assets", async ({ page }) => {
  const external: string[] = [];
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (u.hostname !== "127.0.0.1" && u.hostname !== "localhost" && u.protocol.startsWith("http")) external.push(req.url());
  });
  await page.goto("/docs");
  await expect(page.locator(".swagger-ui .info .title")).toContainText("Phone Portal API");
  await expect(page.locator('.opblock-summary-path[data-path="/api/orders"]').first()).toBeVisible();
  await expect(page.locator('.opblock-summary-path[data-path="/api/account/api-keys/{id}/roll"]')).toBeVisible();
  expect(external).toEqual([]);
});
