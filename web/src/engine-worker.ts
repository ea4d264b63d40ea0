/**
 * The engine worker: resolves a scenario exactly as the CLI does, runs it on the fast engine through
 * the step API frame by frame, and records what changed between frames, so the page can scrub a
 * finished run freely. Stepping never changes the outcome: the summary equals the CLI's for the same
 * seed (test/browser/dashboard.test.ts checks it).
 */
import { UserInputError } from "../../src/core/errors.ts";
import {
  parseScenario,
  resolveScenario,
  type ResolvedScenario,
} from "../../src/scenario/resolve.ts";
import { buildModelPopulation } from "../../src/scenario/run.ts";
import { createSimulation } from "../../src/scenario/simulation.ts";
import type { Population } from "../../src/net/population.ts";
import { aggregateEnsemble, ensembleMember, ensembleSeeds } from "../../src/report/ensemble.ts";
import {
  BLACKLISTED,
  THROTTLED,
  type DefendedFrames,
  type EnsembleResult,
  type RunRequest,
  type RunResult,
  type WorkerReply,
} from "./messages.ts";
import { INFECTED } from "../../src/plugin/host-states.ts";
import type { DefendedView } from "../../src/sim/fast-engine.ts";
import { ChangeLog, changeLogBuffers } from "./change-log.ts";

/** At most this many frames per run (the scrubber's steps). */
const MAX_FRAMES = 720;

const post = (reply: WorkerReply, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(reply, transfer);

/** The last run's population and what it was built from. */
let cachedPopulation: { readonly key: string; readonly population: Population } | null = null;

/**
 * The population of `scenario`, reused when a change keeps it (a defense, the period, the seed of
 * an ensemble's run): the engine copies what it changes, so a run never modifies the population.
 */
function populationOf(scenario: ResolvedScenario): Population {
  const key = JSON.stringify([scenario.population, scenario.populationSeed ?? scenario.seed]);
  if (cachedPopulation?.key !== key) {
    cachedPopulation = { key, population: buildModelPopulation(scenario) };
  }
  return cachedPopulation.population;
}

/** Per host, the defended layer's flags now (blacklisted, throttled), written into `out`. */
function defenseFlags(view: DefendedView, out: Uint8Array): Uint8Array {
  const { blocked, throttled } = view;
  for (let h = 0; h < out.length; h++) {
    out[h] = (blocked?.[h] ? BLACKLISTED : 0) | (throttled?.[h] ? THROTTLED : 0);
  }
  return out;
}

/** Records what the defenses shield at each frame (nothing when the run has no such defense). */
class DefendedRecorder {
  private readonly inbound: Float32Array[] = [];
  private readonly frameInbound: Int16Array;
  /** Null when the run has no blacklist and no cap (whether it has is known from frame 0). */
  private readonly flags: ChangeLog | null = null;
  private readonly scratch: Uint8Array;

  constructor(first: DefendedView, hosts: number, frames: number) {
    this.frameInbound = new Int16Array(frames).fill(-1);
    const flagged = first.blocked !== null || first.throttled !== null;
    this.scratch = new Uint8Array(flagged ? hosts : 0);
    if (flagged) this.flags = new ChangeLog(defenseFlags(first, this.scratch), frames);
    this.inboundAt(0, first);
  }

  private inboundAt(k: number, view: DefendedView): void {
    const share = view.inbound16;
    if (!share) return;
    // The engine hands out one array per filter regime: a new array is a new regime.
    let i = this.inbound.indexOf(share);
    if (i < 0) i = this.inbound.push(share) - 1;
    this.frameInbound[k] = i;
  }

  /** Records frame k (from 1, in order). */
  record(k: number, view: DefendedView): void {
    this.inboundAt(k, view);
    this.flags?.record(k, defenseFlags(view, this.scratch));
  }

  done(): DefendedFrames | null {
    if (!this.flags && this.inbound.length === 0) return null;
    const flags = this.flags ?? new ChangeLog(new Uint8Array(0), this.frameInbound.length);
    return { inbound16: this.inbound, frameInbound: this.frameInbound, flags: flags.done() };
  }
}

function run(request: RunRequest): void {
  const t0 = performance.now();
  const file = parseScenario(request.scenario, "scenario");
  const scenario = resolveScenario(file, request.seed === undefined ? {} : { seed: request.seed });
  const tPopulation = performance.now();
  const population = populationOf(scenario);
  const populationMs = performance.now() - tPopulation;
  let framesMs = 0;
  const sim = createSimulation(scenario, population, { clock: () => performance.now() });
  const startMs = Date.parse(scenario.start);
  const endMs = Date.parse(scenario.until);
  const totalMinutes = Math.ceil((endMs - startMs) / 60_000);
  // A placed observer's run needs only its summary: no frames to scrub.
  const maxFrames = request.role === "observer" ? 1 : MAX_FRAMES;
  const stepMinutes = Math.max(1, Math.ceil(totalMinutes / maxFrames));
  const frames = Math.ceil(totalMinutes / stepMinutes) + 1;
  const n = population.size;
  const frameSeconds = new Float64Array(frames);
  const firstInfectedFrame = new Uint16Array(n).fill(0xffff);
  sim.runUntil(startMs);
  let snap = sim.snapshot();
  const states = new ChangeLog(snap.hostState, frames);
  // From here the engine lists the hosts it changes: a frame compares those, not every host.
  sim.changedHosts();
  const defended = new DefendedRecorder(snap.defended, n, frames);
  for (let h = 0; h < n; h++) if (snap.hostState[h] === INFECTED) firstInfectedFrame[h] = 0;
  let lastPost = 0;
  for (let k = 1; k < frames; k++) {
    const ms = Math.min(endMs, startMs + k * stepMinutes * 60_000);
    sim.runUntil(ms);
    snap = sim.snapshot();
    const tFrame = performance.now();
    frameSeconds[k] = snap.seconds;
    states.record(
      k,
      snap.hostState,
      (h, s) => {
        if (s === INFECTED && firstInfectedFrame[h] === 0xffff) firstInfectedFrame[h] = k;
      },
      sim.changedHosts(),
    );
    defended.record(k, snap.defended);
    framesMs += performance.now() - tFrame;
    const now = performance.now();
    if (now - lastPost > 50 || k === frames - 1) {
      lastPost = now;
      post({
        type: "progress",
        role: request.role,
        id: request.id,
        done: (ms - startMs) / (endMs - startMs),
        time: snap.time,
        infected: snap.infected,
        infectedEver: snap.infectedEver,
      });
    }
  }
  const { result, summary } = sim.finish();
  const M = result.minutes;
  const W = result.wormVariants.length;
  const sum = (a: ArrayLike<number>) => {
    const out = new Float64Array(M);
    for (let w = 0; w < W; w++) for (let m = 0; m < M; m++) out[m] += a[w * M + m];
    return out;
  };
  const reply: RunResult = {
    type: "result",
    role: request.role,
    id: request.id,
    summary,
    workerMs: performance.now() - t0,
    timings: { populationMs, engineMs: summary.wallSeconds * 1000, framesMs },
    startMs,
    endMs,
    addresses: population.addresses.slice(),
    country: population.country.slice(),
    countries: [...population.countries],
    frameSeconds,
    states: states.done(),
    defended: defended.done(),
    firstInfectedFrame,
    minutes: M,
    infectedNow: sum(result.infectedAtEnd),
    everInfected: Float64Array.from(result.everAtEnd),
    newPerMinute: sum(result.newInfections),
    probesPerMinute: sum(result.probes),
    variants: result.wormVariants.map(String),
    loads: result.loads.map((l) => ({
      name: l.name,
      first16: l.first16,
      count16: l.count16,
      perMinute: Float32Array.from(l.perMinute),
    })),
  };
  post(reply, [
    reply.addresses.buffer,
    reply.country.buffer,
    frameSeconds.buffer,
    ...changeLogBuffers(reply.states),
    ...(reply.defended
      ? [
          ...changeLogBuffers(reply.defended.flags),
          ...reply.defended.inbound16.map((a) => a.buffer as ArrayBuffer),
          reply.defended.frameInbound.buffer,
        ]
      : []),
    firstInfectedFrame.buffer,
    reply.infectedNow.buffer,
    reply.everInfected.buffer,
    reply.newPerMinute.buffer,
    reply.probesPerMinute.buffer,
    ...reply.loads.map((l) => l.perMinute.buffer),
  ]);
}

/** An ensemble: `runs` runs on one population, seeds as `simulate --runs` derives them. */
function ensemble(request: RunRequest): void {
  const file = parseScenario(request.scenario, "scenario");
  const scenario = resolveScenario(file);
  const population = populationOf(scenario);
  const seeds = ensembleSeeds(scenario.seed, Math.max(1, Math.min(100, request.runs ?? 5)));
  const members = seeds.map((seed, index) => {
    // The step API run to the end gives runSimulation's output (src/scenario/simulation.test.ts),
    // as the CLI's ensemble task computes it, without bundling the reference engine.
    const output = createSimulation({ ...scenario, seed }, population, {
      clock: () => performance.now(),
    }).finish();
    post({
      type: "progress",
      role: "ensemble",
      id: request.id,
      done: (index + 1) / seeds.length,
      time: "",
      infected: output.summary.infectedAtEnd,
      infectedEver: output.summary.infectedEver,
    });
    return ensembleMember(index, seed, output.result, output.summary);
  });
  const { summary, bands } = aggregateEnsemble(members);
  const reply: EnsembleResult = {
    role: "ensemble",
    type: "ensemble",
    id: request.id,
    summary,
    minutes: bands.minutes,
    everP5: bands.infectedEver.p5,
    everP95: bands.infectedEver.p95,
    infectedP5: bands.infected.p5,
    infectedP95: bands.infected.p95,
  };
  post(reply);
}

self.onmessage = (event: MessageEvent<RunRequest>) => {
  const request = event.data;
  try {
    if (request.role === "ensemble") ensemble(request);
    else run(request);
  } catch (error) {
    const message =
      error instanceof UserInputError || error instanceof RangeError
        ? error.message
        : `the run failed: ${error instanceof Error ? error.message : String(error)}`;
    post({ type: "error", role: request.role, id: request.id, message });
  }
};
