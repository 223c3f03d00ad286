// `npm run bench`: runs every benchmark in bench/ one after another (they print their own figures).
// `npm run bench -- emulator` runs only those whose file name contains "emulator".
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const filter = process.argv[2] ?? "";
const dir = __dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.endsWith("-harness.ts") && f.includes(filter))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n== bench/${f} ==`);
  const r = spawnSync(process.execPath, [path.join(dir, "../node_modules/tsx/dist/cli.mjs"), path.join(dir, f)], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
