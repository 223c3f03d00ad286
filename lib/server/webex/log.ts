import "server-only";
import { log, redactMessage } from "@/lib/server/log";

export interface WebexLogEntry {
  level: "info" | "warn" | "error";
  msg: "webex";
  method: string;
  /** Path plus query parameter names only: values (emails, names, cursors) stay out of logs. */
  path: string;
  /** HTTP status, or 0 when no response came back (network error, timeout). */
  status: number;
  ms: number;
  trackingId: string;
  attempt: number;
  error?: string;
}

export type WebexLogger = (entry: WebexLogEntry) => void;

/** One line of JSON per Webex call on stdout/stderr. */
export const consoleLogger: WebexLogger = ({ level, msg, error, ...fields }) => {
  // Webex's error texts can echo what was sent (an email, a name): redacted like every other logged message.
  log(level, msg, { ...fields, ...(error !== undefined ? { error: redactMessage(error) } : {}) });
};

/** `/v1/people?email=a@b&max=10` → `/v1/people?email&max`. */
export function redactUrl(url: string | URL): string {
  const u = typeof url === "string" ? new URL(url) : url;
  const keys = [...new Set([...u.searchParams.keys()])];
  return keys.length ? `${u.pathname}?${keys.join("&")}` : u.pathname;
}

export function levelFor(status: number): WebexLogEntry["level"] {
  if (status === 0 || status >= 500) return "error";
  if (status >= 400) return "warn";
  return "info";
}
