/** Entry of the page's inline classic script (see `early-join.ts`); built and inlined by `inline-page.ts`. */
import { startEarlyJoin } from "./early-join";

startEarlyJoin(window);
