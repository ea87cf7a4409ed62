/**
 * The baseline: the hand-written backend most KVS tutorials copy. It hides the AWS keys like Beam
 * does, but looks everything up again on every viewer join — ListSignalingChannels (BEGINS_WITH the
 * name) → DescribeSignalingChannel → GetSignalingChannelEndpoint → GetIceServerConfig, one after
 * another — then presigns. It uses Beam's SDK clients, presigner, tokens and viewer page, so the
 * only difference measured is the per-join KVS work.
 */
import { randomBytes } from "node:crypto";
import {
  DescribeSignalingChannelCommand,
  GetSignalingChannelEndpointCommand,
  ListSignalingChannelsCommand,
} from "@aws-sdk/client-kinesis-video";
import { GetIceServerConfigCommand } from "@aws-sdk/client-kinesis-video-signaling";
import { Hono } from "hono";
import type { IceServer, ViewerJoinResponse } from "../../protocol/api.ts";
import { BeamError } from "../../protocol/errors.ts";
import { ANY_WEBSOCKET } from "../../token-server/src/http/security-headers.ts";
import type { KvsClients } from "../../token-server/src/kvs/clients.ts";
import type { Presign } from "../../token-server/src/kvs/presign.ts";
import { channelName } from "../../token-server/src/kvs/tags.ts";
import { viewerPageRoutes } from "../../token-server/src/routes/viewer-page.ts";
import { authorize, type TokenService } from "../../token-server/src/tokens.ts";
import type { ViewerFiles } from "../../token-server/src/viewer-files.ts";

export interface TutorialBackendDeps {
  clients: KvsClients;
  presign: Presign;
  tokens: TokenService;
  channelPrefix: string;
  region: string;
  viewerFiles: ViewerFiles;
}

export function createTutorialBackend(deps: TutorialBackendDeps): Hono {
  const app = new Hono();
  app.post("/api/sessions/:id/viewers", async (c) => {
    const sessionId = c.req.param("id");
    const body = (await c.req.json().catch(() => null)) as { token?: unknown } | null;
    if (typeof body?.token !== "string") throw new BeamError("invalid_request", "A token is required.");
    const claims = deps.tokens.verify(body.token);
    authorize(claims, sessionId, "viewer");
    const clientId = `viewer-${randomBytes(16).toString("base64url")}`;
    const credentials = await viewerCredentials(deps, channelName(deps.channelPrefix, sessionId), clientId);
    const response: ViewerJoinResponse = {
      clientId,
      ...credentials,
      region: deps.region,
      source: claims.src ?? "tab",
      expiresAt: new Date(claims.exp * 1000).toISOString(),
    };
    return c.json(response);
  });
  app.route("/", viewerPageRoutes(deps.viewerFiles, ANY_WEBSOCKET));
  app.onError((error, c) => {
    const beam =
      error instanceof BeamError
        ? error
        : new BeamError("kvs_unavailable", `KVS call failed: ${error.name}`, { cause: error });
    return c.json(beam.toBody(), beam.status as 400);
  });
  return app;
}

/** The four sequential calls of the tutorial flow, then the presign. */
async function viewerCredentials(deps: TutorialBackendDeps, name: string, clientId: string) {
  const { control } = deps.clients;
  const listed = await control.send(
    new ListSignalingChannelsCommand({
      ChannelNameCondition: { ComparisonOperator: "BEGINS_WITH", ComparisonValue: name },
    }),
  );
  const found = listed.ChannelInfoList?.find((channel) => channel.ChannelName === name);
  if (!found?.ChannelName) throw new BeamError("session_ended", "This session has ended.");
  const described = await control.send(
    new DescribeSignalingChannelCommand({ ChannelName: found.ChannelName }),
  );
  const channelArn = described.ChannelInfo?.ChannelARN;
  if (!channelArn) throw new BeamError("session_ended", "This session has ended.");
  const endpoints = await control.send(
    new GetSignalingChannelEndpointCommand({
      ChannelARN: channelArn,
      SingleMasterChannelEndpointConfiguration: { Protocols: ["WSS", "HTTPS"], Role: "VIEWER" },
    }),
  );
  const endpoint = (protocol: string) =>
    endpoints.ResourceEndpointList?.find((e) => e.Protocol === protocol)?.ResourceEndpoint ?? "";
  const ice = await deps.clients
    .signaling(endpoint("HTTPS"))
    .send(new GetIceServerConfigCommand({ ChannelARN: channelArn, ClientId: clientId, Service: "TURN" }));
  const iceServers: IceServer[] = (ice.IceServerList ?? []).map((server) => ({
    urls: server.Uris ?? [],
    ...(server.Username ? { username: server.Username } : {}),
    ...(server.Password ? { credential: server.Password } : {}),
  }));
  const signedUrl = await deps.presign(endpoint("WSS"), {
    "X-Amz-ChannelARN": channelArn,
    "X-Amz-ClientId": clientId,
  });
  return { channelArn, signedUrl, iceServers };
}
