/** Test helpers: a Janus of the tests' own, and its API spoken by hand over one WebSocket. */
import WebSocket from "ws";
import { freePort } from "../testing/free-port.ts";
import { type RunningJanus, startJanus } from "./janus.ts";

export const TEST_JANUS_SECRETS = {
  tokenSecret: "janus-token-secret-0123456789",
  adminKey: "janus-admin-key-0123456789",
} as const;

/** Debian's Janus on a free loopback port, with `TEST_JANUS_SECRETS`. */
export async function startTestJanus(): Promise<RunningJanus> {
  return startJanus({ listenHost: "127.0.0.1", port: await freePort(), ...TEST_JANUS_SECRETS });
}

type Message = Record<string, unknown>;

/** A Janus API client on one WebSocket (Janus binds a session to the connection that made it). */
export async function connectJanus(url: string) {
  const socket = new WebSocket(url, "janus-protocol");
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  let sent = 0;
  /** The next message (a reply, an asynchronous plugin event) that `match` accepts. */
  const next = (match: (message: Message) => boolean): Promise<Message> =>
    new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as Message;
        if (!match(message)) return;
        socket.off("message", onMessage);
        resolve(message);
      };
      socket.on("message", onMessage);
    });
  return {
    next,
    /**
     * Sends `body` and resolves with its transaction's answer: the reply, or for a plugin message the
     * plugin's event after Janus's ack (listened for before sending: both can come in one read).
     */
    request(body: Message): Promise<Message> {
      const transaction = `t${sent++}`;
      const reply = next((message) => message.transaction === transaction && message.janus !== "ack");
      socket.send(JSON.stringify({ ...body, transaction }));
      return reply;
    },
    close: () => socket.close(),
  };
}

/** One request on a connection of its own. */
export async function request(url: string, body: Message): Promise<Message> {
  const client = await connectJanus(url);
  try {
    return await client.request(body);
  } finally {
    client.close();
  }
}
