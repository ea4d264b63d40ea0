/** The fast-engine part of a defense the engines apply themselves (filters, caps): no processes. */
import type { Defense } from "../plugin/defense.ts";

/** A defense with no processes and no rate changes. */
export const NO_PROCESSES: Defense = Object.freeze({
  processes: [],
  changeTimes: [],
  refresh() {},
});
