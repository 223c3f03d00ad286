import { describe, expect, it } from "vitest";
import { type KeyValueStorage, previousCursor, rememberStep } from "./cursor-history";

function memory(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("cursor history", () => {
  it("remembers the way back page by page", () => {
    const s = memory();
    rememberStep(null, "c2", s);
    rememberStep("c2", "c3", s);
    expect(previousCursor("c3", s)).toBe("c2");
    expect(previousCursor("c2", s)).toBeNull();
    expect(previousCursor("c9", s)).toBeUndefined();
  });

  it("survives corrupt storage and stays bounded", () => {
    const s = memory();
    s.setItem("roster.people.prevCursor", "{not json");
    expect(previousCursor("x", s)).toBeUndefined();
    for (let i = 0; i < 600; i++) rememberStep(`c${i}`, `c${i + 1}`, s);
    expect(Object.keys(JSON.parse(s.data.get("roster.people.prevCursor")!) as object)).toHaveLength(500);
    expect(previousCursor("c600", s)).toBe("c599");
    expect(previousCursor("c1", s)).toBeUndefined();
  });
});
