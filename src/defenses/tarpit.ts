/**
 * A tarpit (LaBrea, Tom Liston, 2001): unused addresses answer a connection and then hold it.
 * `block` tarpits the unused addresses of one block; `unusedShare` a share of all unused addresses
 * (each unused address tarpitted or not by a fixed hash of the address, so both engines agree).
 * A scanning thread that connects to one is held `holdSeconds` (LaBrea's persist mode never lets
 * go; the scanner's own give-up time then bounds it) instead of the SYN timeout it would wait on a
 * silent address, so under the thread-limited rate model a host's probe rate falls to
 * threads / E[seconds per attempt] with the tarpitted share at `holdSeconds`. Under the fixed-rate
 * model the probe rate is fixed by assumption and the tarpit only counts the connections it holds,
 * which also makes it an observer of the scan.
 * @see ../../docs/defenses.md (tarpit)
 */
import { mix32 } from "../core/rng.ts";
import type { Cidr } from "../net/prefix.ts";
import type { DefensePlugin, Tarpit } from "../plugin/defense.ts";
import { NO_PROCESSES } from "./no-processes.ts";

/** Options of a tarpit (the block parsed). */
export type TarpitSpec =
  | { readonly type: "tarpit"; readonly block: Cidr; readonly holdSeconds: number }
  | { readonly type: "tarpit"; readonly unusedShare: number; readonly holdSeconds: number };

/** The hash key of `unusedShare` tarpits (a constant: membership is a property of the address). */
const TARPIT_HASH_KEY = 0x1abea001;

export const defenseTarpit: DefensePlugin = {
  type: "tarpit",
  description: "unused addresses (a block, or a share of all) hold scanning threads holdSeconds",
  create: () => NO_PROCESSES,
  tarpit(spec): Tarpit {
    const s = spec as unknown as TarpitSpec;
    if ("unusedShare" in s) {
      const share = s.unusedShare;
      const limit = share * 2 ** 32;
      return {
        holdSeconds: s.holdSeconds,
        share: () => share,
        holds: (address, bits) => mix32((address << (32 - bits)) ^ TARPIT_HASH_KEY) < limit,
      };
    }
    const bits = s.block.bits;
    const base = s.block.base >>> 0;
    const size = 2 ** (32 - bits);
    const lo16 = base >>> 16;
    const count16 = bits <= 16 ? 2 ** (16 - bits) : 0;
    /** Share of the addresses of a region [start16, start16 + n16) of /16s inside the block. */
    const overlap = (start16: number, n16: number): number => {
      if (bits > 16) return start16 <= lo16 && lo16 < start16 + n16 ? size / (n16 * 65536) : 0;
      const a = Math.max(start16, lo16);
      const b = Math.min(start16 + n16, lo16 + count16);
      return b > a ? (b - a) / n16 : 0;
    };
    return {
      holdSeconds: s.holdSeconds,
      share(from16, level) {
        if (level === 0) return overlap(0, 65536);
        if (level === 8) return overlap((from16 >>> 8) << 8, 256);
        return overlap(from16, 1);
      },
      holds(address, spaceBits) {
        const a = (address * 2 ** (32 - spaceBits)) >>> 0;
        return a - base >= 0 && a - base < size;
      },
    };
  },
};
