/**
 * The fast engine's scheduled events: static-seed attempts, per-host deadlines (lifetimes, wake-ups)
 * and global ones (a worm's introduction, calendar phases and stop date; defense rate changes).
 */
import type { EventQueue } from "../../core/event-queue.ts";
import type { Samplers } from "../../core/samplers.ts";
import type { Defense } from "../../plugin/defense.ts";
import { INFECTED } from "../../plugin/host-states.ts";
import { PRIORITY } from "../../plugin/priorities.ts";
import { wakeStaggerSeconds, type CalendarPhase } from "../../worms/calendar.ts";
import { pickOs } from "../processes/pick-os.ts";
import type { HostEvent } from "./events.ts";
import type { Outbreak } from "./outbreak.ts";
import type { WormRuntime } from "./worm-runtime.ts";

export class Dispatcher {
  /** Scheduled events handled (static-seed attempts count as sampled events). */
  attempts = 0;

  constructor(
    private readonly o: Outbreak,
    private readonly queue: EventQueue<HostEvent>,
    private readonly hostRng: Samplers,
    private readonly defenses: readonly Defense[],
  ) {}

  /** Handles a scheduled event (the clock is at its time). */
  handle(e: HostEvent): void {
    const o = this.o;
    if (e.kind === "attempt") {
      const w = o.worms[e.worm];
      const isTarget = (j: number) => w.targets.has(j);
      const success = w.def.infectionSuccess;
      const ok = w.static?.attempt(e, o.t, isTarget, success, this.hostRng, this.queue);
      if (ok && w.spreading) o.infect(e.host, e.worm);
      this.attempts++;
      return;
    }
    if (e.kind === "block") {
      o.filters.deadline(e.host, e.version ?? 0, o.t);
      return;
    }
    if (e.host >= 0) {
      if (o.hosts.versionOf(e.host) !== e.version || o.hosts.stateOf(e.host) !== INFECTED) return;
      if (e.kind === "lifetime") o.reboot(e.host);
      else if (e.kind === "wake") {
        o.hosts.setAwake(e.host, true);
        o.setRate(e.host, o.scanRateNow(o.worms[e.worm], e.host));
      }
      return;
    }
    if (e.kind === "refresh") {
      for (const d of this.defenses) d.refresh(o.t);
      o.refreshFilters();
    } else if (e.kind === "introduce") this.introduce(e.worm);
    else if (e.kind === "stop") this.changeWorm(e.worm, () => (o.worms[e.worm].stopped = true));
    else if (e.kind === "phase") this.changePhase(e.worm, e.phase as CalendarPhase);
  }

  private introduce(worm: number): void {
    const o = this.o;
    const w = o.worms[worm];
    w.introduced = true;
    const staggered = w.spec.initialWakeStaggered && wakeStaggerSeconds(w.def.calendar) !== null;
    const total = (os: number) => w.targets.totals[os];
    for (let i = 0; i < w.spec.initialInfected; i++) {
      const os = pickOs(w.infectsOs, total, this.hostRng);
      if (os < 0) break;
      const h = w.targets.pickInRange(os, 0, 65536, this.hostRng.uniform());
      o.infect(h, worm, !staggered, true);
      if (staggered) this.scheduleWake(h, w);
    }
  }

  private scheduleWake(h: number, w: WormRuntime): void {
    const mean = wakeStaggerSeconds(w.def.calendar) ?? 0;
    const at = this.o.t + (mean > 0 ? this.hostRng.exponential(1 / mean) : 0);
    const version = this.o.hosts.versionOf(h);
    this.queue.push(at, PRIORITY.host, { kind: "wake", worm: w.index, host: h, version });
  }

  /** Applies `change` to worm `worm`, then re-reads the rate of each of its hosts. */
  private changeWorm(worm: number, change: () => void): void {
    const o = this.o;
    const w = o.worms[worm];
    const wasFlooding = w.phase === "flood";
    change();
    const infected = o.hosts.infected;
    for (let i = infected.size - 1; i >= 0; i--) {
      const h = infected.at(i);
      if (o.hosts.wormOf(h) === worm) o.setRate(h, o.scanRateNow(w, h));
    }
    if (wasFlooding !== (w.phase === "flood")) {
      w.floodingHosts = 0;
      if (w.phase === "flood") {
        for (let i = 0; i < infected.size; i++) {
          if (o.hosts.wormOf(infected.at(i)) === worm) w.floodingHosts++;
        }
      }
    }
  }

  private changePhase(worm: number, phase: CalendarPhase): void {
    const o = this.o;
    const w = o.worms[worm];
    const infected = o.hosts.infected;
    const waking = phase === "spread" && w.phase !== "spread";
    this.changeWorm(worm, () => {
      w.phase = phase;
      if (!waking) return;
      for (let i = 0; i < infected.size; i++) {
        const h = infected.at(i);
        if (o.hosts.wormOf(h) === worm) o.hosts.setAwake(h, false);
      }
    });
    if (!waking) return;
    for (let i = 0; i < infected.size; i++) {
      const h = infected.at(i);
      if (o.hosts.wormOf(h) === worm) this.scheduleWake(h, w);
    }
  }
}
