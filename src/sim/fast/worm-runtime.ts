/**
 * The per-run state of one worm variant: its level weights and normalisation, which OS classes it can
 * infect, its total scanning rate, and (for local preference) its per-block aggregates.
 */
import { LOCALE_CHINESE, type Population } from "../../net/population.ts";
import type { WormView } from "../../plugin/engine-view.ts";
import type { Process } from "../../plugin/process.ts";
import type { AddressSpace } from "../../scan/address-space.ts";
import { walksSequence } from "../../scan/registry.ts";
import { levelWeights, ownAddressShare, rejectionProbability } from "../../scan/strategy.ts";
import type { CalendarPhase } from "../../worms/calendar.ts";
import type { WormDefinition } from "../../worms/define-worm.ts";
import type { EngineWorm } from "../engine-input.ts";
import { same16Infection } from "../processes/same16-infection.ts";
import { same8Infection } from "../processes/same8-infection.ts";
import { StaticSeedAttempts } from "../processes/static-seed-attempts.ts";
import type { StaticSeedProcess } from "../processes/static-seed-process.ts";
import { StaticSeedWalks } from "../processes/static-seed-walks.ts";
import type { Infect, InfectingWorm } from "../processes/infecting-worm.ts";
import { uniformInfection } from "../processes/uniform-infection.ts";
import { LocalAggregates } from "./local-aggregates.ts";
import { SourceRates } from "./source-rates.ts";
import { LiveDensity, threadLimitedProbesPerSecond } from "./thread-limited-rate.ts";
import type { SusceptibleIndex } from "./susceptible-index.ts";
import type { Tarpit } from "../../plugin/defense.ts";

export class WormRuntime implements WormView, InfectingWorm {
  readonly def: WormDefinition;
  readonly uniformShare: number;
  readonly same8Share: number;
  readonly same16Share: number;
  /** 1 / (1 - rejection probability): regenerated draws are never sent. */
  readonly acceptScale: number;
  readonly ownAddressShare: number;
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
    readonly space: AddressSpace,
    population: Population,
    endSeconds: number,
    /**
     * How the hosts differ: the largest per-host rate multiplier (1: homogeneous) and whether
     * addresses change. Either one makes a static-seed worm walk ({@link StaticSeedWalks}).
     */
    hosts: { readonly maxMultiplier: number; readonly churn: boolean } = {
      maxMultiplier: 1,
      churn: false,
    },
    /** Tarpits: they slow thread-limited scanning (held connections). */
    private readonly tarpits: readonly Tarpit[] = [],
  ) {
    const walks = hosts.maxMultiplier !== 1 || hosts.churn;
    this.static = !walksSequence(spec.def.scan)
      ? null
      : walks
        ? new StaticSeedWalks(
            index,
            spec.def,
            population.addresses,
            space,
            endSeconds,
            spec.def.probesPerSecond * hosts.maxMultiplier,
          )
        : new StaticSeedAttempts(index, spec.def, population, space, endSeconds);
    this.sources = new SourceRates(space);
    this.density =
      spec.def.rateModel.kind === "thread-limited" ? new LiveDensity(population, space) : null;
    this.def = spec.def;
    const w = levelWeights(spec.def.scan);
    this.uniformShare = w.uniform;
    this.same8Share = w.same8;
    this.same16Share = w.same16;
    this.acceptScale = 1 / (1 - rejectionProbability(spec.def.scan, space));
    this.ownAddressShare = ownAddressShare(spec.def.scan, space);
    this.infectsOs = [];
    for (let os = 0; os < targets.osClasses; os++) {
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
  hostRate(locale: number, address: number): number {
    const threads = this.threadsOf(locale);
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
        this.tarpits,
      );
    }
    return (this.def.probesPerSecond * threads) / this.def.threads;
  }

  /** Threads the worm runs on a host with the population's locale code `locale`. */
  private threadsOf(locale: number): number {
    return locale === LOCALE_CHINESE ? this.def.threadsChineseLocale : this.def.threads;
  }

  /** Scanning lifetime in seconds on a host with locale code `locale`, or null. */
  lifetimeSeconds(locale: number): number | null {
    const def = this.def;
    const hours =
      locale === LOCALE_CHINESE ? def.scanLifetimeHoursChineseLocale : def.scanLifetimeHours;
    return hours === null ? null : hours * 3600;
  }

  /** See {@link WormView.sequenceReach}. */
  get sequenceReach(): ((reachSeconds: number, t: number) => number) | null {
    const attempts = this.static;
    return attempts ? (reachSeconds, t) => attempts.reachedBy(reachSeconds, t) : null;
  }

  /**
   * The worm's infection processes: one per locality level its strategy uses (static-seed worms
   * infect through scheduled attempts instead, and have none).
   */
  infectionProcesses(infect: Infect): Process[] {
    if (this.static) return [];
    const uniform = uniformInfection(this, infect);
    const local = this.local;
    if (!local) return [uniform];
    return [uniform, same8Infection(this, local, infect), same16Infection(this, local, infect)];
  }
}
