/**
 * `wormscope --help` loads no subcommand module (src/cli/main.ts lists each with a stand-in): its
 * output must be what the modules themselves register, and `wormscope help NAME` / `NAME --help` must
 * be the full help of the module.
 */
import { Command } from "@commander-js/extra-typings";
import { describe, expect, it } from "vitest";
import { register as analyze } from "../../src/cli/commands/analyze.ts";
import { register as bench } from "../../src/cli/commands/bench.ts";
import { register as dashboard } from "../../src/cli/commands/dashboard.ts";
import { register as fit } from "../../src/cli/commands/fit.ts";
import { register as model } from "../../src/cli/commands/model.ts";
import { register as runs } from "../../src/cli/commands/runs.ts";
import { register as simulate } from "../../src/cli/commands/simulate.ts";
import { register as sweep } from "../../src/cli/commands/sweep.ts";
import { register as watch } from "../../src/cli/commands/watch.ts";
import { register as worker } from "../../src/cli/commands/worker.ts";
import { register as validate } from "../../src/cli/commands/validate.ts";
import { VERSION } from "../../src/version.ts";
import { runCli } from "./run-cli.ts";

/** The program with every module registered, as main.ts built it before it loaded them lazily. */
function fullProgram(description: string): Command {
  const program = new Command()
    .name("wormscope")
    .description(description)
    .version(VERSION)
    .configureHelp({ helpWidth: 80 });
  for (const register of [
    analyze,
    simulate,
    fit,
    model,
    validate,
    watch,
    sweep,
    runs,
    worker,
    dashboard,
    bench,
  ])
    register(program);
  return program;
}

describe("wormscope --help", () => {
  const top = runCli(["--help"]);
  const description = top.stdout.split("\n")[2];
  const program = fullProgram(description);

  it("lists every subcommand as its module registers it", () => {
    expect(top.status, top.stderr).toBe(0);
    expect(top.stdout).toContain("Commands:\n  analyze [options] <files...>");
    expect(top.stdout).toBe(program.helpInformation());
  });

  it.each(["analyze", "simulate", "fit", "model", "validate", "dashboard", "bench"])(
    "gives the full help of %s, through `help NAME` and `NAME --help`",
    (name) => {
      const sub = program.commands.find((c) => c.name() === name);
      expect(sub).toBeDefined();
      for (const args of [
        ["help", name],
        [name, "--help"],
      ]) {
        const r = runCli(args);
        expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(0);
        expect(r.stdout, args.join(" ")).toBe(sub?.helpInformation());
      }
    },
  );

  it("prints the version without loading a subcommand, and refuses an unknown one", () => {
    expect(runCli(["--version"]).stdout).toBe(`${VERSION}\n`);
    const r = runCli(["simulat"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("unknown command 'simulat'");
    expect(r.stderr).toContain("(Did you mean simulate?)");
  });
});
