/**
 * Infection by the uniform part of a worm's scanning: its scanning hosts send probes at a summed rate
 * R, a share of them uniform over the space; those reaching one of the S susceptible hosts it can
 * infect succeed with probability p. So infections come at rate p * share * R * S / 2^bits, the
 * target uniform among those hosts (by OS class, then position).
 * @see ../../../docs/simulate.md (the fast engine)
 */
import type { Process } from "../../plugin/process.ts";
import type { Infect, InfectingWorm } from "./infecting-worm.ts";
import { pickOs } from "./pick-os.ts";

/** The uniform-part infection process of worm `w`. */
export function uniformInfection(w: InfectingWorm, infect: Infect): Process {
  const sus = w.targets;
  const classes = w.infectsOs;
  const size = w.space.size;
  const k = w.def.infectionSuccess * w.acceptScale;
  const total = (os: number) => sus.totals[os];
  return {
    name: `${w.def.variant}:uniform`,
    rate() {
      if (!w.spreading) return 0;
      let s = 0;
      for (const os of classes) s += sus.totals[os];
      return (k * w.uniformShare * w.totalRate * s) / size;
    },
    fire(s) {
      const os = pickOs(classes, total, s);
      if (os >= 0) infect(sus.pickInRange(os, 0, 65536, s.uniform()), w.index, 0);
    },
  };
}
