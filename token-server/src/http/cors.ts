import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/i;

/** CORS for browser extensions and the server's own origin (the viewer page); nothing else. */
export function corsForBeam(publicUrl: string): MiddlewareHandler {
  const ownOrigin = new URL(publicUrl).origin;
  return cors({
    origin: (origin) => (origin === ownOrigin || EXTENSION_ORIGIN.test(origin) ? origin : null),
    allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type"],
    maxAge: 600,
  });
}
