/** At most this many webhook secrets are valid at once (the current one plus old ones being rotated out). */
export const MAX_WEBHOOK_SECRETS = 3;
