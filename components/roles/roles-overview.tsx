import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import type { RoleWithMembers } from "@/lib/licenses/api-types";
import { statusInfo } from "@/lib/people/person";

/** An admin role and its members, as GET /api/roles/members and the roles page have them. */
export type RoleView = RoleWithMembers;

const anchor = (id: string) => `role-${id.slice(-12).replace(/[^A-Za-z0-9_-]/g, "")}`;

/** Every admin role with its member count, then one members table per role. Server-rendered. */
export function RolesOverview({ roles }: { roles: RoleView[] }) {
  return (
    <div className="space-y-8">
      <section aria-labelledby="roles-summary">
        <h2 id="roles-summary" className="sr-only">Roles and member counts</h2>
        <Table data-testid="roles-table">
          <TableHeader>
            <tr>
              <TableHead>Role</TableHead>
              <TableHead numeric>Members</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {roles.map((r) => (
              <TableRow key={r.id} data-role-id={r.id}>
                <TableRowHeader>
                  <a href={`#${anchor(r.id)}`} className="font-medium text-brand-600 hover:underline">
                    {r.name}
                  </a>
                </TableRowHeader>
                <TableCell numeric data-field="count">
                  {r.members.length}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>

      {roles.map((r) => (
        <section key={r.id} id={anchor(r.id)} aria-labelledby={`${anchor(r.id)}-h`} className="scroll-mt-6">
          <h2 id={`${anchor(r.id)}-h`} className="mb-3 text-base font-semibold text-slate-900">
            {r.name} <span className="font-normal text-slate-500">({r.members.length})</span>
          </h2>
          {r.members.length ? (
            <Table data-testid="role-members">
              <TableCaption>Members of {r.name}</TableCaption>
              <TableHeader>
                <tr>
                  <TableHead>Name</TableHead>
                  <TableHead>Email</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Sign-in</TableHead>
                </tr>
              </TableHeader>
              <TableBody>
                {r.members.map((m) => {
                  const s = statusInfo(m.status ?? undefined);
                  return (
                    <TableRow key={m.id} data-person-id={m.id}>
                      <TableRowHeader>
                        <Link href={`/people/${encodeURIComponent(m.id)}`} className="font-medium text-brand-600 hover:underline">
                          {m.displayName}
                        </Link>
                      </TableRowHeader>
                      <TableCell className="text-slate-700">{m.email}</TableCell>
                      <TableCell>
                        <Badge tone={s.tone} dot title={s.description}>
                          {s.label}
                        </Badge>
                      </TableCell>
                      <TableCell>{m.loginEnabled === false ? <Badge tone="slate">Deactivated</Badge> : <Badge tone="green">Enabled</Badge>}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">Nobody holds this role.</p>
          )}
        </section>
      ))}
    </div>
  );
}
