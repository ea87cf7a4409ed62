import { describe, expect, it } from "vitest";
import { clientIdOf, notificationId } from "./join-prompt.ts";

describe("join prompt notification ids", () => {
  it("round-trips the viewer's client id and ignores other notifications", () => {
    expect(clientIdOf(notificationId("viewer-abc"))).toBe("viewer-abc");
    expect(clientIdOf("something-else")).toBeNull();
    expect(clientIdOf("beam-join:")).toBeNull();
  });
});
