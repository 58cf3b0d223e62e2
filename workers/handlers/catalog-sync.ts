import type { Job } from "bullmq";
import { jobs } from "../../lib/queue/jobs";
import { runSupplierSync } from "../../lib/catalog/sync/run-supplier-sync";

/** A scheduled or "sync now" run; "already running" completes the job (the running one covers it). */
export async function handleCatalogSync(job: Job) {
  const payload = jobs.catalogSync.payload.parse(job.data);
  return runSupplierSync(payload);
}
