import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, EMPLOYEE, startTestEmulator, type Emu, type PersonJson } from "./helpers";

// The official OpenAPI subset is vendored in emulator/spec (CC BY 4.0, see its README).
const SPEC_DIR = path.resolve(__dirname, "../spec");
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function loadSpec(): Json {
  const admin = JSON.parse(readFileSync(path.join(SPEC_DIR, "webex-admin-subset.json"), "utf8")) as Json;
  const extracted = JSON.parse(readFileSync(path.join(SPEC_DIR, "people-licenses-roles-schemas.json"), "utf8")) as Json;
  const schemas = admin.components.schemas as Json;
  // Both files must agree on the Person schema we validate against.
  expect(extracted.schemas.Person).toEqual(schemas.Person);

  // Spec defect 1 (emulator/spec/README.md): invitePending/loginEnabled are typed as "true"/"false" strings;
  // the live API returns JSON booleans.
  for (const field of ["invitePending", "loginEnabled"]) {
    schemas.Person.properties[field] = { type: "boolean", description: schemas.Person.properties[field].description };
  }
  // Spec defect 3 (emulator/spec/README.md): components.schemas.Location is the Workspace Location shape. The real
  // /v1/locations object is PostCommonLocationObject plus id/orgId, without the write-only announcementLanguage.
  const post = extracted.locations.schemas.PostCommonLocationObject as Json;
  const { announcementLanguage: _unused, ...props } = post.properties as Json; // eslint-disable-line @typescript-eslint/no-unused-vars
  schemas.Location = {
    type: "object",
    required: ["id", "name", "orgId", "address", "timeZone"],
    additionalProperties: false,
    properties: { id: { type: "string" }, orgId: { type: "string" }, ...props, address: { ...props.address, additionalProperties: false } },
  };
  // Spec defect 4 (emulator/spec/README.md): notFoundIds is typed as an array; the live API sends null on every
  // list that is not by id.
  const collection = schemas.PersonCollectionResponse.properties as Json;
  collection.notFoundIds = { anyOf: [collection.notFoundIds, { type: "null" }] };
  // Stricter than the spec on purpose: no fields beyond the documented ones.
  for (const name of ["Person", "License", "LicensewithUsers", "Role", "Organization", "ErrorResponse", "Users"]) {
    schemas[name].additionalProperties = false;
  }
  // Spec defect 2 is only in examples (comma-joined IDs), which validation ignores.
  return admin;
}

let emu: Emu;
let admin: string;
let ajv: Ajv;
let spec: Json;

beforeAll(async () => {
  emu = await startTestEmulator({ people: 120 });
  admin = await emu.token(ADMIN);
  spec = loadSpec();
  ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ components: spec.components }, "webex");
});
afterAll(() => emu.close());

function schemaFor(name: string): ValidateFunction {
  return ajv.compile({ $ref: `webex#/components/schemas/${name}` });
}

/** The schema the spec declares for a path's response, with its refs resolved against the same doc. */
function responseSchema(pathKey: string, method: string, status: string): ValidateFunction {
  const schema = spec.paths[pathKey][method].responses[status].content["application/json"].schema as Json;
  const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"webex#/components/')) as Json;
  return ajv.compile(rewritten);
}

function expectValid(validate: ValidateFunction, data: unknown): void {
  const ok = validate(data);
  expect(ok ? [] : validate.errors, JSON.stringify(data).slice(0, 300)).toEqual([]);
}

describe("responses validate against the official Webex schemas", () => {
  it("people: list (admin and non-admin), id lookup, single person, me", async () => {
    const list = await emu.json<{ items: PersonJson[] }>("/people?max=120", { token: admin });
    expectValid(responseSchema("/people", "get", "200"), list);
    expect(list.items.some((p) => p.type === "bot" || p.type === "appuser" || p.invitePending === true)).toBe(true);
    const byId = await emu.json(`/people?id=${list.items.slice(0, 3).map((p) => p.id).join(",")},missing`, { token: admin });
    expectValid(schemaFor("PersonCollectionResponse"), byId);
    expectValid(responseSchema("/people/{personId}", "get", "200"), await emu.json(`/people/${list.items[5]!.id}`, { token: admin }));
    const me = await emu.json<PersonJson>("/people/me", { token: admin });
    expectValid(schemaFor("Person"), me);
    // The validator has teeth: string booleans and undocumented fields are refused.
    expect(schemaFor("Person")({ ...me, invitePending: "false" })).toBe(false);
    expect(schemaFor("Person")({ ...me, seq: 1 })).toBe(false);
    expectValid(schemaFor("PersonCollectionResponse"), await emu.json("/people?displayName=a", { token: await emu.token(EMPLOYEE) }));
  });

  it("created and updated people", async () => {
    const created = await emu.json<PersonJson>("/people", { method: "POST", token: admin, body: { emails: ["schema@acme.example"], firstName: "Sche", lastName: "Ma" } });
    expectValid(schemaFor("Person"), created);
    expectValid(schemaFor("Person"), await emu.json(`/people/${created.id}`, { method: "PUT", token: admin, body: { ...created, title: "Tester" } }));
  });

  it("licenses, license with users, PATCH licenses/users", async () => {
    const list = await emu.json<{ items: { id: string; name: string }[] }>("/licenses", { token: admin });
    expectValid(responseSchema("/licenses", "get", "200"), list);
    const id = list.items.find((l) => l.name === "Messaging")!.id;
    expectValid(schemaFor("License"), await emu.json(`/licenses/${id}`, { token: admin }));
    expectValid(responseSchema("/licenses/{licenseId}", "get", "200"), await emu.json(`/licenses/${id}?includeAssignedTo=user&limit=5`, { token: admin }));
    const patched = await emu.json("/licenses/users", { method: "PATCH", token: admin, body: { email: EMPLOYEE, licenses: [{ id, operation: "add" }] } });
    expectValid(schemaFor("UserLicensesResponse"), patched);
  });

  it("roles, organizations, locations", async () => {
    const roles = await emu.json<{ items: { id: string }[] }>("/roles", { token: admin });
    expectValid(responseSchema("/roles", "get", "200"), roles);
    expectValid(schemaFor("Role"), await emu.json(`/roles/${roles.items[0]!.id}`, { token: admin }));
    const orgs = await emu.json<{ items: { id: string }[] }>("/organizations", { token: admin });
    expectValid(responseSchema("/organizations", "get", "200"), orgs);
    expectValid(schemaFor("Organization"), await emu.json(`/organizations/${orgs.items[0]!.id}`, { token: admin }));
    const locations = await emu.json<{ items: unknown[] }>("/locations", { token: admin });
    for (const location of locations.items) expectValid(schemaFor("Location"), location);
    expectValid(responseSchema("/authorizations", "get", "200"), await emu.json(`/authorizations?personEmail=${ADMIN}`, { token: admin }));
  });

  it("bulk activation email resend job: start, status, errors", async () => {
    const orgId = (await emu.json<{ orgId: string }>("/people/me", { token: admin })).orgId;
    const base = `/identity/organizations/${orgId}/jobs/sendActivationEmails`;
    const res = await emu.call(base, { method: "POST", token: admin });
    expect(res.status).toBe(202);
    const started = (await res.json()) as { id: string };
    const pathKey = "/identity/organizations/{orgId}/jobs/sendActivationEmails";
    expectValid(responseSchema(pathKey, "post", "202"), started);
    expectValid(responseSchema(`${pathKey}/{jobId}/status`, "get", "200"), await emu.json(`${base}/${started.id}/status`, { token: admin }));
    expectValid(responseSchema(`${pathKey}/{jobId}/errors`, "get", "200"), await emu.json(`${base}/${started.id}/errors`, { token: admin }));
  });

  it("error bodies", async () => {
    const validate = schemaFor("ErrorResponse");
    const samples = [
      await emu.call("/people/nope", { token: admin }),
      await emu.call("/people/me"),
      await emu.call("/licenses", { token: await emu.token(EMPLOYEE) }),
      await emu.call("/people", { method: "POST", token: admin, body: { emails: ["a@acme.example"], displayName: "x", licenses: ["bogus"] } }),
      await emu.call("/people", { method: "DELETE", token: admin }),
    ];
    for (const res of samples) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expectValid(validate, await res.json());
    }
  });
});
