import autocannon from "autocannon";
import { percentile } from "./stats";

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

/**
 * Drives POSTs at `url` with autocannon for `seconds`. Latency percentiles are taken from each 2xx
 * response's own float timing (autocannon's histogram rounds to whole ms).
 */
export async function postLoad(
  url: string,
  body: string,
  seconds: number,
  connections = 16,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const run = autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    connections,
    duration: seconds,
  });
  run.on("response", (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await run;
  return {
    rps: latencies.length / result.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
