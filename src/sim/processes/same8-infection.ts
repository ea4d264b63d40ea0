/**
 * Infection by the same-/8 part of a worm's scanning (Code Red II keeps the source's first octet with
 * probability 1/2): per /8, (summed probe rate of the worm's scanning hosts in it) x (susceptible
 * hosts it can infect in it), kept in a Fenwick tree ({@link LocalAggregates}); the /8 of the next
 * infection is drawn from the tree, then the host in it.
 * @see ../../../docs/simulate.md (local preference)
 */
import type { LocalAggregates } from "../fast/local-aggregates.ts";
import type { Process } from "../../plugin/process.ts";
import type { Infect, InfectingWorm } from "./infecting-worm.ts";
import { pickOs } from "./pick-os.ts";

/** The same-/8 infection process of a local-preference worm `w` (with its aggregates `local`). */
export function same8Infection(w: InfectingWorm, local: LocalAggregates, infect: Infect): Process {
  const sus = w.targets;
  const classes = w.infectsOs;
  const k = w.def.infectionSuccess * w.acceptScale;
  let block = 0;
  const in8 = (os: number) => sus.per8[os][block];
  return {
    name: `${w.def.variant}:same8`,
    rate: () => (w.spreading ? (k * w.same8Share * local.weight8.total()) / w.space.size8 : 0),
    fire(s) {
      const tree = local.weight8;
      block = tree.search(s.uniform() * tree.total());
      const os = pickOs(classes, in8, s);
      if (os >= 0)
        infect(sus.pickInRange(os, block * 256, block * 256 + 256, s.uniform()), w.index, 8);
    },
  };
}
