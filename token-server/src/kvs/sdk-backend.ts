import {
  CreateSignalingChannelCommand,
  DeleteSignalingChannelCommand,
  DescribeSignalingChannelCommand,
  GetSignalingChannelEndpointCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
} from "@aws-sdk/client-kinesis-video";
import { GetIceServerConfigCommand } from "@aws-sdk/client-kinesis-video-signaling";
import { BeamError } from "../../../protocol/errors.ts";
import { admissionFromTags, linkTag, removedViewerTag, withRemoved } from "./admission.ts";
import type { ChannelCache, ChannelEndpoints } from "./cache.ts";
import type { KvsClients } from "./clients.ts";
import { toBeamError } from "./errors.ts";
import { type IceServerBundle, toIceServers } from "./ice.ts";
import type { ChannelAdmission, ChannelCredentials, ChannelRole, KvsBackend, KvsMode } from "./port.ts";
import type { Presign } from "./presign.ts";
import { createRetryPolicy, type RetryPolicy, type Sleep, withRetry } from "./retry.ts";
import { createSdkListing } from "./sdk-listing.ts";
import { channelName, sessionChannelTags } from "./tags.ts";

export interface SdkBackendOptions {
  mode: KvsMode;
  region: string;
  channelPrefix: string;
  clients: KvsClients;
  presign: Presign;
  cache: ChannelCache;
  /** Prepended to the TURN servers KVS returns (KVS's regional STUN server in AWS mode). */
  stunUrls: readonly string[];
  retry?: RetryPolicy;
  sleep?: Sleep;
}

/** The `KvsBackend` over the AWS SDK; the same code talks to AWS and to the emulator. */
export function createSdkBackend(options: SdkBackendOptions): KvsBackend {
  const { clients, cache, presign } = options;
  const retry = options.retry ?? createRetryPolicy();
  // A create retried after a 5xx could run twice; only throttling (rejected up front) is retried.
  const createRetry = options.retry ?? createRetryPolicy({ retryTransient: false });
  // A channel still being created or updated refuses deletion for a moment (ResourceInUse).
  const deleteRetry = options.retry ?? createRetryPolicy({ alsoRetry: ["ResourceInUseException"] });
  const name = (sessionId: string) => channelName(options.channelPrefix, sessionId);

  async function call<T>(action: string, run: () => Promise<T>, policy = retry): Promise<T> {
    try {
      return await withRetry(run, policy, options.sleep);
    } catch (error) {
      throw toBeamError(error, action, { region: options.region });
    }
  }

  function arnOf(sessionId: string): Promise<string> {
    return cache.arn(sessionId, async () => {
      const out = await call("DescribeSignalingChannel", () =>
        clients.control.send(new DescribeSignalingChannelCommand({ ChannelName: name(sessionId) })),
      );
      const info = out.ChannelInfo;
      if (info?.ChannelStatus === "DELETING") throw new BeamError("session_ended", "This session has ended.");
      if (!info?.ChannelARN)
        throw new BeamError("kvs_unavailable", "KVS described the channel without an ARN.");
      return info.ChannelARN;
    });
  }

  function endpointsOf(sessionId: string, role: ChannelRole): Promise<ChannelEndpoints> {
    return cache.endpoints(sessionId, role, async () => {
      const arn = await arnOf(sessionId);
      const out = await call("GetSignalingChannelEndpoint", () =>
        clients.control.send(
          new GetSignalingChannelEndpointCommand({
            ChannelARN: arn,
            SingleMasterChannelEndpointConfiguration: { Protocols: ["WSS", "HTTPS"], Role: role },
          }),
        ),
      );
      const find = (protocol: string) =>
        out.ResourceEndpointList?.find((e) => e.Protocol === protocol)?.ResourceEndpoint;
      const wss = find("WSS");
      const https = find("HTTPS");
      if (!wss || !https)
        throw new BeamError("kvs_unavailable", `KVS returned no ${role} WSS/HTTPS endpoints.`);
      return { wss, https };
    });
  }

  function iceOf(sessionId: string, role: ChannelRole): Promise<IceServerBundle> {
    return cache.iceServers(sessionId, async () => {
      const [arn, { https }] = await Promise.all([arnOf(sessionId), endpointsOf(sessionId, role)]);
      const out = await call("GetIceServerConfig", () =>
        clients.signaling(https).send(new GetIceServerConfigCommand({ ChannelARN: arn, Service: "TURN" })),
      );
      return toIceServers(out.IceServerList, options.stunUrls);
    });
  }

  async function credentials(
    sessionId: string,
    role: ChannelRole,
    clientId?: string,
  ): Promise<ChannelCredentials> {
    if (cache.isEnded(sessionId)) throw new BeamError("session_ended", "This session has ended.");
    try {
      const [channelArn, { wss }, ice] = await Promise.all([
        arnOf(sessionId),
        endpointsOf(sessionId, role),
        iceOf(sessionId, role),
      ]);
      const query: Record<string, string> = { "X-Amz-ChannelARN": channelArn };
      if (clientId !== undefined) query["X-Amz-ClientId"] = clientId;
      return { channelArn, signedUrl: await presign(wss, query), iceServers: ice.servers };
    } catch (error) {
      if (error instanceof BeamError && error.code === "session_ended") cache.markEnded(sessionId);
      throw error;
    }
  }

  function admissionOf(sessionId: string): Promise<ChannelAdmission> {
    if (cache.isEnded(sessionId))
      return Promise.reject(new BeamError("session_ended", "This session has ended."));
    return cache.admission(sessionId, async () => {
      const arn = await arnOf(sessionId);
      const out = await call("ListTagsForResource", () =>
        clients.control.send(new ListTagsForResourceCommand({ ResourceARN: arn })),
      );
      return admissionFromTags(out.Tags ?? {});
    });
  }

  async function tag(sessionId: string, tags: { Key: string; Value: string }[]): Promise<void> {
    const arn = await arnOf(sessionId);
    await call("TagResource", () =>
      clients.control.send(new TagResourceCommand({ ResourceARN: arn, Tags: tags })),
    );
  }

  async function deleteChannel(sessionId: string): Promise<void> {
    if (cache.isEnded(sessionId)) return;
    try {
      const arn = await arnOf(sessionId);
      await call(
        "DeleteSignalingChannel",
        () => clients.control.send(new DeleteSignalingChannelCommand({ ChannelARN: arn })),
        deleteRetry,
      );
    } catch (error) {
      if (!(error instanceof BeamError && error.code === "session_ended")) throw error;
    }
    cache.markEnded(sessionId);
  }

  return {
    mode: options.mode,
    region: options.region,

    async createSessionChannel(channel) {
      const out = await call(
        "CreateSignalingChannel",
        () =>
          clients.control.send(
            new CreateSignalingChannelCommand({
              ChannelName: name(channel.sessionId),
              ChannelType: "SINGLE_MASTER",
              Tags: sessionChannelTags(channel),
            }),
          ),
        createRetry,
      );
      const channelArn = out.ChannelARN;
      if (!channelArn)
        throw new BeamError("kvs_unavailable", "KVS created the channel without returning its ARN.");
      await cache.arn(channel.sessionId, async () => channelArn);
      cache.setAdmission(
        channel.sessionId,
        channel.linkId ? { linkId: channel.linkId, removed: new Set() } : { removed: new Set() },
      );
      try {
        // Warm everything a join needs, in parallel, so the first viewer join makes no AWS call.
        await Promise.all([iceOf(channel.sessionId, "MASTER"), endpointsOf(channel.sessionId, "VIEWER")]);
      } catch (error) {
        await deleteChannel(channel.sessionId).catch(() => {});
        throw error;
      }
      return { channelArn };
    },

    masterCredentials: (sessionId) => credentials(sessionId, "MASTER"),
    viewerCredentials: (sessionId, clientId) => credentials(sessionId, "VIEWER", clientId),

    ...createSdkListing(clients, options.channelPrefix, call),
    admission: admissionOf,

    async replaceLink(sessionId, linkId) {
      const before = await admissionOf(sessionId);
      await tag(sessionId, [linkTag(linkId)]);
      cache.setAdmission(sessionId, { ...before, linkId });
    },

    async removeViewer(sessionId, clientId) {
      const before = await admissionOf(sessionId);
      const after = withRemoved(before, clientId);
      if (after === before) return;
      await tag(sessionId, [removedViewerTag(clientId)]);
      cache.setAdmission(sessionId, after);
    },

    deleteChannel,

    clearCache: () => cache.clear(),
  };
}
