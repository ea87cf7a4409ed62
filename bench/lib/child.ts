/** Runs a bench server in a child Node process (so its CPU and memory are its own) and talks to it over stdio. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Child<T> {
  pid: number;
  /** The JSON the child printed on its first stdout line. */
  ready: T;
  /** Resident set size now, MB (from /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <entry>`: one process, so /proc reports the server's own RSS. */
export async function startChild<T>(
  entry: string,
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<Child<T>> {
  const args = [...(options.nodeArgs ?? []), "--import", "tsx", entry];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<T>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => {
      try {
        resolve(JSON.parse(line) as T);
      } catch (error) {
        reject(new Error(`${entry} printed no JSON: ${line}`, { cause: error }));
      }
    });
    child.once("exit", (code) => reject(new Error(`${entry} exited (${code}) before it was ready`)));
  });
  const pid = child.pid as number;
  return {
    pid,
    ready,
    rssMb: () => rssMb(pid),
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** CPU time (user + system) a process has used so far, ms (from /proc; clock ticks are 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
