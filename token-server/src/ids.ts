import { createHash, randomFillSync } from "node:crypto";

/**
 * Random bytes from the CSPRNG, drawn in blocks: one `randomBytes(16)` per viewer join cost more
 * than the id it makes. Every byte is handed out once; the block is refilled when used up.
 */
const pool = Buffer.alloc(4096);
let poolUsed = pool.length;
function randomBytes(count: number): Buffer {
  if (poolUsed + count > pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  poolUsed += count;
  return Buffer.from(pool.subarray(poolUsed - count, poolUsed));
}

/** 128 random bits, base64url (22 characters): unguessable, and valid in a KVS channel name. */
export function newSessionId(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * A KVS viewer client id (`[a-zA-Z0-9_.-]`, never starting with `AWS_`). Without a viewer id it is
 * fresh and random. With one it is derived from it, so a reloading viewer takes over its previous
 * signaling connection instead of adding a second one; hashing keeps callers from choosing the id.
 */
export function viewerClientId(sessionId: string, viewerId?: string): string {
  const suffix =
    viewerId === undefined
      ? randomBytes(16).toString("base64url")
      : createHash("sha256").update(`${sessionId}:${viewerId}`).digest("base64url").slice(0, 22);
  return `viewer-${suffix}`;
}

/** 64 random bits, base64url (11 characters): a viewer link's id, kept in a channel tag. */
export function newLinkId(): string {
  return randomBytes(8).toString("base64url");
}
