// The PhoneX simulator and the mail catcher the order loop runs against, in a process of their
// own (not the load client's, not the orchestrator's): scripts/bench/order-loop.ts starts it and
// reads its CPU from /proc. The mail catcher forgets what it received every second (the bench
// only counts), so a long run does not hold every email in memory.
import { startMailCatcher } from "../../dev/mail-catcher/mail-catcher";
import { startPhoneXSimulatorServer } from "../../dev/simulators/phonex/server";
import { serve } from "./child";

let received = 0;
const mail = await startMailCatcher({ smtpPort: 0, onMessage: () => received++ });
setInterval(() => mail.clear(), 1000).unref();
const sim = await startPhoneXSimulatorServer({
  port: 0,
  host: "127.0.0.1",
  apiKey: process.env.PHONEX_API_KEY!,
  webhookSecret: process.env.PHONEX_WEBHOOK_SECRET,
  // Orders stay where the worker put them: the bench sends the webhooks itself.
  autoAdvance: false,
  logRequests: false,
});

serve({
  ports: () => ({ smtpPort: mail.smtpPort, phonexPort: sim.port }),
  stats: () => ({ emails: received, supplierOrders: sim.sim.state.orders.size }),
});

process.on("SIGTERM", () => {
  void Promise.allSettled([sim.close(), mail.close()]).then(() => process.exit(0));
});
