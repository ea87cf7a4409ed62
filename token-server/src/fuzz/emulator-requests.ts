/** Arbitraries for the emulator's HTTP fuzz: requests shaped like KVS API calls, with any values. */
import fc from "fast-check";
import { anyJson, base64ish, enc, nasty, rawSegment } from "./arbitraries.ts";

const OPERATION_PATHS = [
  "/createSignalingChannel",
  "/describeSignalingChannel",
  "/getSignalingChannelEndpoint",
  "/deleteSignalingChannel",
  "/listSignalingChannels",
  "/updateSignalingChannel",
  "/TagResource",
  "/UntagResource",
  "/ListTagsForResource",
  "/describeMediaStorageConfiguration",
  "/updateMediaStorageConfiguration",
  "/v1/get-ice-server-config",
];

const arnLike = () =>
  fc.oneof(
    fc.constant("ARN"),
    nasty,
    fc.constantFrom("arn:aws:kinesisvideo:us-west-2:123456789012:channel/nope/1", "arn:aws:s3:::bucket"),
  );
const field = () => fc.oneof(nasty, anyJson, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const tags = () =>
  fc.oneof(
    fc.array(
      fc.record({ Key: fc.oneof(nasty, anyJson), Value: fc.oneof(nasty, anyJson) }, { requiredKeys: [] }),
      { maxLength: 60 },
    ),
    anyJson,
  );

/** Operation-shaped inputs with fields of the right names and any type or value. */
const operationInput = () =>
  fc.record(
    {
      ChannelName: fc.oneof(fc.constant("fuzz-target"), fc.stringMatching(/^[a-zA-Z0-9_.-]{1,40}$/), field()),
      ChannelARN: fc.oneof(arnLike(), field()),
      ResourceARN: fc.oneof(arnLike(), field()),
      ChannelType: fc.oneof(fc.constantFrom("SINGLE_MASTER", "FULL_MESH"), field()),
      SingleMasterConfiguration: fc.oneof(fc.record({ MessageTtlSeconds: field() }), field()),
      SingleMasterChannelEndpointConfiguration: fc.oneof(
        fc.record({
          Protocols: fc.oneof(
            fc.array(fc.constantFrom("WSS", "HTTPS", "WEBRTC", "FTP"), { maxLength: 7 }),
            field(),
          ),
          Role: fc.oneof(fc.constantFrom("MASTER", "VIEWER", "BOSS"), field()),
        }),
        field(),
      ),
      Tags: tags(),
      TagKeyList: fc.oneof(fc.array(fc.oneof(nasty, anyJson), { maxLength: 60 }), field()),
      CurrentVersion: field(),
      MaxResults: fc.oneof(fc.integer({ min: -5, max: 20_000 }), field()),
      NextToken: fc.oneof(base64ish, field()),
      ChannelNameCondition: fc.oneof(
        fc.record({
          ComparisonOperator: fc.oneof(fc.constant("BEGINS_WITH"), field()),
          ComparisonValue: field(),
        }),
        field(),
      ),
      MediaStorageConfiguration: fc.oneof(
        fc.record({ StreamARN: field(), Status: fc.constantFrom("ENABLED", "DISABLED", "x") }),
        field(),
      ),
      Service: fc.oneof(fc.constant("TURN"), field()),
      ClientId: field(),
      Username: field(),
    },
    { requiredKeys: [] },
  );

/** One HTTP request to the emulator: mostly a signed POST of an operation-shaped body. */
export const fuzzRequest = () =>
  fc.record({
    method: fc.oneof(
      { weight: 8, arbitrary: fc.constant("POST") },
      { weight: 2, arbitrary: fc.constantFrom("GET", "PUT", "DELETE", "OPTIONS") },
    ),
    path: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...OPERATION_PATHS) },
      { weight: 1, arbitrary: fc.oneof(nasty.map(enc), rawSegment).map((tail) => `/${tail}`) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...OPERATION_PATHS), nasty)
          .map(([p, q]) => `${p}?${enc(q)}=${enc(q)}`),
      },
    ),
    body: fc.oneof(
      { weight: 6, arbitrary: operationInput().map((input) => JSON.stringify(input)) },
      { weight: 1, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: nasty },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 100 }) },
    ),
    auth: fc.oneof(
      { weight: 9, arbitrary: fc.constant("signed" as const) },
      { weight: 1, arbitrary: fc.constantFrom("unsigned" as const, "wrong-secret" as const) },
    ),
  });
