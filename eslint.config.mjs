import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The import rules of the house (docs/architecture.md, "Import rules"). Folders are read from disk, so a new
// domain folder under components/ or lib/ is covered without editing this file.
const root = path.dirname(fileURLToPath(import.meta.url));
const folders = (dir) =>
  fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

/** components/ folders any page may use; every other folder under components/ is one domain's. */
const SHARED_COMPONENTS = ["ui", "data-table", "shell"];
const DOMAIN_COMPONENTS = folders("components").filter((d) => !SHARED_COMPONENTS.includes(d));
/** lib/ folders with React (lib/query, the browser's data layer) or server code (lib/server); the rest is pure domain code. */
const PURE_LIB = folders("lib").filter((d) => d !== "server" && d !== "query");
const APP_CODE = ["./app", "./components", "./lib", "./proxy.ts", "./instrumentation.ts"];

const SHARED_HINT = "Shared pieces live in components/ui, components/data-table or components/shell.";
const zones = [
  {
    target: "./components",
    from: "./lib/server",
    message:
      "Components run in the browser: they never import lib/server. Move the shared type or helper to lib/<domain>/ (e.g. lib/<domain>/api-types.ts).",
  },
  ...DOMAIN_COMPONENTS.map((d) => ({
    target: `./components/${d}`,
    from: DOMAIN_COMPONENTS.filter((o) => o !== d).map((o) => `./components/${o}`),
    message: `Domain component folders don't import each other. ${SHARED_HINT}`,
  })),
  {
    target: SHARED_COMPONENTS.map((d) => `./components/${d}`),
    from: DOMAIN_COMPONENTS.map((d) => `./components/${d}`),
    message: `Shared components don't depend on a domain folder. ${SHARED_HINT}`,
  },
  {
    target: ["./lib/*.ts", ...PURE_LIB.map((d) => `./lib/${d}`)],
    from: ["./lib/server", "./lib/query", "./components", "./app"],
    message: "Pure domain code (lib/ outside lib/server and lib/query) runs on both sides: no server, React Query or component imports.",
  },
  {
    target: "./lib/query",
    from: "./lib/server",
    message: "lib/query runs in the browser: it never imports lib/server. Share the response type through lib/<domain>/api-types.ts.",
  },
  { target: "./emulator", from: APP_CODE, message: "The emulator stands alone: it never imports the app." },
  { target: APP_CODE, from: "./emulator", message: "The app never imports the emulator: it talks to it over HTTP, like to Webex." },
];

/** Packages that mean React or server code, forbidden in pure domain code. */
const NOT_PURE = ["react", "react-dom", "react-dom/*", "next", "next/*", "next-auth", "next-auth/*", "@tanstack/react-*", "server-only", "pg", "pg-boss", "drizzle-orm", "drizzle-orm/*", "@electric-sql/*"];

/** A file whose first statement is the "use client" directive. */
const isClientModule = (program) =>
  program.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client");

// Server components in app/ may read lib/server; a client module (app/ or anywhere) may not, not even for a type.
const noServerInClient = {
  meta: {
    type: "problem",
    docs: { description: 'Modules marked "use client" never import lib/server or server-only.' },
    messages: {
      server:
        '"{{source}}" is server code and this module is "use client". Move the shared type or helper to lib/<domain>/ (e.g. lib/<domain>/api-types.ts), or fetch it through an API route.',
    },
    schema: [],
  },
  create(context) {
    const filename = context.filename;
    let client = false;
    const isServer = (source) => {
      if (source === "server-only" || source === "@/lib/server" || source.startsWith("@/lib/server/")) return true;
      if (!source.startsWith(".")) return false;
      const rel = path.relative(root, path.resolve(path.dirname(filename), source)).split(path.sep).join("/");
      return rel === "lib/server" || rel.startsWith("lib/server/");
    };
    const check = (node) => {
      const source = node.source && node.source.type === "Literal" ? node.source.value : null;
      if (client && typeof source === "string" && isServer(source)) context.report({ node: node.source, messageId: "server", data: { source } });
    };
    return {
      Program(program) {
        client = isClientModule(program);
      },
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    name: "roster/import-rules",
    files: ["**/*.{js,jsx,mjs,ts,tsx,mts,cts}"],
    plugins: { roster: { rules: { "no-server-in-client": noServerInClient } } },
    rules: {
      "import/no-restricted-paths": ["error", { basePath: root, zones }],
      "roster/no-server-in-client": "error",
    },
  },
  {
    name: "roster/pure-lib",
    files: ["lib/*.{ts,tsx}", ...PURE_LIB.map((d) => `lib/${d}/**/*.{ts,tsx}`)],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: NOT_PURE,
              message: "Pure domain code (lib/ outside lib/server and lib/query) stays free of React and server code.",
            },
          ],
        },
      ],
    },
  },
];
export default config;
