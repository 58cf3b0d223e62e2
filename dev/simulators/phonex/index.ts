// The PhoneX simulator: one Fetch-API core (createPhoneXSimulator) served by
// msw in tests and by node:http (startPhoneXSimulatorServer) for the demo.
export { createPhoneXSimulator } from "./simulator";
export type { PhoneXSimulator, PhoneXSimulatorOptions, PhoneXSimulatorState, SimulatorConfig } from "./simulator";
export { phonexCatalog, type PhoneXCatalogItem } from "../../../prisma/demo-data/phonex-catalog";
export { DEFAULT_KNOBS, parseKnobs, type PhoneXSimulatorKnobs } from "./knobs";
export type { SimOrder } from "./lifecycle";
export type { WebhookDelivery } from "./webhooks";
