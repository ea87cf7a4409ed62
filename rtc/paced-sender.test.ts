import { afterEach, describe, expect, it, vi } from "vitest";
import { createPacedSender } from "./paced-sender.ts";
import type { SignalingChannel } from "./signaling-channel.ts";

/** A channel that records what it sends, or refuses like the SDK on a socket that is not open. */
function recordingChannel() {
  const sent: string[] = [];
  let refusing = false;
  const channel: SignalingChannel = {
    open: () => {},
    close: () => {},
    sendOffer: () => {},
    sendAnswer: (_answer, clientId) => {
      if (refusing) throw new Error("not open");
      sent.push(`answer:${clientId}`);
    },
    sendCandidate: (candidate, clientId) => {
      if (refusing) throw new Error("not open");
      sent.push(`${candidate.candidate}:${clientId}`);
    },
    forget: () => {},
  };
  const refuse = (on: boolean) => {
    refusing = on;
  };
  return { channel, sent, refuse };
}

function setup() {
  vi.useFakeTimers();
  const recording = recordingChannel();
  let open: SignalingChannel | null = recording.channel;
  const sender = createPacedSender({ channel: () => open, now: () => Date.now(), timers: globalThis });
  const setOpen = (on: boolean) => {
    open = on ? recording.channel : null;
  };
  return { ...recording, sender, setOpen };
}

const answer = (clientId: string) => ({ kind: "answer", clientId, answer: { type: "answer" } }) as const;
const candidate = (clientId: string, c: string) =>
  ({ kind: "candidate", clientId, candidate: { candidate: c } }) as const;

describe("paced sender", () => {
  afterEach(() => vi.useRealTimers());

  it("sends at once under the quota and the rest when the window has room", () => {
    const { sender, sent } = setup();
    for (const id of ["a", "b", "c", "d", "e", "f"]) sender.queue(answer(id));
    expect(sent).toEqual(["a", "b", "c", "d", "e"].map((id) => `answer:${id}`));
    vi.advanceTimersByTime(1_099);
    expect(sent).toHaveLength(5);
    vi.advanceTimersByTime(1);
    expect(sent.at(-1)).toBe("answer:f");
  });

  it("holds everything while no channel is open and sends it in order on release", () => {
    const { sender, sent, setOpen } = setup();
    setOpen(false);
    sender.queue(answer("a"));
    sender.queue(candidate("a", "c1"));
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual([]);
    setOpen(true);
    sender.release();
    expect(sent).toEqual(["answer:a", "c1:a"]);
  });

  it("keeps what the socket refused for the next release, and forgets a viewer that left", () => {
    const { sender, sent, refuse } = setup();
    refuse(true);
    sender.queue(answer("a"));
    sender.queue(answer("b"));
    sender.forget("b");
    refuse(false);
    sender.release();
    expect(sent).toEqual(["answer:a"]);
  });
});
