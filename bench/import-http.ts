// CSV export and import planning as an admin feels them, over HTTP with a real signed-in session, on a
// 20,000-person emulator org at Webex's 600 requests/minute (and the console's budget at the same):
// export the whole org in the template's format, then plan a 20,000-row file (the export, 50 edited titles and
// new people to make up 20,000 rows). Also a file without Calling columns (plain walk, 1,000 a page).
// `npx tsx bench/import-http.ts [people=20000]` — needs a production build (`npx next build`).
import { startStack } from "./http-harness";

const PEOPLE = Number(process.argv[2] ?? 20_000);
const ROWS = 20_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const stack = await startStack({ people: PEOPLE, perMinute: 600 });
  try {
    const admin = await stack.signIn("admin@acme.example");
    await sleep(8_000); // a full budget bucket, as after a quiet minute
    const calls = async () => (await stack.control<{ total: number }>("/stats")).total;

    let before = await calls();
    let t = performance.now();
    const exp = await admin.send("POST", "/api/people/export", {});
    const csv = await exp.text();
    const exportMs = performance.now() - t;
    if (exp.status !== 200) throw new Error(`export → ${exp.status} ${csv.slice(0, 200)}`);
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    console.log(`export: ${lines.length - 1} people in ${(exportMs / 1000).toFixed(1)} s, ${(await calls()) - before} Webex calls (${(csv.length / 1024 / 1024).toFixed(1)} MB)`);

    const header = lines[0]!.split(",");
    const title = header.indexOf("Title");
    const rows = lines.slice(1);
    let edited = 0;
    for (let i = 0; i < rows.length && edited < 50; i += 97) {
      if (rows[i]!.includes('"')) continue;
      const cells = rows[i]!.split(",");
      cells[title] = `Bench Title ${edited++}`;
      rows[i] = cells.join(",");
    }
    const blank = header.map(() => "");
    for (let k = 0; rows.length < ROWS; k++) {
      const cells = [...blank];
      cells[0] = `bench.new.${k}@acme.example`;
      cells[header.indexOf("Display name")] = `Bench New ${k}`;
      rows.push(cells.join(","));
    }
    const file = "\uFEFF" + [lines[0], ...rows].join("\r\n") + "\r\n";
    await sleep(8_000);

    before = await calls();
    t = performance.now();
    const res = await admin.upload("/api/import/preview?name=bench.csv", file, "text/csv");
    const plan = (await res.json()) as { counts: Record<string, number>; webexCalls: number; callingData: boolean; error?: { message: string } };
    const planMs = performance.now() - t;
    if (res.status !== 201) throw new Error(`preview → ${res.status} ${plan.error?.message}`);
    console.log(
      `plan (with Calling columns): ${rows.length} rows (${(file.length / 1024 / 1024).toFixed(1)} MB) in ${(planMs / 1000).toFixed(1)} s, ` +
        `${(await calls()) - before} Webex calls (${plan.webexCalls} counted by the plan); ${JSON.stringify(plan.counts)}`,
    );

    const slim = "Email,Title\r\n" + rows.map((r) => { const c = r.split(","); return `${c[0]},${c[title]}`; }).join("\r\n") + "\r\n";
    await sleep(8_000);
    before = await calls();
    t = performance.now();
    const res2 = await admin.upload("/api/import/preview?name=slim.csv", slim, "text/csv");
    const plan2 = (await res2.json()) as { counts: Record<string, number> };
    console.log(`plan (Email and Title only): ${rows.length} rows in ${((performance.now() - t) / 1000).toFixed(1)} s, ${(await calls()) - before} Webex calls; ${JSON.stringify(plan2.counts)}`);
  } finally {
    await stack.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
