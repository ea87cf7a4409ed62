import { describe, expect, it } from "vitest";
import { hostPermissionFor, parseServerUrl } from "./server-origin.ts";

describe("server URLs", () => {
  it("normalises http(s) URLs and drops trailing slashes", () => {
    expect(parseServerUrl(" http://127.0.0.1:8787/ ")).toBe("http://127.0.0.1:8787");
    expect(parseServerUrl("https://beam.example.com/base/")).toBe("https://beam.example.com/base");
  });

  it("rejects what is not an http(s) URL", () => {
    expect(parseServerUrl("127.0.0.1:8787")).toBeNull();
    expect(parseServerUrl("ftp://example.com")).toBeNull();
    expect(parseServerUrl("")).toBeNull();
  });

  it("asks for a host permission only beyond the loopback servers in the manifest", () => {
    expect(hostPermissionFor("http://127.0.0.1:8787")).toBeNull();
    expect(hostPermissionFor("http://localhost:9000")).toBeNull();
    expect(hostPermissionFor("https://127.0.0.1:8787")).toBe("https://127.0.0.1/*");
    expect(hostPermissionFor("https://beam.example.com/base")).toBe("https://beam.example.com/*");
  });
});
