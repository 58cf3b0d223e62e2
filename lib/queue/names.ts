/** Queue names, in one place so producer and worker cannot disagree. */
export const QUEUES = {
  forward: "orders-forward",
  webhooks: "webhooks-process",
  email: "email-send",
  orders: "orders-ops",
  maintenance: "maintenance",
  catalogSync: "catalog-sync",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
