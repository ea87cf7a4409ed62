import { describe, expect, it } from "vitest";
import { resolveLimits } from "./limits.ts";
import { emptyRegistry, type RegistryEvent, type RegistryState, reduce } from "./signaling-registry.ts";

const ARN = "arn:aws:kinesisvideo:us-west-2:123456789012:channel/room/1700000000000";
const T = 1_000_000;

function drive(events: RegistryEvent[]): RegistryState {
  let state = emptyRegistry();
  for (const event of events) state = reduce(state, event, resolveLimits({})).state;
  return state;
}
const connect = (connectionId: string, clientId?: string): RegistryEvent => ({
  type: "connect",
  connectionId,
  channelArn: ARN,
  now: T,
  ...(clientId ? { clientId } : {}),
});

describe("signaling registry memory", () => {
  it("forgets a channel once nobody is connected and its connect-rate window has passed", () => {
    const left: RegistryEvent[] = [
      connect("m"),
      connect("v", "viewer-1"),
      { type: "disconnect", connectionId: "m" },
      { type: "disconnect", connectionId: "v" },
    ];
    expect(drive([...left, { type: "tick", now: T + 500 }]).channels.has(ARN)).toBe(true);
    expect(drive([...left, { type: "tick", now: T + 1000 }]).channels.size).toBe(0);
  });

  it("keeps a channel someone is still connected to", () => {
    const state = drive([connect("m"), { type: "tick", now: T + 5000 }]);
    expect(state.channels.get(ARN)?.masterIds).toEqual(["m"]);
  });
});
