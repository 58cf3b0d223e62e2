// The WesellCellular simulator (assumed contract, docs/suppliers.md (WesellCellular)): one
// Fetch-API core (createWscSimulator) served by msw in tests and by node:http
// (startWscSimulatorServer) for the demo.
export { createWscSimulator } from "./simulator";
export type { WscSimulator, WscSimulatorOptions, WscSimulatorState } from "./simulator";
export { wscCatalog, type WscCatalogItem } from "../../../prisma/demo-data/wesellcellular-catalog";
export { DEFAULT_KNOBS, parseKnobs, type WscSimulatorKnobs } from "./knobs";
export type { SimSalesOrder } from "./lifecycle";
