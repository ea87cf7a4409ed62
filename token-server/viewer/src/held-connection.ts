/**
 * A connection attempt started before anyone listens: the inline script connects the moment the
 * credentials arrive, long before the page's bundle has run. What the attempt reports meanwhile is
 * kept, with the times the phases were reached, and handed over in order once the bundle attaches
 * its handlers; after that, events go straight through.
 */
import {
  dispatchPeerMessage,
  type PeerMessage,
  type PeerMessageHandlers,
} from "../../../protocol/peer-messages";
import type { ViewerConnection, ViewerConnectionHandlers } from "../../../rtc/viewer";

export interface HeldConnection {
  readonly connection: ViewerConnection;
  /** Replays what happened so far (in a microtask, after the caller has the connection), then forwards. */
  attach(handlers: ViewerConnectionHandlers): void;
}

type Delivery = (handlers: ViewerConnectionHandlers) => void;

export function holdConnection(
  start: (handlers: ViewerConnectionHandlers) => ViewerConnection,
): HeldConnection {
  let target: ViewerConnectionHandlers | undefined;
  const held: Delivery[] = [];
  const deliver = (delivery: Delivery) => (target ? delivery(target) : held.push(delivery));
  // Every message type reaches the bundle's handlers, whichever it declared.
  const messages = new Proxy({} as PeerMessageHandlers, {
    get: () => (message: PeerMessage) => deliver((h) => dispatchPeerMessage(message, h.messages)),
  });
  const connection = start({
    peer: (pc) => deliver((h) => h.peer?.(pc)),
    stream: (stream) => deliver((h) => h.stream(stream)),
    lost: (reason, loss) => deliver((h) => h.lost(reason, loss)),
    phase: (phase, at) => deliver((h) => h.phase?.(phase, at)),
    messages,
  });
  return {
    connection,
    attach(handlers) {
      queueMicrotask(() => {
        target = handlers;
        for (const delivery of held.splice(0)) delivery(handlers);
      });
    },
  };
}
