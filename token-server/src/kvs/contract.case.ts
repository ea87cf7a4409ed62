/**
 * The KVS contract: what Beam relies on from Kinesis Video Streams signaling, written once and run
 * against every implementation (contract.emulator.test.ts always; contract.aws.test.ts against real
 * KVS when BEAM_AWS_CONTRACT=1). It goes through the KVS port where the server does, and through raw
 * SDK calls and presigned WebSockets where browsers and AWS's quotas do.
 */
import { DescribeSignalingChannelCommand } from "@aws-sdk/client-kinesis-video";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BeamError } from "../../../protocol/errors.ts";
import { newSessionId, viewerClientId } from "../ids.ts";
import {
  type Frame,
  fromBase64Json,
  openSignaling,
  type SignalingSocket,
} from "../testing/signaling-socket.ts";
import { createKvsClients, type KvsConnection } from "./clients.ts";
import { createKvsBackend, type KvsBackendOptions } from "./create-backend.ts";
import type { KvsBackend, KvsMode } from "./port.ts";
import { createRetryPolicy, errorName } from "./retry.ts";
import { BEAM_TAG } from "./tags.ts";

export interface ContractTarget {
  mode: KvsMode;
  connection: KvsConnection;
  /** Every channel the suite makes is named with it (the AWS run's IAM policy is scoped to it). */
  channelPrefix: string;
  close(): Promise<void>;
}

const isType = (type: string) => (frame: Frame) => frame.messageType === type;

export function describeKvsContract(name: string, setup: () => Promise<ContractTarget>): void {
  describe(`KVS contract: ${name}`, () => {
    let target: ContractTarget;
    const opened: { close(): unknown }[] = [];
    const sessionId = newSessionId();
    let channelArn = "";

    /** A backend as the server builds it: each one has cold caches (a fresh server instance). */
    const backend = (options: Partial<KvsBackendOptions> = {}): KvsBackend => {
      const kvs = createKvsBackend({
        mode: target.mode,
        connection: target.connection,
        channelPrefix: target.channelPrefix,
        presignExpiresSeconds: 120,
        clock: { now: () => Date.now() },
        ...options,
      });
      opened.push(kvs);
      return kvs.backend;
    };

    beforeAll(async () => {
      target = await setup();
    });
    afterAll(async () => {
      // Whatever failed above, leave no channel behind.
      if (target)
        await backend()
          .deleteChannel(sessionId)
          .catch(() => {});
      for (const resource of opened.splice(0).reverse()) await resource.close();
      await target?.close();
    });

    it("creates a channel tagged for the janitor, found by prefix", async () => {
      const expiresAt = Math.floor(Date.now() / 1000) + 600;
      ({ channelArn } = await backend().createSessionChannel({
        sessionId,
        source: "tab",
        expiresAt,
        linkId: "link-1",
      }));
      expect(channelArn).toMatch(/^arn:aws[a-z-]*:kinesisvideo:[a-z0-9-]+:\d{12}:channel\//);
      const kvs = backend();
      expect(await kvs.channelTags(channelArn)).toMatchObject({
        [BEAM_TAG.creator]: "beam",
        [BEAM_TAG.source]: "tab",
        [BEAM_TAG.expiresAt]: String(expiresAt),
        [BEAM_TAG.link]: "link-1",
      });
      expect(await kvs.admission(sessionId)).toEqual({ linkId: "link-1", removed: new Set() });
      const listed = await kvs.listSessionChannels();
      expect(listed.find((channel) => channel.arn === channelArn)).toMatchObject({ deleting: false });
    });

    it("describes the channel, gives endpoints and ICE servers, and presigns both roles cold", async () => {
      const kvs = backend();
      const master = await kvs.masterCredentials(sessionId);
      const clientId = viewerClientId(sessionId, "contract-viewer");
      const viewer = await kvs.viewerCredentials(sessionId, clientId);
      for (const credentials of [master, viewer]) {
        expect(credentials.channelArn).toBe(channelArn);
        const url = new URL(credentials.signedUrl);
        expect(url.protocol).toMatch(/^wss?:$/);
        expect(url.searchParams.get("X-Amz-ChannelARN")).toBe(channelArn);
        expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
        expect(credentials.iceServers.length).toBeGreaterThan(0);
        for (const server of credentials.iceServers) {
          for (const iceUrl of [server.urls].flat()) expect(iceUrl).toMatch(/^(stun|turns?):/);
        }
      }
      expect(new URL(viewer.signedUrl).searchParams.get("X-Amz-ClientId")).toBe(clientId);
    });

    describe("signaling over presigned WebSockets", () => {
      const clientId = viewerClientId(sessionId, "contract-peer");
      let master: SignalingSocket;
      let viewer: SignalingSocket;

      beforeAll(async () => {
        const kvs = backend();
        master = await openSignaling((await kvs.masterCredentials(sessionId)).signedUrl);
        opened.push(master);
        viewer = await openSignaling((await kvs.viewerCredentials(sessionId, clientId)).signedUrl);
        opened.push(viewer);
      });

      it("relays offer → answer → candidates, naming the viewer to the master", async () => {
        const offer = { type: "offer", sdp: "v=0 contract offer" };
        viewer.send("SDP_OFFER", offer);
        const gotOffer = await master.next(isType("SDP_OFFER"));
        expect([fromBase64Json(gotOffer.messagePayload), gotOffer.senderClientId]).toEqual([offer, clientId]);

        const answer = { type: "answer", sdp: "v=0 contract answer" };
        master.send("SDP_ANSWER", answer, { recipientClientId: clientId });
        expect(fromBase64Json((await viewer.next(isType("SDP_ANSWER"))).messagePayload)).toEqual(answer);

        const candidate = {
          candidate: "candidate:1 1 udp 1 192.0.2.1 5000 typ host",
          sdpMid: "0",
          sdpMLineIndex: 0,
        };
        viewer.send("ICE_CANDIDATE", candidate);
        const fromViewer = await master.next(isType("ICE_CANDIDATE"));
        expect([fromBase64Json(fromViewer.messagePayload), fromViewer.senderClientId]).toEqual([
          candidate,
          clientId,
        ]);
        master.send("ICE_CANDIDATE", candidate, { recipientClientId: clientId });
        expect(fromBase64Json((await viewer.next(isType("ICE_CANDIDATE"))).messagePayload)).toEqual(
          candidate,
        );
      });

      it("relays a 10,000-character payload and answers a longer one with InvalidArgumentException", async () => {
        viewer.sendRaw({ action: "ICE_CANDIDATE", messagePayload: "A".repeat(10_000) });
        expect((await master.next(isType("ICE_CANDIDATE"))).messagePayload).toHaveLength(10_000);
        viewer.sendRaw({
          action: "ICE_CANDIDATE",
          messagePayload: "A".repeat(10_004),
          correlationId: "too-big",
        });
        const status = await viewer.next(isType("STATUS_RESPONSE"));
        expect(status.statusResponse).toMatchObject({
          correlationId: "too-big",
          errorType: "InvalidArgumentException",
          statusCode: "400",
        });
      });
    });

    it("throttles a burst with ClientLimitExceededException, which the backend backs off from", async () => {
      const clients = createKvsClients(target.connection);
      opened.push({ close: () => clients.destroy() });
      const burst = await Promise.allSettled(
        Array.from({ length: 25 }, () =>
          clients.control.send(new DescribeSignalingChannelCommand({ ChannelARN: channelArn })),
        ),
      );
      const refusals = burst.flatMap((result) =>
        result.status === "rejected" ? [errorName(result.reason)] : [],
      );
      expect(refusals.length).toBeGreaterThan(0);
      expect(new Set(refusals)).toEqual(new Set(["ClientLimitExceededException"]));

      // Cold servers at once, with room to wait out the one-second quota window.
      const patient = createRetryPolicy({ maxAttempts: 8, baseDelayMs: 250, maxDelayMs: 2_000 });
      const joins = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          backend({ retry: patient }).viewerCredentials(sessionId, viewerClientId(sessionId, `burst-${i}`)),
        ),
      );
      for (const join of joins) expect(join.channelArn).toBe(channelArn);
      // Leave the channel's quota window as the burst found it: the next test is about deletion.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    });

    it("deletes the channel; after that the session has ended, for any server", async () => {
      await backend().deleteChannel(sessionId);
      const error = await backend()
        .masterCredentials(sessionId)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(BeamError);
      expect((error as BeamError).code).toBe("session_ended");
      const listed = await backend().listSessionChannels();
      expect(listed.filter((channel) => channel.arn === channelArn && !channel.deleting)).toEqual([]);
      await backend().deleteChannel(sessionId); // idempotent
    });
  });
}
