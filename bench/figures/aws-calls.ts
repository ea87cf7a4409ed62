/**
 * KVS calls per viewer join, counted at the emulator: Beam answers a warm join from its cache; the
 * baseline makes its four lookups every time. Also session creation with 40 ms per AWS call.
 */
import { type Figure, judge } from "../lib/figure";
import { joinRequest, type Stack, startStack } from "../lib/stack";
import { median } from "../lib/stats";

// Under the 5 TPS per-channel GetIceServerConfig quota that throttles the baseline.
const JOINS = 4;
const DELAYED_CREATES = 10;
export const AWS_DELAY_MS = 40;

async function callsPerJoin(stack: Stack, serverUrl: string, path: string, body: string): Promise<number> {
  stack.emulator.resetCalls();
  for (let i = 0; i < JOINS; i++) {
    const response = await fetch(`${serverUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    if (!response.ok)
      throw new Error(`viewer join on ${serverUrl}: ${response.status} ${await response.text()}`);
  }
  return stack.emulator.calls().total / JOINS;
}

export async function awsCallFigures(): Promise<Figure[]> {
  const stack = await startStack();
  try {
    stack.emulator.resetCalls();
    const session = await stack.createSession();
    const perCreate = stack.emulator.calls().total;
    const join = joinRequest(session);
    const beam = await callsPerJoin(stack, stack.beamUrl, join.path, join.body);
    const baseline = await callsPerJoin(stack, stack.baselineUrl, join.path, join.body);

    stack.emulator.setCallDelayMs(AWS_DELAY_MS);
    const creates: number[] = [];
    for (let i = 0; i < DELAYED_CREATES; i++) {
      const started = performance.now();
      await stack.createSession();
      creates.push(performance.now() - started);
    }
    return [
      judge({
        id: "aws_calls_per_join",
        label: "AWS calls per viewer join (warm)",
        value: beam,
        unit: "calls",
        baseline,
        goal: { on: "value", op: "==", target: 0, text: "0 (baseline 4)" },
        note: `counted at the emulator over ${JOINS} joins of one session`,
      }),
      judge({
        id: "aws_calls_per_session_create",
        label: "AWS calls per session create",
        value: perCreate,
        unit: "calls",
        note: "CreateSignalingChannel, then GetSignalingChannelEndpoint (MASTER, VIEWER) and GetIceServerConfig to warm the join cache",
      }),
      judge({
        id: "session_create_40ms_median_ms",
        label: `session create median (${AWS_DELAY_MS} ms per AWS call)`,
        value: median(creates),
        unit: "ms",
        note: `${DELAYED_CREATES} sequential creates; the warm-up calls run in parallel after the create`,
      }),
    ];
  } finally {
    await stack.close();
  }
}
