import WebSocket from "ws";
import type { SharerBrowser } from "./sharer-browser";
import { waitFor } from "./wait";

/**
 * What a person cannot see but fault tests must: the share state the background stores, the
 * master's peer connections and heap in the offscreen document, and stopping the service worker.
 * The offscreen document is not a Playwright page, so it is reached over raw CDP.
 */

type TargetInfo = { id: string; type: string; url: string; webSocketDebuggerUrl?: string };

/** The share state the background keeps in chrome.storage.session (`peers` is the master's count). */
export async function storedShare(sharer: SharerBrowser): Promise<{ status: string; peers?: number }> {
  const worker = await sharer.serviceWorker();
  return worker.evaluate('chrome.storage.session.get("share").then((items) => items.share)');
}

async function targets(port: number): Promise<TargetInfo[]> {
  const response = await fetch(`http://127.0.0.1:${port}/json/list`);
  return (await response.json()) as TargetInfo[];
}

/** Stops the extension's service worker the way Chrome does when it idles it out. */
export async function stopServiceWorker(sharer: SharerBrowser): Promise<void> {
  const find = async () =>
    (await targets(sharer.debuggingPort)).find(
      (t) =>
        t.type === "service_worker" && t.url.startsWith(sharer.extensionOrigin) && t.webSocketDebuggerUrl,
    );
  const worker = await find();
  if (!worker) throw new Error("no service worker target for the extension");
  // A worker that Chrome starts again at once (an event arrived) may keep its target id; a mark in
  // its global scope tells the old worker from the new one.
  await evaluateIn(worker, "self.__beamStopMark = true");
  await fetch(`http://127.0.0.1:${sharer.debuggingPort}/json/close/${worker.id}`);
  await waitFor("the service worker to stop", async () => {
    const now = await find();
    if (!now) return true;
    return (await evaluateIn(now, "self.__beamStopMark === true").catch(() => undefined)) === false;
  });
}

async function evaluateIn(target: TargetInfo, expression: string): Promise<unknown> {
  const cdp = await connect(target.webSocketDebuggerUrl as string);
  try {
    const reply = await cdp.send("Runtime.evaluate", { expression, returnByValue: true });
    return reply.result.value;
  } finally {
    cdp.close();
  }
}

/** Crashes the sharer's whole browser, as a power cut or a killed process would: nothing says goodbye. */
export async function crashBrowser(sharer: SharerBrowser): Promise<void> {
  const version = await fetch(`http://127.0.0.1:${sharer.debuggingPort}/json/version`);
  const { webSocketDebuggerUrl } = (await version.json()) as { webSocketDebuggerUrl: string };
  const cdp = await connect(webSocketDebuggerUrl);
  // No reply comes: the browser is gone before it could send one.
  void cdp.send("Browser.crash").catch(() => {});
  await waitFor("the sharer's browser to go away", () =>
    fetch(`http://127.0.0.1:${sharer.debuggingPort}/json/version`).then(
      () => false,
      () => true,
    ),
  );
  cdp.close();
}

export interface MasterProbe {
  /** RTCPeerConnections alive in the offscreen document, and how many of them are not closed. */
  peerConnections(): Promise<{ total: number; open: number }>;
  /** JS heap in use after a full garbage collection. */
  heapUsedBytes(): Promise<number>;
  close(): void;
}

export async function probeMaster(sharer: SharerBrowser): Promise<MasterProbe> {
  const target = await waitFor("the offscreen document target", async () =>
    (await targets(sharer.debuggingPort)).find(
      (t) => t.url.startsWith(`${sharer.extensionOrigin}/offscreen.html`) && t.webSocketDebuggerUrl,
    ),
  );
  const cdp = await connect(target.webSocketDebuggerUrl as string);
  return {
    async peerConnections() {
      await cdp.send("HeapProfiler.collectGarbage");
      const proto = await cdp.send("Runtime.evaluate", { expression: "RTCPeerConnection.prototype" });
      const found = await cdp.send("Runtime.queryObjects", { prototypeObjectId: proto.result.objectId });
      const counted = await cdp.send("Runtime.callFunctionOn", {
        objectId: found.objects.objectId,
        functionDeclaration:
          "function () { return { total: this.length, open: this.filter((pc) => pc.connectionState !== 'closed').length }; }",
        returnByValue: true,
      });
      await cdp.send("Runtime.releaseObjectGroup", { objectGroup: "" }).catch(() => {});
      return counted.result.value as { total: number; open: number };
    },
    async heapUsedBytes() {
      await cdp.send("HeapProfiler.collectGarbage");
      return (await cdp.send("Runtime.getHeapUsage")).usedSize as number;
    },
    close: () => cdp.close(),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: CDP results are untyped JSON.
type Cdp = { send(method: string, params?: object): Promise<any>; close(): void };

async function connect(url: string): Promise<Cdp> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let nextId = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.on("message", (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    const pending = message.id === undefined ? undefined : waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id as number);
    if (message.error) pending.reject(new Error(message.error.message));
    else pending.resolve(message.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        waiting.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}
