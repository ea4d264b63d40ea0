/**
 * A patch campaign: from `from` on (an advisory, say), covered hosts are patched at a per-host hazard
 * (`perHostPerHour`, or `halfLifeHours`: ln 2 / half-life). `priority: "any"` patches any unpatched
 * covered host; `"infected-first"` patches only infected covered hosts (a campaign that finds hosts
 * by their scanning, as ISPs notifying infected customers did). It joins the scenario's patching
 * schedule; a patched host is immune, and an infected one is rebooted clean.
 * @see ../../docs/defenses.md (patch-campaign)
 */
import type { Rng } from "../core/rng.ts";
import type { Defense, DefensePlugin } from "../plugin/defense.ts";
import type { Process } from "../plugin/process.ts";

/** Options of a patch campaign (times as epoch ms, the hazard per host per hour). */
export interface PatchCampaignSpec {
  readonly type: "patch-campaign";
  readonly fromMs: number;
  readonly perHostPerHour: number;
  readonly coverage: number;
  readonly priority: "infected-first" | "any";
}

/** The hazard per host per hour of a half-life in hours. */
export function halfLifeHazard(halfLifeHours: number): number {
  return Math.LN2 / halfLifeHours;
}

/** The hosts a campaign covers: each with probability `coverage`, from the defense's stream. */
export function coveredHosts(hosts: number, coverage: number, rng: Rng): Uint8Array {
  const covered = new Uint8Array(hosts);
  if (coverage >= 1) return covered.fill(1);
  const r = rng.fork("coverage");
  for (let h = 0; h < hosts; h++) covered[h] = r.next() < coverage ? 1 : 0;
  return covered;
}

export const defensePatchCampaign: DefensePlugin = {
  type: "patch-campaign",
  description:
    "from a time on, covered hosts (any, or only infected ones) are patched at a per-host hazard",
  create(spec, { engine, startMs, endMs, filter }): Defense {
    const s = spec as unknown as PatchCampaignSpec;
    if (!filter) throw new RangeError("patch-campaign: built without its context");
    const covered = coveredHosts(filter.hosts, s.coverage, filter.rng);
    const hosts = s.priority === "infected-first" ? engine.infected : engine.unpatched;
    const from = (s.fromMs - startMs) / 1000;
    const duration = (endMs - startMs) / 1000;
    let perSecond = 0;
    let patched = 0;
    // Thinning: a host drawn uniformly from the set is patched only if covered, so covered hosts
    // are patched at the hazard and the set needs no covered-only index.
    const process: Process = {
      name: "patch-campaign",
      rate: () => perSecond * hosts.size,
      fire(r) {
        const h = hosts.at(r.rng.int(hosts.size));
        if (covered[h] === 1) {
          engine.patch(h);
          patched++;
        }
      },
    };
    return {
      processes: [process],
      changeTimes: from > 0 && from < duration ? [from] : [],
      refresh(t) {
        perSecond = t >= from ? s.perHostPerHour / 3600 : 0;
      },
      outcome: () => ({
        engagedAtSeconds: from < duration ? Math.max(0, from) : null,
        hostsPatched: patched,
      }),
    };
  },
};
