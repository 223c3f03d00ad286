// @vitest-environment node
import { describe, expect, it } from "vitest";
import { licensePatchPlan } from "./license-update";

// License IDs as Webex encodes them: ciscospark://us/LICENSE/<org>:<OFFER>_<uuid>, unpadded base64url.
const id = (offer: string, n: number) => Buffer.from(`ciscospark://us/LICENSE/org-1:${offer}_0000000${n}`).toString("base64url");
const messaging = id("MS", 1);
const meetings = id("MC", 2);
const callingBasic = id("BCSTD", 3);

describe("licensePatchPlan (which saves go through PATCH /licenses/users)", () => {
  it("a license-only change with the admin's starting licenses: one operation per changed checkbox", () => {
    expect(licensePatchPlan({ licenses: [meetings, messaging] }, { licenses: [meetings, callingBasic] })).toEqual({
      before: [meetings, callingBasic],
      wanted: [meetings, messaging],
      ops: [
        { id: messaging, operation: "add" },
        { id: callingBasic, operation: "remove" }, // removing Calling needs no properties
      ],
    });
  });

  it("everything else takes the merge-and-PUT path", () => {
    expect(licensePatchPlan({ licenses: [messaging], title: "x" }, { licenses: [], title: null })).toBeNull(); // mixed edit
    expect(licensePatchPlan({ licenses: [messaging] }, undefined)).toBeNull(); // no starting licenses: lastModified check
    expect(licensePatchPlan({ licenses: [messaging] }, { title: "x" })).toBeNull();
    expect(licensePatchPlan({ licenses: [messaging, callingBasic] }, { licenses: [messaging] })).toBeNull(); // adds Calling
    expect(licensePatchPlan({ licenses: [messaging] }, { licenses: [messaging] })).toBeNull(); // nothing to send
    expect(licensePatchPlan(() => ({ licenses: [messaging] }), { licenses: [] })).toBeNull(); // derived in a job
  });
});
