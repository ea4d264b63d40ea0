/**
 * A defense that acts on one host at a time at a scheduled per-host hazard: each host of a set (the
 * unpatched hosts, the infected hosts) is acted on at the rate in force, so events come at rate
 * hazard x set size and the host is uniform in the set. Patching and reboots are two of these.
 */
import type { EngineControl, HostSetView } from "../plugin/engine-view.ts";
import type { Defense, DefenseContext, DefensePlugin } from "../plugin/defense.ts";
import type { Process } from "../plugin/process.ts";
import { rateAt, stepChangeTimes, type RateStep } from "./rate-steps.ts";

/** What a hazard defense acts on and how. */
export interface HazardDefenseShape {
  readonly type: string;
  readonly description: string;
  /** The hosts exposed to the hazard. */
  hosts(engine: EngineControl): HostSetView;
  /** What happens to the host drawn. */
  act(engine: EngineControl, h: number): void;
}

/** A defense plugin from its shape; its spec holds the schedule as `steps`. */
export function hazardDefense(shape: HazardDefenseShape): DefensePlugin {
  return {
    type: shape.type,
    description: shape.description,
    create(spec, { engine, startMs, endMs }: DefenseContext): Defense {
      const steps = spec.steps as readonly RateStep[];
      const hosts = shape.hosts(engine);
      let perSecond = 0;
      const process: Process = {
        name: shape.type,
        rate: () => perSecond * hosts.size,
        fire: (s) => shape.act(engine, hosts.at(s.rng.int(hosts.size))),
      };
      return {
        processes: [process],
        changeTimes: stepChangeTimes(steps, startMs, endMs),
        refresh(t) {
          perSecond = rateAt(steps, startMs + t * 1000) / 3600;
        },
      };
    },
  };
}
