import type { JobHandler } from "../../lib/queue/run-job";
import { refreshSupplierScores } from "../../lib/scorecards/refresh-supplier-scores";

/** The suppliers' cached scores (what routing reads) are recomputed from the scorecards. */
export const refreshSupplierScoresHandler: JobHandler = {
  async run() {
    return { kind: "done", result: await refreshSupplierScores() };
  },
  // The next tick recomputes them anyway.
  async exhausted() {},
};
