import { describe, expect, it } from "vitest";
import { errorSentence, errorTitle } from "./error-sentence.ts";

const context = { serverUrl: "http://127.0.0.1:8787" };

describe("errorSentence", () => {
  it("names the server when it cannot be reached", () => {
    expect(errorSentence({ code: "server_unreachable", message: "fetch failed" }, context)).toBe(
      "Can't reach the Beam server at http://127.0.0.1:8787. Is it running?",
    );
  });

  it("points to Options when the API key is refused", () => {
    expect(errorSentence({ code: "unauthorized", message: "" }, context)).toBe(
      "The API key was refused. Check it in Options.",
    );
  });

  it("explains uncapturable tabs and what to do instead", () => {
    expect(errorSentence({ code: "tab_not_capturable", message: "chrome://settings" }, context)).toBe(
      "Extension and browser pages can't be shared. Open a regular web page and click Beam there, or share your camera instead.",
    );
  });

  it("tells the server's owner which origin to allow when the server refuses this browser's Beam", () => {
    const sentence = errorSentence({ code: "origin_not_allowed", message: "" }, context);
    expect(sentence).toMatch(/^The Beam server at http:\/\/127\.0\.0\.1:8787 doesn't accept/);
    expect(sentence).toMatch(/Add [a-z-]+:\/\/[^/\s]+ to ALLOWED_ORIGINS/);
  });

  it("has a sentence for a denied camera", () => {
    expect(errorSentence({ code: "camera_denied", message: "" }, context)).toMatch(/camera/);
  });

  it("falls back to the code and message for codes without a sentence", () => {
    expect(errorSentence({ code: "payload_too_large", message: "Offer too big" }, context)).toBe(
      "Something went wrong (payload_too_large): Offer too big",
    );
  });
});

describe("errorTitle", () => {
  it("names the problem where it is known", () => {
    expect(errorTitle({ code: "tab_not_capturable", message: "" })).toBe("This page can't be shared");
    expect(errorTitle({ code: "camera_denied", message: "" })).toBe("No access to the camera");
  });

  it("falls back to a generic heading", () => {
    expect(errorTitle({ code: "payload_too_large", message: "" })).toBe("Something went wrong");
  });
});
