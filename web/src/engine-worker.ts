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
import { buildModelPopulation, runSimulation } from "../../src/scenario/run.ts";
import { createSimulation } from "../../src/scenario/simulation.ts";
import type { Population } from "../../src/net/population.ts";
import { aggregateEnsemble, ensembleMember, ensembleSeeds } from "../../src/report/ensemble.ts";
import type { EnsembleResult, RunRequest, RunResult, WorkerReply } from "./messages.ts";
import { INFECTED } from "../../src/plugin/host-states.ts";

/** At most this many frames per run (the scrubber's steps). */
const MAX_FRAMES = 720;

/** Whether a byte array can be read as 32-bit words (its offset is a multiple of 4). */
const aligned = (a: Uint8Array) => a.byteOffset % 4 === 0;

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

/** Grows a typed array by doubling (the change log's length is not known in advance). */
class Growable<T extends Uint32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
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
  const changeStart = new Uint32Array(frames + 1);
  const changeHost = new Growable(new Uint32Array(1 << 16), (k) => new Uint32Array(k));
  const changeFrom = new Growable(new Uint8Array(1 << 16), (k) => new Uint8Array(k));
  const changeTo = new Growable(new Uint8Array(1 << 16), (k) => new Uint8Array(k));
  const firstInfectedFrame = new Uint16Array(n).fill(0xffff);
  sim.runUntil(startMs);
  let snap = sim.snapshot();
  const initialState = snap.hostState.slice();
  const previous = initialState.slice();
  for (let h = 0; h < n; h++) if (previous[h] === INFECTED) firstInfectedFrame[h] = 0;
  let lastPost = 0;
  let state = snap.hostState;
  const record = (h: number, k: number) => {
    const s = state[h];
    if (s === previous[h]) return;
    changeHost.push(h);
    changeFrom.push(previous[h]);
    changeTo.push(s);
    previous[h] = s;
    if (s === INFECTED && firstInfectedFrame[h] === 0xffff) firstInfectedFrame[h] = k;
  };
  for (let k = 1; k < frames; k++) {
    const ms = Math.min(endMs, startMs + k * stepMinutes * 60_000);
    sim.runUntil(ms);
    snap = sim.snapshot();
    const tFrame = performance.now();
    frameSeconds[k] = snap.seconds;
    changeStart[k] = changeHost.length;
    state = snap.hostState;
    // Compare four hosts at a time where the arrays allow it, then the hosts of differing words.
    const words = aligned(state) && aligned(previous) ? n >>> 2 : 0;
    const a = new Uint32Array(state.buffer, state.byteOffset, words);
    const b = new Uint32Array(previous.buffer, previous.byteOffset, words);
    for (let i = 0; i < words; i++) {
      if (a[i] === b[i]) continue;
      for (let h = i * 4; h < i * 4 + 4; h++) record(h, k);
    }
    for (let h = words * 4; h < n; h++) record(h, k);
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
  changeStart[frames] = changeHost.length;
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
    initialState,
    changeStart,
    changeHost: changeHost.done(),
    changeFrom: changeFrom.done(),
    changeTo: changeTo.done(),
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
    initialState.buffer,
    changeStart.buffer,
    reply.changeHost.buffer,
    reply.changeFrom.buffer,
    reply.changeTo.buffer,
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
    // As the CLI's ensemble task does (src/node/ensemble-worker.ts), which is Node-only.
    const output = runSimulation({ ...scenario, seed }, population);
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
