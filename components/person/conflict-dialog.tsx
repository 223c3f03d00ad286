"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { FieldConflict } from "@/lib/people/apply-changes";
import { describeChange, type Lookups } from "@/lib/people/field-labels";

export type ConflictChoice = "mine" | "theirs";

/** Someone changed the same fields in Webex meanwhile: for each, keep the admin's value or take Webex's. */
export function ConflictDialog({
  open,
  conflicts,
  lookups,
  onCancel,
  onResolve,
}: {
  open: boolean;
  conflicts: FieldConflict[];
  lookups: Lookups;
  onCancel: () => void;
  onResolve: (choices: Record<string, ConflictChoice>) => void;
}) {
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const choice = (field: string) => choices[field] ?? "mine";
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title="Changed in Webex while you were editing"
      description="Nothing was saved. Someone else changed these fields since you opened this person. Choose which value to keep for each."
      footer={
        <>
          <Button onClick={onCancel}>Keep editing</Button>
          <Button variant="primary" onClick={() => onResolve(Object.fromEntries(conflicts.map((c) => [c.field, choice(c.field)])))}>
            Continue
          </Button>
        </>
      }
    >
      <ul className="space-y-4">
        {conflicts.map((c) => {
          const mine = describeChange({ field: c.field, before: c.original, after: c.yours }, lookups);
          const theirs = describeChange({ field: c.field, before: c.original, after: c.theirs }, lookups);
          return (
            <li key={c.field} data-testid={`conflict-${c.field}`}>
              <fieldset>
                <legend className="text-sm font-semibold text-slate-900">{mine.label}</legend>
                <p className="mb-2 text-xs text-slate-500">When you opened the page: {mine.before}</p>
                <div className="grid gap-2 sm:grid-cols-2">
                  {(["mine", "theirs"] as const).map((which) => (
                    <label
                      key={which}
                      className={`flex cursor-pointer gap-2 rounded-md border p-3 text-sm ${choice(c.field) === which ? "border-brand-500 bg-brand-50" : "border-slate-200"}`}
                    >
                      <input
                        type="radio"
                        name={`conflict-${c.field}`}
                        className="mt-0.5 accent-brand-500"
                        checked={choice(c.field) === which}
                        onChange={() => setChoices((s) => ({ ...s, [c.field]: which }))}
                      />
                      <span className="min-w-0">
                        <span className="block font-medium">{which === "mine" ? "Keep mine" : "Take the new value"}</span>
                        <span className="block break-words text-slate-700">{which === "mine" ? mine.after : theirs.after}</span>
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
