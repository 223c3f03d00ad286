// Phone numbers as Webex stores them: E.164 with the country code, written "+<cc> <national digits>" (the spec's
// example: "408 526 7209" for a person at a US location becomes "+1 408 526 7209"). A national number is read in
// the country of the person's location (else their first address); a number that is not a valid number of its
// country is refused (Webex Calling's provisioning fails on it: POST /people answers 400 although the person was
// created, docs/webex-api.md). A simplified model of the numbering plans of the seeded countries, not libphonenumber.

interface Plan {
  /** Country calling code. */
  cc: string;
  /** Trunk prefix dialled before a national number ("0" in most of Europe and Asia, "1" in the NANP). */
  trunk: string;
  /** Allowed lengths of the national significant number (without trunk prefix). */
  lengths: readonly number[];
  /** NANP numbers are written "+1 NPA NXX XXXX" whatever the input's grouping. */
  nanp?: boolean;
}

const NANP: Plan = { cc: "1", trunk: "1", lengths: [10], nanp: true };
const PLANS: Record<string, Plan> = {
  US: NANP,
  CA: NANP,
  GB: { cc: "44", trunk: "0", lengths: [9, 10] },
  DE: { cc: "49", trunk: "0", lengths: [6, 7, 8, 9, 10, 11] },
  IN: { cc: "91", trunk: "0", lengths: [10] },
  JP: { cc: "81", trunk: "0", lengths: [9, 10] },
  FR: { cc: "33", trunk: "0", lengths: [9] },
  AU: { cc: "61", trunk: "0", lengths: [9] },
};
const BY_CC = new Map(Object.values(PLANS).map((p) => [p.cc, p]));

/** Only digits, spaces, + (leading), and the usual separators: - . ( ) / */
const SHAPE = /^\+?[\d\s\-.()/]+$/;

function format(plan: Plan, national: string, groups: string[]): string {
  if (plan.nanp) return `+1 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  return `+${plan.cc} ${groups.join(" ")}`;
}

/** Drops `n` leading digits from the digit groups (the country code or trunk prefix). */
function dropLeading(groups: string[], n: number): string[] {
  const out = [...groups];
  let left = n;
  while (left > 0 && out.length > 0) {
    const first = out[0]!;
    if (first.length <= left) {
      left -= first.length;
      out.shift();
    } else {
      out[0] = first.slice(left);
      left = 0;
    }
  }
  return out;
}

/**
 * The number as Webex would store it, or null when it is not a valid phone number. `country` is an ISO 3166 alpha-2
 * code (the location's or address's); without one, only international numbers ("+…") can be read.
 */
export function normalizePhone(value: string, country: string | undefined): string | null {
  const trimmed = value.trim().replace(/\(0\)/g, " ");
  if (!SHAPE.test(trimmed) || trimmed.indexOf("+", 1) !== -1) return null;
  const groups = trimmed.replace(/^\+/, "").split(/[\s\-.()/]+/).filter(Boolean);
  const digits = groups.join("");
  if (trimmed.startsWith("+")) {
    for (const ccLength of [1, 2, 3]) {
      const plan = BY_CC.get(digits.slice(0, ccLength));
      if (!plan) continue;
      const national = digits.slice(ccLength);
      return plan.lengths.includes(national.length) ? format(plan, national, dropLeading(groups, ccLength)) : null;
    }
    // A country the model does not know: E.164 allows at most 15 digits, country code included.
    return digits.length >= 8 && digits.length <= 15 ? `+${groups.join(" ")}` : null;
  }
  const plan = country ? PLANS[country.toUpperCase()] : undefined;
  if (!plan) return null;
  // A national number written with its trunk prefix ("020 …", "1 408 …") is the usual form: read it that way first.
  if (digits.startsWith(plan.trunk) && plan.lengths.includes(digits.length - plan.trunk.length)) {
    return format(plan, digits.slice(plan.trunk.length), dropLeading(groups, plan.trunk.length));
  }
  return plan.lengths.includes(digits.length) ? format(plan, digits, groups) : null;
}
