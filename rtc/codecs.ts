/**
 * Codec preferences that keep offers and answers under KVS's 10K signaling payload limit
 * (a default Chrome offer is over it once base64-encoded). Beam sends VP8 and H.264 video
 * (with their RTX) and Opus audio; everything else is dropped from the SDP.
 */
const VIDEO = ["video/vp8", "video/h264", "video/rtx"];
const AUDIO = ["audio/opus"];

interface Codec {
  mimeType: string;
  sdpFmtpLine?: string;
}

/** Keeps the wanted codecs in preference order; H.264 only in its common packetization-mode=1 profiles. */
export function preferredCodecs<T extends Codec>(kind: "audio" | "video", codecs: readonly T[]): T[] {
  const wanted = kind === "video" ? VIDEO : AUDIO;
  const kept = codecs.filter((codec) => {
    const mime = codec.mimeType.toLowerCase();
    if (!wanted.includes(mime)) return false;
    if (mime === "video/h264") {
      const fmtp = codec.sdpFmtpLine ?? "";
      return fmtp.includes("packetization-mode=1") && /profile-level-id=42e01f/i.test(fmtp);
    }
    return true;
  });
  const rank = (codec: T) => wanted.indexOf(codec.mimeType.toLowerCase());
  return kept.sort((a, b) => rank(a) - rank(b));
}

/**
 * Firefox (140 ESR, measured) keeps the `a=rtcp-fb` lines of the codecs `setCodecPreferences` removed,
 * and Chromium refuses such a description ("Failed to parse codecs correctly"). Firefox's own codec
 * list is short (no H.264 until its plugin is downloaded), so its full offer stays under the limit
 * (≈5.8K base64 measured) and it keeps that list.
 */
export function leavesStaleCodecLines(userAgent: string): boolean {
  return /\bFirefox\//.test(userAgent);
}

/** Applies `preferredCodecs` to every transceiver whose kind the browser can describe. */
export function applyCodecPreferences(pc: RTCPeerConnection, userAgent = navigator.userAgent): void {
  if (leavesStaleCodecLines(userAgent)) return;
  for (const transceiver of pc.getTransceivers()) {
    const kind = transceiver.receiver.track.kind as "audio" | "video";
    const capabilities = RTCRtpReceiver.getCapabilities(kind);
    if (!capabilities || typeof transceiver.setCodecPreferences !== "function") continue;
    const codecs = preferredCodecs(kind, capabilities.codecs);
    if (codecs.length > 0) transceiver.setCodecPreferences(codecs);
  }
}

/** The payload as KVS measures it: base64 of the JSON of the description. */
export function signalingPayloadLength(description: RTCSessionDescriptionInit): number {
  const json = JSON.stringify({ type: description.type, sdp: description.sdp });
  return Math.ceil(new TextEncoder().encode(json).length / 3) * 4;
}
