import { describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { createLogger } from "../logger.ts";
import { createTokenService } from "../tokens.ts";
import type { ViewerFiles } from "../viewer-files.ts";
import { inlineHashes } from "./inline-hashes.ts";
import { signalingSources, viewerContentSecurityPolicy } from "./security-headers.ts";

const SESSION = "AAAAAAAAAAAAAAAAAAAAAA";
const viewerFiles: ViewerFiles = {
  read: async (path) => (path === "index.html" ? new TextEncoder().encode("<!doctype html>") : null),
};

function appWith(signalingSourcesOption?: readonly string[], files: ViewerFiles = viewerFiles) {
  const lines: string[] = [];
  const clock = { now: () => Date.now() };
  const app = createApp({
    config: {
      apiKey: undefined,
      publicUrl: "http://127.0.0.1:8787",
      sessionTtlSeconds: 3600,
      ...(signalingSourcesOption ? { signalingSources: signalingSourcesOption } : {}),
    },
    kvs: {} as never,
    tokens: createTokenService({ secrets: ["s".repeat(32)], clock }),
    clock,
    logger: createLogger({ level: "debug", write: (line) => lines.push(line) }),
    viewerFiles: files,
  });
  return { app, lines };
}

describe("signaling sources for connect-src", () => {
  it("names the emulator's WebSocket origin, or KVS's regional endpoints in AWS mode", () => {
    expect(signalingSources({ mode: "emulator", wssEndpoint: "ws://127.0.0.1:8788" })).toEqual([
      "ws://127.0.0.1:8788",
    ]);
    expect(signalingSources({ mode: "aws", region: "eu-west-1" })).toEqual([
      "wss://*.kinesisvideo.eu-west-1.amazonaws.com",
      "wss://*.kinesisvideo.eu-west-1.api.aws",
    ]);
    expect(signalingSources({ mode: "aws", region: "cn-north-1" })[0]).toBe(
      "wss://*.kinesisvideo.cn-north-1.amazonaws.com.cn",
    );
  });
});

describe("viewer page headers", () => {
  it("serves the page under the measured strict CSP, narrowed to the signaling origin", async () => {
    const { app } = appWith(["wss://*.kinesisvideo.us-west-2.amazonaws.com"]);
    const page = await app.request(`/v/${SESSION}`);
    expect(page.headers.get("content-security-policy")).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; " +
        "connect-src 'self' wss://*.kinesisvideo.us-west-2.amazonaws.com; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'",
    );
    expect(Object.fromEntries(page.headers)).toMatchObject({
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "permissions-policy": expect.stringContaining("camera=()"),
      "cache-control": "no-cache",
    });
    // Costs a process swap (about 250 ms to the first script) and protects nothing here.
    expect(page.headers.has("cross-origin-opener-policy")).toBe(false);
  });

  it("allows the built page's inline script and styles by hash, read and hashed once", async () => {
    const html =
      '<!doctype html><script>early()</script><script type="module">main()</script><style>p{}</style>';
    let reads = 0;
    const files: ViewerFiles = {
      read: async (path) => {
        reads++;
        return path === "index.html" ? new TextEncoder().encode(html) : null;
      },
    };
    const { app } = appWith(["ws://127.0.0.1:8788"], files);
    const pages = await Promise.all([app.request(`/v/${SESSION}`), app.request(`/v/${SESSION}`)]);
    const { scripts, styles } = inlineHashes(html);
    for (const page of pages) {
      expect(await page.text()).toBe(html);
      expect(page.headers.get("content-security-policy")).toContain(
        `script-src 'self' ${scripts.join(" ")}; style-src 'self' ${styles.join(" ")};`,
      );
    }
    expect(scripts).toHaveLength(2);
    expect(reads).toBe(1);
  });

  it("falls back to any ws:/wss: origin when the signaling origin is not known", async () => {
    const page = await appWith().app.request(`/v/${SESSION}`);
    expect(page.headers.get("content-security-policy")).toBe(viewerContentSecurityPolicy(["ws:", "wss:"]));
    expect(page.headers.get("content-security-policy")).toContain("connect-src 'self' ws: wss:;");
  });

  it("sends nosniff and no-referrer everywhere, and no-store on API answers, errors included", async () => {
    const { app } = appWith();
    for (const path of ["/healthz", "/v/assets/missing.js", "/nothing"]) {
      const response = await app.request(path);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
    const refused = await app.request(`/api/sessions/${SESSION}/master`, { method: "POST" });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("the token never reaches a log line", () => {
  it("logs the path only: a token sent (wrongly) in the query or in a header is not written", async () => {
    const { app, lines } = appWith();
    const token = "eyJ2IjoxLCJzaWQiOiJBQUFBIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";
    await app.request(`/v/${SESSION}?token=${token}#${token}`);
    await app.request(`/api/sessions/${SESSION}/master`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    await app.request(`/api/sessions/${SESSION}/viewers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.map((line) => JSON.parse(line).path)).toContain(`/v/${SESSION}`);
    for (const line of lines) expect(line).not.toContain(token.slice(0, 20));
  });
});
