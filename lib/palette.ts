// The command palette (components/palette) opens on Cmd/Ctrl+K, or on this window event, which the visible
// triggers in the shell send (the shell cannot import a domain folder). Pure: no React.
export const OPEN_PALETTE_EVENT = "roster:open-palette";

/** Cmd+K on a Mac, Ctrl+K elsewhere (either is accepted everywhere). */
export function isPaletteShortcut(e: Pick<KeyboardEvent, "key" | "metaKey" | "ctrlKey" | "altKey" | "shiftKey">): boolean {
  return (e.metaKey || e.ctrlKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k";
}

export function openPalette(): void {
  window.dispatchEvent(new Event(OPEN_PALETTE_EVENT));
}
