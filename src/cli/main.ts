/**
 * The wormscope command line. Each subcommand lives in its own file under commands/ and registers itself
 * on the program here.
 */
import { Command } from "@commander-js/extra-typings";
import { UserInputError } from "../core/errors.ts";
import { VERSION } from "../version.ts";

// A reader that stops early (`wormscope ... | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

const program = new Command()
  .name("wormscope")
  .description("Simulate, observe and detect Internet worm outbreaks (Code Red, Code Red II).")
  .version(VERSION)
  .showHelpAfterError();

const registrations: Array<() => Promise<{ register(p: Command): void }>> = [
  // One line per subcommand module; each exports register(program).
  () => import("./commands/analyze.ts"),
  () => import("./commands/simulate.ts"),
  () => import("./commands/fit.ts"),
  () => import("./commands/model.ts"),
  () => import("./commands/bench.ts"),
];
for (const load of registrations) (await load()).register(program as unknown as Command);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof UserInputError) {
    process.stderr.write(`wormscope: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`wormscope: internal error: ${message}\n`);
  if (process.env.WORMSCOPE_DEBUG) console.error(error);
  process.exit(70);
}
