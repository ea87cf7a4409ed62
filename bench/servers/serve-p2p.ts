/**
 * Child process for the P2P floor: the least a browser-to-browser join can be on this machine. It
 * serves a sender page (camera, one peer connection per receiver) and a receiver page (one inline
 * script: socket, receive-only peer connection, offer on open, trickle), and relays their messages
 * over a bare WebSocket: no credentials, no KVS, no quotas, no UI. Prints `{ url }` as one JSON
 * line, then serves until SIGTERM.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { START_BITRATE_KBPS, VIDEO_CODEC, withStartBitrate } from "../../rtc/start-bitrate.ts";

/** Both pages: signaling messages are `{ to?, from?, description?, candidate? }`. */
const SHARED = `
const socket = new WebSocket(location.origin.replace("http", "ws") + "/relay" + location.pathname);
const send = (message) => socket.send(JSON.stringify(message));
`;

const RECEIVER = `${SHARED}
const pc = new RTCPeerConnection();
pc.addTransceiver("video", { direction: "recvonly" });
pc.ontrack = (event) => { document.querySelector("video").srcObject = event.streams[0] ?? new MediaStream([event.track]); };
const early = [];
pc.onicecandidate = ({ candidate }) => candidate && (socket.readyState === 1 ? send({ candidate }) : early.push(candidate));
const offered = pc.setLocalDescription();
socket.onopen = async () => {
  await offered;
  send({ description: pc.localDescription });
  for (const candidate of early.splice(0)) send({ candidate });
};
socket.onmessage = ({ data }) => {
  const message = JSON.parse(data);
  if (message.description) pc.setRemoteDescription(message.description);
  if (message.candidate) pc.addIceCandidate(message.candidate);
};`;

// The sender starts each receiver's video as Beam's master does (\`rtc/start-bitrate.ts\`): the
// floor is the least a join can take, not WebRTC's defaults.
const SENDER = `${SHARED}
const VIDEO_CODEC = ${VIDEO_CODEC};
const withStartBitrate = ${withStartBitrate.toString()};
const camera = navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720, frameRate: 30 } });
const peers = new Map();
// One receiver's messages in order: its candidates wait for its offer to be applied.
const handle = async (pc, { description, candidate }) => {
  if (description) {
    const sdp = withStartBitrate(description.sdp, ${START_BITRATE_KBPS});
    await pc.setRemoteDescription({ type: description.type, sdp });
    await pc.setLocalDescription();
    send({ to: pc.receiver, description: pc.localDescription });
  }
  if (candidate) await pc.addIceCandidate(candidate);
};
socket.onmessage = ({ data }) => {
  const message = JSON.parse(data);
  let peer = peers.get(message.from);
  if (message.left) return peer?.pc.close(), peers.delete(message.from);
  if (!peer) {
    const pc = new RTCPeerConnection();
    pc.receiver = message.from;
    pc.onicecandidate = (e) => e.candidate && send({ to: message.from, candidate: e.candidate });
    peer = { pc, queue: camera.then((stream) => { for (const track of stream.getVideoTracks()) pc.addTrack(track); }) };
    peers.set(message.from, peer);
  }
  peer.queue = peer.queue.then(() => handle(peer.pc, message));
};
camera.then(() => (document.title = "ready"));`;

const page = (script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>p2p</title></head><body><video autoplay playsinline muted></video><script>${script}</script></body></html>`;

const wss = new WebSocketServer({ noServer: true });
let sender: WebSocket | undefined;
const receivers = new Map<string, WebSocket>();

const server = createServer((req, res) => {
  const html = req.url === "/send" ? page(SENDER) : req.url === "/receive" ? page(RECEIVER) : undefined;
  res.writeHead(html ? 200 : 404, { "content-type": "text/html" });
  res.end(html ?? "");
});
server.on("upgrade", (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    if (req.url === "/relay/send") {
      sender = ws;
      ws.on("message", (data) => {
        const { to, ...message } = JSON.parse(String(data));
        receivers.get(to)?.send(JSON.stringify(message));
      });
      return;
    }
    const id = randomUUID();
    receivers.set(id, ws);
    ws.on("message", (data) => sender?.send(JSON.stringify({ from: id, ...JSON.parse(String(data)) })));
    ws.on("close", () => {
      receivers.delete(id);
      sender?.send(JSON.stringify({ from: id, left: true }));
    });
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
});
process.once("SIGTERM", () => {
  for (const client of wss.clients) client.terminate();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
