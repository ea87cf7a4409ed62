import { KvsError } from "./errors.ts";
import {
  ALGORITHM,
  type CredentialScope,
  computeSignature,
  EMPTY_PAYLOAD_SHA256,
  parseAmzDate,
  parseCredential,
  parseQuery,
  sha256Hex,
  signaturesEqual,
} from "./sigv4.ts";

export interface VerifierIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
  service: string;
}

/** What the verifier needs from an HTTP request; header names lower-case. */
export interface SignedRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string>;
  body: Buffer;
}

const MAX_SKEW_MS = 5 * 60_000;
const MAX_PRESIGN_EXPIRES_S = 604_800;

const incomplete = (message: string) => new KvsError("IncompleteSignatureException", message);
const badSignature = (message: string) => new KvsError("InvalidSignatureException", message);
const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

function checkScope(
  scope: CredentialScope | null,
  amzDate: string,
  identity: VerifierIdentity,
): CredentialScope {
  if (!scope) throw incomplete("Authorization header requires a valid Credential.");
  if (scope.accessKeyId !== identity.accessKeyId) {
    throw new KvsError(
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    );
  }
  if (scope.shortDate !== amzDate.slice(0, 8))
    throw badSignature(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.",
    );
  if (scope.region !== identity.region) throw badSignature("Credential should be scoped to a valid region.");
  if (scope.service !== identity.service) {
    throw badSignature(`Credential should be scoped to correct service: '${identity.service}'.`);
  }
  return scope;
}

function checkSessionToken(token: string | undefined, identity: VerifierIdentity): void {
  if ((token ?? undefined) !== identity.sessionToken) {
    throw new KvsError(
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    );
  }
}

function requireDate(amzDate: string | undefined): number {
  const signedAt = amzDate === undefined ? null : parseAmzDate(amzDate);
  if (signedAt === null)
    throw incomplete("Authorization requires a valid X-Amz-Date in the form YYYYMMDD'T'HHMMSS'Z'.");
  return signedAt;
}

/** Verifies an `Authorization: AWS4-HMAC-SHA256 …` request as the AWS front door does. */
export function verifyAuthorizationHeader(
  request: SignedRequest,
  identity: VerifierIdentity,
  now: number,
): void {
  const auth = request.headers.authorization;
  if (!auth) throw new KvsError("MissingAuthenticationTokenException", "Missing Authentication Token");
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      auth.trim(),
    );
  if (!match) throw incomplete(`Authorization header is malformed: '${auth.split(" ")[0]}'.`);
  const [, credential, signedHeaderList, signature] = match as unknown as [string, string, string, string];
  const amzDate = request.headers["x-amz-date"];
  const signedAt = requireDate(amzDate);
  const scope = checkScope(parseCredential(credential), amzDate as string, identity);
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    throw badSignature(
      `Signature expired: ${amzDate} is now earlier or later than the server time by more than 5 min.`,
    );
  }
  checkSessionToken(request.headers["x-amz-security-token"], identity);
  const signedHeaders = signedHeaderList.split(";");
  if (!signedHeaders.includes("host")) throw badSignature("'Host' must be a signed header.");
  const bodyHash = sha256Hex(request.body);
  const declared = request.headers["x-amz-content-sha256"];
  if (declared !== undefined && declared !== bodyHash && declared !== "UNSIGNED-PAYLOAD") {
    throw badSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  const expected = computeSignature(identity.secretAccessKey, amzDate as string, scope, {
    method: request.method,
    rawPath: request.rawPath,
    query: parseQuery(request.rawQuery),
    headers: request.headers,
    signedHeaders,
    payloadHash: declared ?? bodyHash,
  });
  if (!signaturesEqual(expected, signature)) throw badSignature(SIGNATURE_MISMATCH);
}

/** Verifies a SigV4 presigned GET (the signaling WebSocket URL); returns the decoded query parameters. */
export function verifyPresignedUrl(
  request: Omit<SignedRequest, "body">,
  identity: VerifierIdentity,
  now: number,
): Map<string, string> {
  const pairs = parseQuery(request.rawQuery);
  const params = new Map(pairs);
  const signature = params.get("X-Amz-Signature");
  if (params.get("X-Amz-Algorithm") !== ALGORITHM || !signature) {
    throw incomplete(
      "AWS query-string parameters must include X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders and X-Amz-Expires.",
    );
  }
  const amzDate = params.get("X-Amz-Date");
  const signedAt = requireDate(amzDate);
  const scope = checkScope(
    parseCredential(params.get("X-Amz-Credential") ?? ""),
    amzDate as string,
    identity,
  );
  const expires = Number(params.get("X-Amz-Expires"));
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_EXPIRES_S) {
    throw incomplete("X-Amz-Expires must be an integer between 1 and 604800 seconds.");
  }
  if (now < signedAt - MAX_SKEW_MS) throw badSignature("Request is not yet valid.");
  if (now > signedAt + expires * 1000) throw badSignature("Request has expired.");
  checkSessionToken(params.get("X-Amz-Security-Token"), identity);
  const signedHeaders = (params.get("X-Amz-SignedHeaders") ?? "").split(";");
  if (!signedHeaders.includes("host")) throw badSignature("'Host' must be a signed header.");
  const expected = computeSignature(identity.secretAccessKey, amzDate as string, scope, {
    method: request.method,
    rawPath: request.rawPath,
    query: pairs.filter(([key]) => key !== "X-Amz-Signature"),
    headers: request.headers,
    signedHeaders,
    payloadHash: EMPTY_PAYLOAD_SHA256,
  });
  if (!signaturesEqual(expected, signature)) throw badSignature(SIGNATURE_MISMATCH);
  return params;
}
