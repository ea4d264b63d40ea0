/**
 * The per-run state of one worm variant: its level weights and normalisation, which OS classes it can
 * infect, its total scanning rate, and (for local preference) its per-block aggregates.
 */
import type { Population } from "../net/population.ts";
import type { AddressSpace } from "../scan/address-space.ts";
import { levelWeights, rejectionProbability } from "../scan/strategy.ts";
import type { CalendarPhase } from "../worms/calendar.ts";
import type { WormDefinition } from "../worms/define-worm.ts";
import type { EngineWorm } from "./engine-input.ts";
import { LocalAggregates } from "./local-aggregates.ts";
import { SourceRates } from "./source-rates.ts";
import { StaticSeedProcess } from "./static-seed-process.ts";
import { LiveDensity, threadLimitedProbesPerSecond } from "./thread-limited-rate.ts";
import { OS_CLASSES, type SusceptibleIndex } from "./susceptible-index.ts";

export class WormRuntime {
  readonly def: WormDefinition;
  readonly uniformShare: number;
  readonly same8Share: number;
  readonly same16Share: number;
  /** 1 / (1 - rejection probability): regenerated draws are never sent. */
  readonly acceptScale: number;
  readonly infectsOs: number[];
  readonly local: LocalAggregates | null;
  /** Sum of the probe rates of this worm's scanning hosts. */
  totalRate = 0;
  /** Hosts of this worm currently scanning. */
  scanningHosts = 0;
  /** Hosts currently flooding the fixed target. */
  floodingHosts = 0;
  phase: CalendarPhase = "spread";
  stopped = false;
  introduced = false;

  /** The static-seed infection process, for static-seed worms only. */
  readonly static: StaticSeedProcess | null;
  /** Probe rates and integrals per source block. */
  readonly sources: SourceRates;
  /** Live densities, for thread-limited probing only. */
  private readonly density: LiveDensity | null;

  constructor(
    readonly index: number,
    readonly spec: EngineWorm,
    /** The hosts this worm can infect now (its target class). */
    readonly targets: SusceptibleIndex,
    private readonly space: AddressSpace,
    population: Population,
    endSeconds: number,
  ) {
    this.static =
      spec.def.scan.kind === "static-seed"
        ? new StaticSeedProcess(index, spec.def, population, space, endSeconds)
        : null;
    this.sources = new SourceRates(space);
    this.density =
      spec.def.rateModel.kind === "thread-limited" ? new LiveDensity(population, space) : null;
    this.def = spec.def;
    const w = levelWeights(spec.def.scan);
    this.uniformShare = w.uniform;
    this.same8Share = w.same8;
    this.same16Share = w.same16;
    this.acceptScale = 1 / (1 - rejectionProbability(spec.def.scan, space));
    this.infectsOs = [];
    for (let os = 0; os < OS_CLASSES; os++) {
      if (!spec.def.crashesOs.includes(os)) this.infectsOs.push(os);
    }
    this.local =
      w.same8 > 0 || w.same16 > 0
        ? new LocalAggregates(targets, space, this.sources, this.infectsOs)
        : null;
  }

  /** Whether infected hosts of this worm scan now. */
  get spreading(): boolean {
    return this.introduced && !this.stopped && this.phase === "spread";
  }

  /**
   * Probe rate of host h when it scans: the fixed rate scaled by its threads, or the thread-limited
   * rate given the live density of the space its strategy hits.
   */
  hostRate(chinese: boolean, address: number): number {
    const threads = chinese ? this.def.threadsChineseLocale : this.def.threads;
    const model = this.def.rateModel;
    if (model.kind === "thread-limited" && this.density) {
      const shares = {
        same16: this.same16Share,
        same8: this.same8Share,
        uniform: this.uniformShare,
      };
      return threadLimitedProbesPerSecond(
        model,
        threads,
        shares,
        this.density,
        address,
        this.space,
      );
    }
    return (this.def.probesPerSecond * threads) / this.def.threads;
  }

  /** Scanning lifetime of host h in seconds, or null. */
  lifetimeSeconds(chinese: boolean): number | null {
    const hours = chinese ? this.def.scanLifetimeHoursChineseLocale : this.def.scanLifetimeHours;
    return hours === null ? null : hours * 3600;
  }

  /**
   * Infection rates per second of the three locality levels, given the susceptible hosts this worm can
   * infect in the whole space.
   */
  infectionRates(susceptibleTotal: number, out: Float64Array, offset: number): void {
    const k = this.def.infectionSuccess * this.acceptScale;
    out[offset] = (k * this.uniformShare * this.totalRate * susceptibleTotal) / this.space.size;
    out[offset + 1] = this.local
      ? (k * this.same8Share * this.local.weight8.total()) / this.space.size8
      : 0;
    out[offset + 2] = this.local
      ? (k * this.same16Share * this.local.weight16.total()) / this.space.size16
      : 0;
    // Static-seed infections are scheduled attempts, not part of the exponential rates.
    if (!this.spreading || this.static) out.fill(0, offset, offset + 3);
  }
}
