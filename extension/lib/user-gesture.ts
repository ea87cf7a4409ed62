/**
 * Firefox runs getDisplayMedia only inside a click handler ("InvalidStateError: getDisplayMedia
 * requires transient activation"), and a capture started by a runtime message has none. So: try at
 * once (Chrome, or a click still fresh), and on that refusal ask for a click and try again inside it.
 */
import { isDomError } from "../../rtc/capture.ts";

export async function withUserGesture<T>(
  attempt: () => Promise<T>,
  askForClick: (onClick: () => void) => void,
): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!isDomError(error, "InvalidStateError")) throw error;
    // attempt() reaches getDisplayMedia synchronously, so it still runs inside the click handler.
    return new Promise<T>((resolve, reject) => askForClick(() => void attempt().then(resolve, reject)));
  }
}
