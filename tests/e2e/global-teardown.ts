// Playwright global teardown: stop what global-setup.ts started (the simulators,
// the mail catcher and the worker), each by its process group. The web app is
// playwright.config.ts's webServer, which Playwright stops itself.
import { stopStack } from "./support/stack";

export default async function globalTeardown() {
  await stopStack(10_000);
}
