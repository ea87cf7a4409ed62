import { createSocket, type RemoteInfo, type Socket } from "node:dgram";

const MAGIC_COOKIE = 0x2112a442;
const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;
const XOR_MAPPED_ADDRESS = 0x0020;

/** RFC 5389 Binding success response carrying the requester's address as XOR-MAPPED-ADDRESS. */
export function bindingResponse(
  request: Buffer,
  from: Pick<RemoteInfo, "address" | "port" | "family">,
): Buffer | null {
  if (request.length < 20 || request.readUInt16BE(0) !== BINDING_REQUEST) return null;
  if (request.readUInt32BE(4) !== MAGIC_COOKIE) return null;
  const transactionId = request.subarray(8, 20);
  const ipv6 = from.family === "IPv6";
  const address = ipv6 ? ipv6Bytes(from.address) : Buffer.from(from.address.split(".").map(Number));
  const xorKey = Buffer.concat([Buffer.alloc(4), transactionId]);
  xorKey.writeUInt32BE(MAGIC_COOKIE, 0);
  const attribute = Buffer.alloc(8 + address.length);
  attribute.writeUInt16BE(XOR_MAPPED_ADDRESS, 0);
  attribute.writeUInt16BE(4 + address.length, 2);
  attribute.writeUInt8(ipv6 ? 0x02 : 0x01, 5);
  attribute.writeUInt16BE(from.port ^ (MAGIC_COOKIE >>> 16), 6);
  for (const [i, byte] of address.entries()) attribute.writeUInt8(byte ^ (xorKey[i] as number), 8 + i);
  const header = Buffer.alloc(20);
  header.writeUInt16BE(BINDING_SUCCESS, 0);
  header.writeUInt16BE(attribute.length, 2);
  header.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(header, 8);
  return Buffer.concat([header, attribute]);
}

function ipv6Bytes(address: string): Buffer {
  const [head = "", tail = ""] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = [
    ...headGroups,
    ...Array(8 - headGroups.length - tailGroups.length).fill("0"),
    ...tailGroups,
  ];
  const bytes = Buffer.alloc(16);
  for (const [i, group] of groups.entries()) bytes.writeUInt16BE(Number.parseInt(group, 16), i * 2);
  return bytes;
}

/** Binds a STUN Binding responder on UDP; resolves null when the port is taken (ICE then just gets no srflx). */
export function startStunResponder(host: string, port: number): Promise<Socket | null> {
  const socket = createSocket(host.includes(":") ? "udp6" : "udp4");
  socket.on("message", (msg, from) => {
    const reply = bindingResponse(msg, from);
    if (reply) socket.send(reply, from.port, from.address);
  });
  return new Promise((resolve) => {
    socket.once("error", () => {
      socket.close();
      resolve(null);
    });
    socket.bind(port, host, () => {
      socket.removeAllListeners("error");
      socket.on("error", () => {});
      resolve(socket);
    });
  });
}
