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

  it("says what the defenses shield: filtered /16s, blacklisted and throttled hosts", () => {
    const scenario = resolveScenario({
      extends: "jul19-2001",
      until: "2001-07-19T20:30:00Z",
      defenses: [
        { type: "ingress-filter", block: "24.0.0.0/8", from: "2001-07-19T15:00:00Z" },
        { type: "content-filter", reactionMinutes: 540, deployment: { topAses: 20 } },
        { type: "address-blacklist", reactionMinutes: 60, deployment: "all" },
        { type: "rate-limit", newConnectionsPerSecond: 1, coverage: 0.5 },
      ],
    });
    const population = buildModelPopulation(scenario);
    const sim = createSimulation(scenario, population);
    const plain = createSimulation(resolveScenario({ extends: "jul19-2001" }), population);
    expect(plain.snapshot().defended).toEqual({ inbound16: null, blocked: null, throttled: null });
    const inside = (d: number) => d >>> 8 === 24;
    sim.runUntil("2001-07-19T14:00:00Z");
    expect(sim.snapshot().defended.inbound16).toBeNull();
    sim.runUntil("2001-07-19T16:00:00Z");
    const at16 = sim.snapshot().defended.inbound16;
    expect(at16).not.toBeNull();
    const shielded16 = [...at16!.keys()].filter((d) => at16![d] > 0);
    // Only the ingress filter is on: its 256 /16s lose the probes of every sender outside the /8.
    expect(shielded16.length).toBe(256);
    expect(shielded16.every(inside)).toBe(true);
    expect(at16![24 * 256 + 7]).toBeCloseTo(1 - 256 / 65536, 6);
    sim.runUntil("2001-07-19T20:00:00Z");
    const at20 = sim.snapshot().defended.inbound16!;
    const outsideShielded = [...at20.keys()].filter((d) => !inside(d) && at20[d] > 0).length;
    expect(outsideShielded).toBeGreaterThan(1000);
    expect(Math.max(...at20)).toBeLessThanOrEqual(1);
    const count = (a: Uint8Array | null) => Array.from(a ?? []).reduce((n, x) => n + x, 0);
    const throttled = count(sim.snapshot().defended.throttled);
    expect(throttled / population.size).toBeGreaterThan(0.48);
    expect(throttled / population.size).toBeLessThan(0.52);
    const { summary } = sim.finish();
    const blacklist = summary.defenses!.find((d) => d.type === "address-blacklist")!;
    expect(blacklist.hostsBlocked).toBeGreaterThan(0);
    expect(count(sim.snapshot().defended.blocked)).toBe(blacklist.hostsBlocked);
  });

  it("lists the hosts it changes: following them rebuilds every host's state at every step", () => {
    const scenario = resolveScenario({ extends: "jul19-2001", seed: 5 });
    const sim = createSimulation(scenario, buildModelPopulation(scenario));
    const start = Date.parse(scenario.start);
    sim.runUntil(start + 2 * 3600_000);
    const followed = sim.snapshot().hostState.slice();
    expect(sim.changedHosts().length).toBe(0);
    let steps = 0;
    let changes = 0;
    for (let ms = start + 2 * 3600_000; sim.runUntil(ms); ms += 17 * 60_000) {
      const state = sim.snapshot().hostState;
      const changed = sim.changedHosts();
      for (const h of changed) followed[h] = state[h];
      changes += changed.length;
      // Exact: no host changed outside the list.
      if (steps++ % 8 === 0) expect(Buffer.compare(followed, state)).toBe(0);
    }
    // The last runUntil (to the end) returned false: follow its changes too.
    const state = sim.snapshot().hostState;
    for (const h of sim.changedHosts()) followed[h] = state[h];
    expect(Buffer.compare(followed, state)).toBe(0);
    expect(changes).toBeGreaterThan(300_000);
  });
});
