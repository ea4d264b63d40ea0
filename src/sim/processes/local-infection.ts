/**
 * Infection by the local parts of a worm's scanning (Code Red II's preference for its own /8 and
 * /16): per block, (summed probe rate of the worm's scanning hosts in it) x (susceptible hosts it can
 * infect in it), kept in Fenwick trees ({@link LocalAggregates}); the block of the next infection is
 * drawn from the tree, then the host in it.
 * @see ../../../docs/simulate.md (local preference)
 */
import type { Process } from "../../plugin/process.ts";
import type { Infect, InfectingWorm } from "./infecting-worm.ts";
import { pickOs } from "./pick-os.ts";

/** The same-/8 and same-/16 infection processes of a local-preference worm `w`. */
export function localInfections(w: InfectingWorm, infect: Infect): Process[] {
  const local = w.local;
  if (!local) return [];
  const sus = w.targets;
  const classes = w.infectsOs;
  const k = w.def.infectionSuccess * w.acceptScale;
  let block = 0;
  const in8 = (os: number) => sus.per8[os][block];
  const in16 = (os: number) => sus.in16(os, block);
  const same8: Process = {
    name: `${w.def.variant}:same8`,
    rate: () => (w.spreading ? (k * w.same8Share * local.weight8.total()) / w.space.size8 : 0),
    fire(s) {
      const tree = local.weight8;
      block = tree.search(s.uniform() * tree.total());
      const os = pickOs(classes, in8, s);
      if (os >= 0)
        infect(sus.pickInRange(os, block * 256, block * 256 + 256, s.uniform()), w.index);
    },
  };
  const same16: Process = {
    name: `${w.def.variant}:same16`,
    rate: () => (w.spreading ? (k * w.same16Share * local.weight16.total()) / w.space.size16 : 0),
    fire(s) {
      const tree = local.weight16;
      block = tree.search(s.uniform() * tree.total());
      const os = pickOs(classes, in16, s);
      if (os >= 0) infect(sus.pickIn16(os, block, s.rng.int(sus.in16(os, block))), w.index);
    },
  };
  return [same8, same16];
}
