import { describe, expect, it } from "vitest";
import {
  admissionFromTags,
  checkAdmission,
  linkTag,
  MAX_REMOVED_VIEWERS,
  removedViewerTag,
  withRemoved,
} from "./admission.ts";

const tags = (...list: { Key: string; Value: string }[]) =>
  Object.fromEntries(list.map((tag) => [tag.Key, tag.Value]));

describe("channel admission", () => {
  it("reads the link id and the removed viewers from the channel's tags", () => {
    const admission = admissionFromTags({
      ...tags(linkTag("L1"), removedViewerTag("viewer-a"), removedViewerTag("viewer-b")),
      "beam:creator": "beam",
    });
    expect(admission.linkId).toBe("L1");
    expect([...admission.removed]).toEqual(["viewer-a", "viewer-b"]);
  });

  it("admits the current link and refuses a replaced link or a removed viewer with a 4xx", () => {
    const admission = admissionFromTags(tags(linkTag("L2"), removedViewerTag("viewer-gone")));
    expect(() => checkAdmission(admission, "L2", "viewer-ok")).not.toThrow();
    expect(() => checkAdmission(admission, "L1", "viewer-ok")).toThrow(
      expect.objectContaining({ code: "link_replaced", status: 410 }),
    );
    expect(() => checkAdmission(admission, "L2", "viewer-gone")).toThrow(
      expect.objectContaining({ code: "viewer_removed", status: 403 }),
    );
  });

  it("admits tokens without a link id on channels without one (made before link ids)", () => {
    expect(() => checkAdmission(admissionFromTags({}), undefined, "viewer-a")).not.toThrow();
    expect(() => checkAdmission(admissionFromTags(tags(linkTag("L1"))), undefined, "viewer-a")).toThrow();
  });

  it("caps removals below KVS's 50-tag limit", () => {
    let admission = admissionFromTags({});
    for (let i = 0; i < MAX_REMOVED_VIEWERS; i++) admission = withRemoved(admission, `viewer-${i}`);
    expect(withRemoved(admission, "viewer-0")).toBe(admission);
    expect(() => withRemoved(admission, "viewer-new")).toThrow(
      expect.objectContaining({ code: "removal_limit", status: 409 }),
    );
  });
});
