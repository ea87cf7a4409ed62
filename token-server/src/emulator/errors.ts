import { randomUUID } from "node:crypto";
import { type ServerResponse, STATUS_CODES } from "node:http";

/** The AWS error types the emulator answers with; the SDK turns the name into `err.name`. */
export type KvsErrorType =
  | "AccessDeniedException"
  | "AccountChannelLimitExceededException"
  | "ClientLimitExceededException"
  | "InvalidArgumentException"
  | "InvalidSignatureException"
  | "UnrecognizedClientException"
  | "IncompleteSignatureException"
  | "MissingAuthenticationTokenException"
  | "ResourceInUseException"
  | "ResourceNotFoundException"
  | "TagsPerResourceExceededLimitException"
  | "VersionMismatchException"
  | "NotAuthorizedException"
  | "UnknownOperationException"
  | "SerializationException";

// AccessDenied is 401 in the model but the live service answers 403 (see kvs-protocol.md §1.3).
const STATUS: Record<KvsErrorType, number> = {
  AccessDeniedException: 403,
  AccountChannelLimitExceededException: 400,
  ClientLimitExceededException: 400,
  InvalidArgumentException: 400,
  InvalidSignatureException: 403,
  UnrecognizedClientException: 403,
  IncompleteSignatureException: 403,
  MissingAuthenticationTokenException: 403,
  ResourceInUseException: 400,
  ResourceNotFoundException: 404,
  TagsPerResourceExceededLimitException: 400,
  VersionMismatchException: 400,
  NotAuthorizedException: 401,
  UnknownOperationException: 404,
  SerializationException: 400,
};

/** An AWS-shaped failure: thrown in the emulator core, written once at the HTTP edge. */
export class KvsError extends Error {
  readonly type: KvsErrorType;
  readonly status: number;

  constructor(type: KvsErrorType, message: string, status: number = STATUS[type]) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

export const notFound = (): KvsError =>
  new KvsError("ResourceNotFoundException", "The requested channel is not found or not active.");

export const invalidArgument = (message: string): KvsError =>
  new KvsError("InvalidArgumentException", message);

/** Writes the restJson1 error shape the AWS SDK parses: x-amzn-ErrorType header + `Message` body. */
export function writeKvsError(res: ServerResponse, error: KvsError): void {
  writeJson(res, error.status, { Message: error.message }, { "x-amzn-ErrorType": error.type });
}

export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-amzn-RequestId": randomUUID(),
  });
  res.end(text);
}

/** Serialises an error as a raw HTTP response on a socket that has not been upgraded yet. */
export function rawHttpError(error: KvsError): string {
  const body = JSON.stringify({ Message: error.message });
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}`,
    `x-amzn-ErrorType: ${error.type}`,
    `x-amzn-RequestId: ${randomUUID()}`,
    "content-type: application/json",
    `content-length: ${Buffer.byteLength(body)}`,
    "connection: close",
    "",
    body,
  ].join("\r\n");
}
