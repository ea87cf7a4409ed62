/** A per-browser viewer id (22 chars of base64url), so the server can bind credentials to this browser. */
const KEY = "viewerId";
const VALID = /^[A-Za-z0-9_-]{16,64}$/;

type IdStorage = Pick<Storage, "getItem" | "setItem">;

export function loadViewerId(storage: () => IdStorage, randomBytes: (length: number) => Uint8Array): string {
  try {
    const stored = storage().getItem(KEY);
    if (stored && VALID.test(stored)) return stored;
  } catch {
    // Storage can be blocked (private modes, sandboxed frames): fall through to a fresh id.
  }
  const id = toBase64Url(randomBytes(16));
  try {
    storage().setItem(KEY, id);
  } catch {
    // A session-only id still lets this page join.
  }
  return id;
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}
