// The PhoneX simulator and the mail catcher the order loop runs against, in a process of their
// own (not the load client's, not the orchestrator's): scripts/bench/order-loop.ts starts it and
// reads its CPU from /proc. The SMTP side is a sink that only counts (smtp-server draining each
// message, no MIME parsing): the bench measures the portal, and the dev mail catcher's mailparser
// spent more CPU per email than the worker spends sending it, on the same two cores.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { startPhoneXSimulatorServer } from "../../dev/simulators/phonex/server";
import { serve } from "./child";

let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  closeTimeout: 500,
  onData(stream, _session, callback) {
    stream.resume();
    stream.once("end", () => {
      received++;
      callback();
    });
  },
});
smtp.on("error", () => undefined);
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
const mail = { smtpPort: (smtp.server.address() as AddressInfo).port, close: () => new Promise<void>((r) => smtp.close(() => r())) };
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
