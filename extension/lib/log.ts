/**
 * The extension's console log: `[beam]` and the level first, secrets scrubbed from every argument.
 * The background's lines show in the service worker's console (chrome://extensions → Inspect views),
 * the master's in its document's. Arguments become scrubbed text, so a signed URL, a master token or
 * a viewer link's token (its `#` fragment) never reaches the console, even inside an error message.
 */
export type Level = "debug" | "info" | "warn" | "error";

export type Sink = Pick<Console, Level>;

const PREFIX = "[beam]";

/** Each secret's pattern keeps its name or URL and replaces the value with `…`. */
const SECRETS: ReadonlyArray<[RegExp, string]> = [
  [/(X-Amz-(?:Signature|Security-Token|Credential)=)[^&\s"']+/gi, "$1…"],
  [/(masterToken"?\s*[:=]\s*"?)[^"&\s,}]+/gi, "$1…"],
  [/(Bearer\s+)[^\s"',}]+/gi, "$1…"],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s"'#]+)#[^\s"']*/gi, "$1#…"],
];

export function scrub(text: string): string {
  return SECRETS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function printable(value: unknown): unknown {
  if (typeof value === "string") return scrub(value);
  if (value instanceof Error) return scrub(`${value.name}: ${value.message}`);
  if (typeof value === "object" && value !== null) return scrub(JSON.stringify(value) ?? String(value));
  return value;
}

export type Logger = Record<Level, (...args: unknown[]) => void>;

export function createLogger(sink: Sink = console): Logger {
  const at =
    (level: Level) =>
    (...args: unknown[]) =>
      sink[level](PREFIX, ...args.map(printable));
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

export const log = createLogger();

/** A `.catch` handler that logs a failure the caller chose not to let through (best-effort work). */
export const logFailure =
  (what: string, level: Level = "warn") =>
  (error: unknown): void =>
    log[level](what, error);
