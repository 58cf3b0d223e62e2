// The BullMQ ceiling for the worker, in a process of its own: a queue and a worker that does
// nothing, on the bench's Redis db, with the app's Redis client settings, job options and
// WORKER_CONCURRENCY. `run` adds `jobs` jobs (addBulk of 100, as a burst of orders adds them),
// then starts the worker and times the drain; CPU per job is this process's own.
import { Queue, Worker } from "bullmq";
import { env } from "../../lib/env";
import { createRedis } from "../../lib/redis";
import { defaultJobOptions } from "../../lib/queue/connection";
import { QUEUES } from "../../lib/queue/names";
import { serve } from "./child";

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function run({ jobs }: { jobs: number }) {
  const name = `bench-noop-${process.pid}-${Date.now()}`;
  const producer = createRedis({ producer: true });
  const queue = new Queue(name, { connection: producer });
  const opts = defaultJobOptions(QUEUES.forward);
  let t = performance.now();
  let cpu = cpuMs();
  for (let i = 0; i < jobs; i += 100) {
    const n = Math.min(100, jobs - i);
    await queue.addBulk(Array.from({ length: n }, (_, k) => ({ name: "noop", data: { i: i + k }, opts: { ...opts, jobId: `noop-${i + k}` } })));
  }
  const add = { seconds: (performance.now() - t) / 1000, cpuMs: cpuMs() - cpu };

  const concurrency = env().WORKER_CONCURRENCY;
  let done = 0;
  let finish: () => void = () => undefined;
  const drained = new Promise<void>((r) => (finish = r));
  t = performance.now();
  cpu = cpuMs();
  const blocking = createRedis({ blocking: true });
  const worker = new Worker(name, async () => undefined, { connection: blocking, concurrency });
  worker.on("completed", () => {
    if (++done === jobs) finish();
  });
  await drained;
  const drain = { seconds: (performance.now() - t) / 1000, cpuMs: cpuMs() - cpu };
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  producer.disconnect();
  blocking.disconnect();
  return {
    concurrency,
    addPerSec: jobs / add.seconds,
    addCpuMsPerJob: add.cpuMs / jobs,
    jobsPerSec: jobs / drain.seconds,
    cpuMsPerJob: drain.cpuMs / jobs,
  };
}

serve({ run });
