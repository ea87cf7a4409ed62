/** Runs in a viewer page: how its peer connections are configured and which candidates carry media. */
export interface CandidateReport {
  policies: string[];
  /** Candidate types of the selected pairs' ends. */
  selectedLocal: string[];
  selectedRemote: string[];
  /** The TURN server each selected local relay candidate was allocated on. */
  selectedLocalUrls: string[];
  /** Every remote candidate the sharer sent (their types). */
  remoteTypes: string[];
}

export async function readCandidates(): Promise<CandidateReport> {
  const pcs = ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter(
    (pc) => pc.connectionState === "connected",
  );
  const report: CandidateReport = {
    policies: [],
    selectedLocal: [],
    selectedRemote: [],
    selectedLocalUrls: [],
    remoteTypes: [],
  };
  for (const pc of pcs) {
    report.policies.push(pc.getConfiguration().iceTransportPolicy ?? "all");
    const byId = new Map<string, Record<string, unknown>>();
    (await pc.getStats()).forEach((s: Record<string, unknown>) => {
      byId.set(s.id as string, s);
    });
    for (const s of byId.values()) {
      if (s.type === "remote-candidate") report.remoteTypes.push(String(s.candidateType));
      if (s.type === "transport" && typeof s.selectedCandidatePairId === "string") {
        const pair = byId.get(s.selectedCandidatePairId);
        const local = byId.get(String(pair?.localCandidateId));
        report.selectedLocal.push(String(local?.candidateType));
        report.selectedLocalUrls.push(String(local?.url));
        report.selectedRemote.push(String(byId.get(String(pair?.remoteCandidateId))?.candidateType));
      }
    }
  }
  return report;
}
