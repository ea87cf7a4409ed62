import type { Context } from "hono";
import type { z } from "zod";
import { BeamError } from "../../../protocol/errors.ts";
import { requestHeader } from "./request-header.ts";
import { requestText } from "./request-text.ts";

/** Reads and validates a JSON body: 415 for another media type, 400 for bad JSON or a bad shape. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = requestHeader(c, "content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new BeamError(
      "unsupported_media_type",
      "Send the body as JSON with Content-Type: application/json.",
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(await requestText(c));
  } catch (error) {
    if (error instanceof BeamError) throw error;
    throw new BeamError("invalid_request", "The request body is not valid JSON.", { cause: error });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new BeamError("invalid_request", describeIssues(parsed.error));
  return parsed.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "body"}: ${issue.message}`)
    .join("; ");
}
