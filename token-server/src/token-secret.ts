import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const TOKEN_SECRET_FILE = "token-secret";
const MIN_SECRET_LENGTH = 32;

/**
 * Returns the persisted token secret, creating it on first use. Persisting it (mode 0600) keeps
 * viewer links and master tokens valid across restarts without asking the user to configure one.
 */
export function loadOrCreateTokenSecret(dataDir: string): string {
  const file = join(dataDir, TOKEN_SECRET_FILE);
  const existing = readSecret(file);
  if (existing !== null) return existing;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx" fails if another process created the file meanwhile; then we use theirs.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    return secret;
  } catch (error) {
    const raced = readSecret(file);
    if (raced !== null) return raced;
    throw error;
  }
}

function readSecret(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `${file} holds a token secret shorter than ${MIN_SECRET_LENGTH} characters; delete it to regenerate`,
    );
  }
  return secret;
}
