/**
 * The reference engine's defenses beyond the schedules, probe by probe: each probe is checked
 * against every filter (its worm, source /16, whether its sender's address is blocked, destination
 * /16, time); a dropped probe reaches nobody (no observer sees it, no host is infected). Address
 * blacklists block a host `blockAfterSeconds` after its first infection at its address (if it is
 * still infected then), as in the fast engine; rate caps become per-host rate multipliers; patch
 * campaigns are per-host clocks. Filters, caps and covered hosts are built by the same plugin
 * factories from the same streams as in the fast engine (src/sim/filter-context.ts).
 */
import type { Rng } from "../../core/rng.ts";
import { defensePlugin } from "../../defenses/registry.ts";
import { coveredHosts, type PatchCampaignSpec } from "../../defenses/patch-campaign.ts";
import type { ProbeFilter, RateCap, Tarpit } from "../../plugin/defense.ts";
import { NO_DEFENSE_COUNTS, type DefenseOutcome } from "../engine-result.ts";
import type { EngineInput } from "../engine-input.ts";
import { filterContext } from "../filter-context.ts";

/** A patch campaign as the reference engine times it. */
export interface ReferenceCampaign {
  /** Its index in the input's defenses. */
  readonly index: number;
  readonly fromSeconds: number;
  readonly perSecond: number;
  readonly covered: Uint8Array;
  readonly infectedFirst: boolean;
}

export class ReferenceFilters {
  readonly filters: ProbeFilter[] = [];
  readonly caps: RateCap[] = [];
  readonly campaigns: ReferenceCampaign[] = [];
  readonly tarpits: Tarpit[] = [];
  private readonly tarpitLabels: { type: string; index: number }[] = [];
  /** Per tarpit: the probes that reached one of its tarpitted addresses. */
  readonly connectionsHeld: number[] = [];
  private readonly labels: { type: string; index: number }[] = [];
  private readonly capLabels: { type: string; index: number }[] = [];
  readonly probesDropped: number[] = [];
  readonly infectionsBlocked: number[] = [];
  hostsBlocked = 0;
  /** Hosts each campaign patched (by position in {@link campaigns}). */
  readonly hostsPatched: number[] = [];
  private readonly durationSeconds: number;
  /** Seconds from infection to a blacklist's block (null: no blacklist). */
  readonly blockDelay: number | null;

  constructor(input: EngineInput, root: Rng) {
    (input.defenses ?? []).forEach((spec, i) => {
      const plugin = defensePlugin(spec.type);
      const context = filterContext(input, root, i);
      const filter = plugin.filter?.(spec, context);
      if (filter) {
        this.filters.push(filter);
        this.labels.push({ type: spec.type, index: i });
        this.probesDropped.push(0);
        this.infectionsBlocked.push(0);
      }
      const tarpit = plugin.tarpit?.(spec, context);
      if (tarpit) {
        this.tarpits.push(tarpit);
        this.tarpitLabels.push({ type: spec.type, index: i });
        this.connectionsHeld.push(0);
      }
      const cap = plugin.rateCap?.(spec, context);
      if (cap) {
        this.caps.push(cap);
        this.capLabels.push({ type: spec.type, index: i });
      }
      if (spec.type === "patch-campaign") {
        const s = spec as unknown as PatchCampaignSpec;
        this.campaigns.push({
          index: i,
          fromSeconds: Math.max(0, (s.fromMs - input.startMs) / 1000),
          perSecond: s.perHostPerHour / 3600,
          covered: coveredHosts(context.hosts, s.coverage, context.rng),
          infectedFirst: s.priority === "infected-first",
        });
      }
    });
    const delays = this.filters.flatMap((f) =>
      f.blockAfterSeconds === null ? [] : [f.blockAfterSeconds],
    );
    if (delays.length > 1) throw new RangeError("a run has at most one address-blacklist");
    this.blockDelay = delays[0] ?? null;
    this.hostsPatched = this.campaigns.map(() => 0);
    this.durationSeconds = (input.endMs - input.startMs) / 1000;
  }

  /**
   * Whether a probe of worm `worm` from /16 `from16` (sender blocked or not) to /16 `to16` at time
   * t is delivered; a dropped one is counted by every filter that drops it, and `wouldInfect`
   * credits the first of them with a blocked infection.
   */
  delivers(
    worm: number,
    from16: number,
    blocked: boolean,
    to16: number,
    t: number,
    wouldInfect: () => boolean,
  ): boolean {
    let first = -1;
    for (let f = 0; f < this.filters.length; f++) {
      if (!this.filters[f].passes(worm, from16, blocked, to16, t)) {
        this.probesDropped[f]++;
        if (first < 0) first = f;
      }
    }
    if (first < 0) return true;
    if (wouldInfect()) this.infectionsBlocked[first]++;
    return false;
  }

  /** A delivered probe reached `address`, where no host lives when `unused`: tarpits count it. */
  reached(address: number, unused: boolean, spaceBits: number): void {
    if (!unused) return;
    for (let k = 0; k < this.tarpits.length; k++) {
      if (this.tarpits[k].holds(address, spaceBits)) this.connectionsHeld[k]++;
    }
  }

  /** Per worm, host h's rate multiplier under the caps (rate = threads x perThreadRate x m). */
  cappedMultiplier(h: number, m: number, hostRate: number): number {
    let rate = hostRate * m;
    for (const c of this.caps) if (c.covered[h] === 1 && rate > c.perSecond) rate = c.perSecond;
    return hostRate > 0 ? rate / hostRate : m;
  }

  /** What each filter, cap and campaign did, in input order. */
  outcomes(): DefenseOutcome[] {
    const none = NO_DEFENSE_COUNTS;
    const filters = this.filters.map((f, i) => ({
      ...this.labels[i],
      ...none,
      engagedAtSeconds: f.engagedAt(),
      probesDropped: this.probesDropped[i],
      infectionsBlocked: this.infectionsBlocked[i],
      hostsBlocked: f.blockAfterSeconds === null ? 0 : this.hostsBlocked,
    }));
    const caps = this.caps.map((c, i) => ({
      ...this.capLabels[i],
      ...none,
      engagedAtSeconds: c.fromSeconds,
    }));
    const campaigns = this.campaigns.map((c, i) => ({
      type: "patch-campaign",
      index: c.index,
      ...none,
      engagedAtSeconds: c.fromSeconds < this.durationSeconds ? c.fromSeconds : null,
      hostsPatched: this.hostsPatched[i],
    }));
    const tarpits = this.tarpitLabels.map((label, i) => ({
      ...label,
      ...none,
      engagedAtSeconds: 0,
      connectionsHeld: this.connectionsHeld[i],
    }));
    return [...filters, ...caps, ...campaigns, ...tarpits].sort((a, b) => a.index - b.index);
  }
}
