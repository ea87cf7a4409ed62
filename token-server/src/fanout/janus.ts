/**
 * Debian's Janus (`/usr/bin/janus`) as a child process, as `coturn.ts` runs coturn: a generated
 * configuration in a private directory, only the video room plugin and the WebSocket transport
 * loaded, no admin API, and every request signed with a token the token server mints
 * (`janus-token.ts`). The secrets live in the configuration file (0600), never on the command line.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startDaemon, waitForListener } from "../daemon/daemon.ts";

export const JANUS_BINARY = "/usr/bin/janus";
/** Where Debian puts Janus's plugins and transports (its multiarch library directory). */
const JANUS_LIB_DIRS = ["/usr/lib/x86_64-linux-gnu/janus", "/usr/lib/aarch64-linux-gnu/janus"];

export interface JanusOptions {
  /** Address the WebSocket API listens on; loopback unless an operator exposes it. */
  listenHost: string;
  port: number;
  /** Verifies the tokens the token server mints (`token_auth_secret`). */
  tokenSecret: string;
  /** Lets only the token server create and destroy rooms (the video room plugin's `admin_key`). */
  adminKey: string;
  /** UDP ports for media, "min-max". */
  rtpPortRange?: string;
  binary?: string;
  /** Janus's library directory (plugins/, transports/); found among Debian's when absent. */
  libDir?: string;
  onLog?: (line: string) => void;
}

export interface RunningJanus {
  readonly pid: number;
  /** The WebSocket API, e.g. ws://127.0.0.1:8188. */
  readonly url: string;
  /** Its configuration folder (with the secrets, 0600 each): 0700, removed on close. */
  readonly configDir: string;
  log(): string;
  close(): Promise<void>;
}

/** A value in a libconfig string: printable ASCII without quotes or backslashes. */
function quoted(name: string, value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value) || /["\\]/.test(value)) throw new Error(`${name}: printable ASCII only`);
  return `"${value}"`;
}

/** The three configuration files, by name; pure, so what Beam asks of Janus reads in one place. */
export function janusConfig(options: JanusOptions, dirs: { lib: string }): Record<string, string> {
  if (options.tokenSecret.length < 16 || options.adminKey.length < 16)
    throw new Error("the Janus token secret and admin key need at least 16 characters");
  return {
    "janus.jcfg": `general: {
  plugins_folder = ${quoted("plugins", join(dirs.lib, "plugins"))}
  transports_folder = ${quoted("transports", join(dirs.lib, "transports"))}
  events_folder = ${quoted("events", join(dirs.lib, "none"))}
  loggers_folder = ${quoted("loggers", join(dirs.lib, "none"))}
  server_name = "beam"
  debug_level = 4
  token_auth = true
  token_auth_secret = ${quoted("token secret", options.tokenSecret)}
  session_timeout = 60
}
media: {
  rtp_port_range = ${quoted("RTP ports", options.rtpPortRange ?? "20000-40000")}
}
nat: {
  nice_debug = false
  ignore_mdns = true
}
`,
    "janus.transport.websockets.jcfg": `general: {
  json = "plain"
  ws = true
  ws_port = ${options.port}
  ws_ip = ${quoted("listen host", options.listenHost)}
  wss = false
}
admin: {
  admin_ws = false
  admin_wss = false
}
`,
    "janus.plugin.videoroom.jcfg": `general: {
  admin_key = ${quoted("admin key", options.adminKey)}
  lock_rtp_forward = true
  string_ids = true
}
`,
  };
}

/** Only the plugin and transport Beam uses are loaded: the folders Janus reads hold just those. */
function linkLibraries(libDir: string, into: string): void {
  const wanted = { plugins: "libjanus_videoroom.so", transports: "libjanus_websockets.so" };
  for (const [folder, file] of Object.entries(wanted)) {
    mkdirSync(join(into, folder));
    symlinkSync(join(libDir, folder, file), join(into, folder, file));
  }
  mkdirSync(join(into, "none"));
}

function findLibDir(options: JanusOptions): string {
  const found = options.libDir ?? JANUS_LIB_DIRS.find((dir) => existsSync(join(dir, "plugins")));
  if (!found) throw new Error("Janus's plugins are not installed (apt-get install janus)");
  return found;
}

/** Starts Janus and resolves once its WebSocket API listens; rejects with its log if it dies. */
export async function startJanus(options: JanusOptions, readyTimeoutMs = 10_000): Promise<RunningJanus> {
  const libDir = findLibDir(options);
  const daemon = await startDaemon({
    name: "janus",
    binary: options.binary ?? JANUS_BINARY,
    prepare: (stateDir) => {
      const dirs = { config: join(stateDir, "conf"), lib: join(stateDir, "lib") };
      mkdirSync(dirs.config, { mode: 0o700 });
      mkdirSync(dirs.lib);
      linkLibraries(libDir, dirs.lib);
      for (const [name, text] of Object.entries(janusConfig(options, dirs)))
        writeFileSync(join(dirs.config, name), text, { mode: 0o600 });
      // The configuration folder only works on the command line (in janus.jcfg it is ignored).
      return [
        "--config",
        join(dirs.config, "janus.jcfg"),
        "--configs-folder",
        dirs.config,
        "--disable-colors",
      ];
    },
    ready: () => waitForListener("janus", options.listenHost, options.port, readyTimeoutMs),
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  return {
    pid: daemon.pid,
    url: `ws://${options.listenHost.includes(":") ? `[${options.listenHost}]` : options.listenHost}:${options.port}`,
    configDir: join(daemon.stateDir, "conf"),
    log: daemon.log,
    close: daemon.stop,
  };
}
