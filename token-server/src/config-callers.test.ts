import { describe, expect, it } from "vitest";
import { problemsOf, repoRoot } from "./config.fixtures.ts";
import { loadConfig } from "./config.ts";

/** The settings of who may call the server: ALLOWED_ORIGINS and ALLOWED_HOSTS. */

describe("loadConfig: callers", () => {
  it("reads extra allowed origins and host names, normalised, and refuses wildcards", () => {
    const root = repoRoot();
    const firefox = "moz-extension://0a1b2c3d-1111-2222-3333-444455556666";
    const config = loadConfig(
      { ALLOWED_ORIGINS: ` ${firefox}, HTTPS://Beam.Example.com/ ` },
      { repoRoot: root },
    );
    expect(config.allowedOrigins).toEqual([firefox, "https://beam.example.com"]);
    expect(loadConfig({}, { repoRoot: root }).allowedOrigins).toEqual([]);
    expect(
      loadConfig({ ALLOWED_HOSTS: "Beam.LAN,beam.example.com" }, { repoRoot: root }).allowedHosts,
    ).toEqual(["beam.lan", "beam.example.com"]);
    expect(problemsOf({ ALLOWED_HOSTS: "*.example.com" })).toEqual([
      expect.stringMatching(/^ALLOWED_HOSTS\.0: each entry must be a host name/),
    ]);
    expect(problemsOf({ ALLOWED_ORIGINS: "chrome-extension://*" })).toEqual([
      expect.stringMatching(/^ALLOWED_ORIGINS\.0: each entry must be an origin/),
    ]);
  });
});
