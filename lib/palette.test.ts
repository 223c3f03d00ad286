import { describe, expect, it } from "vitest";
import { isPaletteShortcut } from "./palette";

const key = (k: string, mods: Partial<Record<"metaKey" | "ctrlKey" | "altKey" | "shiftKey", boolean>> = {}) => ({ key: k, metaKey: false, ctrlKey: false, altKey: false, shiftKey: false, ...mods });

describe("isPaletteShortcut", () => {
  it("is Cmd+K or Ctrl+K, whatever the platform and the Caps Lock", () => {
    expect(isPaletteShortcut(key("k", { metaKey: true }))).toBe(true);
    expect(isPaletteShortcut(key("k", { ctrlKey: true }))).toBe(true);
    expect(isPaletteShortcut(key("K", { ctrlKey: true }))).toBe(true);
  });

  it("is not K alone (typing), nor with Shift or Alt (other shortcuts)", () => {
    expect(isPaletteShortcut(key("k"))).toBe(false);
    expect(isPaletteShortcut(key("k", { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPaletteShortcut(key("k", { metaKey: true, altKey: true }))).toBe(false);
    expect(isPaletteShortcut(key("j", { metaKey: true }))).toBe(false);
  });
});
