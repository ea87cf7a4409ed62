import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { viewerFilesFromDir } from "./viewer-files.ts";

const root = mkdtempSync(join(tmpdir(), "beam-viewer-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("viewerFilesFromDir", () => {
  it("reads files inside the directory and nothing outside it", async () => {
    mkdirSync(join(root, "dist", "assets"), { recursive: true });
    writeFileSync(join(root, "dist", "assets", "a.js"), "ok");
    writeFileSync(join(root, "secret.txt"), "no");
    const files = viewerFilesFromDir(join(root, "dist"));
    expect(new TextDecoder().decode((await files.read("assets/a.js")) ?? undefined)).toBe("ok");
    expect(await files.read("../secret.txt")).toBeNull();
    expect(await files.read("assets/../../secret.txt")).toBeNull();
    expect(await files.read("missing.html")).toBeNull();
    expect(await files.read("assets")).toBeNull();
  });

  it("accepts the directory with a trailing separator", async () => {
    mkdirSync(join(root, "dist", "assets"), { recursive: true });
    writeFileSync(join(root, "dist", "assets", "b.js"), "yes");
    const files = viewerFilesFromDir(`${join(root, "dist")}/`);
    expect(new TextDecoder().decode((await files.read("assets/b.js")) ?? undefined)).toBe("yes");
    expect(await files.read("../secret.txt")).toBeNull();
  });
});
