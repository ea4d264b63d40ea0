/**
 * The wormscope command line. Each subcommand lives in its own file under commands/ and registers itself
 * on the program here.
 *
 * Only the subcommand named on the command line is loaded (its module pulls in echarts, zod, piscina
 * and the engines): the others get a stand-in with their line of `wormscope --help`, so `--help` and
 * `--version` load none of them. test/cli/help.test.ts checks that the stand-ins' lines are the ones
 * the modules register.
 */
import { Command, Help } from "@commander-js/extra-typings";
import { UserInputError } from "../core/errors.ts";
import { printableLines } from "../core/terminal-text.ts";
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

/** A subcommand: its line in `wormscope --help`, and the module that registers it in full. */
interface Subcommand {
  readonly name: string;
  /** Left column of its help line: name, `[options]`, arguments. */
  readonly term: string;
  /** Right column: the description it registers. */
  readonly description: string;
  readonly load: () => Promise<{ register(p: Command): void }>;
}

const SUBCOMMANDS: readonly Subcommand[] = [
  {
    name: "analyze",
    term: "analyze [options] <files...>",
    description: "Find Code Red in web logs (Apache, nginx, IIS, error logs) and pcap/pcapng files",
    load: () => import("./commands/analyze.ts"),
  },
  {
    name: "simulate",
    term: "simulate [options]",
    description: "Simulate an outbreak (default preset: jul19-2001, Code Red v2 on 19 July 2001)",
    load: () => import("./commands/simulate.ts"),
  },
  {
    name: "fit",
    term: "fit [options] <file>",
    description: "fit an analytic worm model to a CSV time series of infected hosts",
    load: () => import("./commands/fit.ts"),
  },
  {
    name: "model",
    term: "model [options]",
    description: "solve the analytic worm models (logistic, two-factor, AAWP) for a preset",
    load: () => import("./commands/model.ts"),
  },
  {
    name: "validate",
    term: "validate [options]",
    description: "compare the model with every published Code Red measurement (one table)",
    load: () => import("./commands/validate.ts"),
  },
  {
    name: "watch",
    term: "watch [options] <files...>",
    description:
      "early warning: detect a worm's exponential trend in a monitor's counts (a CSV series, or logs and captures)",
    load: () => import("./commands/watch.ts"),
  },
  {
    name: "sweep",
    term: "sweep [options] <file>",
    description: "run a parameter sweep (grid or random points x seeds) into the run store",
    load: () => import("./commands/sweep.ts"),
  },
  {
    name: "runs",
    term: "runs",
    description: "list, show and export the runs kept in the run store",
    load: () => import("./commands/runs.ts"),
  },
  {
    name: "worker",
    term: "worker [options]",
    description: "process the runs that sweeps enqueue on Redis (sweep --queue)",
    load: () => import("./commands/worker.ts"),
  },
  {
    name: "dashboard",
    term: "dashboard [options]",
    description: "serve the dashboard: the outbreak on the IPv4 map, in your browser",
    load: () => import("./commands/dashboard.ts"),
  },
  {
    name: "bench",
    term: "bench [options]",
    description: "benchmark the engines, the analyzer and ensembles; writes bench/results.json",
    load: () => import("./commands/bench.ts"),
  },
];

/**
 * The subcommand the arguments name: the first operand, or the one after `help`. The program's own
 * options (-V, -h) take no value, so the first argument not starting with "-" is the subcommand.
 */
function requestedSubcommand(args: readonly string[]): string | undefined {
  const [first, second] = args.filter((a) => !a.startsWith("-"));
  return first === "help" ? second : first;
}

const requested = requestedSubcommand(process.argv.slice(2));
const standInTerms = new Map<unknown, string>();
for (const sub of SUBCOMMANDS) {
  if (sub.name === requested) (await sub.load()).register(program);
  else standInTerms.set(program.command(sub.name).description(sub.description), sub.term);
}
// A usage error in a subcommand (unknown option, bad choice, missing argument) is bad input: exit 2,
// like every other user error; help and version still exit 0. One place for every subcommand.
const exitOnUsageError = (command: Command<unknown[], Record<string, unknown>>): void => {
  command.exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
  // Nested subcommands (runs list, ...) too.
  for (const sub of command.commands) exitOnUsageError(sub);
};
for (const command of program.commands) exitOnUsageError(command);
program.configureHelp({
  subcommandTerm(this: Help, cmd) {
    return standInTerms.get(cmd) ?? Help.prototype.subcommandTerm.call(this, cmd);
  },
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof UserInputError) {
    // Messages may quote user input (a file name, a field of a file): no control characters.
    process.stderr.write(`wormscope: ${printableLines(error.message)}\n`);
    process.exit(error.exitCode);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`wormscope: internal error: ${printableLines(message)}\n`);
  if (process.env.WORMSCOPE_DEBUG) console.error(error);
  process.exit(70);
}
