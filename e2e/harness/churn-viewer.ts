import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import type { ViewerJoinResponse } from "../../protocol/api";
import { parseViewerLink } from "../../protocol/link";
import { PEER_CHANNEL } from "../../protocol/peer-messages";

/**
 * A viewer reduced to what the master sees: join over the HTTP API, then, inside a page, speak the
 * KVS signaling protocol over a bare WebSocket, connect a peer connection with only the Beam data
 * channel (no media to encode and decode: the master's bookkeeping is what is under test), and
 * leave. Hundreds of these fit in one page, where full viewer pages would each need a context.
 */
export async function joinAsViewer(viewerUrl: string): Promise<ViewerJoinResponse> {
  const link = parseViewerLink(new URL(viewerUrl));
  if (!link) throw new Error(`not a viewer link: ${viewerUrl}`);
  const response = await fetch(`${new URL(viewerUrl).origin}/api/sessions/${link.sessionId}/viewers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: link.token, viewerId: randomBytes(16).toString("base64url") }),
  });
  if (!response.ok) throw new Error(`viewer join answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as ViewerJoinResponse;
}

/** One visit: connect until the data channel opens, then close everything. Returns the ms it took. */
export function visit(page: Page, credentials: ViewerJoinResponse): Promise<number> {
  const { signedUrl, iceServers } = credentials;
  return page.evaluate(
    async ({ signedUrl, iceServers, peerChannel }) => {
      const started = performance.now();
      const encode = (value: unknown) => btoa(JSON.stringify(value));
      const pc = new RTCPeerConnection({ iceServers });
      const ws = new WebSocket(signedUrl);
      try {
        const channel = pc.createDataChannel(peerChannel.label, { negotiated: true, id: peerChannel.id });
        const opened = new Promise<void>((resolve, reject) => {
          channel.onopen = () => resolve();
          setTimeout(() => reject(new Error(`no data channel after 10 s (${pc.connectionState})`)), 10_000);
        });
        ws.onmessage = ({ data }) => {
          const message = JSON.parse(String(data)) as { messageType?: string; messagePayload?: string };
          if (!message.messagePayload) return;
          const payload = JSON.parse(atob(message.messagePayload));
          if (message.messageType === "SDP_ANSWER") void pc.setRemoteDescription(payload);
          if (message.messageType === "ICE_CANDIDATE") void pc.addIceCandidate(payload).catch(() => {});
        };
        await new Promise((resolve, reject) => {
          ws.onopen = resolve;
          ws.onerror = () => reject(new Error("signaling WebSocket failed"));
        });
        pc.onicecandidate = ({ candidate }) => {
          if (candidate)
            ws.send(JSON.stringify({ action: "ICE_CANDIDATE", messagePayload: encode(candidate) }));
        };
        const offer = await pc.createOffer();
        await pc.setLocalDescription(offer);
        ws.send(JSON.stringify({ action: "SDP_OFFER", messagePayload: encode(offer) }));
        await opened;
        return performance.now() - started;
      } finally {
        pc.close();
        ws.close();
      }
    },
    { signedUrl, iceServers, peerChannel: PEER_CHANNEL },
  );
}
