import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentThemeChoice, setThemeChoice, THEME_SCRIPT, THEME_STORAGE_KEY } from "./theme";

// The inline script of app/layout.tsx, run as the browser runs it, against a stand-in for the OS's preference.
let osDark = false;
let listeners: (() => void)[] = [];

function runScript() {
  new Function(THEME_SCRIPT)();
}

beforeEach(() => {
  osDark = false;
  listeners = [];
  window.matchMedia = (() => ({
    get matches() {
      return osDark;
    },
    addEventListener: (_: string, fn: () => void) => listeners.push(fn),
  })) as unknown as typeof window.matchMedia;
  localStorage.clear();
  document.documentElement.className = "";
});

afterEach(() => {
  delete window.__rosterTheme;
});

const isDark = () => document.documentElement.classList.contains("dark");

describe("theme script", () => {
  it("follows the OS when nothing is stored, also when the OS changes", () => {
    osDark = true;
    runScript();
    expect(isDark()).toBe(true);
    expect(currentThemeChoice()).toBe("system");
    osDark = false;
    listeners.forEach((fn) => fn());
    expect(isDark()).toBe(false);
  });

  it("a stored choice wins over the OS, and survives a new page load", () => {
    osDark = true;
    runScript();
    setThemeChoice("light");
    expect(isDark()).toBe(false);
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("light");
    runScript();
    expect(isDark()).toBe(false);
    expect(currentThemeChoice()).toBe("light");
    listeners.forEach((fn) => fn());
    expect(isDark()).toBe(false);
  });

  it("System forgets the choice and returns to the OS", () => {
    runScript();
    setThemeChoice("dark");
    expect(isDark()).toBe(true);
    setThemeChoice("system");
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
    expect(isDark()).toBe(false);
  });

  it("ignores an unknown stored value", () => {
    localStorage.setItem(THEME_STORAGE_KEY, "purple");
    osDark = true;
    runScript();
    expect(isDark()).toBe(true);
    expect(currentThemeChoice()).toBe("system");
  });
});
