import { z } from "zod";
import { invalidArgument } from "./errors.ts";

/** Request shapes and constraints from the KinesisVideo / KinesisVideoSignaling Smithy models. */

const pattern = (re: RegExp) => ({ error: `Member must satisfy regular expression pattern: ${re.source}` });
const length = (min: number, max: number) => ({ error: `Member must have length between ${min} and ${max}` });

const NAME_RE = /^[a-zA-Z0-9_.-]+$/;
const ARN_RE = /^arn:[a-z\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+\/[a-zA-Z0-9_.-]+\/[0-9]+$/;
const SIGNALING_ARN_RE = /^arn:aws:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+\/[a-zA-Z0-9_.-]+\/[0-9]+$/;
const TAG_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const VERSION_RE = /^[a-zA-Z0-9]+$/;
const TOKEN_RE = /^[a-zA-Z0-9+/=]*$/;

const channelName = z
  .string()
  .min(1, length(1, 256))
  .max(256, length(1, 256))
  .regex(NAME_RE, pattern(NAME_RE));
const arn = z.string().min(1, length(1, 1024)).max(1024, length(1, 1024)).regex(ARN_RE, pattern(ARN_RE));
const version = z
  .string()
  .min(1, length(1, 64))
  .max(64, length(1, 64))
  .regex(VERSION_RE, pattern(VERSION_RE));
const nextToken = z.string().min(0).max(1024, length(0, 1024)).regex(TOKEN_RE, pattern(TOKEN_RE));
const tagKey = z.string().min(1, length(1, 128)).max(128, length(1, 128)).regex(TAG_RE, pattern(TAG_RE));
const tag = z.object({
  Key: tagKey,
  Value: z.string().max(256, length(0, 256)).regex(TAG_RE, pattern(TAG_RE)),
});
const tagList = (min: number) => z.array(tag).min(min, length(min, 50)).max(50, length(min, 50));
const singleMaster = z.object({
  MessageTtlSeconds: z
    .number()
    .int()
    .min(5, { error: "Member must have value greater than or equal to 5" })
    .max(120, { error: "Member must have value less than or equal to 120" })
    .optional(),
});
const channelRef = z.object({ ChannelName: channelName.optional(), ChannelARN: arn.optional() });

export const schemas = {
  create: z.object({
    ChannelName: channelName,
    ChannelType: z.enum(["SINGLE_MASTER", "FULL_MESH"]).optional(),
    SingleMasterConfiguration: singleMaster.optional(),
    Tags: tagList(0).optional(),
  }),
  channelRef,
  getEndpoint: z.object({
    ChannelARN: arn,
    SingleMasterChannelEndpointConfiguration: z
      .object({
        Protocols: z
          .array(z.enum(["WSS", "HTTPS", "WEBRTC"]))
          .min(1, length(1, 5))
          .max(5, length(1, 5))
          .optional(),
        Role: z.enum(["MASTER", "VIEWER"]).optional(),
      })
      .optional(),
  }),
  delete: z.object({ ChannelARN: arn, CurrentVersion: version.optional() }),
  list: z.object({
    MaxResults: z
      .number()
      .int()
      .min(1, { error: "Member must have value greater than or equal to 1" })
      .max(10000, { error: "Member must have value less than or equal to 10000" })
      .optional(),
    NextToken: nextToken.optional(),
    ChannelNameCondition: z
      .object({
        ComparisonOperator: z.literal("BEGINS_WITH").optional(),
        ComparisonValue: channelName.optional(),
      })
      .optional(),
  }),
  update: z.object({
    ChannelARN: arn,
    CurrentVersion: version,
    SingleMasterConfiguration: singleMaster.optional(),
  }),
  tag: z.object({ ResourceARN: arn, Tags: tagList(1) }),
  untag: z.object({
    ResourceARN: arn,
    TagKeyList: z.array(tagKey).min(1, length(1, 50)).max(50, length(1, 50)),
  }),
  listTags: z.object({ ResourceARN: arn, NextToken: nextToken.optional() }),
  updateMediaStorage: z.object({
    ChannelARN: arn,
    MediaStorageConfiguration: z.object({
      StreamARN: z.string().optional(),
      Status: z.enum(["ENABLED", "DISABLED"]),
    }),
  }),
  getIceServerConfig: z.object({
    ChannelARN: z
      .string()
      .min(1, length(1, 1024))
      .max(1024, length(1, 1024))
      .regex(SIGNALING_ARN_RE, pattern(SIGNALING_ARN_RE)),
    ClientId: z
      .string()
      .min(1, length(1, 256))
      .max(256, length(1, 256))
      .regex(NAME_RE, pattern(NAME_RE))
      .optional(),
    Service: z.literal("TURN").optional(),
    Username: z
      .string()
      .min(1, length(1, 256))
      .max(256, length(1, 256))
      .regex(NAME_RE, pattern(NAME_RE))
      .optional(),
  }),
};

const lowerCamel = (key: PropertyKey) => {
  const text = String(key);
  return text.charAt(0).toLowerCase() + text.slice(1);
};

/** Parses a request body, failing the way AWS does: `InvalidArgumentException` "N validation errors detected: …". */
export function parseInput<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const details = issues.map((issue) => {
    const path = issue.path.map(lowerCamel).join(".");
    return `Value at '${path}' failed to satisfy constraint: ${issue.message}`;
  });
  const count = `${issues.length} validation error${issues.length === 1 ? "" : "s"} detected`;
  throw invalidArgument(`${count}: ${details.join("; ")}`);
}
