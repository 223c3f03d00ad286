"use client";

import { useEffect, useId, useRef, useState } from "react";
import { searchIntent } from "@/lib/people/people-view";

const DEBOUNCE_MS = 300;

/**
 * Search box: text with "@" is an exact email lookup, anything else a display-name prefix (what Webex can
 * answer). Typing is debounced; Enter searches at once; Escape clears; "/" anywhere focuses it.
 */
export function PeopleSearch({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();

  // The URL changed under us (Back/Forward, Clear filters): show what it says.
  if (value !== synced) {
    setSynced(value);
    setText(value);
  }

  // A half-typed email is explained below the box and never sent (Webex would only refuse it).
  const commit = (q: string) => {
    if (searchIntent(q).kind !== "invalid-email") onSearch(q);
  };

  useEffect(() => {
    const q = text.trim();
    if (q === value || searchIntent(q).kind === "invalid-email") return;
    const t = setTimeout(() => onSearch(q), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, value, onSearch]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const intent = searchIntent(text);
  const hint =
    intent.kind === "invalid-email"
      ? intent.message
      : intent.kind === "email"
        ? "Exact email lookup"
        : intent.kind === "name"
          ? "Display names starting with this text"
          : "Name prefix, or a full email address";

  return (
    <div className="relative w-full sm:w-64 2xl:w-80">
      <label htmlFor={`${hintId}-input`} className="sr-only">
        Search people
      </label>
      <svg aria-hidden viewBox="0 0 16 16" className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.8">
        <circle cx="7" cy="7" r="4.5" />
        <path d="m10.5 10.5 3 3" />
      </svg>
      <input
        ref={inputRef}
        id={`${hintId}-input`}
        type="search"
        value={text}
        placeholder="Search by name or email"
        autoComplete="off"
        spellCheck={false}
        aria-keyshortcuts="/"
        aria-describedby={hintId}
        aria-invalid={intent.kind === "invalid-email" || undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit(text.trim());
          } else if (e.key === "Escape" && text) {
            e.preventDefault();
            setText("");
            onSearch("");
          }
        }}
        className="h-9 w-full rounded-md border border-slate-300 bg-white pl-8 pr-8 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 aria-[invalid=true]:border-amber-500"
      />
      {!text ? (
        <kbd aria-hidden className="pointer-events-none absolute right-2 top-2 rounded border border-slate-300 bg-slate-50 px-1.5 text-xs leading-5 text-slate-500">
          /
        </kbd>
      ) : null}
      <p id={hintId} className={intent.kind === "invalid-email" ? "absolute left-0 top-full z-10 mt-1 w-max max-w-[min(28rem,90vw)] rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900 ring-1 ring-amber-200" : "sr-only"} aria-live="polite">
        {hint}
      </p>
    </div>
  );
}
