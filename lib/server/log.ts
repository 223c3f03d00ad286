import "server-only";

// The one way server code logs: one JSON line per event, with what went wrong but never the data it went wrong
// on. An error is reduced to its class, code and message (and those of its causes); drizzle's "params: …" (the
// query's values: names, emails, whole scan results), PostgreSQL's `detail` ("Key (email)=(…)"), quoted values,
// email addresses and bearer tokens are left out. `fields` are the caller's: give IDs and counts, never names,
// emails or tokens.

export type LogLevel = "info" | "warn" | "error";

export interface LoggedError {
  error: string;
  code?: string;
  message: string;
  cause?: LoggedError;
}

const MAX_MESSAGE = 300;

/** An error message with query parameters, quoted values, emails and tokens removed. */
export function redactMessage(message: string): string {
  // drizzle: "Failed query: <sql>\nparams: <values>" — the values go, whatever follows them. The SQL itself has
  // placeholders ($1) and "quoted" identifiers; only its 'literals' could hold data.
  const sqlText = /^Failed query:/.test(message);
  let m = message.replace(/\n?\s*params:[\s\S]*$/, "");
  // pg/PGlite quote the offending value in their messages: invalid input syntax for type uuid: "…"; Token "…" is invalid.
  if (!sqlText) m = m.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
  return (
    m
      .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
      .replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g, "<email>")
      .replace(/\b(Bearer|Basic)\s+\S+/gi, "$1 <redacted>")
      .replace(/\b(access_token|refresh_token|id_token|client_secret|code)=[^\s&]+/gi, "$1=<redacted>")
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .trim()
      .slice(0, MAX_MESSAGE)
  );
}

/** What of an error may be logged: class, code (PostgreSQL's SQLSTATE, Node's errno name) and a redacted message. */
export function describeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) {
    return { error: typeof err, message: typeof err === "string" ? redactMessage(err) : "" };
  }
  const code = (err as { code?: unknown }).code;
  const out: LoggedError = {
    // drizzle's DrizzleQueryError keeps the name "Error": its class says more.
    error: err.name && err.name !== "Error" ? err.name : err.constructor?.name || "Error",
    ...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}),
    message: redactMessage(err.message),
  };
  const cause = (err as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== err && depth < 3) out.cause = describeError(cause, depth + 1);
  return out;
}

/** The call sites of an error (file:line), without its message: the first lines of a stack repeat the message. */
export function stackFrames(err: unknown, max = 8): string | undefined {
  if (!(err instanceof Error) || !err.stack) return undefined;
  return err.stack
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, max)
    .map((l) => l.trim())
    .join(" | ");
}

type Fields = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

export function log(level: LogLevel, msg: string, fields: Fields = {}, err?: unknown): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields, ...(err !== undefined ? describeError(err) : {}) });
  if (level === "info") console.log(line);
  else console.error(line);
}

export const logInfo = (msg: string, fields?: Fields) => log("info", msg, fields);
export const logWarn = (msg: string, fields?: Fields, err?: unknown) => log("warn", msg, fields, err);
export const logError = (msg: string, fields?: Fields, err?: unknown) => log("error", msg, fields, err);

/**
 * A plain line for the operator about the server's own configuration (a bad environment variable, at start-up):
 * read by people, not parsers. Only configuration goes here, never request data.
 */
export function logConfigProblem(text: string): void {
  console.error(text);
}
