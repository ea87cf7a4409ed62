import {
  type ChannelInfo,
  DeleteSignalingChannelCommand,
  ListSignalingChannelsCommand,
  ListTagsForResourceCommand,
} from "@aws-sdk/client-kinesis-video";
import { BeamError } from "../../../protocol/errors.ts";
import type { KvsClients } from "./clients.ts";
import type { KvsBackend } from "./port.ts";
import { errorName } from "./retry.ts";

/** Runs one SDK call with the backend's retry policy and error translation (see sdk-backend.ts). */
export type SdkCall = <T>(action: string, run: () => Promise<T>) => Promise<T>;

type Listing = Pick<
  KvsBackend,
  "countSessionChannels" | "listSessionChannels" | "channelTags" | "deleteChannelArn"
>;

const isGone = (error: unknown) => error instanceof BeamError && error.code === "session_ended";

/**
 * The port's whole-account view of Beam channels, by name prefix and ARN rather than session id:
 * the session cap counts them and the janitor sweeps them. Kept apart from sdk-backend.ts, which
 * serves one session at a time.
 */
export function createSdkListing(clients: KvsClients, channelPrefix: string, call: SdkCall): Listing {
  const listPage = (maxResults: number, nextToken: string | undefined) =>
    call("ListSignalingChannels", () =>
      clients.control.send(
        new ListSignalingChannelsCommand({
          ChannelNameCondition: { ComparisonOperator: "BEGINS_WITH", ComparisonValue: channelPrefix },
          MaxResults: maxResults,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      ),
    );

  return {
    async countSessionChannels(upTo) {
      let count = 0;
      let nextToken: string | undefined;
      do {
        const page = await listPage(Math.min(500, Math.max(1, upTo - count)), nextToken);
        count += (page.ChannelInfoList ?? []).filter((info) => info.ChannelStatus !== "DELETING").length;
        nextToken = page.NextToken;
      } while (nextToken && count < upTo);
      return count;
    },

    async listSessionChannels({ pageSize = 500, maxPages = 20 } = {}) {
      const all: ChannelInfo[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const out = await listPage(pageSize, nextToken);
        all.push(...(out.ChannelInfoList ?? []));
        nextToken = out.NextToken;
        if (!nextToken) break;
      }
      return all.flatMap((info) =>
        info.ChannelARN
          ? [
              {
                name: info.ChannelName ?? "",
                arn: info.ChannelARN,
                createdAt: info.CreationTime?.getTime() ?? 0,
                deleting: info.ChannelStatus === "DELETING",
              },
            ]
          : [],
      );
    },

    async channelTags(channelArn) {
      try {
        const out = await call("ListTagsForResource", () =>
          clients.control.send(new ListTagsForResourceCommand({ ResourceARN: channelArn })),
        );
        return out.Tags ?? {};
      } catch (error) {
        if (isGone(error)) return undefined;
        throw error;
      }
    },

    async deleteChannelArn(channelArn) {
      try {
        await call("DeleteSignalingChannel", () =>
          clients.control.send(new DeleteSignalingChannelCommand({ ChannelARN: channelArn })),
        );
        return "deleted";
      } catch (error) {
        if (isGone(error)) return "gone";
        if (errorName((error as { cause?: unknown }).cause) === "ResourceInUseException") return "busy";
        throw error;
      }
    },
  };
}
