/** Test helper: a KVS signaling WebSocket opened with a presigned URL, its frames collected as JSON. */
import { expect } from "vitest";
import WebSocket from "ws";

export type Frame = Record<string, unknown>;

export interface SignalingSocket {
  /** Sends a client → KVS message; `payload` is JSON, base64-encoded as KVS expects. */
  send(
    action: string,
    payload: unknown,
    extra?: { recipientClientId?: string; correlationId?: string },
  ): void;
  /** Sends a message whose payload is already the base64 text (for the size limit). */
  sendRaw(message: Frame): void;
  /** Waits (10 s at most: AWS is slower than the emulator) for a frame matching `predicate`. */
  next(predicate: (frame: Frame) => boolean): Promise<Frame>;
  close(): void;
}

export const base64Json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");
export const fromBase64Json = (text: unknown) => JSON.parse(Buffer.from(String(text), "base64").toString());

export async function openSignaling(
  url: string,
  options: WebSocket.ClientOptions = {},
): Promise<SignalingSocket> {
  const socket = new WebSocket(url, options);
  const frames: Frame[] = [];
  socket.on("message", (data) => {
    // KVS also sends empty keep-alive frames; only JSON messages matter here.
    const text = data.toString();
    if (text.trim()) frames.push(JSON.parse(text) as Frame);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("unexpected-response", (_request, response) =>
      reject(new Error(`signaling refused the connection: HTTP ${response.statusCode}`)),
    );
    socket.once("error", reject);
  });
  return {
    send: (action, payload, extra = {}) =>
      socket.send(JSON.stringify({ action, messagePayload: base64Json(payload), ...extra })),
    sendRaw: (message) => socket.send(JSON.stringify(message)),
    async next(predicate) {
      await expect.poll(() => frames.find(predicate), { timeout: 10_000, interval: 50 }).toBeDefined();
      const found = frames.find(predicate) as Frame;
      frames.splice(frames.indexOf(found), 1);
      return found;
    },
    close: () => socket.close(),
  };
}
