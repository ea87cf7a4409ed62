import { describe, expect, it } from "vitest";
import { createLogger, type Level, type Sink, scrub } from "./log.ts";

const recording = () => {
  const lines: [Level, ...unknown[]][] = [];
  const sink: Sink = {
    debug: (...args) => void lines.push(["debug", ...args]),
    info: (...args) => void lines.push(["info", ...args]),
    warn: (...args) => void lines.push(["warn", ...args]),
    error: (...args) => void lines.push(["error", ...args]),
  };
  return { sink, lines };
};

describe("log", () => {
  it("writes each level to the console's method of that name, prefixed [beam]", () => {
    const { sink, lines } = recording();
    const log = createLogger(sink);
    log.debug("a");
    log.info("b", 1);
    log.warn("c");
    log.error("d", true);
    expect(lines).toEqual([
      ["debug", "[beam]", "a"],
      ["info", "[beam]", "b", 1],
      ["warn", "[beam]", "c"],
      ["error", "[beam]", "d", true],
    ]);
  });

  it("never prints a presigned URL's signature or session token", () => {
    const url =
      "wss://v-1.kinesisvideo.us-west-2.amazonaws.com/?X-Amz-Credential=AKIA%2F1&X-Amz-Security-Token=tok&X-Amz-Signature=abc123&X-Amz-Date=1";
    expect(scrub(url)).toBe(
      "wss://v-1.kinesisvideo.us-west-2.amazonaws.com/?X-Amz-Credential=…&X-Amz-Security-Token=…&X-Amz-Signature=…&X-Amz-Date=1",
    );
  });

  it("never prints a viewer link's token, the part after #", () => {
    expect(scrub("copied http://127.0.0.1:8787/v/session-1#viewer-token now")).toBe(
      "copied http://127.0.0.1:8787/v/session-1#… now",
    );
  });

  it("never prints a master token, whether in JSON, a query or a bearer header", () => {
    expect(scrub('{"sessionId":"s","masterToken":"secret-1"}')).toBe('{"sessionId":"s","masterToken":"…"}');
    expect(scrub("?masterToken=secret-2&x=1")).toBe("?masterToken=…&x=1");
    expect(scrub("authorization: Bearer secret-3")).toBe("authorization: Bearer …");
  });

  it("scrubs errors and objects too, printing them as text", () => {
    const { sink, lines } = recording();
    const log = createLogger(sink);
    log.warn("failed", new Error("GET http://h/v/s#tok refused"), { masterToken: "m", code: "x" });
    expect(lines).toEqual([
      ["warn", "[beam]", "failed", "Error: GET http://h/v/s#… refused", '{"masterToken":"…","code":"x"}'],
    ]);
  });
});
