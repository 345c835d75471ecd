/**
 * Bearer tokens and webhook secrets: 32 random bytes (256 bits) in base64url, with a prefix that
 * says what the string is (and lets secret scanners find a leaked one). The server keeps only the
 * SHA-256 of each: a stolen database holds no usable credential.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** The prefix of API tokens (`vk_…`). */
export const TOKEN_PREFIX = "vk_";
/** The prefix of webhook trigger secrets (`whsec_…`). */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

/**
 * A new random credential: `prefix` + 43 base64url characters (32 bytes from the OS's CSPRNG).
 *
 * @example
 * const token = randomCredential(); // "vk_Jx3…"
 */
export function randomCredential(prefix = TOKEN_PREFIX): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** The SHA-256 hex of a credential, as the `tokens` and `webhook_secrets` tables store it. */
export function hashCredential(credential: string): string {
  return createHash("sha256").update(credential, "utf8").digest("hex");
}

/** Whether two hex digests are equal, in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
