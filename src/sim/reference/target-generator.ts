/**
 * {@link nextTarget} specialised once per worm for the reference engine's inner loop: the same
 * algorithm, the same random draws in the same order and the same result (a test pins this against
 * nextTarget draw for draw), with the level weights, masks and excluded blocks precomputed instead of
 * rebuilt on every probe.
 */
import type { Rng } from "../../core/rng.ts";
import type { AddressSpace } from "../../scan/address-space.ts";
import type { Cidr } from "../../net/prefix.ts";
import { scanPlugin } from "../../scan/registry.ts";
import { levelWeights, type ScanStrategy } from "../../scan/strategy.ts";

/** Draws the next target of a scanner at `source`. */
export type TargetGenerator = (rng: Rng, source: number) => number;

/**
 * Compiles a strategy that draws its targets (any but a sequence walk) for `space`; `excluded` are
 * scaled blocks.
 */
export function compileTargetGenerator(
  s: ScanStrategy,
  space: AddressSpace,
  excluded: readonly Cidr[],
): TargetGenerator {
  const w = levelWeights(s);
  const same16 = w.same16;
  const same16or8 = w.same16 + w.same8;
  const drop = 32 - space.bits;
  const low16 = space.size16 - 1;
  const low8 = space.size8 - 1;
  const masks = excluded.map((e) => (e.bits === 0 ? 0 : (0xffffffff << (32 - e.bits)) >>> 0));
  const bases = excluded.map((e, i) => (e.base & masks[i]) >>> 0);
  const blocks = excluded.length;
  const skipOwn = scanPlugin(s).skipsOwnAddress(s);
  return (rng, source) => {
    for (;;) {
      const u = rng.next();
      const r = rng.nextUint32() >>> drop;
      let t: number;
      if (u < same16) t = (source - (source & low16) + (r & low16)) >>> 0;
      else if (u < same16or8) t = (source - (source & low8) + (r & low8)) >>> 0;
      else t = r;
      let rejected = skipOwn && t === source >>> 0;
      for (let i = 0; i < blocks && !rejected; i++) rejected = (t & masks[i]) >>> 0 === bases[i];
      if (!rejected) return t;
    }
  };
}
