// @vitest-environment node
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The import rules of eslint.config.mjs, proved on snippets linted as if they were files of the repository: each
// wrong import fails with the rule's error, and the right way to write it passes.

const root = path.resolve(__dirname, "../..");
const RULES = ["import/no-restricted-paths", "no-restricted-imports", "roster/no-server-in-client"];
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  // The first lint loads the configuration, parsers and resolvers: once, here, not in a test's time.
  await eslint.lintText("export {};\n", { filePath: path.join(root, "lib/warm-up.ts") });
}, 60_000);

/** The import-rule errors ESLint reports for `code` saved at `file` (other rules, e.g. unused names, are ignored). */
async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId && RULES.includes(m.ruleId) && m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the import rules", () => {
  it.each([
    ["a component imports lib/server (even a type)", "components/overview/x.tsx", 'import type { SessionUser } from "@/lib/server/session";\nexport type U = SessionUser;', "import/no-restricted-paths", "never import lib/server"],
    ["a shared component imports lib/server", "components/ui/x.tsx", 'import { logError } from "@/lib/server/log";\nexport const f = logError;', "import/no-restricted-paths", "never import lib/server"],
    ['a "use client" page imports lib/server', "app/(console)/people/x.tsx", '"use client";\nimport { logError } from "@/lib/server/log";\nexport const f = logError;', "roster/no-server-in-client", 'this module is "use client"'],
    ['a "use client" page imports lib/server by a relative path', "app/(console)/people/x.tsx", '"use client";\nimport type { SessionUser } from "../../../lib/server/session";\nexport type U = SessionUser;', "roster/no-server-in-client", 'this module is "use client"'],
    ['a "use client" page imports server-only', "app/signin/x.tsx", '"use client";\nimport "server-only";\nexport const x = 1;', "roster/no-server-in-client", 'this module is "use client"'],
    ["one domain component folder imports another", "components/people/x.tsx", 'import { PersonPage } from "@/components/person/person-page";\nexport const P = PersonPage;', "import/no-restricted-paths", "Domain component folders don't import each other"],
    ["a shared component imports a domain folder", "components/data-table/x.tsx", 'import { PeopleDirectory } from "@/components/people/people-directory";\nexport const P = PeopleDirectory;', "import/no-restricted-paths", "Shared components don't depend on a domain folder"],
    ["pure domain code imports React", "lib/people/x.ts", 'import { useState } from "react";\nexport const f = useState;', "no-restricted-imports", "free of React and server code"],
    ["pure domain code imports a Next.js module", "lib/licenses/x.ts", 'import { notFound } from "next/navigation";\nexport const f = notFound;', "no-restricted-imports", "free of React and server code"],
    ["pure domain code imports lib/server", "lib/licenses/x.ts", 'import { logError } from "@/lib/server/log";\nexport const f = logError;', "import/no-restricted-paths", "Pure domain code"],
    ["pure domain code imports lib/query", "lib/csv-x.ts", 'import { peopleKeys } from "@/lib/query/people";\nexport const k = peopleKeys;', "import/no-restricted-paths", "Pure domain code"],
    ["lib/query imports lib/server", "lib/query/x.ts", 'import type { SessionUser } from "@/lib/server/session";\nexport type U = SessionUser;', "import/no-restricted-paths", "lib/query runs in the browser"],
    ["the emulator imports the app", "emulator/src/x.ts", 'import { csvCell } from "../../lib/csv";\nexport const f = csvCell;', "import/no-restricted-paths", "The emulator stands alone"],
    ["the app imports the emulator", "lib/server/x.ts", 'import { startEmulator } from "@/emulator/src/server";\nexport const f = startEmulator;', "import/no-restricted-paths", "The app never imports the emulator"],
  ])("fail when %s", async (_what, file, code, rule, message) => {
    const errors = await importErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${rule}: `);
    expect(errors[0]).toContain(message);
  });

  it.each([
    ["a server component in app/ reads lib/server", "app/(console)/people/x.tsx", 'import { logError } from "@/lib/server/log";\nexport const f = logError;'],
    ["a component reads pure domain code and shared components", "components/people/x.tsx", 'import { parsePeopleView } from "@/lib/people/people-view";\nimport { Badge } from "@/components/ui/badge";\nexport const a = [parsePeopleView, Badge];'],
    ["a component reads a file of its own folder", "components/people/x.tsx", 'import { PeopleDirectory } from "./people-directory";\nexport const P = PeopleDirectory;'],
    ["a \"use client\" page reads lib/query and pure code", "app/(console)/people/x.tsx", '"use client";\nimport { peopleKeys } from "@/lib/query/people";\nimport { csvCell } from "@/lib/csv";\nexport const a = [peopleKeys, csvCell];'],
    ["lib/server reads pure domain code", "lib/server/x.ts", 'import "server-only";\nimport { csvCell } from "@/lib/csv";\nexport const f = csvCell;'],
    ["the emulator reads its own modules", "emulator/src/x.ts", 'import { startEmulator } from "./server";\nexport const f = startEmulator;'],
  ])("pass when %s", async (_what, file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
