/**
 * The master's side of KVS signaling: the session's credentials for the first open, fresh ones
 * (presigned URL and ICE servers) for every later open, the channel kept open by the keeper, and
 * answers and candidates paced under the socket's quotas and sent on whichever channel is open.
 * While none is, they wait.
 */
import type { IceServer, IceTransportPolicy, SignalingCredentials } from "../protocol/api.ts";
import { backoff, type ReconnectPolicy } from "../protocol/reconnect.ts";
import { createPacedSender } from "./paced-sender.ts";
import { createSignalingChannel, type SignalingHandlers } from "./signaling-channel.ts";
import { keepSignalingOpen, type SignalingState } from "./signaling-keeper.ts";
import type { Timers } from "./wake-timer.ts";

export interface MasterSignalingOptions {
  channelArn: string;
  region: string;
  /** From session creation; used for the first open. */
  credentials: SignalingCredentials;
  /** Fresh presigned URL and ICE servers for every later open. */
  refreshCredentials: () => Promise<SignalingCredentials>;
  policy?: ReconnectPolicy;
  isFatal?: (error: unknown) => boolean;
  timers?: Timers;
  /** Milliseconds on a monotonic clock, for the viewers' deadlines and the send quotas. */
  now?: () => number;
}

export interface MasterSignalingEvents {
  offer: (offer: RTCSessionDescriptionInit, clientId: string) => void;
  candidate: (candidate: RTCIceCandidateInit, clientId: string) => void;
  state: (state: SignalingState) => void;
  /** The keeper gave up; it is closed. */
  failed: (error: unknown) => void;
}

export interface MasterSignaling {
  readonly state: SignalingState;
  /** From the latest credentials, for the next viewer's peer connection. */
  readonly ice: { iceServers: IceServer[]; iceTransportPolicy: IceTransportPolicy };
  sendAnswer(answer: RTCSessionDescriptionInit, clientId: string): void;
  sendCandidate(candidate: RTCIceCandidate, clientId: string): void;
  /** Forget what is buffered for a viewer that left, so a rejoin with the same id starts clean. */
  forget(clientId: string): void;
  close(): void;
}

export function openMasterSignaling(
  options: MasterSignalingOptions,
  events: MasterSignalingEvents,
): MasterSignaling {
  let ice = {
    iceServers: options.credentials.iceServers,
    iceTransportPolicy: options.credentials.iceTransportPolicy ?? "all",
  };
  let firstUrl: string | null = options.credentials.signedUrl;

  const signedUrl = async () => {
    if (firstUrl) {
      const url = firstUrl;
      firstUrl = null;
      return url;
    }
    const fresh = await options.refreshCredentials();
    ice = { iceServers: fresh.iceServers, iceTransportPolicy: fresh.iceTransportPolicy ?? "all" };
    return fresh.signedUrl;
  };

  const handlers: Pick<SignalingHandlers, "offer" | "candidate"> = {
    offer: events.offer,
    candidate: (candidate, clientId) => {
      if (clientId) events.candidate(candidate, clientId);
    },
  };
  const sender = createPacedSender({
    channel: () => keeper.channel,
    now: options.now ?? (() => performance.now()),
    timers: options.timers ?? globalThis,
  });
  const keeper = keepSignalingOpen({
    create: (channelHandlers) =>
      createSignalingChannel(
        { role: "MASTER", channelArn: options.channelArn, region: options.region, signedUrl },
        {
          ...channelHandlers,
          // A socket opened (a first open, a reconnect, a GO_AWAY successor): what waited goes now.
          open: () => {
            channelHandlers.open?.();
            sender.release();
          },
        },
      ),
    handlers,
    policy: options.policy ?? backoff(),
    isFatal: options.isFatal,
    onState: events.state,
    onGiveUp: events.failed,
    ...(options.timers ? { timers: options.timers } : {}),
  });

  return {
    get state() {
      return keeper.state;
    },
    get ice() {
      return ice;
    },
    sendAnswer: (answer, clientId) => sender.queue({ kind: "answer", clientId, answer }),
    sendCandidate: (candidate, clientId) =>
      sender.queue({ kind: "candidate", clientId, candidate: candidate.toJSON() }),
    forget: (clientId) => {
      sender.forget(clientId);
      keeper.channel?.forget(clientId);
    },
    close: () => {
      sender.close();
      keeper.close();
    },
  };
}
