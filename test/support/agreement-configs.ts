/**
 * The agreement suite's configurations, one table entry per (strategy, hazards) pair, on a clustered
 * 2^20-address Internet of about 1,000 hosts, plus the deliberately wrong variants that the suite must
 * reject. Worms are Code Red v2 and Code Red II with the rates slowed to a scale where an outbreak
 * takes hours of simulated time (per-minute series resolve it) but only a few million probes; one
 * pair of configurations runs both, Code Red II taking over the hosts Code Red v2 holds.
 */
import { createRng } from "../../src/core/rng.ts";
import type { Population } from "../../src/net/population.ts";
import { scanStaticSeed } from "../../src/scan/static-seed.ts";
import {
  scanLocalPreference,
  type ScanLocalPreference,
  type ScanStaticSeed,
} from "../../src/scan/strategy.ts";
import { codeRedII } from "../../src/worms/code-red-ii.ts";
import { codeRedV1 } from "../../src/worms/code-red-v1.ts";
import { codeRedV2 } from "../../src/worms/code-red-v2.ts";
import { defineWorm, type WormDefinition } from "../../src/worms/define-worm.ts";
import type {
  AddressChurn,
  EngineInput,
  EngineObserver,
  RateHeterogeneity,
  RateStep,
} from "../../src/sim/engine-input.ts";
import type { Cidr } from "../../src/net/prefix.ts";
import { SERVER, TELESCOPE, type ExtraKind } from "./agreement-statistics.ts";
import { buildAsModel, type AsTopology } from "../../src/net/as-model.ts";
import type { DefenseSpec } from "../../src/plugin/defense.ts";
import { clusteredPopulation } from "./clustered-population.ts";

/** Address bits of the suite's Internet. */
export const AGREEMENT_ADDRESS_BITS = 20;

const START_MS = Date.parse("2001-08-04T00:00:00Z");
const HOUR_MS = 3_600_000;

/** The suite's population (fixed: seed 2001). */
export function agreementPopulation(): Population {
  return clusteredPopulation(
    {
      bits: AGREEMENT_ADDRESS_BITS,
      blocks8: [3, 24, 61, 128, 150, 200, 210, 218],
      dense16PerBlock8: 8,
      dense16Fill: 0.5,
      scatteredPerBlock8: 60,
      chineseShare: 0.2,
      nt4Share: 0.1,
      patchedShare: 0.05,
    },
    createRng(2001).fork("agreement-population"),
  );
}

/** Uniform scanning: Code Red v2 at 1 probe/s (2 on Chinese-locale hosts), success 0.8. */
export const agreementUniformWorm: WormDefinition = defineWorm({
  ...codeRedV2,
  calendar: { kind: "none" },
  threadsChineseLocale: 2 * codeRedV2.threads,
  probesPerSecond: 1,
  infectionSuccess: 0.8,
});

/** Local preference: Code Red II at 0.1 probe/s, success 0.8, a 2 h (4 h) scanning life. */
export const agreementLocalWorm: WormDefinition = defineWorm({
  ...codeRedII,
  probesPerSecond: 0.1,
  infectionSuccess: 0.8,
  stopSpreadingAt: null,
  scanLifetimeHours: 2,
  scanLifetimeHoursChineseLocale: 4,
});

/**
 * Static seed: Code Red v1 (one shared sequence per host) at 400 probes/s on every host (the fast
 * engine needs one pace for all scanners), success 0.5: a scanner walks the 2^20-address list in ~44 minutes, so the first scanners
 * reach 90% of the hosts in under two hours. The sequence seed is replaced per run
 * ({@link agreementInput}).
 */
export const agreementStaticSeedWorm: WormDefinition = defineWorm({
  ...codeRedV1,
  calendar: { kind: "none" },
  probesPerSecond: 400,
  infectionSuccess: 0.5,
});

/** The same worm with one fixed sequence per thread (100 threads, each at 4 probes/s). */
export const agreementPerThreadWorm: WormDefinition = defineWorm({
  ...agreementStaticSeedWorm,
  scan: scanStaticSeed({
    ...(agreementStaticSeedWorm.scan as ScanStaticSeed),
    threadSequences: "per-thread",
  }),
});

/**
 * Static seed with heterogeneous rates: the same worm at 50 probes/s on average. The fastest hosts
 * carry the frontier (a host at m = 5 walks the list in ~70 minutes), so the outbreak still completes
 * within the run, at an eighth of the probes.
 */
export const agreementStaticSeedHetWorm: WormDefinition = defineWorm({
  ...agreementStaticSeedWorm,
  probesPerSecond: 50,
});

/** A worm released after the first one. */
export interface LaterWorm {
  readonly worm: WormDefinition;
  readonly initialInfected: number;
  readonly introducedAfterHours: number;
}

/** One configuration of the suite. */
export interface AgreementConfig {
  readonly name: string;
  readonly worm: WormDefinition;
  readonly initialInfected: number;
  readonly hours: number;
  readonly hazards: boolean;
  /** A second worm, introduced later (Code Red II, which takes Code Red v2's hosts over). */
  readonly later?: LaterWorm;
  /**
   * Adds a server observer on the population's busiest /16 ({@link agreementServerBlock}), or, with
   * "/8", on the /8 that holds it.
   */
  readonly server?: boolean | "/8";
  /** Statistics compared besides the infection times and curves (default none). */
  readonly extras?: readonly ExtraKind[];
  /** Per-host probe-rate multipliers (default none: every host at its worm's rate). */
  readonly rateHeterogeneity?: RateHeterogeneity;
  /** Dynamic addresses (default none). */
  readonly addressChurn?: AddressChurn;
  /** Filters, throttles and campaigns (default none), on {@link agreementAsTopology}. */
  readonly defenses?: readonly DefenseSpec[];
}

let asTopology: AsTopology | null = null;

/** The AS model the defense configurations deploy filters on (fixed: seed 2001, built once). */
export function agreementAsTopology(): AsTopology {
  asTopology ??= buildAsModel({}, createRng(2001).fork("as-model"));
  return asTopology;
}

/**
 * The block of the suite's server observer: the /16 holding the most hosts (the lowest on ties), a
 * site whose own hosts Code Red II hits first. In the scaled space a /16 is a 32-bit CIDR block of
 * length 16 + (32 - bits).
 */
export function agreementServerBlock(population: Population): Cidr {
  const shift16 = AGREEMENT_ADDRESS_BITS - 16;
  const counts = new Map<number, number>();
  for (const a of population.addresses)
    counts.set(a >>> shift16, (counts.get(a >>> shift16) ?? 0) + 1);
  let best = -1;
  let most = 0;
  for (const [c, n] of counts) {
    if (n > most || (n === most && c < best)) [best, most] = [c, n];
  }
  return { base: best * 2 ** shift16, bits: 16 + 32 - AGREEMENT_ADDRESS_BITS };
}

/** Patching: none in the first hour, then 0.03 per host per hour (a step, to test schedules). */
const PATCH: RateStep[] = [
  { fromMs: START_MS, perHostPerHour: 0 },
  { fromMs: START_MS + HOUR_MS, perHostPerHour: 0.03 },
];
/** Reboots: 0.3 per infected host per hour (memory worm: cured and reinfectable; CRII: backdoor). */
const REBOOT: RateStep[] = [{ fromMs: START_MS, perHostPerHour: 0.3 }];

/**
 * Two worms: Code Red II (the local-preference worm, which takes over hosts running Code Red v2) is
 * released one hour after Code Red v2 (the uniform worm), when about a tenth of the hosts hold v2.
 */
const TAKEOVER: LaterWorm = {
  worm: agreementLocalWorm,
  initialInfected: 3,
  introducedAfterHours: 1,
};

/** Heterogeneity of the heterogeneous configurations: lognormal multipliers, sigma 1 (mean 1). */
const HETEROGENEITY: RateHeterogeneity = { distribution: "lognormal", sigma: 1 };

/** Capped heterogeneity: sigma 1, no host faster than 3 times the mean (about 5% at the cap). */
const CAPPED_HETEROGENEITY: RateHeterogeneity = {
  distribution: "lognormal",
  sigma: 1,
  maxMultiplier: 3,
};

/** Churn of the churn configuration: half the hosts move, each twice an hour on average. */
const CHURN: AddressChurn = { dynamicShare: 0.5, perHostPerHour: 2 };

/** The block the defense configurations' ingress filter closes: the /8 61.0.0.0/8 (a 32-bit CIDR). */
const INGRESS_BLOCK = { base: ((61 << 8) | 0) << 16, bits: 8 };

/**
 * The defense configurations (src/defenses/): each filter on both scanning strategies, combined,
 * with churn (blacklists follow addresses), caps under heterogeneity, and both campaign priorities.
 */
export const DEFENSE_CONFIGS: readonly AgreementConfig[] = [
  {
    name: "uniform+content-filter",
    worm: agreementUniformWorm,
    initialInfected: 5,
    hours: 3,
    hazards: false,
    // The telescope and the server see only the probes the filter lets through.
    server: true,
    defenses: [
      { type: "content-filter", reactionMinutes: 40, deployment: { customerNetworks: 0.5 } },
    ],
    extras: ["defenses", "observers"],
  },
  {
    name: "uniform+blacklist+churn",
    worm: agreementUniformWorm,
    initialInfected: 5,
    hours: 3,
    hazards: true,
    addressChurn: CHURN,
    defenses: [{ type: "address-blacklist", reactionMinutes: 15, deployment: { topAses: 10 } }],
    extras: ["defenses"],
  },
  {
    name: "local-preference+blacklist+ingress",
    worm: agreementLocalWorm,
    initialInfected: 3,
    hours: 3,
    hazards: false,
    server: true,
    defenses: [
      { type: "address-blacklist", reactionMinutes: 30, deployment: "all" },
      { type: "ingress-filter", block: INGRESS_BLOCK, fromMs: START_MS + HOUR_MS },
    ],
    extras: ["defenses", "observers"],
  },
  {
    name: "uniform+rate-limit+campaign",
    worm: agreementUniformWorm,
    initialInfected: 5,
    hours: 3,
    hazards: false,
    rateHeterogeneity: HETEROGENEITY,
    defenses: [
      { type: "rate-limit", newConnectionsPerSecond: 0.3, coverage: 0.8 },
      // Fixed-rate worms are not slowed by a tarpit: it counts the connections it holds.
      { type: "tarpit", block: { base: 44 << 24, bits: 8 }, holdSeconds: 600 },
      { type: "tarpit", unusedShare: 0.05, holdSeconds: 600 },
      {
        type: "patch-campaign",
        fromMs: START_MS + HOUR_MS,
        perHostPerHour: 0.5,
        coverage: 0.7,
        priority: "infected-first",
      },
    ],
    extras: ["defenses"],
  },
  {
    name: "local-preference+content-filter+campaign",
    worm: agreementLocalWorm,
    initialInfected: 3,
    hours: 3,
    hazards: true,
    defenses: [
      { type: "content-filter", reactionMinutes: 60, deployment: { topAses: 20 } },
      {
        type: "patch-campaign",
        fromMs: START_MS + HOUR_MS / 2,
        perHostPerHour: Math.LN2 / 2,
        coverage: 0.8,
        priority: "any",
      },
    ],
    extras: ["defenses"],
  },
];

/**
 * The configurations: each strategy with and without patching and reboots. Static seed runs 2.5 hours
 * (its linear spread reaches 90% in about two).
 */
export const AGREEMENT_CONFIGS: readonly AgreementConfig[] = [
  { name: "uniform", worm: agreementUniformWorm, initialInfected: 5, hours: 3, hazards: false },
  {
    name: "uniform+hazards",
    worm: agreementUniformWorm,
    initialInfected: 5,
    hours: 3,
    hazards: true,
  },
  {
    name: "local-preference",
    worm: agreementLocalWorm,
    initialInfected: 3,
    hours: 3,
    hazards: false,
    server: true,
    extras: ["observers"],
  },
  {
    name: "local-preference+hazards",
    worm: agreementLocalWorm,
    initialInfected: 3,
    hours: 3,
    hazards: true,
  },
  {
    name: "static-seed",
    worm: agreementStaticSeedWorm,
    initialInfected: 3,
    hours: 2.5,
    hazards: false,
  },
  {
    name: "static-seed+hazards",
    worm: agreementStaticSeedWorm,
    initialInfected: 3,
    hours: 2.5,
    hazards: true,
  },
  {
    name: "static-seed-per-thread",
    worm: agreementPerThreadWorm,
    initialInfected: 3,
    hours: 2.5,
    hazards: true,
  },
  {
    name: "two-worm",
    worm: agreementUniformWorm,
    initialInfected: 5,
    hours: 3,
    hazards: false,
    later: TAKEOVER,
    extras: ["per-worm"],
  },
  {
    name: "two-worm+hazards",
    worm: agreementUniformWorm,
    initialInfected: 5,
    hours: 3,
    hazards: true,
    later: TAKEOVER,
    extras: ["per-worm"],
  },
  {
    name: "uniform+heterogeneity",
    worm: agreementUniformWorm,
    initialInfected: 5,
    hours: 3,
    hazards: false,
    rateHeterogeneity: HETEROGENEITY,
  },
  {
    name: "local-preference+heterogeneity",
    worm: agreementLocalWorm,
    initialInfected: 3,
    hours: 3,
    hazards: false,
    rateHeterogeneity: HETEROGENEITY,
  },
  {
    name: "static-seed+heterogeneity",
    worm: agreementStaticSeedHetWorm,
    initialInfected: 3,
    hours: 2.5,
    hazards: false,
    rateHeterogeneity: HETEROGENEITY,
  },
  {
    name: "uniform+churn",
    worm: agreementUniformWorm,
    initialInfected: 5,
    hours: 3,
    hazards: false,
    addressChurn: CHURN,
    // The server's block, a /8, holds many hosts: their moves inside it keep their rate there (both
    // addresses in the block), the others' keep it outside.
    server: "/8",
    extras: ["churn"],
  },
  {
    // Both traits on a walk: moves change which sequence indices hit a host.
    name: "static-seed+heterogeneity+churn",
    worm: agreementStaticSeedHetWorm,
    initialInfected: 3,
    hours: 2.5,
    hazards: false,
    rateHeterogeneity: HETEROGENEITY,
    addressChurn: CHURN,
    extras: ["addresses"],
  },
  {
    // The presets' Code Red v1 model in small: capped multipliers on a walk, and the scenario's
    // cleanup (infected hosts cleaned and patched, the engine's "world" infected-first campaign).
    name: "static-seed+capped-heterogeneity+cleanup",
    worm: agreementStaticSeedHetWorm,
    initialInfected: 3,
    hours: 2.5,
    hazards: false,
    rateHeterogeneity: CAPPED_HETEROGENEITY,
    defenses: [
      {
        type: "patch-campaign",
        fromMs: START_MS,
        perHostPerHour: 0.5,
        coverage: 1,
        priority: "infected-first",
        world: true,
      },
    ],
    extras: ["defenses"],
  },
  ...DEFENSE_CONFIGS,
];

/**
 * A static-seed worm walks the sequence of its run: sequence seed = run seed. With one fixed sequence
 * seed every host's position would be fixed and the engines (whose sequences differ) would agree only
 * conditionally; drawn per run, positions are random in both and the distributions can be compared.
 * Per-thread sequences use seeds sequenceSeed + i for thread i, so runs get disjoint blocks of
 * `threads` seeds (run seed x threads): with seed + i alone, runs s and s + 1 would share 99 of their
 * 100 lists, and the 200 runs of an engine would be nearly one run repeated.
 */
function perRunWorm(worm: WormDefinition, seed: number): WormDefinition {
  if (worm.scan.kind !== "static-seed") return worm;
  const sequenceSeed =
    worm.scan.threadSequences === "per-thread" ? Math.imul(seed, worm.threads) >>> 0 : seed >>> 0;
  return defineWorm({ ...worm, scan: scanStaticSeed({ ...worm.scan, sequenceSeed }) });
}

/** The engine input of a configuration for one seed (the population is shared). */
export function agreementInput(
  config: AgreementConfig,
  seed: number,
  population: Population,
): EngineInput {
  const observers: EngineObserver[] = [];
  // The reference engine feeds no observer from a static-seed walk.
  if (config.worm.scan.kind !== "static-seed") {
    observers.push({ name: TELESCOPE, type: "telescope", block: { base: 44 << 12, bits: 20 } });
  }
  if (config.server) {
    const busiest = agreementServerBlock(population);
    const bits = config.server === "/8" ? busiest.bits - 8 : busiest.bits;
    const size = 2 ** (32 - bits);
    const block = { base: busiest.base - (busiest.base % size), bits };
    observers.push({ name: SERVER, type: "server", block });
  }
  const later = config.later;
  return {
    seed,
    addressBits: AGREEMENT_ADDRESS_BITS,
    startMs: START_MS,
    endMs: START_MS + config.hours * HOUR_MS,
    population,
    worms: [
      {
        def: perRunWorm(config.worm, seed),
        introducedAtMs: START_MS,
        initialInfected: config.initialInfected,
        initialWakeStaggered: false,
      },
      ...(later
        ? [
            {
              def: perRunWorm(later.worm, seed),
              introducedAtMs: START_MS + later.introducedAfterHours * HOUR_MS,
              initialInfected: later.initialInfected,
              initialWakeStaggered: false,
            },
          ]
        : []),
    ],
    observers,
    patch: config.hazards ? PATCH : [],
    reboot: config.hazards ? REBOOT : [],
    ...(config.rateHeterogeneity ? { rateHeterogeneity: config.rateHeterogeneity } : {}),
    ...(config.addressChurn ? { addressChurn: config.addressChurn } : {}),
    ...(config.defenses ? { defenses: config.defenses, asTopology: agreementAsTopology() } : {}),
  };
}

/** A wrong variant: a configuration with a worm that is off by 10% in one parameter. */
export interface WrongVariant {
  readonly name: string;
  /** The configuration whose reference samples it is compared with. */
  readonly against: string;
  readonly config: AgreementConfig;
  /** Set when only the extra statistics can see the error (the infections are unchanged). */
  readonly rejectedByExtras?: boolean;
}

function configNamed(name: string): AgreementConfig {
  const c = AGREEMENT_CONFIGS.find((x) => x.name === name);
  if (!c) throw new Error(`no agreement configuration ${name}`);
  return c;
}

function withLater(config: AgreementConfig, name: string, worm: WormDefinition): AgreementConfig {
  if (!config.later) throw new Error(`${config.name} has one worm`);
  return { ...config, name, later: { ...config.later, worm } };
}

function withDefenses(
  config: AgreementConfig,
  name: string,
  defenses: readonly DefenseSpec[],
): AgreementConfig {
  return { ...config, name, defenses };
}

function withLocalShares(worm: WormDefinition, same16: number): WormDefinition {
  const scan = worm.scan as ScanLocalPreference;
  return defineWorm({ ...worm, scan: scanLocalPreference({ ...scan, same16 }) });
}

/** The test of the test: variants the suite must reject. */
export const WRONG_VARIANTS: readonly WrongVariant[] = [
  {
    name: "local-preference, same16 +10% (0.375 -> 0.4125)",
    against: "local-preference",
    config: {
      ...AGREEMENT_CONFIGS[2],
      name: "wrong-same16",
      worm: withLocalShares(agreementLocalWorm, 0.4125),
    },
  },
  {
    name: "uniform, infection success +10% (0.8 -> 0.88)",
    against: "uniform",
    config: {
      ...AGREEMENT_CONFIGS[0],
      name: "wrong-success",
      worm: defineWorm({ ...agreementUniformWorm, infectionSuccess: 0.88 }),
    },
  },
  {
    name: "static-seed, probe rate +10% (400 -> 440/s)",
    against: "static-seed",
    config: {
      ...AGREEMENT_CONFIGS[4],
      name: "wrong-static-rate",
      worm: defineWorm({ ...agreementStaticSeedWorm, probesPerSecond: 440 }),
    },
  },
  {
    // Rate x success, and so every infection rate, is unchanged: only the observers see more probes.
    name: "local-preference, probes +10% at the same infection pace (0.1 -> 0.11/s, success / 1.1)",
    against: "local-preference",
    config: {
      ...configNamed("local-preference"),
      name: "wrong-observed-rate",
      worm: defineWorm({
        ...agreementLocalWorm,
        probesPerSecond: 0.11,
        infectionSuccess: agreementLocalWorm.infectionSuccess / 1.1,
      }),
    },
    rejectedByExtras: true,
  },
  {
    // What the reference engine did before it modelled infectsOver.
    name: "two-worm, Code Red II takes nothing over (infectsOver [])",
    against: "two-worm",
    config: withLater(
      configNamed("two-worm"),
      "wrong-no-takeover",
      defineWorm({ ...agreementLocalWorm, infectsOver: [] }),
    ),
  },
  {
    name: "two-worm, Code Red II infection success +10% (0.8 -> 0.88)",
    against: "two-worm",
    config: withLater(
      configNamed("two-worm"),
      "wrong-crii-success",
      defineWorm({ ...agreementLocalWorm, infectionSuccess: 0.88 }),
    ),
  },
  ...["uniform", "local-preference", "static-seed"].map((strategy): WrongVariant => ({
    name: `${strategy}+heterogeneity, fast engine homogeneous (sigma 1 -> 0)`,
    against: `${strategy}+heterogeneity`,
    config: {
      ...configNamed(`${strategy}+heterogeneity`),
      name: `wrong-${strategy}-homogeneous`,
      rateHeterogeneity: { distribution: "lognormal", sigma: 0 },
    },
  })),
  {
    // On a walk the fastest hosts carry the frontier: without the cap they are faster.
    name: "static-seed+capped-heterogeneity+cleanup, fast engine uncapped (cap 3 -> none)",
    against: "static-seed+capped-heterogeneity+cleanup",
    config: {
      ...configNamed("static-seed+capped-heterogeneity+cleanup"),
      name: "wrong-static-uncapped",
      rateHeterogeneity: HETEROGENEITY,
    },
  },
  {
    // Moves within a /16 change no hit probability of these strategies: only observers see them.
    name: "uniform+churn, fast engine without churn",
    against: "uniform+churn",
    config: { ...configNamed("uniform+churn"), name: "wrong-no-churn", addressChurn: undefined },
    rejectedByExtras: true,
  },
  {
    // On a shared list churn matters: a moved host gets a new position in every scanner's walk.
    name: "static-seed+heterogeneity+churn, fast engine without churn",
    against: "static-seed+heterogeneity+churn",
    config: {
      ...configNamed("static-seed+heterogeneity+churn"),
      name: "wrong-static-no-churn",
      addressChurn: undefined,
    },
  },
  {
    name: "uniform+content-filter, reaction +20% (40 -> 48 min)",
    against: "uniform+content-filter",
    config: withDefenses(configNamed("uniform+content-filter"), "wrong-filter-reaction", [
      { type: "content-filter", reactionMinutes: 48, deployment: { customerNetworks: 0.5 } },
    ]),
  },
  {
    name: "uniform+blacklist+churn, reaction +20% (15 -> 18 min)",
    against: "uniform+blacklist+churn",
    config: withDefenses(configNamed("uniform+blacklist+churn"), "wrong-blacklist-reaction", [
      { type: "address-blacklist", reactionMinutes: 18, deployment: { topAses: 10 } },
    ]),
  },
  {
    name: "uniform+rate-limit+campaign, limit +25% (0.3 -> 0.375/s)",
    against: "uniform+rate-limit+campaign",
    config: withDefenses(
      configNamed("uniform+rate-limit+campaign"),
      "wrong-rate-limit",
      (configNamed("uniform+rate-limit+campaign").defenses ?? []).map((d) =>
        d.type === "rate-limit" ? { ...d, newConnectionsPerSecond: 0.375 } : d,
      ),
    ),
  },
];
