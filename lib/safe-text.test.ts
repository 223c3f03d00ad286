import { describe, expect, it } from "vitest";
import { hasUnsafeText, storable, storableJson, storableText } from "./safe-text";

describe("hasUnsafeText: the one rule every text field follows", () => {
  it("refuses C0 controls, DEL, C1 controls and lone surrogates anywhere in the text", () => {
    for (const bad of ["\u0000", "\u0001", "\t", "\n", "\r", "\u001f", "\u007f", "\u0080", "\u0085", "\u009f", "\ud800", "\udbff", "\udc00", "\udfff"]) {
      expect(hasUnsafeText(`a${bad}b`), JSON.stringify(bad)).toBe(true);
      expect(hasUnsafeText(bad), JSON.stringify(bad)).toBe(true);
    }
    expect(hasUnsafeText("x\udc00\ud800")).toBe(true); // reversed pair
  });

  it("accepts ordinary names in any script, emoji (surrogate pairs) included", () => {
    for (const ok of ["Ada Lovelace", "Zoë Ødegård", "李小龍", "محمد", "O'Brien-Smith", "🎉 Party", "\u00a0nbsp", "a\u200bb"]) {
      expect(hasUnsafeText(ok), ok).toBe(false);
    }
  });
});

describe("storable: what PostgreSQL takes, whatever Webex returned", () => {
  it("replaces NUL and lone surrogates with U+FFFD, and keeps everything else", () => {
    expect(storableText("Probe\u0000P1")).toBe("Probe\ufffdP1");
    expect(storableText("Half\ud800")).toBe("Half\ufffd");
    expect(storableText("\udc00x")).toBe("\ufffdx");
    expect(storableText("tab\tand 🎉")).toBe("tab\tand 🎉");
    expect(storableText(null)).toBeNull();
  });

  it("cleans strings and keys at any depth, and returns the value itself when there is nothing to clean", () => {
    const clean = { changes: [{ field: "displayName", before: "Ada", after: "Ada L" }], n: 1, d: null };
    expect(storable(clean)).toBe(clean);
    const dirty = { changes: [{ field: "displayName", before: "Probe\u0000P1", after: ["x", "\ud800"] }], ["k\u0000"]: 1 };
    expect(storable(dirty)).toEqual({ changes: [{ field: "displayName", before: "Probe\ufffdP1", after: ["x", "\ufffd"] }], ["k\ufffd"]: 1 });
    expect(dirty.changes[0]!.before).toBe("Probe\u0000P1"); // the input is not changed
  });

  it("storableJson gives JSON text without \\u0000 or lone-surrogate escapes", () => {
    const text = storableJson({ rows: [["id", "Probe\u0000P1", "a\ud83d"]] });
    expect(text).not.toMatch(/\\u0000|\\ud[89a-f]/i);
    expect(JSON.parse(text)).toEqual({ rows: [["id", "Probe\ufffdP1", "a\ufffd"]] });
    expect(storableJson({ a: "fine 🎉" })).toBe(JSON.stringify({ a: "fine 🎉" }));
    expect(storableJson(undefined)).toBe("null");
  });
});
