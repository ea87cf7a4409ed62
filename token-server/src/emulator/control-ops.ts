import type { ChannelRecord, ChannelStore } from "./channel-store.ts";
import { parseInput, schemas } from "./control-schemas.ts";
import { invalidArgument, KvsError } from "./errors.ts";

export interface ControlContext {
  store: ChannelStore;
  defaultTtlSeconds: number;
  /** Endpoints written into GetSignalingChannelEndpoint, e.g. `wss://127.0.0.1:4567`. */
  endpoints: { WSS: string; HTTPS: string };
  /** Called after a channel is deleted so its sockets can be closed. */
  onChannelDeleted(channelArn: string): void;
}

export type OperationHandler = (body: unknown, ctx: ControlContext) => unknown;

function channelInfo(channel: ChannelRecord) {
  return {
    ChannelName: channel.name,
    ChannelARN: channel.arn,
    ChannelType: channel.type,
    ChannelStatus: "ACTIVE",
    // The SDK expects epoch seconds as a JSON number (an ISO string deserializes to NaN).
    CreationTime: channel.creationTimeMs / 1000,
    SingleMasterConfiguration: { MessageTtlSeconds: channel.messageTtlSeconds },
    Version: channel.version,
  };
}

function requireChannelRef(body: unknown) {
  const ref = parseInput(schemas.channelRef, body);
  if (ref.ChannelName === undefined && ref.ChannelARN === undefined) {
    throw invalidArgument("Either ChannelName or ChannelARN must be specified.");
  }
  return { name: ref.ChannelName, arn: ref.ChannelARN };
}

const encodeToken = (name: string) => Buffer.from(name, "utf8").toString("base64");

function decodeToken(token: string): string {
  const name = Buffer.from(token, "base64").toString("utf8");
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) throw invalidArgument("The NextToken is invalid.");
  return name;
}

/** Control-plane operations keyed by their exact restJson1 path. */
export const CONTROL_OPERATIONS: Record<string, { name: string; handle: OperationHandler }> = {
  "/createSignalingChannel": {
    name: "CreateSignalingChannel",
    handle(body, ctx) {
      const input = parseInput(schemas.create, body);
      if (input.ChannelType === "FULL_MESH")
        throw invalidArgument("Only the SINGLE_MASTER channel type is supported.");
      const channel = ctx.store.create({
        name: input.ChannelName,
        type: "SINGLE_MASTER",
        ttlSeconds: input.SingleMasterConfiguration?.MessageTtlSeconds ?? ctx.defaultTtlSeconds,
        tags: input.Tags ?? [],
      });
      return { ChannelARN: channel.arn };
    },
  },
  "/describeSignalingChannel": {
    name: "DescribeSignalingChannel",
    handle: (body, ctx) => ({ ChannelInfo: channelInfo(ctx.store.find(requireChannelRef(body))) }),
  },
  "/getSignalingChannelEndpoint": {
    name: "GetSignalingChannelEndpoint",
    handle(body, ctx) {
      const input = parseInput(schemas.getEndpoint, body);
      ctx.store.find({ arn: input.ChannelARN });
      const protocols = input.SingleMasterChannelEndpointConfiguration?.Protocols ?? ["WSS", "HTTPS"];
      if (protocols.includes("WEBRTC")) {
        throw invalidArgument("The WEBRTC protocol requires a channel configured for media storage.");
      }
      const unique = [...new Set(protocols)] as ("WSS" | "HTTPS")[];
      return {
        ResourceEndpointList: unique.map((p) => ({ Protocol: p, ResourceEndpoint: ctx.endpoints[p] })),
      };
    },
  },
  "/deleteSignalingChannel": {
    name: "DeleteSignalingChannel",
    handle(body, ctx) {
      const input = parseInput(schemas.delete, body);
      const channel = ctx.store.delete(input.ChannelARN, input.CurrentVersion);
      ctx.onChannelDeleted(channel.arn);
      return {};
    },
  },
  "/listSignalingChannels": {
    name: "ListSignalingChannels",
    handle(body, ctx) {
      const input = parseInput(schemas.list, body);
      const startAfter = input.NextToken ? decodeToken(input.NextToken) : undefined;
      const prefix = input.ChannelNameCondition?.ComparisonValue ?? "";
      const page = ctx.store.list(prefix, startAfter, input.MaxResults ?? 500);
      const last = page.channels.at(-1);
      return {
        ChannelInfoList: page.channels.map(channelInfo),
        ...(page.more && last ? { NextToken: encodeToken(last.name) } : {}),
      };
    },
  },
  "/updateSignalingChannel": {
    name: "UpdateSignalingChannel",
    handle(body, ctx) {
      const input = parseInput(schemas.update, body);
      ctx.store.update(
        input.ChannelARN,
        input.CurrentVersion,
        input.SingleMasterConfiguration?.MessageTtlSeconds,
      );
      return {};
    },
  },
  "/TagResource": {
    name: "TagResource",
    handle(body, ctx) {
      const input = parseInput(schemas.tag, body);
      ctx.store.tag(input.ResourceARN, input.Tags);
      return {};
    },
  },
  "/UntagResource": {
    name: "UntagResource",
    handle(body, ctx) {
      const input = parseInput(schemas.untag, body);
      ctx.store.untag(input.ResourceARN, input.TagKeyList);
      return {};
    },
  },
  "/ListTagsForResource": {
    name: "ListTagsForResource",
    handle(body, ctx) {
      const input = parseInput(schemas.listTags, body);
      // At most 50 tags per resource, so everything fits one page and NextToken is never returned.
      return { Tags: Object.fromEntries(ctx.store.find({ arn: input.ResourceARN }).tags) };
    },
  },
  "/describeMediaStorageConfiguration": {
    name: "DescribeMediaStorageConfiguration",
    handle(body, ctx) {
      ctx.store.find(requireChannelRef(body));
      return { MediaStorageConfiguration: { Status: "DISABLED" } };
    },
  },
  "/updateMediaStorageConfiguration": {
    name: "UpdateMediaStorageConfiguration",
    handle(body, ctx) {
      const input = parseInput(schemas.updateMediaStorage, body);
      ctx.store.find({ arn: input.ChannelARN });
      // The emulator has no Kinesis video streams, so any StreamARN to enable is unknown, as it would be on AWS.
      if (input.MediaStorageConfiguration.Status === "ENABLED") {
        throw new KvsError("ResourceNotFoundException", "The requested stream is not found or not active.");
      }
      return {};
    },
  },
};
