import type { PersonDetail } from "./person-detail";
import type { PersonFormValues } from "./schemas";

/** The edit form's starting values: every field present, "" for unset text. */
export function personToForm(p: PersonDetail): PersonFormValues {
  return {
    displayName: p.displayName ?? "",
    firstName: p.firstName ?? "",
    lastName: p.lastName ?? "",
    department: p.department ?? "",
    title: p.title ?? "",
    manager: p.manager ?? "",
    managerId: p.managerId ?? "",
    extension: p.extension ?? "",
    locationId: p.locationId ?? "",
    phoneNumbers: (p.phoneNumbers ?? []).map((n) => ({ type: n.type, value: n.value, ...(n.primary ? { primary: true } : {}) })),
    addresses: (p.addresses ?? []).map((a) => ({ ...a })),
    licenses: [...(p.licenses ?? [])],
    roles: [...(p.roles ?? [])],
    loginEnabled: p.loginEnabled !== false,
  };
}

/** Form values as person fields (for changesBetween): "" stays "" (cleared), empty address parts dropped. */
export function formToFields(v: PersonFormValues): Record<string, unknown> {
  return {
    ...v,
    phoneNumbers: v.phoneNumbers.map((n) => ({ type: n.type, value: n.value.trim(), ...(n.primary ? { primary: true } : {}) })),
    addresses: v.addresses
      .map((a) => Object.fromEntries(Object.entries(a).filter(([, val]) => typeof val === "string" && val.trim() !== "")))
      .filter((a) => Object.keys(a).some((k) => k !== "type")),
  };
}
