/** Test helper: drives the pure signaling registry with plain events and a number for `now`. */
import { resolveLimits } from "./limits.ts";
import {
  type Effect,
  emptyRegistry,
  type RegistryEvent,
  type RegistryState,
  reduce,
} from "./signaling-registry.ts";

export const ARN = "arn:aws:kinesisvideo:us-west-2:123456789012:channel/room/1700000000000";
export const limits = resolveLimits({ connectsPerSecondPerChannel: 0 });
export const payload = (text: string) =>
  Buffer.from(JSON.stringify({ type: "offer", sdp: text })).toString("base64");

/** Drives the reducer like the adapter does and keeps the effects of each step. */
export class Harness {
  state: RegistryState = emptyRegistry();
  now = 1_000_000;

  constructor(private readonly lim = limits) {}

  run(event: RegistryEvent): Effect[] {
    const { state, effects } = reduce(this.state, event, this.lim);
    this.state = state;
    return effects;
  }
  connect(id: string, clientId?: string): Effect[] {
    return this.run({
      type: "connect",
      connectionId: id,
      channelArn: ARN,
      now: this.now,
      ...(clientId ? { clientId } : {}),
    });
  }
  send(id: string, message: object, ttlSeconds = 60): Effect[] {
    return this.run({
      type: "message",
      connectionId: id,
      text: JSON.stringify(message),
      ttlSeconds,
      now: this.now,
    });
  }
}

export const sends = (effects: Effect[]) => effects.filter((e) => e.kind === "send");
