import { describe, expect, it } from "vitest";
import { formatBitrate, viewerRows } from "./viewer-row.ts";

const time = (ms: number) => `t${ms}`;

describe("viewerRows", () => {
  it("numbers viewers by join time and says how each is connected", () => {
    const rows = viewerRows(
      [
        { clientId: "b", joinedAt: 20, status: "live", connection: "relay", bitrateKbps: 2400 },
        { clientId: "a", joinedAt: 10, status: "live", connection: "direct", bitrateKbps: 640 },
      ],
      time,
    );
    expect(rows).toEqual([
      { clientId: "a", name: "Viewer 1", detail: "joined t10 · direct · 640 kbit/s", waiting: false },
      { clientId: "b", name: "Viewer 2", detail: "joined t20 · relay · 2.4 Mbit/s", waiting: false },
    ]);
  });

  it("marks a viewer waiting to be let in, and one still connecting", () => {
    const [waiting, connecting] = viewerRows(
      [
        { clientId: "w", joinedAt: 1, status: "waiting", connection: "direct", bitrateKbps: 0 },
        { clientId: "c", joinedAt: 2, status: "connecting" },
      ],
      time,
    );
    expect(waiting).toMatchObject({ waiting: true, detail: "joined t1 · wants to watch · direct" });
    expect(connecting?.detail).toBe("joined t2 · connecting…");
  });

  it("formats bitrates", () => {
    expect(formatBitrate(999)).toBe("999 kbit/s");
    expect(formatBitrate(1500)).toBe("1.5 Mbit/s");
  });
});
