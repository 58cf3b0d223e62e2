import { AppError } from "../../errors";
import type { Principal } from "../../auth/principal";

/**
 * Supplier settings hold the keys to our suppliers' accounts: ops may look,
 * test and reset a circuit, but only an admin changes them.
 */
export function assertAdmin(principal: Pick<Principal, "role">) {
  if (principal.role !== "admin") throw new AppError("forbidden", "Only an admin can change supplier settings");
}
