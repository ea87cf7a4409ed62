import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningJanus } from "./janus.ts";
import { connectJanus, startTestJanus, TEST_JANUS_SECRETS } from "./janus-api.harness.ts";
import { connectJanusRooms, type JanusRooms } from "./janus-rooms.ts";
import { mintJanusToken, VIDEOROOM_PLUGIN } from "./janus-token.ts";

const { tokenSecret: TOKEN_SECRET, adminKey: ADMIN_KEY } = TEST_JANUS_SECRETS;
const SETTINGS = { secret: "room-secret-0123", pin: "link-pin-0123", bitrateBps: 2_500_000 };

type Message = Record<string, unknown>;
const pluginData = (message: Message) =>
  (message.plugindata as { data?: Record<string, unknown> } | undefined)?.data ?? {};

/** A browser-like participant: a session and a video room handle of its own. */
async function participant(url: string) {
  const token = mintJanusToken(TOKEN_SECRET, { expiresAt: Date.now() + 60_000, plugins: [VIDEOROOM_PLUGIN] });
  const client = await connectJanus(url);
  const session = ((await client.request({ janus: "create", token })).data as { id: number }).id;
  const attached = await client.request({
    janus: "attach",
    session_id: session,
    plugin: VIDEOROOM_PLUGIN,
    token,
  });
  const handle = (attached.data as { id: number }).id;
  /** A plugin request; resolves with the plugin's event about it. */
  const send = async (body: Message) =>
    pluginData(
      await client.request({ janus: "message", session_id: session, handle_id: handle, body, token }),
    );
  return { client, send };
}

describe("janus rooms, as the token server keeps them", () => {
  let janus: RunningJanus;
  let rooms: JanusRooms;

  beforeAll(async () => {
    janus = await startTestJanus();
    rooms = await connectJanusRooms({
      url: janus.url,
      tokenSecret: TOKEN_SECRET,
      adminKey: ADMIN_KEY,
      now: () => Date.now(),
    });
  }, 20_000);

  afterAll(async () => {
    await rooms?.close();
    await janus?.close();
  });

  it("creates a share's room once, and only with the admin key", async () => {
    await rooms.create("share-a", SETTINGS);
    expect(await rooms.exists("share-a")).toBe(true);
    await expect(rooms.create("share-a", SETTINGS)).rejects.toThrow();

    const intruder = await connectJanusRooms({
      url: janus.url,
      tokenSecret: TOKEN_SECRET,
      adminKey: "not-the-admin-key-0123",
      now: () => Date.now(),
    });
    try {
      await expect(intruder.create("share-b", SETTINGS)).rejects.toThrow();
      expect(await rooms.exists("share-b")).toBe(false);
    } finally {
      await intruder.close();
    }
  });

  it("lets in only who knows the link's pin, and kicks whom the sharer removes", async () => {
    const viewer = await participant(janus.url);
    try {
      const refused = await viewer.send({
        request: "join",
        ptype: "publisher",
        room: "share-a",
        pin: "wrong",
      });
      expect(refused.videoroom).toBe("event");
      expect(refused.error_code).toBeDefined();

      const joined = await viewer.send({
        request: "join",
        ptype: "publisher",
        room: "share-a",
        pin: SETTINGS.pin,
      });
      expect(joined.videoroom).toBe("joined");
      const feed = String(joined.id);

      await expect(rooms.kick("share-a", feed, "not-the-secret")).rejects.toThrow();
      const kicked = viewer.client.next(
        (m) => pluginData(m).leaving === "ok" || pluginData(m).kicked !== undefined,
      );
      await rooms.kick("share-a", feed, SETTINGS.secret);
      await kicked;
    } finally {
      viewer.client.close();
    }
  });

  it("is destroyed only with its secret, and then it is gone", async () => {
    await expect(rooms.destroy("share-a", "not-the-secret")).rejects.toThrow();
    expect(await rooms.exists("share-a")).toBe(true);
    await rooms.destroy("share-a", SETTINGS.secret);
    expect(await rooms.exists("share-a")).toBe(false);
  });
});
