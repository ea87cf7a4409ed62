/**
 * Entry of the page's inline classic script (see `early-join.ts`); built and inlined by
 * `inline-page.ts`. It holds the page's only copy of the connection code, lent to the bundle for
 * later attempts.
 */
import { connectViewer } from "../../../rtc/viewer";
import { startEarlyJoin } from "./early-join";

window.beamConnectViewer = connectViewer;
startEarlyJoin(window, connectViewer);
