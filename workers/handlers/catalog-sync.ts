import { jobs } from "../../lib/queue/jobs";
import type { JobHandler } from "../../lib/queue/run-job";
import { runSupplierSync } from "../../lib/catalog/sync/run-supplier-sync";

/** A scheduled or "sync now" run; "already running" completes the job (the running one covers it). */
export const catalogSyncHandler: JobHandler = {
  async run(data) {
    const payload = jobs.catalogSync.payload.parse(data);
    return { kind: "done", result: await runSupplierSync(payload) };
  },
  // The sync log records each failed run; the next scheduled run resumes from its checkpoint.
  async exhausted() {},
};
