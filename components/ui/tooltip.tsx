"use client";

import { useId, useRef, useState } from "react";
import { cn } from "./cn";

/**
 * A tooltip for hover and keyboard focus. It is positioned `fixed`, so scrolling table containers do not clip it,
 * and its text is linked with aria-describedby, so screen readers read it without hovering.
 */
export function Tooltip({
  content,
  children,
  className,
}: {
  content: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLSpanElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number; above: boolean } | null>(null);

  const show = () => {
    const r = ref.current?.getBoundingClientRect();
    if (!r) return;
    const above = r.bottom + 160 > window.innerHeight;
    setPos({ top: above ? r.top - 6 : r.bottom + 6, left: Math.min(r.left, window.innerWidth - 296), above });
  };
  const hide = () => setPos(null);

  return (
    <>
      <span
        ref={ref}
        tabIndex={0}
        aria-describedby={id}
        onMouseEnter={show}
        onMouseLeave={hide}
        onFocus={show}
        onBlur={hide}
        onKeyDown={(e) => {
          if (e.key === "Escape" && pos) {
            e.stopPropagation();
            hide();
          }
        }}
        className={cn("cursor-default rounded underline decoration-slate-300 decoration-dotted underline-offset-4", className)}
      >
        {children}
      </span>
      <span
        id={id}
        role="tooltip"
        style={pos ? { top: pos.top, left: Math.max(8, pos.left), transform: pos.above ? "translateY(-100%)" : undefined } : undefined}
        className={cn(
          pos ? "fixed z-50 block" : "hidden",
          "w-max max-w-72 rounded-md bg-slate-900 px-2.5 py-1.5 text-xs leading-5 text-white shadow-lg",
        )}
      >
        {content}
      </span>
    </>
  );
}
