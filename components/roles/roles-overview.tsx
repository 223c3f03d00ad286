import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { RoleWithMembers } from "@/lib/licenses/api-types";
import { statusInfo } from "@/lib/people/person";

/** An admin role and its members, as GET /api/roles/members and the roles page have them. */
export type RoleView = RoleWithMembers;

const anchor = (id: string) => `role-${id.slice(-12).replace(/[^A-Za-z0-9_-]/g, "")}`;

/** Every admin role with its member count, then one members table per role. Server-rendered. */
export function RolesOverview({ roles }: { roles: RoleView[] }) {
  return (
    <div className="space-y-8">
      <section aria-labelledby="roles-summary" className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 id="roles-summary" className="sr-only">Roles and member counts</h2>
        <table className="w-full text-left text-sm" data-testid="roles-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-semibold">Role</th>
              <th scope="col" className="px-4 py-2.5 text-right font-semibold">Members</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {roles.map((r) => (
              <tr key={r.id} data-role-id={r.id}>
                <th scope="row" className="px-4 py-2.5 font-normal">
                  <a href={`#${anchor(r.id)}`} className="font-medium text-brand-600 hover:underline">{r.name}</a>
                </th>
                <td className="px-4 py-2.5 text-right tabular-nums" data-field="count">{r.members.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {roles.map((r) => (
        <section key={r.id} id={anchor(r.id)} aria-labelledby={`${anchor(r.id)}-h`} className="scroll-mt-6">
          <h2 id={`${anchor(r.id)}-h`} className="mb-3 text-base font-semibold text-slate-900">
            {r.name} <span className="font-normal text-slate-500">({r.members.length})</span>
          </h2>
          {r.members.length ? (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className="w-full text-left text-sm" data-testid="role-members">
                <caption className="sr-only">Members of {r.name}</caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="px-4 py-2.5 font-semibold">Name</th>
                    <th scope="col" className="px-4 py-2.5 font-semibold">Email</th>
                    <th scope="col" className="px-4 py-2.5 font-semibold">Status</th>
                    <th scope="col" className="px-4 py-2.5 font-semibold">Sign-in</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {r.members.map((m) => {
                    const s = statusInfo(m.status ?? undefined);
                    return (
                      <tr key={m.id} data-person-id={m.id}>
                        <th scope="row" className="px-4 py-2.5 font-normal">
                          <Link href={`/people/${encodeURIComponent(m.id)}`} className="font-medium text-brand-600 hover:underline">{m.displayName}</Link>
                        </th>
                        <td className="px-4 py-2.5 text-slate-700">{m.email}</td>
                        <td className="px-4 py-2.5"><Badge tone={s.tone} dot title={s.description}>{s.label}</Badge></td>
                        <td className="px-4 py-2.5">
                          {m.loginEnabled === false ? <Badge tone="slate">Deactivated</Badge> : <Badge tone="green">Enabled</Badge>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">Nobody holds this role.</p>
          )}
        </section>
      ))}
    </div>
  );
}
