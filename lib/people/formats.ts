// The formats and limits the people directory checks in the browser, as plain constants and regular expressions.
// They are not zod schemas on purpose: the directory's URL parsing is on the first load of /people, and zod would add
// ~33 kB gzip to it (docs/PERFORMANCE.md). schemas.ts builds its zod schemas from these same values, so a value the
// browser accepts is one the API accepts (formats.test.ts checks that the two agree).

export const PEOPLE_MAX_PAGE = 1000;
/** Webex answers at most 50 people per page with a location filter (a larger max is silently clamped). */
export const PEOPLE_MAX_PAGE_WITH_LOCATION = 50;

/** Webex IDs are unpadded base64url; real ones are ~60–120 characters. */
export const WEBEX_ID = { min: 8, max: 512, pattern: /^[A-Za-z0-9_-]+={0,2}$/ } as const;

export function isWebexId(value: string): boolean {
  return value.length >= WEBEX_ID.min && value.length <= WEBEX_ID.max && WEBEX_ID.pattern.test(value);
}

export const EMAIL_MAX = 320;
/** zod 4's `z.email()` pattern (its `regexes.email`), copied so the browser does not load zod for one check. */
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** The same answer as `z.email().max(320).safeParse(value).success`. */
export function isEmail(value: string): boolean {
  return value.length <= EMAIL_MAX && EMAIL_PATTERN.test(value);
}
