import { z } from "zod";
import { SYNC_KINDS } from "./types";

/** POST /api/ops/suppliers/{id}/sync */
export const requestSyncSchema = z.object({ kind: z.enum(SYNC_KINDS) });
export type RequestSyncInput = z.infer<typeof requestSyncSchema>;

/** GET /api/ops/sync-logs */
export const listSyncLogsQuerySchema = z.object({
  supplierId: z.string().min(1).max(100).optional(),
  cursor: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListSyncLogsQuery = z.infer<typeof listSyncLogsQuerySchema>;
