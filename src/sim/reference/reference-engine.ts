/**
 * The reference engine: a literal per-probe simulation over a scaled-down address space (2^16 to 2^24
 * addresses), to prove the fast engine right and to time it against.
 *
 * Time is continuous, with no step: each scanning thread is a Poisson process of
 * probesPerSecond / threads probes per second (the fast engine's model, so agreement is in
 * distribution, not approximate). The superposed process of all threads is simulated probe by probe:
 * the gap to the next probe is Exp(total rate), the sending thread is uniform among scanning threads,
 * its target is drawn by the worm's strategy ({@link nextTarget}, with regeneration), the host at that
 * address is looked up in a direct address table, and a host the worm can infect (susceptible, or
 * running a variant in the worm's `infectsOver`, which it then takes over) is infected with
 * probability infectionSuccess. Patching, reboots, scanning lifetimes, calendar phases
 * and wake-ups are timed per host (see reference-state.ts); rates change only at probes and events,
 * and the probe process is memoryless, so re-drawing the gap after each of them is exact.
 *
 * Static-seed worms (Code Red v1) probe through a literal walk of the sequence instead
 * ({@link StaticSeedWalk}): probe k of every episode targets the same address, and only the probes
 * that meet a host are visited, the time between them Gamma-distributed (the same Poisson probes);
 * their probe counts are the integral of the walk's rate. With per-thread sequences each thread walks
 * its own ({@link PerThreadWalks}).
 *
 * Rate heterogeneity (input.rateHeterogeneity): host h's probe rates are all multiplied by m[h]
 * ({@link rateMultipliers} from the run seed's "rate-multipliers" stream, as in the fast engine), the
 * sending host drawn in proportion to its rate ({@link WeightedPool}) and static-seed episodes walk at
 * m[h] times the rate; without it (or at sigma 0) the homogeneous draws are unchanged. Address churn
 * (input.addressChurn, {@link ReferenceChurn}): dynamic hosts move inside their /16 at Poisson times;
 * probes reach a host at its current address, observers count (host, address epoch) pairs and
 * `infectedAddressesEver` the epochs in which a host was infected.
 *
 * Supported: uniform, local-preference and static-seed (shared or per-thread) scanning, fixed-rate
 * probing, several worms (with takeovers, `infectsOver`), patching, reboots, lifetimes, calendar,
 * stop date, telescope/server/load16 observers (counted probe by probe, not with static-seed worms),
 * rate heterogeneity, address churn.
 * Refused (RangeError): observers with a static-seed worm, other observer types, defenses besides
 * the patch and reboot schedules, thread-limited probing, spaces above 2^24 addresses.
 * `eventsSampled` counts probes simulated.
 */
import { createRng, type Rng } from "../../core/rng.ts";
import { rateMultipliers } from "../host-traits.ts";
import { ReferenceChurn } from "./address-churn.ts";
import { addressSpace, scaleBlock } from "../../scan/address-space.ts";
import type { ScanStaticSeed } from "../../scan/strategy.ts";
import { BLOCK_OBSERVER_TYPES } from "../../observers/registry.ts";
import type { EngineInput } from "../engine-input.ts";
import type { EngineResult } from "../engine-result.ts";
import { PRIORITY } from "../../plugin/priorities.ts";
import type { RunOptions } from "../run-options.ts";
import { initialPhases, wormGlobalEvents } from "../worm-schedule.ts";
import { ProbeLoad16 } from "./probe-load16.ts";
import { ProbeObserver } from "./probe-observers.ts";
import { collectReferenceResult } from "./reference-result.ts";
import { ReferenceState, type ReferenceWorm } from "./reference-state.ts";
import { PerThreadWalks, type SequenceWalk } from "./per-thread-walks.ts";
import { StaticSeedWalk } from "./static-seed-walk.ts";
import { compileTargetGenerator, type TargetGenerator } from "./target-generator.ts";
import { defensePlugin } from "../../defenses/registry.ts";
import { ReferenceFilters } from "./reference-filters.ts";

/** The largest space the reference engine accepts: 2^24 addresses. */
export const REFERENCE_MAX_ADDRESS_BITS = 24;

/**
 * Why the reference engine cannot run `input`, or null when it can: the check it makes before it
 * starts, exported so that callers can refuse early with their own wording.
 */
export function unsupportedByReference(input: EngineInput): string | null {
  const bits = input.addressBits ?? 32;
  if (bits > REFERENCE_MAX_ADDRESS_BITS) {
    return `the reference engine runs on 2^16 to 2^${REFERENCE_MAX_ADDRESS_BITS} addresses, got 2^${bits}: scale the input first`;
  }
  for (const w of input.worms) {
    if (w.def.scan.kind === "static-seed") {
      if (
        w.def.scan.threadSequences === "per-thread" &&
        w.def.threadsChineseLocale !== w.def.threads
      ) {
        return `per-thread static-seed sequences need the same threads on every host (${w.def.variant})`;
      }
      if (input.observers.length > 0) {
        return `the reference engine does not feed observers from static-seed walks (${w.def.variant}): run without observers`;
      }
    }
    if (w.def.rateModel.kind !== "fixed") {
      return `the reference engine supports only fixed-rate probing (${w.def.variant})`;
    }
  }
  if (input.worms.length > 8) return "the reference engine supports at most 8 worms";
  const blockTypes: readonly string[] = BLOCK_OBSERVER_TYPES;
  const other = input.observers.find((o) => !blockTypes.includes(o.type));
  if (other) {
    return `the reference engine feeds only ${blockTypes.join(", ")} observers, not ${other.type} (${other.name})`;
  }
  const het = input.rateHeterogeneity;
  if (het) {
    if (het.distribution !== "lognormal") {
      return `the reference engine draws only lognormal rate multipliers, not ${String(het.distribution)}`;
    }
    if (!(het.sigma >= 0) || !Number.isFinite(het.sigma)) {
      return `rate heterogeneity needs a finite sigma >= 0, got ${het.sigma}`;
    }
  }
  const churn = input.addressChurn;
  if (churn) {
    const share = churn.dynamicShare;
    if (!(share >= 0 && share <= 1)) {
      return `address churn needs a dynamic share in [0, 1], got ${share}`;
    }
    if (!(churn.perHostPerHour >= 0) || !Number.isFinite(churn.perHostPerHour)) {
      return `address churn needs a finite rate >= 0 per host per hour, got ${churn.perHostPerHour}`;
    }
  }
  const defenses = input.defenses ?? [];
  const filters = defenses.filter((d) => defensePlugin(d.type).filter !== undefined);
  if (filters.length > 0 && input.worms.some((w) => w.def.scan.kind === "static-seed")) {
    return `probe filters (${filters.map((d) => d.type).join(", ")}) are not modelled with static-seed worms`;
  }
  return null;
}

function checkSupported(input: EngineInput): number {
  const why = unsupportedByReference(input);
  if (why !== null) throw new RangeError(why);
  return input.addressBits ?? 32;
}

/** Direct table from address to host index + 1 (0: no host). */
function addressTable(input: EngineInput, size: number): Int32Array {
  const table = new Int32Array(size);
  const a = input.population.addresses;
  for (let h = 0; h < a.length; h++) {
    if (a[h] >= size)
      throw new RangeError(`host address ${a[h]} outside the ${size}-address space`);
    table[a[h]] = h + 1;
  }
  return table;
}

/** Runs the reference engine on a scaled input (same result shape as the fast engine). */
export function runReferenceEngine(input: EngineInput, options: RunOptions = {}): EngineResult {
  const space = addressSpace(checkSupported(input));
  const root = createRng(input.seed);
  const timing = root.fork("reference:timing");
  const scan = root.fork("reference:scan");
  const success = root.fork("reference:success");
  const multipliers = rateMultipliers(
    input.population.size,
    input.rateHeterogeneity,
    root.fork("rate-multipliers"),
  );
  const filters = (input.defenses ?? []).length > 0 ? new ReferenceFilters(input, root) : null;
  const active = filters !== null && filters.filters.length > 0 ? filters : null;
  const tarpits = filters !== null && filters.tarpits.length > 0 ? filters : null;
  const filterRng = root.fork("reference:filters");
  const state = new ReferenceState(input, root.fork("reference:hosts"), multipliers, filters);
  const hostAt = addressTable(input, space.size);
  const churn = new ReferenceChurn(
    input.addressChurn,
    input.population.size,
    root.fork("dynamic-hosts"),
    root.fork("reference:churn"),
    space,
    hostAt,
  );
  const durationSeconds = (input.endMs - input.startMs) / 1000;
  const M = state.series.minutes;
  const W = state.worms.length;
  // Current addresses: the population's, until hosts move.
  const addresses = state.addresses;
  const observers = input.observers.map(
    (o) => new ProbeObserver(o, addresses, state.epoch, space, W, M),
  );
  const loads = input.observers
    .filter((o) => o.type === "load16")
    .map((o) => new ProbeLoad16(o, space, M));
  const targets = state.worms.map((w, worm): TargetGenerator => {
    const s = w.spec.def.scan;
    if (s.kind === "static-seed") {
      w.walk = staticSeedWalk(state, worm, s, space.bits, root, durationSeconds);
      return () => {
        throw new RangeError("static-seed probes come from the walk");
      };
    }
    return compileTargetGenerator(
      s,
      space,
      s.excludedBlocks.map((b) => scaleBlock(b, space)),
    );
  });
  scheduleGlobalEvents(state, input);
  churn.start(state);
  /** Host h's move (a "move" event at the current time), and its next one. */
  const move = (h: number): void => {
    const from = addresses[h];
    const to = churn.move(h, from);
    if (to >= 0) {
      state.moved(h, to);
      for (const w of state.worms) w.walk?.move(h, from, to, state.t);
    }
    churn.schedule(state, h);
  };

  let probes = 0;
  let floodSince = 0;
  /** Floods, and static-seed probes (counted from the walk's rate), up to `until`. */
  const settleFloods = (until: number): void => {
    for (let w = 0; w < W; w++) {
      const walk = state.worms[w].walk;
      if (walk && state.minute < M) {
        const n = walk.probesPerSecond * (until - floodSince);
        state.series.probes[w * M + state.minute] += n;
        probes += n;
      }
      const f = state.flooding(w);
      if (f > 0 && state.minute < M) {
        state.series.floodPackets[w * M + state.minute] +=
          f * state.worms[w].spec.def.floodPacketsPerSecond * (until - floodSince);
      }
    }
    floodSince = until;
  };
  /** One probe of worm `worm` at the current time; true when it infected a host. */
  const probe = (worm: number): boolean => {
    const w = state.worms[worm];
    const source = w.pool.pick(timing);
    const target = targets[worm](scan, addresses[source]);
    probes++;
    if (state.minute < M) state.series.probes[worm * M + state.minute]++;
    if (active !== null) {
      const shift = space.shift16;
      const blocked = state.blocked.length > 0 && state.blocked[source] === 1;
      const delivered = active.delivers(
        worm,
        addresses[source] >>> shift,
        blocked,
        target >>> shift,
        state.t,
        () => {
          const j = hostAt[target] - 1;
          return (
            j >= 0 && state.canInfect(worm, j) && filterRng.next() < w.spec.def.infectionSuccess
          );
        },
      );
      if (!delivered) return false;
    }
    if (tarpits !== null) tarpits.reached(target, hostAt[target] === 0, space.bits);
    for (const o of observers) o.probe(target, source, worm, state.t, state.minute);
    for (const l of loads) l.probe(target, state.minute);
    const h = hostAt[target] - 1;
    if (h < 0 || !state.canInfect(worm, h)) return false;
    if (success.next() >= w.spec.def.infectionSuccess) return false;
    settleFloods(state.t);
    state.infect(h, worm);
    return true;
  };

  /**
   * The hits of static-seed worm `worm`'s walk, from the current time while they come no later than
   * `limit` (nothing else happens until then) and up to the first infection.
   */
  const walkProbes = (worm: number, limit: number): void => {
    const walk = state.worms[worm].walk;
    if (!walk) return;
    const p = state.worms[worm].spec.def.infectionSuccess;
    do {
      const t = walk.nextTime();
      const h = walk.step();
      if (!state.canInfect(worm, h) || success.next() >= p) continue;
      state.t = t;
      settleFloods(t);
      state.infect(h, worm);
      return;
    } while (walk.nextTime() <= limit);
  };

  for (;;) {
    const top = state.queue.peek();
    const boundary = Math.min((state.minute + 1) * 60, durationSeconds);
    let walkNext = Infinity;
    let walkSecond = Infinity;
    let walkWorm = -1;
    for (let w = 0; w < W; w++) {
      const t = state.worms[w].walk?.nextTime() ?? Infinity;
      if (t < walkNext) [walkSecond, walkNext, walkWorm] = [walkNext, t, w];
      else walkSecond = Math.min(walkSecond, t);
    }
    const scheduled = Math.min(top ? top.timeSeconds : Infinity, boundary, walkNext);
    let total = 0;
    for (const w of state.worms) total += poissonRate(w);
    // Probes until the next scheduled instant or the first infection (both change the rates).
    let changed = false;
    while (total > 0 && !changed) {
      const tProbe = state.t - Math.log1p(-timing.next()) / total;
      if (tProbe >= scheduled) break;
      state.t = tProbe;
      let worm = 0;
      if (W > 1) {
        let u = timing.next() * total;
        while (worm < W - 1 && u >= poissonRate(state.worms[worm])) {
          u -= poissonRate(state.worms[worm++]);
        }
      }
      changed = probe(worm);
    }
    if (changed) continue;
    state.t = scheduled;
    settleFloods(scheduled);
    if (top && top.timeSeconds <= scheduled) {
      state.queue.pop();
      if (top.payload.kind === "move") move(top.payload.host);
      else state.handle(top.payload);
    } else if (walkNext <= scheduled) {
      // Hits run in a batch up to the next thing that is not one of this walk's hits.
      const other = Math.min(top ? top.timeSeconds : Infinity, boundary, walkSecond);
      walkProbes(walkWorm, total > 0 ? walkNext : other);
    } else if (scheduled >= durationSeconds) {
      break;
    } else {
      state.series.closeMinute(state.minute, state);
      state.minute++;
      if ((state.minute & 63) === 0) options.onProgress?.(state.t / durationSeconds);
    }
  }
  if (durationSeconds > state.minute * 60) {
    state.series.closeMinute(state.minute, state);
    state.minute++;
  }
  options.onProgress?.(1);
  const records = observers.map((o) => o.result(durationSeconds));
  const loadRecords = loads.map((l) => l.result());
  const outcomes = filters?.outcomes() ?? [];
  return {
    ...collectReferenceResult(state, input, records, loadRecords, Math.round(probes)),
    ...(outcomes.length > 0 ? { defenseOutcomes: outcomes } : {}),
  };
}

/** Probes per second of a worm's Poisson probe loop (static-seed worms probe through their walk). */
function poissonRate(w: ReferenceWorm): number {
  return w.walk ? 0 : w.pool.probesPerSecond;
}

/**
 * The walk of static-seed worm `worm`: it sees only the hosts that can ever change state under it
 * (unpatched at the start, an OS the worm infects); its Gamma gaps come from their own stream.
 */
function staticSeedWalk(
  state: ReferenceState,
  worm: number,
  scan: ScanStaticSeed,
  bits: number,
  root: Rng,
  durationSeconds: number,
): SequenceWalk {
  const p = state.population;
  const table = new Int32Array(2 ** bits);
  for (let h = 0; h < p.size; h++) {
    if (!p.patched[h] && state.infectable(worm, h)) table[p.addresses[h]] = h + 1;
  }
  const rng = root.fork(`reference:static-seed:${worm}`);
  if (scan.threadSequences === "per-thread") {
    const threads = state.worms[worm].spec.def.threads;
    return new PerThreadWalks(
      scan.sequenceSeed >>> 0,
      threads,
      bits,
      table,
      p.size,
      rng,
      durationSeconds,
    );
  }
  return new StaticSeedWalk(scan.sequenceSeed >>> 0, bits, table, p.size, rng, durationSeconds);
}

function scheduleGlobalEvents(state: ReferenceState, input: EngineInput): void {
  const phases = initialPhases(input);
  state.worms.forEach((w, worm) => (w.phase = phases[worm]));
  for (const e of wormGlobalEvents(input)) {
    const phase = e.kind === "phase" ? e.phase : undefined;
    const payload = { kind: e.kind, worm: e.worm, host: -1, version: 0, phase };
    state.queue.push(e.atSeconds, PRIORITY.global, payload);
  }
}
