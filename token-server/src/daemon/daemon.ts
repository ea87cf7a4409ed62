/**
 * A server Beam runs as a child process (coturn, Janus): a private state directory for its
 * configuration (0700, removed when it stops or fails to start), its output kept and passed on
 * line by line, start-up that fails with the daemon's last words, and a stop that escalates to SIGKILL.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface DaemonOptions {
  /** For messages: "coturn", "janus". */
  name: string;
  binary: string;
  /** Writes the configuration into the private state directory; returns the command line. */
  prepare: (stateDir: string) => readonly string[];
  /** Resolves once the daemon serves (e.g. `waitForListener`). */
  ready: () => Promise<void>;
  onLog?: (line: string) => void;
}

/** How long a daemon gets between SIGTERM and SIGKILL. */
const STOP_GRACE_MS = 3_000;

export interface Daemon {
  readonly pid: number;
  readonly stateDir: string;
  /** Everything it printed so far. */
  log(): string;
  stop(): Promise<void>;
}

export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  // mkdtemp makes the directory 0700; it and everything in it go when the daemon stops.
  const stateDir = mkdtempSync(join(tmpdir(), `beam-${options.name}-`));
  const removeState = () => rmSync(stateDir, { recursive: true, force: true });
  let args: readonly string[];
  try {
    args = options.prepare(stateDir);
  } catch (error) {
    removeState();
    throw error;
  }
  const child = spawn(options.binary, args, { stdio: ["ignore", "pipe", "pipe"] });
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
      const stopped = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
      if (!stopped) child.kill("SIGKILL");
      await exited;
    }
    removeState();
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
  return { pid: child.pid ?? 0, stateDir, log: () => output, stop };
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
