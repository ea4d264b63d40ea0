/**
 * Infection by the same-/16 part of a worm's scanning (Code Red II keeps the source's first two
 * octets with probability 3/8): per /16, (summed probe rate of the worm's scanning hosts in it) x
 * (susceptible hosts it can infect in it), kept in a Fenwick tree ({@link LocalAggregates}); the /16
 * of the next infection is drawn from the tree, then the host in it.
 * @see ../../../docs/simulate.md (local preference)
 */
import type { LocalAggregates } from "../fast/local-aggregates.ts";
import type { Process } from "../../plugin/process.ts";
import type { Infect, InfectingWorm } from "./infecting-worm.ts";
import { pickOs } from "./pick-os.ts";

/** The same-/16 infection process of a local-preference worm `w` (with its aggregates `local`). */
export function same16Infection(w: InfectingWorm, local: LocalAggregates, infect: Infect): Process {
  const sus = w.targets;
  const classes = w.infectsOs;
  const k = w.def.infectionSuccess * w.acceptScale;
  let block = 0;
  const in16 = (os: number) => sus.in16(os, block);
  return {
    name: `${w.def.variant}:same16`,
    rate: () => (w.spreading ? (k * w.same16Share * local.weight16.total()) / w.space.size16 : 0),
    fire(s) {
      const tree = local.weight16;
      block = tree.search(s.uniform() * tree.total());
      const os = pickOs(classes, in16, s);
      if (os >= 0) infect(sus.pickIn16(os, block, s.rng.int(sus.in16(os, block))), w.index, 16);
    },
  };
}
