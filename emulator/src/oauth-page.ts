// Server-rendered sign-in/consent page for GET /v1/authorize. Plain HTML with real <button>s so
// Playwright can click "Continue as Ada Admin (admin@acme.example)" by its accessible name.
const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const SCOPE_TEXT: Record<string, string> = {
  "spark:people_read": "Read your company directory",
  "spark-admin:people_read": "Read people in your organization, including admin details",
  "spark-admin:people_write": "Create, update and delete people in your organization",
  "spark-admin:licenses_read": "Read your organization's licenses",
  "spark-admin:roles_read": "Read administrator roles",
  "spark-admin:organizations_read": "Read your organization's details",
  "spark-admin:locations_read": "Read your organization's locations",
  "audit:events_read": "Read the admin audit log",
  "spark:kms": "Access to end-to-end encryption keys",
};

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f7;color:#1d1f23;margin:0}
main{max-width:34rem;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin:0 0 .25rem}p{line-height:1.5}ul{padding-left:1.2rem;line-height:1.6}code{font-size:.85em}
button{display:block;width:100%;margin:.5rem 0;padding:.75rem 1rem;font-size:1rem;border-radius:8px;border:1px solid #0a66c2;background:#0a66c2;color:#fff;cursor:pointer;text-align:left}
button.secondary{background:#fff;color:#0a66c2}button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.note{font-size:.85rem;color:#555}button .note{color:#dbeafe}.error{border-left:4px solid #c62828;padding-left:1rem}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export interface Account {
  email: string;
  displayName: string;
  role: string;
}

export function consentPage(clientId: string, scopes: string[], params: URLSearchParams, accounts: Account[]): string {
  const hidden = [...params.entries()]
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join("");
  const scopeList = scopes.map((s) => `<li>${escape(SCOPE_TEXT[s] ?? s)} <code>${escape(s)}</code></li>`).join("");
  const buttons = accounts
    .map((a) => `<button type="submit" name="email" value="${escape(a.email)}">Continue as ${escape(a.displayName)} (${escape(a.email)})<br><span class="note">${escape(a.role)}</span></button>`)
    .join("");
  return layout(
    "Sign in to Webex (emulator)",
    `<h1>Sign in to Webex</h1><p class="note">Webex emulator: choose a seeded account. No password needed.</p>
<p>The application <strong>${escape(clientId)}</strong> asks for permission to:</p><ul>${scopeList}</ul>
<form method="post" action="/v1/authorize">${hidden}${buttons}<button type="submit" class="secondary" name="deny" value="1">Cancel</button></form>`,
  );
}

export function errorPage(message: string): string {
  return layout("Authorization error", `<div class="error"><h1>Authorization error</h1><p>${escape(message)}</p></div>`);
}
