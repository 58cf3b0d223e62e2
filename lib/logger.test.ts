import { describe, expect, it } from "vitest";
import { captureLogs, currentRequestId, enterLogContext, log, withLogContext } from "./logger";

describe("logger", () => {
  it("puts the log context's request id on every line written in it, and masks secrets", async () => {
    const c = captureLogs("info");
    try {
      log.debug("below the level");
      await withLogContext({ requestId: "r-1" }, async () => {
        await new Promise((r) => setTimeout(r, 1));
        log.info("inside", { apiKey: "pk_live_x", n: 1 });
      });
      log.info("outside");
    } finally {
      c.stop();
    }
    log.info("after stop");
    expect(c.lines.map(({ t, ...rest }) => (expect(t).toEqual(expect.any(String)), rest))).toEqual([
      { level: "info", msg: "inside", requestId: "r-1", apiKey: "[redacted]", n: 1 },
      { level: "info", msg: "outside" },
    ]);
  });

  it("enterLogContext holds for the rest of the async function, not for its caller", async () => {
    const job = async () => {
      await Promise.resolve();
      enterLogContext({ requestId: "job-req" });
      await new Promise((r) => setTimeout(r, 1));
      return currentRequestId();
    };
    expect(await job()).toBe("job-req");
    expect(currentRequestId()).toBeUndefined();
  });
});
