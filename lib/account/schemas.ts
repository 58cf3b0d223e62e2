import { z } from "zod";
import { API_SCOPES, COMPANY_ROLES } from "../auth/permissions";

const email = z
  .email("Enter a valid email address")
  .max(200)
  .transform((v) => v.toLowerCase());
/** 8–200 characters: long passphrases welcome, bcrypt reads the first 72 bytes. */
export const newPassword = z.string().min(8, "Use at least 8 characters").max(200, "Use at most 200 characters");
const name = z.string().trim().min(1, "Enter a name").max(100);
const token = z.string().min(1).max(100);

export const inviteSchema = z.strictObject({ email, role: z.enum(COMPANY_ROLES) });
export const acceptInviteSchema = z.strictObject({ token, name, password: newPassword });
export const updateUserSchema = z
  .strictObject({ role: z.enum(COMPANY_ROLES).optional(), active: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.active !== undefined, { message: "Send role or active", path: ["body"] });
export const changePasswordSchema = z.strictObject({ currentPassword: z.string().min(1, "Enter your current password").max(200), newPassword });
export const forgotPasswordSchema = z.strictObject({ email });
export const resetPasswordSchema = z.strictObject({ token, password: newPassword });

export const createApiKeySchema = z.strictObject({
  name: name,
  scopes: z
    .array(z.enum(API_SCOPES))
    .min(1, "Choose at least one scope")
    .transform((s) => [...new Set(s)]),
  mode: z.enum(["live", "test"]).default("live"),
});
/** The old key keeps working this long after a roll (0: at once), at most 7 days. */
export const rollApiKeySchema = z.strictObject({
  graceSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86400)
    .default(86400),
});

export type InviteInput = z.output<typeof inviteSchema>;
