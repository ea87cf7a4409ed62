import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("./src", import.meta.url));
const CHANNELS = "arn:aws:kinesisvideo:*:*:channel/beam-*/*";

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: string;
}
const policy = JSON.parse(readFileSync(new URL("./iam-policy.json", import.meta.url), "utf8")) as {
  Statement: Statement[];
};
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** Every `new XCommand(` in the token server's own code (the emulator serves KVS; it does not call it). */
function sdkCommandsUsed(): Set<string> {
  const used = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!["emulator", "testing"].includes(entry.name)) walk(path);
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        for (const match of readFileSync(path, "utf8").matchAll(/new (\w+)Command\(/g))
          used.add(match[1] as string);
      }
    }
  };
  walk(SRC);
  return used;
}

describe("token-server/iam-policy.json", () => {
  const allowed = new Set(policy.Statement.flatMap(actions));

  it("allows exactly the KVS actions the code uses, plus the WebSocket connects it presigns", () => {
    const needed = new Set([...sdkCommandsUsed()].map((name) => `kinesisvideo:${name}`));
    // Presigned signaling URLs are checked as ConnectAsMaster / ConnectAsViewer; tags ride on create.
    for (const extra of ["ConnectAsMaster", "ConnectAsViewer", "TagResource"])
      needed.add(`kinesisvideo:${extra}`);
    expect([...needed].sort()).toEqual([...allowed].sort());
  });

  it("limits every action to beam-* channels, except listing, which IAM cannot scope", () => {
    for (const statement of policy.Statement) {
      expect(statement.Effect).toBe("Allow");
      if (statement.Resource === "*")
        expect(actions(statement)).toEqual(["kinesisvideo:ListSignalingChannels"]);
      else expect(statement.Resource).toBe(CHANNELS);
    }
  });
});
