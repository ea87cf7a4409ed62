import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import type { ChannelStore } from "./channel-store.ts";
import { invalidArgument, KvsError, notFound, rawHttpError } from "./errors.ts";
import type { EmulatorLimits } from "./limits.ts";
import type { Role } from "./signaling-frames.ts";
import { type Effect, emptyRegistry, type RegistryEvent, reduce } from "./signaling-registry.ts";
import { type VerifierIdentity, verifyPresignedUrl } from "./sigv4-verify.ts";

export interface SignalingDeps {
  identity: VerifierIdentity;
  store: ChannelStore;
  limits: EmulatorLimits;
  clock: () => number;
}

const SIGNALING_ARN = /^arn:aws:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+\/[a-zA-Z0-9_.-]+\/[0-9]+$/;
const CLIENT_ID = /^[a-zA-Z0-9_.-]{1,256}$/;

/** Thin adapter between `ws` sockets and the pure signaling registry: authenticates upgrades, runs effects. */
export class SignalingHub {
  private state = emptyRegistry();
  private readonly sockets = new Map<string, WebSocket>();
  private readonly wss: WebSocketServer;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly deps: SignalingDeps) {
    // The emulator may share the API's process: a flood of huge frames must cost nothing to refuse.
    this.wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: deps.limits.maxFrameBytes,
    });
    const { idleTimeoutMs, goAwayGraceMs, maxConnectionMs } = deps.limits;
    const finest = Math.min(idleTimeoutMs, goAwayGraceMs || idleTimeoutMs, maxConnectionMs);
    this.timer = setInterval(() => this.tick(), Math.max(20, Math.min(1000, Math.floor(finest / 4))));
    this.timer.unref();
  }

  /** ConnectAsMaster / ConnectAsViewer: verify the presigned URL, then upgrade or answer with an HTTP error. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    let connect: Extract<RegistryEvent, { type: "connect" }>;
    try {
      connect = this.authorize(req);
    } catch (error) {
      if (!(error instanceof KvsError)) throw error;
      socket.end(rawHttpError(error));
      return;
    }
    const { state, effects } = reduce(this.state, connect, this.deps.limits);
    this.state = state;
    const rejection = effects.find((e) => e.kind === "reject");
    if (rejection) {
      // Over-limit connects fail the upgrade; browsers only see a failed WebSocket.
      socket.end(rawHttpError(new KvsError(rejection.errorType, rejection.message, 403)));
      return;
    }
    // ws completes the upgrade synchronously, so no event can reach the new connection before it is registered.
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      this.register(connect.connectionId, connect.channelArn, ws),
    );
    if (!this.sockets.has(connect.connectionId))
      this.dispatch({ type: "disconnect", connectionId: connect.connectionId });
    this.apply(effects);
  }

  connections(channelArn?: string): { masters: number; viewers: number } {
    const all = [...this.state.connections.values()].filter(
      (c) => !channelArn || c.channelArn === channelArn,
    );
    return {
      masters: all.filter((c) => c.role === "MASTER").length,
      viewers: all.filter((c) => c.role === "VIEWER").length,
    };
  }

  /** The client ids of the viewers connected to a channel now. */
  viewerClientIds(channelArn: string): string[] {
    return Object.keys(this.state.channels.get(channelArn)?.viewerIds ?? {});
  }

  /** When the channel's newest master connection opened (emulator clock), or undefined without one. */
  masterConnectedAt(channelArn: string): number | undefined {
    const masters = [...this.state.connections.values()].filter(
      (c) => c.channelArn === channelArn && c.role === "MASTER",
    );
    return masters.length ? Math.max(...masters.map((c) => c.connectedAt)) : undefined;
  }

  tick(): void {
    this.dispatch({ type: "tick", now: this.deps.clock() });
  }

  goAway(channelArn?: string): void {
    this.dispatch({ type: "goAway", now: this.deps.clock(), ...(channelArn ? { channelArn } : {}) });
  }

  drop(channelArn: string, role?: Role): void {
    this.dispatch({
      type: "closeChannel",
      channelArn,
      abrupt: true,
      forget: false,
      ...(role ? { role } : {}),
    });
  }

  channelDeleted(channelArn: string): void {
    this.dispatch({ type: "closeChannel", channelArn, abrupt: false, forget: true });
  }

  /** Sends GO_AWAY to every socket, then closes them all. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    const sockets = [...this.sockets.values()];
    for (const ws of sockets) this.sendFrame(ws, { messageType: "GO_AWAY" });
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            ws.once("close", () => resolve());
            ws.close(1001, "Going away");
            setTimeout(() => ws.terminate(), 1000).unref();
          }),
      ),
    );
    this.state = emptyRegistry();
  }

  private authorize(req: IncomingMessage): Extract<RegistryEvent, { type: "connect" }> {
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k.toLowerCase()] = v;
    const now = this.deps.clock();
    const params = verifyPresignedUrl(
      {
        method: "GET",
        rawPath: queryAt < 0 ? url : url.slice(0, queryAt),
        rawQuery: queryAt < 0 ? "" : url.slice(queryAt + 1),
        headers,
      },
      this.deps.identity,
      now,
    );
    const channelArn = params.get("X-Amz-ChannelARN");
    if (!channelArn || !SIGNALING_ARN.test(channelArn))
      throw invalidArgument("X-Amz-ChannelARN is missing or invalid.");
    if (!this.deps.store.findByArn(channelArn)) throw notFound();
    const clientId = params.get("X-Amz-ClientId");
    if (clientId !== undefined && (!CLIENT_ID.test(clientId) || /^aws_/i.test(clientId))) {
      throw invalidArgument(
        "X-Amz-ClientId must be 1-256 characters of [a-zA-Z0-9_.-] and must not start with AWS_.",
      );
    }
    return {
      type: "connect",
      connectionId: randomUUID(),
      channelArn,
      now,
      ...(clientId === undefined ? {} : { clientId }),
    };
  }

  private register(connectionId: string, channelArn: string, ws: WebSocket): void {
    this.sockets.set(connectionId, ws);
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      const ttlSeconds =
        this.deps.store.findByArn(channelArn)?.messageTtlSeconds ?? this.deps.limits.defaultMessageTtlSeconds;
      this.dispatch({
        type: "message",
        connectionId,
        text: data.toString(),
        ttlSeconds,
        now: this.deps.clock(),
      });
    });
    ws.on("ping", () => this.dispatch({ type: "activity", connectionId, now: this.deps.clock() }));
    ws.on("error", () => {});
    ws.on("close", () => {
      this.sockets.delete(connectionId);
      this.dispatch({ type: "disconnect", connectionId });
    });
  }

  private dispatch(event: RegistryEvent): void {
    const { state, effects } = reduce(this.state, event, this.deps.limits);
    this.state = state;
    this.apply(effects);
  }

  private apply(effects: Effect[]): void {
    for (const effect of effects) {
      if (effect.kind === "reject") continue;
      const ws = this.sockets.get(effect.connectionId);
      if (!ws) continue;
      if (effect.kind === "send") this.sendFrame(ws, effect.frame);
      else if (effect.abrupt) ws.terminate();
      else ws.close(effect.code, effect.reason);
    }
  }

  private sendFrame(ws: WebSocket, frame: object): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  }
}
