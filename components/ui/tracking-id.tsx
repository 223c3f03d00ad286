/** "Webex tracking ID: …" for support cases; shown with every Webex error. */
export function TrackingId({ id }: { id?: string | null }) {
  if (!id) return null;
  return (
    <p className="mt-1 text-xs opacity-80">
      Webex tracking ID: <code className="select-all font-mono">{id}</code>
    </p>
  );
}
