import { z } from "zod";
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from "./safe-text";

// The zod side of lib/safe-text.ts: every text field of every input schema is built from these, so the rule
// (no control characters, no lone surrogates) holds for people, jobs, imports and the activity filters alike.

/** A string without control characters or lone surrogates, checked before any trim (a trailing newline is refused too). */
export const safeString = (message?: string) => z.string(message).refine((v) => !hasUnsafeText(v), UNSAFE_TEXT_MESSAGE);

/** An email address (zod's check) that is also safe text. */
export const safeEmail = (message = "Invalid email") => z.email(message).refine((v) => !hasUnsafeText(v), UNSAFE_TEXT_MESSAGE);
