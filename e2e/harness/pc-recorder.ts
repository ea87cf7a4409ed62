/**
 * An init script for viewer pages: wraps the RTCPeerConnection constructor so the test can find every
 * connection the page creates (in `window.__pcs`) and read its stats.
 */
export const RECORD_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || window.__pcs) return;
  window.__pcs = [];
  const Recorded = function (...args) {
    const pc = new Native(...args);
    window.__pcs.push(pc);
    return pc;
  };
  Recorded.prototype = Native.prototype;
  Object.setPrototypeOf(Recorded, Native);
  window.RTCPeerConnection = Recorded;
})();`;

export interface InboundVideoStats {
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  /** Address of the remote candidate on the selected pair, to prove media stays on loopback. */
  remoteAddress: string | null;
}

/** Runs in the page: the best inbound-rtp video stats over every recorded peer connection. */
export async function readInboundVideo(): Promise<InboundVideoStats> {
  const pcs = ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter(
    (pc) => pc.connectionState !== "closed",
  );
  const best: InboundVideoStats = { framesDecoded: 0, frameWidth: 0, frameHeight: 0, remoteAddress: null };
  for (const pc of pcs) {
    const stats = await pc.getStats();
    const byId = new Map<string, Record<string, unknown>>();
    stats.forEach((report: Record<string, unknown>) => {
      byId.set(report.id as string, report);
    });
    for (const report of byId.values()) {
      if (report.type === "inbound-rtp" && report.kind === "video") {
        const decoded = Number(report.framesDecoded ?? 0);
        if (decoded >= best.framesDecoded) {
          best.framesDecoded = decoded;
          best.frameWidth = Number(report.frameWidth ?? 0);
          best.frameHeight = Number(report.frameHeight ?? 0);
        }
      }
      if (report.type === "candidate-pair" && report.state === "succeeded" && report.nominated) {
        const remote = byId.get(report.remoteCandidateId as string);
        best.remoteAddress = (remote?.address as string | undefined) ?? best.remoteAddress;
      }
    }
  }
  return best;
}
