/**
 * Seat and facilitator tokens: 144 random bits, base64url (24 characters). Only hashes are
 * stored, and comparison is constant-time so a token cannot be guessed byte by byte.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const newToken = (): string => randomBytes(18).toString("base64url");

export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/** Whether `token` hashes to `hash`. Never true for an empty hash or a non-string token. */
export function tokenMatches(token: unknown, hash: string): boolean {
  if (typeof token !== "string" || token.length === 0 || token.length > 200 || !hash) return false;
  const a = Buffer.from(hashToken(token), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
