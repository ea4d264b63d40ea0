/**
 * A fast-engine run that can be driven in steps: build it, `runUntil` any instant, look at it with
 * `snapshot`, and `finish` it for the result. Running in steps gives byte-identical output to one
 * call, because a step never splits the engine's draws: the loop stops before an event later than the
 * requested instant and keeps the draw that produced it for the next step.
 *
 * The loop: the next state change (infection, patch, reboot: any process) comes after an exponential
 * time drawn from the total rate of the processes, unless a scheduled event (calendar, deadline,
 * static-seed attempt, minute tick) comes first; then one process is chosen in proportion to its
 * rate and fired. Rates only change at events, where the draw is renewed: exponential waiting times
 * are memoryless, so this is exact. Address churn keeps a clock of its own: a move changes no other
 * process's rate (they see /16s and counts, and a move stays in its /16), so the other processes'
 * draw stands across moves, and when the churn rate changes (a dynamic host infected or cured) the
 * time left to the next move is rescaled by old rate / new rate, again exact by memorylessness.
 * Moves, about 40% of aug04-2001's events, then cost no pass over the processes.
 */
import { createEventQueue } from "../../core/event-queue.ts";
import { bufferedRng, createRng, type Rng } from "../../core/rng.ts";
import { createSamplers, type Samplers } from "../../core/samplers.ts";
import { defensePlugin } from "../../defenses/registry.ts";
import { observerPlugin } from "../../observers/registry.ts";
import type { Defense, DefenseSpec, ProbeFilter, RateCap, Tarpit } from "../../plugin/defense.ts";
import { filterContext } from "../filter-context.ts";
import type { Observer, ObserverHooks } from "../../plugin/observer.ts";
import { PRIORITY } from "../../plugin/priorities.ts";
import type { Process } from "../../plugin/process.ts";
import type { EngineInput } from "../engine-input.ts";
import { NO_DEFENSE_COUNTS, type EngineResult } from "../engine-result.ts";
import type { RunOptions } from "../run-options.ts";
import { wormGlobalEvents } from "../worm-schedule.ts";
import { Clock } from "./clock.ts";
import { collectResult } from "./collect-result.ts";
import { Dispatcher } from "./dispatch.ts";
import type { HostEvent } from "./events.ts";
import { Outbreak } from "./outbreak.ts";
import { addressChurn } from "../processes/address-churn.ts";

/** What a running simulation looks like now. Arrays are live views: copy them to keep them. */
export interface FastSnapshot {
  /** Seconds since the start of the run. */
  readonly seconds: number;
  /** Minutes closed so far (the per-minute series are complete up to this minute). */
  readonly minutesClosed: number;
  readonly infected: number;
  readonly infectedEver: number;
  /** Hosts infected now, per worm index. */
  readonly infectedByWorm: readonly number[];
  /** Host states (SUSCEPTIBLE, INFECTED, PATCHED, BACKDOORED in src/plugin/host-states.ts). */
  readonly hostState: Uint8Array;
  /** Worm index per host (meaningful while infected or backdoored). */
  readonly hostWorm: Uint8Array;
  /** Bit w set when worm w ever infected the host. */
  readonly everInfected: Uint32Array;
  /** Row-major worm x minute: new infections and probes sent (minutes not closed yet: so far). */
  readonly newInfections: Uint32Array;
  readonly probes: Float64Array;
  /** Distinct hosts ever infected at each closed minute's end. */
  readonly everAtEnd: Uint32Array;
  /** What the defenses shield now (see {@link ProbeFilters.shielded}); computed on first read. */
  readonly defended: DefendedView;
}

/** What the defenses in force shield, for maps. Arrays are live views. */
export interface DefendedView {
  /** Per /16: the share of uniformly aimed probes filters drop before they reach it (null: none). */
  readonly inbound16: Float32Array | null;
  /** Per host: 1 while an address blacklist blocks its address (null: the run has no blacklist). */
  readonly blocked: Uint8Array | null;
  /** Per host: 1 while a rate cap limits it (null: the run has no cap). */
  readonly throttled: Uint8Array | null;
}

/** The default defenses of every run, built from the input's schedules: patching, then reboots. */
function scheduledDefenses(input: EngineInput): DefenseSpec[] {
  return [
    { type: "patching", steps: input.patch },
    { type: "reboots", steps: input.reboot },
    ...(input.defenses ?? []),
  ];
}

/**
 * The probe filters and rate caps of the input's defenses, built from the same context and streams
 * as in the reference engine ({@link filterContext}), and the instants at which they change.
 */
function buildFilters(
  input: EngineInput,
  root: Rng,
): {
  filters: ProbeFilter[];
  caps: RateCap[];
  labels: { type: string; index: number }[];
  tarpits: Tarpit[];
  changeTimes: number[];
} {
  const tarpits: Tarpit[] = [];
  const tarpitLabels: { type: string; index: number }[] = [];
  const filters: ProbeFilter[] = [];
  const caps: RateCap[] = [];
  const filterLabels: { type: string; index: number }[] = [];
  const capLabels: { type: string; index: number }[] = [];
  const times = new Set<number>();
  const duration = (input.endMs - input.startMs) / 1000;
  (input.defenses ?? []).forEach((spec, i) => {
    const plugin = defensePlugin(spec.type);
    const context = filterContext(input, root, i);
    const filter = plugin.filter?.(spec, context);
    if (filter) {
      filters.push(filter);
      filterLabels.push({ type: spec.type, index: i });
      for (const t of filter.changeTimes) times.add(t);
    }
    const tarpit = plugin.tarpit?.(spec, context);
    if (tarpit) {
      tarpits.push(tarpit);
      tarpitLabels.push({ type: spec.type, index: i });
    }
    const cap = plugin.rateCap?.(spec, context);
    if (cap) {
      caps.push(cap);
      capLabels.push({ type: spec.type, index: i });
      if (cap.fromSeconds > 0 && cap.fromSeconds < duration) times.add(cap.fromSeconds);
    }
  });
  const labels = [...filterLabels, ...capLabels, ...tarpitLabels];
  return { filters, caps, labels, tarpits, changeTimes: [...times].sort((a, b) => a - b) };
}

export class FastSimulation {
  readonly durationSeconds: number;
  private readonly queue = createEventQueue<HostEvent>();
  private readonly outbreak: Outbreak;
  private readonly clock: Clock;
  private readonly dispatch: Dispatcher;
  private readonly events: Samplers;
  private readonly processes: readonly Process[];
  private readonly rates: Float64Array;
  private readonly observers: readonly Observer<unknown>[];
  private randomEvents = 0;
  private iterations = 0;
  /** The drawn time of the next random event and the total rate it was drawn at (NaN: none). */
  private pendingAt = NaN;
  private pendingTotal = 0;
  /** The address churn process (null: none), its rate and the time of its next move. */
  private readonly churn: Process | null;
  private churnRate = 0;
  private churnAt = Infinity;
  private finished: EngineResult | null = null;
  /** The input's defenses with outcomes of their own (campaigns), by input index. */
  private readonly campaigns: { index: number; type: string; defense: Defense }[] = [];

  constructor(
    readonly input: EngineInput,
    private readonly options: RunOptions = {},
  ) {
    const root = createRng(input.seed);
    this.events = createSamplers(root.fork("events"));
    this.durationSeconds = (input.endMs - input.startMs) / 1000;
    const built = buildFilters(input, root);
    const o = new Outbreak(
      input,
      this.queue,
      built.filters,
      built.caps,
      built.labels,
      built.tarpits,
    );
    this.outbreak = o;
    const engine = o;
    const plugins = input.observers.map((spec) => observerPlugin(spec.type));
    this.observers = input.observers.map((spec, i) =>
      plugins[i].create(spec, {
        engine,
        samplers: createSamplers(bufferedRng(root.fork(`observer:${spec.name}`))),
      }),
    );
    if (plugins.some((p) => p.needsSourceRates)) o.trackSources = true;
    const withHook = <K extends keyof ObserverHooks>(k: K) =>
      this.observers.filter(
        (x): x is Observer<unknown> & Required<Pick<ObserverHooks, K>> => k in x,
      );
    o.rateObservers = withHook("rateChanged");
    const rateSpecs = input.observers.filter((_, i) => "rateChanged" in this.observers[i]);
    o.filters.setObserverBlocks(
      rateSpecs.map((s) => s.block ?? null),
      input.addressBits ?? 32,
    );
    o.addressObservers = withHook("addressChanged");
    this.clock = new Clock(
      o,
      withHook("accumulate"),
      withHook("closeMinute"),
      withHook("closeHour"),
    );
    const context = { engine: o, startMs: input.startMs, endMs: input.endMs, filter: null };
    // The schedules (patching, reboots) come first; the input's defenses keep their own index.
    const defenses: Defense[] = scheduledDefenses(input).map((spec, k) =>
      defensePlugin(spec.type).create(spec, {
        ...context,
        filter: k < 2 ? null : filterContext(input, root, k - 2),
      }),
    );
    const specs = scheduledDefenses(input);
    defenses.forEach((defense, k) => {
      if (k >= 2 && defense.outcome) {
        this.campaigns.push({ index: k - 2, type: specs[k].type, defense });
      }
    });
    this.dispatch = new Dispatcher(o, this.queue, createSamplers(root.fork("hosts")), defenses);
    for (const d of defenses) d.refresh(0);
    const filters = o.filters;
    // The filters' source draws have their own stream, so a run is the undefended run's draw for
    // draw until a filter first drops an infection (common random numbers for --compare).
    const filterDraws = createSamplers(root.fork("probe-filters"));
    const infect = filters.active
      ? (h: number, worm: number, level: 0 | 8 | 16) => {
          if (filters.accepts(o.worms[worm], h, level, o.t, filterDraws)) o.infect(h, worm);
        }
      : (h: number, worm: number) => o.infect(h, worm);
    this.processes = [
      ...o.worms.flatMap((w) => w.infectionProcesses(infect)),
      ...defenses.flatMap((d) => d.processes),
    ];
    this.churn = addressChurn(o, input.addressChurn)[0] ?? null;
    this.rates = new Float64Array(this.processes.length);
    for (const e of wormGlobalEvents(input)) {
      const phase = e.kind === "phase" ? e.phase : undefined;
      this.queue.push(e.atSeconds, PRIORITY.global, {
        kind: e.kind,
        worm: e.worm,
        host: -1,
        phase,
      });
    }
    for (const at of built.changeTimes) {
      this.queue.push(at, PRIORITY.global, { kind: "refresh", worm: -1, host: -1 });
    }
    for (const d of defenses) {
      for (const at of d.changeTimes) {
        this.queue.push(at, PRIORITY.global, { kind: "refresh", worm: -1, host: -1 });
      }
    }
  }

  /**
   * Runs every event up to and including `untilSeconds` (seconds from the start; clamped to the
   * run). Returns false once the run has reached its end.
   */
  runUntil(untilSeconds: number): boolean {
    if (this.finished) return false;
    const o = this.outbreak;
    const duration = this.durationSeconds;
    const until = Math.min(untilSeconds, duration);
    const queue = this.queue;
    const events = this.events;
    const onProgress = this.options.onProgress;
    while (o.t < duration) {
      if (Number.isNaN(this.pendingAt)) {
        this.pendingTotal = this.sumRates();
        this.pendingAt = o.t + events.exponential(this.pendingTotal);
        if (this.churn) this.rescaleChurn();
      }
      const nextMinute = (o.minute + 1) * 60;
      const top = queue.peek();
      const scheduled = Math.min(top ? top.timeSeconds : Infinity, nextMinute, duration);
      const moveFirst = this.churnAt < this.pendingAt;
      if ((moveFirst ? this.churnAt : this.pendingAt) >= scheduled) {
        if (scheduled > until) break;
        this.pendingAt = NaN;
        this.clock.advanceTo(scheduled);
        if (top && top.timeSeconds <= scheduled) {
          queue.pop();
          this.dispatch.handle(top.payload);
        } else if (scheduled === nextMinute) {
          this.clock.tickMinute();
        }
      } else if (moveFirst) {
        if (this.churnAt > until) break;
        this.clock.advanceTo(this.churnAt);
        this.churn?.fire(events);
        this.randomEvents++;
        this.churnAt = o.t + events.exponential(this.churnRate);
      } else {
        if (this.pendingAt > until) break;
        this.clock.advanceTo(this.pendingAt);
        this.pendingAt = NaN;
        this.fire(this.pendingTotal * events.uniform());
      }
      if ((++this.iterations & 0xffff) === 0 && onProgress) onProgress(o.t / duration);
    }
    return o.t < duration;
  }

  /**
   * Brings the churn clock to the churn rate now: the time left to the next move is Exp(old rate),
   * so old / new times it is Exp(new rate); from or to rate 0 the move is drawn afresh or dropped.
   */
  private rescaleChurn(): void {
    const rate = this.churn ? this.churn.rate() : 0;
    if (rate === this.churnRate) return;
    const t = this.outbreak.t;
    if (rate > 0 && this.churnRate > 0) {
      this.churnAt = t + (this.churnAt - t) * (this.churnRate / rate);
    } else {
      this.churnAt = rate > 0 ? t + this.events.exponential(rate) : Infinity;
    }
    this.churnRate = rate;
  }

  private sumRates(): number {
    const rates = this.rates;
    const processes = this.processes;
    let total = 0;
    for (let i = 0; i < processes.length; i++) total += rates[i] = processes[i].rate();
    return total;
  }

  /** Fires the process selected by `pick` (uniform in [0, total of rates)). */
  private fire(pick: number): void {
    const rates = this.rates;
    let i = 0;
    while (i < rates.length - 1 && pick >= rates[i]) pick -= rates[i++];
    // Round-off can carry the pick past the last non-empty process: then nothing happens.
    if (rates[i] <= 0) return;
    this.processes[i].fire(this.events);
    this.randomEvents++;
  }

  /** What the run looks like now (no copy: the arrays are the engine's own, read-only by contract). */
  snapshot(): FastSnapshot {
    const o = this.outbreak;
    const infectedByWorm = Array.from(o.series.infectedNow);
    const views = o.hosts.views();
    return {
      seconds: o.t,
      minutesClosed: o.minute,
      infected: infectedByWorm.reduce((a, b) => a + b, 0),
      infectedEver: o.hosts.everCount,
      infectedByWorm,
      hostState: views.state,
      hostWorm: views.worm,
      everInfected: o.hosts.ever,
      newInfections: o.series.newInfections,
      probes: o.series.probes,
      everAtEnd: o.series.everAtEnd,
      get defended(): DefendedView {
        const { inbound16, throttled } = o.filters.shielded(o.t);
        const blocked = o.filters.blacklists ? o.filters.blocked : null;
        return { inbound16, throttled, blocked };
      },
    };
  }

  /**
   * The hosts whose state changed since the previous call (see HostTable.takeChanged): the first
   * call starts the record and returns none; the array is valid until the engine runs on.
   */
  takeChangedHosts(): Uint32Array {
    return this.outbreak.hosts.takeChanged();
  }

  /** Runs to the end (if not there yet), closes the last minute and hour, and returns the result. */
  finish(): EngineResult {
    if (this.finished) return this.finished;
    this.runUntil(this.durationSeconds);
    this.clock.finish();
    this.outbreak.filters.finish(this.outbreak.t);
    this.options.onProgress?.(1);
    const o = this.outbreak;
    const eventsSampled = this.randomEvents + this.dispatch.attempts;
    const outcomes = [
      ...o.filters.outcomes,
      ...this.campaigns.map(({ index, type, defense }) => ({
        type,
        index,
        ...NO_DEFENSE_COUNTS,
        ...(defense.outcome?.() ?? { engagedAtSeconds: null, hostsPatched: 0 }),
      })),
    ].sort((a, b) => a.index - b.index);
    this.finished = {
      ...collectResult(o, this.observers, eventsSampled),
      ...(outcomes.length > 0 ? { defenseOutcomes: outcomes } : {}),
    };
    return this.finished;
  }
}
