/**
 * What each viewer's senders carry, and who gets in: the pure rules behind pause, mute, switch
 * source and ask-before-join. The master applies them with `RTCRtpSender.replaceTrack`, so a
 * paused or waiting viewer's senders carry no track at all: nothing from the source is sent.
 */

export interface SourceTracks<T> {
  video: T | null;
  audio: T | null;
}

export interface MediaControls {
  paused: boolean;
  audioMuted: boolean;
}

export function tracksFor<T>(
  source: SourceTracks<T>,
  controls: MediaControls,
  admitted: boolean,
): SourceTracks<T> {
  const sending = admitted && !controls.paused;
  return {
    video: sending ? source.video : null,
    audio: sending && !controls.audioMuted ? source.audio : null,
  };
}

export type Admission = "ignore" | "wait" | "admit";

/**
 * A removed viewer's offers are ignored (the server refuses it too); with ask-before-join on, a
 * viewer waits unless the sharer let it in earlier in this share (a reconnect keeps its place).
 */
export function admissionFor(
  clientId: string,
  rules: { askBeforeJoin: boolean; admitted: ReadonlySet<string>; removed: ReadonlySet<string> },
): Admission {
  if (rules.removed.has(clientId)) return "ignore";
  if (!rules.askBeforeJoin || rules.admitted.has(clientId)) return "admit";
  return "wait";
}
