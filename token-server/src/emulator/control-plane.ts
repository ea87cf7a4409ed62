import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { CONTROL_OPERATIONS, type ControlContext } from "./control-ops.ts";
import { KvsError, writeJson, writeKvsError } from "./errors.ts";
import type { FaultInjector } from "./faults.ts";
import { getIceServerConfig, type IceContext } from "./ice-config.ts";
import type { EmulatorLimits } from "./limits.ts";
import { RateLimiter } from "./limits.ts";
import { type VerifierIdentity, verifyAuthorizationHeader } from "./sigv4-verify.ts";

export interface ApiDeps extends ControlContext, IceContext {
  identity: VerifierIdentity;
  limits: EmulatorLimits;
  callDelayMs: number;
  faults: FaultInjector;
}

interface Operation {
  name: string;
  handle(body: unknown, deps: ApiDeps): unknown;
}

const OPERATIONS: Record<string, Operation> = {
  ...CONTROL_OPERATIONS,
  "/v1/get-ice-server-config": { name: "GetIceServerConfig", handle: getIceServerConfig },
};

// Documented per-account TPS relative to the 50 TPS baseline (kvswebrtc-limits).
const ACCOUNT_TPS_FACTOR: Record<string, number> = {
  DescribeSignalingChannel: 6,
  GetSignalingChannelEndpoint: 6,
  UpdateMediaStorageConfiguration: 0.2,
};
const UNLIMITED_PER_CHANNEL = new Set([
  "CreateSignalingChannel",
  "GetSignalingChannelEndpoint",
  "ListSignalingChannels",
]);
const MAX_BODY_BYTES = 1 << 20;

export const isApiPath = (path: string): boolean => Object.hasOwn(OPERATIONS, path);

/** The REST JSON APIs (KinesisVideo control plane + KinesisVideoSignaling GetIceServerConfig). */
export class ApiHandler {
  private readonly counts = new Map<string, number>();
  private readonly limiter = new RateLimiter();

  constructor(private readonly deps: ApiDeps) {}

  calls(): { total: number; byOperation: Record<string, number> } {
    const byOperation = Object.fromEntries(this.counts);
    return { total: [...this.counts.values()].reduce((a, b) => a + b, 0), byOperation };
  }

  resetCalls(): void {
    this.counts.clear();
  }

  setCallDelayMs(ms: number): void {
    this.deps.callDelayMs = ms;
  }

  async handle(req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): Promise<void> {
    const op = OPERATIONS[rawPath] as Operation;
    this.counts.set(op.name, (this.counts.get(op.name) ?? 0) + 1);
    try {
      const body = await readBody(req);
      if (this.deps.callDelayMs > 0) await sleep(this.deps.callDelayMs);
      const now = this.deps.clock();
      const headers = lowerCaseHeaders(req);
      verifyAuthorizationHeader(
        { method: req.method ?? "", rawPath, rawQuery, headers, body },
        this.deps.identity,
        now,
      );
      if (req.method !== "POST")
        throw new KvsError("UnknownOperationException", "Operations are POST requests.");
      const input = parseJson(body);
      const fault = this.deps.faults.take(op.name);
      if (fault?.kind === "drop") {
        res.socket?.destroy();
        return;
      }
      if (fault) throw fault.error;
      this.throttle(op.name, input, now);
      writeJson(res, 200, op.handle(input, this.deps) ?? {});
    } catch (error) {
      if (!(error instanceof KvsError)) throw error;
      writeKvsError(res, error);
    }
  }

  private throttle(operation: string, input: Record<string, unknown>, now: number): void {
    const { controlPlaneTps, controlPlaneTpsPerChannel } = this.deps.limits;
    const accountLimit = Math.ceil(controlPlaneTps * (ACCOUNT_TPS_FACTOR[operation] ?? 1));
    const channel = input.ChannelARN ?? input.ResourceARN ?? input.ChannelName;
    const perChannelOk =
      UNLIMITED_PER_CHANNEL.has(operation) ||
      typeof channel !== "string" ||
      this.limiter.allow(`${operation}:${channel}`, now, controlPlaneTpsPerChannel);
    if (!perChannelOk || !this.limiter.allow(operation, now, accountLimit)) {
      throw new KvsError(
        "ClientLimitExceededException",
        "Your request has been throttled because you have exceeded the limit of allowed client calls. Try making the call later.",
      );
    }
  }
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new KvsError("SerializationException", "The request body is too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {}
  throw new KvsError("SerializationException", "The request body is not a JSON object.");
}
