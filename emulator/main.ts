import { optionsFromEnv } from "./src/env";
import { startEmulator } from "./src/server";

// CLI entry for `npm run emulator`: configuration comes from EMULATOR_* variables (docs/emulator.md).
async function main(): Promise<void> {
  let options;
  try {
    options = optionsFromEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const started = Date.now();
  const emulator = await startEmulator(options);
  console.log(`Webex emulator listening on ${emulator.url}`);
  console.log(`  ${options.people} people (seed ${options.seed ?? "default"}) ready in ${Date.now() - started} ms; docs/emulator.md`);
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`Webex emulator stopping (${signal})`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("Webex emulator failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
