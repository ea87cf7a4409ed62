/**
 * Which viewers of a session hold an open signaling connection right now, as far as this server can
 * tell. With the embedded emulator it sees every ConnectAsViewer; against AWS it sees no socket
 * (KVS has no API that lists a channel's clients), so it cannot tell: `undefined`.
 */
export type ViewerPresence = (sessionId: string) => ReadonlySet<string> | undefined;

/** The embedded emulator's view: the client ids connected to the session's channel. */
export function emulatorPresence(
  emulator: { viewerClientIds(channelName: string): string[] },
  channelPrefix: string,
): ViewerPresence {
  return (sessionId) => new Set(emulator.viewerClientIds(`${channelPrefix}${sessionId}`));
}
