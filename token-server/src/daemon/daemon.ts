/**
 * A server Beam runs as a child process (coturn, Janus): its output kept and passed on line by
 * line, start-up that fails with the daemon's last words, and a stop that escalates to SIGKILL.
 */
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface DaemonOptions {
  /** For messages: "coturn", "janus". */
  name: string;
  binary: string;
  args: readonly string[];
  /** Resolves once the daemon serves (e.g. `waitForListener`). */
  ready: () => Promise<void>;
  /** Runs after the process has exited, on every stop (e.g. removes its state directory). */
  cleanup: () => void;
  onLog?: (line: string) => void;
}

export interface Daemon {
  readonly pid: number;
  /** Everything it printed so far. */
  log(): string;
  stop(): Promise<void>;
}

export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  const child = spawn(options.binary, options.args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    for (const line of text.split("\n")) if (line.trim()) options.onLog?.(line);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once("error", (error) => reject(new Error(`cannot run ${options.binary}: ${error.message}`))),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!stopped) child.kill("SIGKILL");
      await exited;
    }
    options.cleanup();
  };
  try {
    await Promise.race([
      spawnError,
      exited.then(() => {
        const last = output.trim().split("\n").slice(-8).join("\n");
        throw new Error(`${options.name} exited during start-up:\n${last}`);
      }),
      options.ready(),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid ?? 0, log: () => output, stop };
}

/** Resolves once a TCP connect to host:port succeeds. */
export async function waitForListener(
  name: string,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(host, port)) return;
    await sleep(100);
  }
  throw new Error(`${name} did not listen on ${host}:${port} within ${timeoutMs} ms`);
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
