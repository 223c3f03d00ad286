// Benchmark (not a test): seed 100,000 people, walk GET /v1/people?max=1000 and report per-page
// server time (Server-Timing app;dur) and client time, seed time and memory after the walk.
// Run: npx tsx bench/emulator-people.ts   (PEOPLE=200000 to change the size)
import { startEmulator } from "../emulator/src/server";

const PEOPLE = Number(process.env.PEOPLE ?? 100_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(7);
  return `${label.padEnd(22)} p50 ${f(percentile(sorted, 50))} ms   p95 ${f(percentile(sorted, 95))} ms   max ${f(sorted[sorted.length - 1] ?? NaN)} ms`;
}

async function main(): Promise<void> {
  const seedStart = performance.now();
  const emu = await startEmulator({ port: 0, people: PEOPLE, config: { rateLimitPerMinute: 1_000_000 } });
  const seedMs = performance.now() - seedStart;
  try {
    const tokenRes = await fetch(`${emu.url}/_emulator/tokens`, { method: "POST", body: JSON.stringify({ email: "admin@acme.example" }) });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const server: number[] = [];
    const client: number[] = [];
    let count = 0;
    let bytes = 0;
    let next: string | undefined = `${emu.url}/v1/people?max=1000`;
    const walkStart = performance.now();
    while (next) {
      const t0 = performance.now();
      const res: Response = await fetch(next, { headers: { Authorization: `Bearer ${token}` } });
      const text = await res.text();
      client.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`page ${server.length + 1}: ${res.status} ${text.slice(0, 200)}`);
      server.push(Number(/app;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN));
      count += (JSON.parse(text) as { items: unknown[] }).items.length;
      bytes += text.length;
      next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
    }
    const walkMs = performance.now() - walkStart;
    const mem = process.memoryUsage();
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    console.log(`Webex emulator, GET /v1/people?max=1000 over ${PEOPLE.toLocaleString("en")} people (Node ${process.version})`);
    console.log(`seed + start             ${seedMs.toFixed(0)} ms`);
    console.log(`walk                     ${server.length} pages, ${count} people, ${(bytes / 1024 / 1024).toFixed(1)} MB JSON in ${walkMs.toFixed(0)} ms`);
    console.log(summary("server time per page", server));
    console.log(summary("client time per page", client));
    console.log(`memory after walk        rss ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)} (emulator and client in one process)`);
    if (count !== PEOPLE) throw new Error(`walk returned ${count} people, expected ${PEOPLE}`);
  } finally {
    await emu.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
