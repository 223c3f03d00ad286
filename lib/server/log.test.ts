import { DrizzleQueryError } from "drizzle-orm/errors";
import { afterEach, describe, expect, it, vi } from "vitest";
import { describeError, logError, redactMessage, stackFrames } from "./log";

afterEach(() => vi.restoreAllMocks());

/** The error drizzle throws when PostgreSQL refuses an insert: the query, every parameter, and pg's error as cause. */
function failedInsert(): DrizzleQueryError {
  const pgError = Object.assign(new Error('new row for relation "audit_events" violates check constraint "x"'), {
    name: "DatabaseError",
    code: "23514",
    detail: "Failing row contains (1, ada.lovelace@acme.example, Ada Lovelace).",
  });
  return new DrizzleQueryError(
    'insert into "audit_events" ("actor_email", "target_email", "diff") values ($1, $2, $3)',
    ["admin@acme.example", "ada.lovelace@acme.example", '{"changes":[{"field":"displayName","before":"Ada Lovelace"}]}'],
    pgError,
  );
}

describe("the server's log helper", () => {
  it("logs a drizzle/pg error by class, code and message, without the query's parameters, pg's detail or any email", () => {
    const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const e = failedInsert();
    expect(e.message).toMatch(/params: admin@acme\.example/); // what used to reach the log
    logError("audit write failed", { action: "person.update" }, e);
    expect(err).toHaveBeenCalledTimes(1);
    const line = String(err.mock.calls[0]![0]);
    const json = JSON.parse(line) as Record<string, unknown>;
    expect(json).toMatchObject({ level: "error", msg: "audit write failed", action: "person.update", error: "DrizzleQueryError" });
    expect(json.message).toMatch(/^Failed query: insert into "audit_events"/);
    expect(json.cause).toMatchObject({ error: "DatabaseError", code: "23514" });
    expect(line).not.toMatch(/@acme\.example|Ada Lovelace|params|Failing row/);
  });

  it("redacts quoted values, emails and tokens from any message", () => {
    expect(redactMessage('invalid input syntax for type uuid: "ada@acme.example"')).toBe('invalid input syntax for type uuid: "…"');
    expect(redactMessage("Person ada@acme.example already exists")).toBe("Person <email> already exists");
    expect(redactMessage("Authorization: Bearer abc.def.ghi failed")).toBe("Authorization: Bearer <redacted> failed");
    expect(redactMessage("grant failed: refresh_token=r1r2r3&x=1")).toBe("grant failed: refresh_token=<redacted>&x=1");
    expect(redactMessage("line one\nline two")).toBe("line one line two");
  });

  it("keeps call sites but not the message from a stack", () => {
    const e = failedInsert();
    expect(e.stack).toMatch(/params:/);
    const frames = stackFrames(e) ?? "";
    expect(frames).toMatch(/^at /);
    expect(frames).not.toMatch(/params|@acme\.example/);
  });

  it("describes non-errors without their content", () => {
    expect(describeError({ email: "ada@acme.example" })).toEqual({ error: "object", message: "" });
    expect(describeError("token ya29.secret for ada@acme.example")).toEqual({ error: "string", message: "token ya29.secret for <email>" });
  });
});
