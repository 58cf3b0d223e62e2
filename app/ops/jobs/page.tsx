import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { QUEUES } from "@/lib/queue/names";
import { FailedJobs } from "@/components/ops/jobs/failed-jobs";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Failed work · Ops" };

/** Every queue's failed, stalled and given-up jobs; retry or discard one or many. */
export default async function OpsJobsPage() {
  await requireStaff("/ops/jobs");
  return (
    <>
      <PageHeader
        title="Failed work"
        subtitle="Jobs that failed, stalled or were given up, from the queues and from Postgres. A retry runs the work once more under the same job; a discard leaves its order or email as it is."
      />
      <FailedJobs queues={Object.values(QUEUES)} />
    </>
  );
}
