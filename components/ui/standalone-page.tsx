/** A page outside the console's shell (not found, an error before the shell could render): one calm card. */
export function StandalonePage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4 py-12">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-600">Roster</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">{title}</h1>
        <div className="mt-3 text-sm leading-6 text-slate-600">{children}</div>
      </div>
    </main>
  );
}
