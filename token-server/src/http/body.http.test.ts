import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { apiClient, viewerTokenOf } from "../testing/api-client.ts";
import { serverPerFile } from "../testing/server-per-file.ts";

const files = serverPerFile();

/** POSTs `chunks` over Node's http client: without Content-Length it is sent chunked. */
function post(path: string, chunks: string[], headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: { error?: { code: string }; clientId?: string } }>(
    (resolve, reject) => {
      const req = request(`${files.server().url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
      });
      req.on("error", reject);
      req.on("response", (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      for (const chunk of chunks) req.write(chunk);
      req.end();
    },
  );
}

describe("request bodies over Node's HTTP server", () => {
  const { createSession } = apiClient(() => files.server().url);

  it("reads a JSON body sent chunked, a UTF-8 BOM dropped, and one with Content-Length", async () => {
    const session = await createSession();
    const path = `/api/sessions/${session.sessionId}/viewers`;
    const body = JSON.stringify({ token: viewerTokenOf(session), viewerId: "viewer-0001" });
    const chunked = await post(path, [body.slice(0, 10), body.slice(10)]);
    expect(chunked.status).toBe(200);
    expect(chunked.body.clientId).toEqual(expect.any(String));
    const withBom = `\uFEFF${body}`;
    const sized = await post(path, [withBom], { "content-length": String(Buffer.byteLength(withBom)) });
    expect(sized).toEqual({
      status: 200,
      body: expect.objectContaining({ clientId: chunked.body.clientId }),
    });
  });

  it("413 for a chunked body over the limit, and for a declared Content-Length over it", async () => {
    const session = await createSession();
    const path = `/api/sessions/${session.sessionId}/viewers`;
    const chunked = await post(path, ['{"token":"', "x".repeat(10_000), "x".repeat(10_000), '"}']);
    expect(chunked.status).toBe(413);
    expect(chunked.body.error?.code).toBe("payload_too_large");
    const big = `{"token":"${"x".repeat(20_000)}"}`;
    const sized = await post(path, [big], { "content-length": String(big.length) });
    expect(sized.body.error?.code).toBe("payload_too_large");
  });
});
