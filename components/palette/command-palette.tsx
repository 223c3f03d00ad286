"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { DateTime } from "@/components/ui/date-time";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import { formatCount } from "@/lib/format";
import { isPaletteShortcut, OPEN_PALETTE_EVENT } from "@/lib/palette";
import { useStartSync } from "@/lib/query/directory";
import { directorySearchOptions, liveSearchOptions } from "@/lib/query/directory-search";

// Jump to person (issue 15): Cmd/Ctrl+K anywhere in the console. The WAI-ARIA combobox pattern: the text box keeps
// focus, arrows move the active option (aria-activedescendant), Enter opens it, Escape closes and gives focus back
// to what had it. People come from Roster's index (labelled with its age); before the org's first sync, from
// Webex's own search (a name prefix or a whole email address), and the palette says so.

const DEBOUNCE_MS = 150;

interface Command {
  id: string;
  label: string;
  hint: string;
  href?: string;
  run?: "sync";
  write?: boolean;
}

const COMMANDS: Command[] = [
  { id: "people", label: "Go to People", hint: "/people", href: "/people" },
  { id: "licenses", label: "Go to Licenses", hint: "/licenses", href: "/licenses" },
  { id: "reclaim", label: "Go to Reclaim licenses", hint: "/licenses/reclaim", href: "/licenses/reclaim" },
  { id: "activity", label: "Go to Activity", hint: "/activity", href: "/activity" },
  { id: "jobs", label: "Go to Jobs", hint: "/jobs", href: "/jobs" },
  { id: "changes", label: "Go to Changes", hint: "/changes", href: "/changes" },
  { id: "new", label: "Add a person", hint: "/people/new", href: "/people/new", write: true },
  { id: "import", label: "Start an import", hint: "/people/import", href: "/people/import", write: true },
  { id: "sync", label: "Sync the directory now", hint: "Read every person from Webex", run: "sync" },
];

type Option =
  | { kind: "person"; key: string; id: string; name: string; detail: string }
  | { kind: "command"; key: string; command: Command };

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function CommandPalette({ canWrite }: { canWrite: boolean }) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);

  const show = useCallback(() => {
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
    setOpen(true);
  }, []);
  const close = useCallback(() => {
    setOpen(false);
    const o = opener.current;
    opener.current = null;
    // After the dialog is gone (its close() moves focus itself): back to what had it, when it is still there.
    requestAnimationFrame(() => {
      if (o?.isConnected) o.focus({ preventScroll: true });
    });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteShortcut(e)) return;
      e.preventDefault();
      if (open) close();
      else show();
    };
    document.addEventListener("keydown", onKey);
    window.addEventListener(OPEN_PALETTE_EVENT, show);
    return () => {
      document.removeEventListener("keydown", onKey);
      window.removeEventListener(OPEN_PALETTE_EVENT, show);
    };
  }, [open, show, close]);

  return open ? <Palette canWrite={canWrite} onClose={close} /> : null;
}

function Palette({ canWrite, onClose }: { canWrite: boolean; onClose: () => void }) {
  const router = useRouter();
  const sync = useStartSync();
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const labelId = useId();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const typing = text.trim() !== q;

  const indexed = useQuery(directorySearchOptions(q));
  const neverSynced = indexed.data?.indexed === false;
  const live = useQuery({ ...liveSearchOptions(q), enabled: neverSynced && liveSearchOptions(q).enabled !== false });

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    input.current?.focus();
    return () => {
      if (d?.open) d.close();
    };
  }, []);

  const people: Option[] = useMemo(() => {
    if (!q) return [];
    if (neverSynced) {
      return (live.data?.items ?? []).slice(0, 10).map((p) => ({
        kind: "person" as const,
        key: `p-${p.id}`,
        id: p.id,
        name: p.displayName || p.emails?.[0] || "(no name)",
        detail: [p.emails?.[0], p.title].filter(Boolean).join(" · "),
      }));
    }
    return (indexed.data?.hits ?? []).map((h) => ({
      kind: "person" as const,
      key: `p-${h.id}`,
      id: h.id,
      name: h.displayName || h.email,
      detail: [h.email, h.title, h.department].filter(Boolean).join(" · "),
    }));
  }, [q, neverSynced, live.data, indexed.data]);

  const commands: Option[] = useMemo(() => {
    const t = text.trim().toLowerCase();
    return COMMANDS.filter((c) => (canWrite || !c.write) && (!t || c.label.toLowerCase().includes(t) || c.hint.toLowerCase().includes(t))).map((c) => ({
      kind: "command" as const,
      key: `c-${c.id}`,
      command: c,
    }));
  }, [text, canWrite]);

  const options = useMemo(() => [...people, ...commands], [people, commands]);
  const current = Math.min(active, Math.max(options.length - 1, 0));
  const activeOption = options[current];
  const optionId = (o: Option) => `${listId}-${o.key}`;

  useEffect(() => {
    if (activeOption) document.getElementById(optionId(activeOption))?.scrollIntoView({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeOption?.key]);

  const choose = (o: Option | undefined) => {
    if (!o) return;
    if (o.kind === "person") {
      onClose();
      router.push(`/people/${encodeURIComponent(o.id)}`);
      return;
    }
    const c = o.command;
    onClose();
    if (c.href) router.push(c.href);
    else if (c.run === "sync") {
      sync.mutate(undefined, {
        onSuccess: ({ started }) => toast.info(started ? "Directory sync started" : "A directory sync is already running"),
        onError: (err) => toast.error(`Could not start the sync: ${err.message}`),
      });
    }
  };

  const searching = Boolean(text.trim()) && (typing || (neverSynced ? live.isFetching : indexed.isFetching || indexed.isPending));
  const [pendingEnter, setPendingEnter] = useState(false);
  // After every render: the answer has arrived once `searching` is false.
  useEffect(() => {
    if (pendingEnter && !searching) choose(options[0]);
  });

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!options.length) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + options.length) % options.length);
    } else if (e.key === "Home" && e.ctrlKey) {
      e.preventDefault();
      setActive(0);
    } else if (e.key === "End" && e.ctrlKey) {
      e.preventDefault();
      setActive(Math.max(options.length - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      // Typed faster than the search answers: open the best option once it has (never a stale one).
      if (searching) setPendingEnter(true);
      else choose(activeOption);
    }
  };

  const searchError = neverSynced ? live.error : indexed.error;
  const liveAskable = liveSearchOptions(q).enabled !== false;

  let peopleStatus: React.ReactNode = null;
  if (!text.trim()) peopleStatus = "Type a name or an email address to find a person.";
  else if (searching && people.length === 0) peopleStatus = "Searching…";
  else if (searchError) peopleStatus = `Search failed: ${searchError.message}`;
  else if (neverSynced && !liveAskable) peopleStatus = "Type the whole email address to look someone up in Webex.";
  else if (people.length === 0 && q) peopleStatus = `No one matches “${q}”.`;

  const announce = !q || searching ? "" : `${people.length === 0 ? "No people" : people.length === 1 ? "1 person" : `${people.length} people`} found, ${commands.length} ${commands.length === 1 ? "command" : "commands"}`;

  return (
    <dialog
      ref={dialog}
      aria-labelledby={labelId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === dialog.current) onClose(); // the backdrop
      }}
      className="m-auto mt-[12vh] w-[min(40rem,calc(100vw-1rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40 dark:backdrop:bg-black/60"
      data-testid="command-palette"
    >
      <h2 id={labelId} className="sr-only">
        Jump to a person or a command
      </h2>
      <div className="flex items-center gap-2 border-b border-slate-200 px-4">
        <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5 shrink-0 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
          <circle cx="9" cy="9" r="5.5" />
          <path d="M13.5 13.5 17 17" />
        </svg>
        <input
          ref={input}
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? optionId(activeOption) : undefined}
          aria-label="Search people by name or email, or find a command"
          aria-describedby={`${listId}-help`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setPendingEnter(false);
          }}
          onKeyDown={onKeyDown}
          placeholder="Search people by name or email, or type a command…"
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          className="h-12 min-w-0 flex-1 bg-transparent text-base text-slate-900 outline-none placeholder:text-slate-500"
        />
        {searching ? <Spinner className="text-slate-500" /> : null}
        <kbd className="hidden rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-500 sm:inline">Esc</kbd>
      </div>
      <p id={`${listId}-help`} className="sr-only">
        Use the up and down arrow keys to choose, Enter to open, Escape to close.
      </p>
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>

      {/* Focusable, so the list scrolls from the keyboard too (axe: scrollable-region-focusable). */}
      <div className="max-h-[min(60vh,28rem)] overflow-y-auto p-2" tabIndex={0} aria-label="Results">
        {neverSynced ? (
          <p className="mx-2 mb-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="palette-not-indexed">
            Roster has not indexed this organization yet, so this searches Webex directly: names by their beginning, or a whole email
            address. Use “Sync the directory now” below for a search by any part of a name or email.
          </p>
        ) : null}
        {peopleStatus ? (
          <p className="px-3 py-2 text-sm text-slate-600" data-testid="palette-people-status">
            {peopleStatus}
          </p>
        ) : null}
        {/* Always in the page (the combobox controls it), hidden while it has no option. */}
        <div id={listId} role="listbox" aria-label="People and commands" hidden={options.length === 0}>
            {people.length > 0 ? (
              <div role="group" aria-labelledby={`${listId}-people`}>
                <div id={`${listId}-people`} aria-hidden className="px-3 pb-1 pt-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                  People
                </div>
                {people.map((o) => renderOption(o))}
              </div>
            ) : null}
            {commands.length > 0 ? (
              <div role="group" aria-labelledby={`${listId}-commands`}>
                <div id={`${listId}-commands`} aria-hidden className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                  Commands
                </div>
                {commands.map((o) => renderOption(o))}
              </div>
            ) : null}
        </div>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 bg-slate-50 px-4 py-2 text-xs text-slate-600">
        <span>
          {indexed.data?.indexed && indexed.data.asOf !== null ? (
            <>
              From Roster&apos;s index of {formatCount(indexed.data.people)} people, as of <DateTime value={indexed.data.asOf} mode="relative" />
            </>
          ) : neverSynced ? (
            "Live from Webex"
          ) : null}
        </span>
        <span aria-hidden className="hidden sm:inline">
          ↑↓ to choose · Enter to open · Esc to close
        </span>
      </div>
    </dialog>
  );

  function renderOption(o: Option) {
    const selected = activeOption?.key === o.key;
    return (
      <div
        key={o.key}
        id={optionId(o)}
        role="option"
        aria-selected={selected}
        onMouseMove={() => setActive(options.indexOf(o))}
        onClick={() => choose(o)}
        className={cn("flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm", selected ? "bg-brand-50 text-brand-700" : "text-slate-800")}
      >
        {o.kind === "person" ? (
          <span className="min-w-0">
            <span className="block truncate font-medium">{o.name}</span>
            {o.detail ? <span className="block truncate text-xs text-slate-600">{o.detail}</span> : null}
          </span>
        ) : (
          <>
            <span className="truncate font-medium">{o.command.label}</span>
            <span className="shrink-0 text-xs text-slate-500">{o.command.hint}</span>
          </>
        )}
      </div>
    );
  }
}
