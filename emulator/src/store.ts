import type { License, Location, Organization, Person, Role } from "./types";
import type { SeedData } from "./seed/seed-org";

/**
 * In-memory org. People are kept in an array sorted by their immutable insertion sequence, which is
 * what makes cursor paging stable: a cursor is "the last seq seen", creates append at the end and
 * deletes never shift anyone past a cursor. License consumption is a counter per license kept in step
 * by the single place that changes assignments (setLicenses).
 */
export class Store {
  org: Organization;
  roles: Role[];
  locations: Location[];
  licenses: License[];
  private order: Person[] = [];
  private byId = new Map<string, Person>();
  private byEmail = new Map<string, Person>();
  private consumed = new Map<string, number>();
  private nextSeq = 1;

  constructor(seed: SeedData) {
    this.org = seed.org;
    this.roles = seed.roles;
    this.locations = seed.locations;
    this.licenses = seed.licenses;
    for (const license of this.licenses) this.consumed.set(license.id, 0);
    for (const person of seed.people) {
      this.insert(person);
      for (const id of person.licenses) this.consumed.set(id, (this.consumed.get(id) ?? 0) + 1);
    }
  }

  get size(): number {
    return this.order.length;
  }

  allocateSeq(): number {
    return this.nextSeq++;
  }

  insert(person: Person): void {
    if (person.seq >= this.nextSeq) this.nextSeq = person.seq + 1;
    this.order.push(person);
    this.byId.set(person.id, person);
    for (const email of person.emails) this.byEmail.set(email.toLowerCase(), person);
  }

  remove(person: Person): void {
    this.setLicenses(person, []);
    const index = this.indexAfter(person.seq - 1);
    if (this.order[index] === person) this.order.splice(index, 1);
    this.byId.delete(person.id);
    for (const email of person.emails) this.byEmail.delete(email.toLowerCase());
  }

  setEmails(person: Person, emails: string[]): void {
    for (const email of person.emails) this.byEmail.delete(email.toLowerCase());
    person.emails = emails;
    for (const email of emails) this.byEmail.set(email.toLowerCase(), person);
  }

  /** The only writer of person.licenses, so consumption counters can never drift. */
  setLicenses(person: Person, licenses: string[]): void {
    for (const id of person.licenses) this.consumed.set(id, (this.consumed.get(id) ?? 0) - 1);
    person.licenses = [...new Set(licenses)];
    for (const id of person.licenses) this.consumed.set(id, (this.consumed.get(id) ?? 0) + 1);
  }

  consumedByUsers(licenseId: string): number {
    return this.consumed.get(licenseId) ?? 0;
  }

  freeUnits(license: License): number {
    return license.totalUnits - license.consumedByWorkspaces - this.consumedByUsers(license.id);
  }

  person(id: string): Person | undefined {
    return this.byId.get(id);
  }

  personByEmail(email: string): Person | undefined {
    return this.byEmail.get(email.toLowerCase());
  }

  license(id: string): License | undefined {
    return this.licenses.find((l) => l.id === id);
  }

  role(id: string): Role | undefined {
    return this.roles.find((r) => r.id === id);
  }

  roleByCode(code: Role["code"]): Role {
    const role = this.roles.find((r) => r.code === code);
    if (!role) throw new Error(`role ${code} missing`);
    return role;
  }

  location(id: string): Location | undefined {
    return this.locations.find((l) => l.id === id);
  }

  /** Index of the first person whose seq is greater than `seq` (binary search). */
  indexAfter(seq: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.order[mid]?.seq ?? Infinity) <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Walks people in seq order starting after `afterSeq`; stops when `visit` returns false. */
  scan(afterSeq: number, visit: (person: Person) => boolean): void {
    for (let i = this.indexAfter(afterSeq); i < this.order.length; i++) {
      const person = this.order[i];
      if (person && !visit(person)) return;
    }
  }

  countWithRole(roleId: string): number {
    let n = 0;
    for (const person of this.order) if (person.roles.includes(roleId)) n++;
    return n;
  }
}
