import type { LogLevel } from "./config.ts";

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Field names whose values are never written: tokens, keys, secrets and presigned URLs. */
const SECRET_FIELD = /token|secret|password|credential|authorization|api.?key|signature|signed.?url/i;

export const REDACTED = "[redacted]";

/** AWS access key ids (long-term AKIA…, temporary ASIA…) wherever they appear, e.g. inside an AWS error message. */
const AWS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_FIELD.test(key) ? REDACTED : redact(item, depth + 1),
    ]),
  );
}

/** A structured JSON-lines logger that drops secret-looking fields before writing. */
export function createLogger(options: {
  level: LogLevel;
  write?: (line: string) => void;
  now?: () => number;
  /** Values never to print, wherever they turn up (API key, token secrets, emulator credentials). */
  secrets?: readonly (string | undefined)[];
}): Logger {
  const secrets = (options.secrets ?? []).filter((secret): secret is string => (secret?.length ?? 0) >= 8);
  const scrub = (line: string) =>
    secrets.reduce((text, secret) => text.replaceAll(secret, REDACTED), line).replace(AWS_KEY_ID, REDACTED);
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const min = RANK[options.level];
  const log = (level: Exclude<LogLevel, "silent">) => (message: string, fields?: LogFields) => {
    if (RANK[level] < min) return;
    const safe = fields ? (redact(fields) as LogFields) : {};
    write(scrub(JSON.stringify({ time: new Date(now()).toISOString(), level, msg: message, ...safe })));
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

export const silentLogger: Logger = createLogger({ level: "silent" });
