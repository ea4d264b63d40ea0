import { describe, expect, it } from "vitest";
import { INFECTED } from "../plugin/host-states.ts";
import { resolveScenario } from "./resolve.ts";
import { buildModelPopulation, runSimulation } from "./run.ts";
import { createSimulation } from "./simulation.ts";

const text = (summary: object) => JSON.stringify({ ...summary, wallSeconds: 0 });

describe("createSimulation (the step API)", () => {
  it("stepped to 14:00, snapshotted and finished gives the summary of one runSimulation call", () => {
    const scenario = resolveScenario({ extends: "jul19-2001", seed: 3 });
    const population = buildModelPopulation(scenario);
    const once = runSimulation(scenario, population);
    const sim = createSimulation(scenario, population);
    expect(sim.runUntil("2001-07-19T14:00:00Z")).toBe(true);
    const snap = sim.snapshot();
    expect(snap.time).toBe("2001-07-19T14:00:00Z");
    expect(snap.seconds).toBe(4 * 3600);
    expect(snap.done).toBe(false);
    let infected = 0;
    for (const s of snap.hostState) if (s === INFECTED) infected++;
    expect(infected).toBe(snap.infected);
    expect(snap.infected).toBeGreaterThan(0);
    expect(snap.infected).toBeLessThan(once.summary.infectedEver);
    // The hourly series of the one-shot run at 14:00 holds what the snapshot saw then.
    expect(snap.series.minutesClosed).toBe(240);
    expect(snap.series.everAtEnd[239]).toBe(once.summary.hourly[3].infectedEver);
    expect(sim.snapshot().hostState).toBe(snap.hostState);
    const { summary } = sim.finish();
    expect(text(summary)).toBe(text(once.summary));
  });

  it("any cut into steps gives byte-identical output, two worms and observers included", () => {
    const scenario = resolveScenario({
      extends: "aug04-2001",
      seed: 2,
      until: "2001-08-05T06:00:00Z",
    });
    const population = buildModelPopulation(scenario);
    const once = runSimulation(scenario, population);
    const sim = createSimulation(scenario, population);
    const start = Date.parse(scenario.start);
    let steps = 0;
    for (let ms = start; sim.runUntil(ms); ms += 37 * 60_000 + 13_001) steps++;
    expect(steps).toBeGreaterThan(40);
    expect(sim.snapshot().done).toBe(true);
    expect(text(sim.finish().summary)).toBe(text(once.summary));
  });

  it("refuses an instant it cannot read, naming it", () => {
    const scenario = resolveScenario({ extends: "jul19-2001" });
    const sim = createSimulation(scenario, buildModelPopulation(scenario));
    expect(() => sim.runUntil("noon")).toThrow(/runUntil: .*"noon"/);
  });
});
