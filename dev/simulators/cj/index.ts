// The CJ simulator: one Fetch-API core (createCjSimulator) served by msw in
// tests (tests/msw/cj.ts) and by node:http (startCjSimulatorServer) for the demo.
export { createCjSimulator, DEFAULT_OPEN_ID } from "./simulator";
export type { CjSimulator, CjSimulatorOptions, CjSimulatorState, SimulatorConfig } from "./simulator";
export { cjCatalog, CJ_WAREHOUSES, type CjSimProduct, type CjSimVariant, type CjWarehouseCode } from "../../../prisma/demo-data/cj-catalog";
export { DEFAULT_KNOBS, parseKnobs, type CjSimulatorKnobs } from "./knobs";
export { freightOptions } from "./orders";
export type { SimOrder } from "./lifecycle";
export type { CjMessage, WebhookDelivery } from "./webhooks";
