// The console's colour theme: the admin's choice (System, Light or Dark), kept in localStorage, decides whether
// <html> has the `dark` class (app/globals.css remaps the palette under it). "System" follows the OS's
// prefers-color-scheme, also when it changes while a page is open.
//
// THEME_SCRIPT runs inline in <head> (app/layout.tsx) before the first paint, so no page flashes the wrong theme;
// it also listens to the OS's preference for the life of the document. The toggle (theme-toggle.tsx) stores a new
// choice and applies it at once through the same global function.

export type ThemeChoice = "system" | "light" | "dark";
export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];
export const THEME_STORAGE_KEY = "roster-theme";

/** What the inline script defines on window: applies the stored choice (or `choice`, after storing it). */
declare global {
  interface Window {
    __rosterTheme?: (choice?: ThemeChoice) => void;
  }
}

export function parseThemeChoice(value: string | null | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

// Plain ES5 in a string: it runs before any bundle, and must not throw where localStorage is blocked.
export const THEME_SCRIPT = `(function(){
var k=${JSON.stringify(THEME_STORAGE_KEY)},m=window.matchMedia("(prefers-color-scheme: dark)");
function read(){try{var v=localStorage.getItem(k);return v==="light"||v==="dark"?v:"system"}catch(e){return "system"}}
function apply(c){
if(c){try{if(c==="system")localStorage.removeItem(k);else localStorage.setItem(k,c)}catch(e){}}
var t=c||read(),d=t==="dark"||(t==="system"&&m.matches),h=document.documentElement;
h.classList.toggle("dark",d);h.setAttribute("data-theme",t);
try{window.dispatchEvent(new Event("roster-theme"))}catch(e){}
}
window.__rosterTheme=apply;apply();
m.addEventListener("change",function(){apply()});
window.addEventListener("storage",function(e){if(e.key===k||e.key===null)apply()});
})();`;

/** The choice in effect on this page (what the inline script last applied). */
export function currentThemeChoice(): ThemeChoice {
  return parseThemeChoice(document.documentElement.getAttribute("data-theme"));
}

/** Stores and applies a choice (through the inline script's function, so both share one implementation). */
export function setThemeChoice(choice: ThemeChoice): void {
  window.__rosterTheme?.(choice);
}

/** Calls `onChange` whenever a choice is applied here or in another tab. */
export function subscribeTheme(onChange: () => void): () => void {
  window.addEventListener("roster-theme", onChange);
  return () => window.removeEventListener("roster-theme", onChange);
}
