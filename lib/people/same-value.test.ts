import { describe, expect, it } from "vitest";
import { sameFieldEdit } from "@/lib/import/plan";
import { changesBetween } from "./diff-person";
import { samePhoneNumber, sameValue } from "./same-value";

// Webex stores phone numbers in E.164 ("408 526 7209" of a US person becomes "+1 408 526 7209"): the number the admin
// typed and the one Webex gives back are the same number, never an unsaved change or a conflict.
describe("phone numbers compare as numbers", () => {
  it("formatting, the country code and the trunk prefix do not matter; other digits do", () => {
    expect(samePhoneNumber("408 526 7209", "+1 408 526 7209")).toBe(true);
    expect(samePhoneNumber("(408) 526-7209", "+1 408 526 7209")).toBe(true);
    expect(samePhoneNumber("1 408 526 7209", "+1 408 526 7209")).toBe(true);
    expect(samePhoneNumber("020 7946 0123", "+44 20 7946 0123")).toBe(true);
    expect(samePhoneNumber("+44 (0)20 7946 0123", "+44 20 7946 0123")).toBe(true);
    expect(samePhoneNumber("+1 408 526 7209", "+1 408 526 7208")).toBe(false);
    expect(samePhoneNumber("+1 408 526 7209", "+44 408 526 7209")).toBe(false);
    expect(samePhoneNumber("526 7209", "+1 408 526 7209")).toBe(false); // not the whole national number
    expect(samePhoneNumber("ask reception", "ask reception")).toBe(true);
    expect(samePhoneNumber("ask reception", "ask security")).toBe(false);
  });

  it("sameValue and changesBetween read phoneNumbers that way; type and primary still count", () => {
    const stored = [{ type: "work", value: "+1 408 526 7209", primary: true }];
    expect(sameValue("phoneNumbers", stored, [{ type: "work", value: "408-526-7209", primary: true }])).toBe(true);
    expect(sameValue("phoneNumbers", stored, [{ type: "mobile", value: "408-526-7209", primary: true }])).toBe(false);
    expect(sameValue("phoneNumbers", stored, [{ type: "work", value: "408 526 7209" }])).toBe(false);
    expect(sameValue("phoneNumbers", stored, [...stored, { type: "mobile", value: "+1 212 555 0100" }])).toBe(false);
    expect(changesBetween({ phoneNumbers: stored }, { phoneNumbers: [{ type: "work", value: "408 526 7209", primary: true }] })).toEqual({});
  });

  it("an import's work phone is the same edit when Webex holds it normalised", () => {
    expect(sameFieldEdit("phone", "+1 408 526 7209", "408 526 7209")).toBe(true);
    expect(sameFieldEdit("phone", "+1 408 526 7209", "408 526 7200")).toBe(false);
    expect(sameFieldEdit("title", "A", " A ")).toBe(true);
  });
});
