import { describe, expect, it } from "vitest";
import { createLogger, REDACTED } from "./logger.ts";

// Shaped like an AWS access key id, assembled so that no such literal sits in the source.
const FAKE_KEY_ID = ["AKIA", "ABCDEFGHIJKLMNOP"].join("");

describe("logger", () => {
  it("writes JSON lines and redacts tokens, keys and presigned URLs at any depth", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", write: (line) => lines.push(line), now: () => 0 });
    logger.info("joined", {
      sessionId: "abc",
      token: "tok",
      nested: {
        masterToken: "m",
        apiKey: "k",
        signedUrl: "wss://x?X-Amz-Signature=1",
        list: [{ authorization: "Bearer k" }],
      },
    });
    const entry = JSON.parse(lines[0] ?? "{}");
    expect(entry).toEqual({
      time: "1970-01-01T00:00:00.000Z",
      level: "info",
      msg: "joined",
      sessionId: "abc",
      token: REDACTED,
      nested: {
        masterToken: REDACTED,
        apiKey: REDACTED,
        signedUrl: REDACTED,
        list: [{ authorization: REDACTED }],
      },
    });
  });

  it("drops entries below the level", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "warn", write: (line) => lines.push(line) });
    logger.info("quiet");
    logger.warn("loud");
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(["loud"]);
  });

  it("scrubs known secret values and AWS key ids even inside messages", () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "info",
      write: (line) => lines.push(line),
      secrets: ["api-key-0123456789", undefined],
    });
    logger.error("KVS failed", {
      error: new Error(`key ${FAKE_KEY_ID} denied; header api-key-0123456789`),
    });
    expect(lines[0]).not.toContain(FAKE_KEY_ID);
    expect(lines[0]).not.toContain("api-key-0123456789");
    expect(JSON.parse(lines[0] ?? "{}").error.message).toBe(`key ${REDACTED} denied; header ${REDACTED}`);
  });
});
