/**
 * The scenario file format, validated with zod. This is the only place untrusted configuration is
 * parsed. `docs/scenario.schema.json` is generated from it (`npm run schema`).
 */
import { BLOCK_OBSERVER_TYPES } from "../observers/registry.ts";
import { WORM_VARIANTS } from "../worms/registry.ts";
import { z } from "zod";
import { parseCidr } from "../net/prefix.ts";

const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: "expected an ISO 8601 instant such as 2001-07-19T10:00:00Z",
  })
  .refine((s) => Number.isFinite(Date.parse(s)), { message: "not a valid date" });

const cidr = z.string().refine((s) => parseCidr(s.includes("/") ? s : `${s}/32`).ok, {
  message: "expected a CIDR block such as 44.0.0.0/8 (host bits zero) or one address",
});

const probability = z.number().min(0).max(1);

/**
 * Observer names: letters, digits, `.`, `_` and `-`, starting with a letter or digit. They become
 * CSV column names (timeseries.csv), summary keys and terminal output, so a comma, quote, newline,
 * control character or a spreadsheet formula lead (`=`, `+`, `-`, `@`) must not get into one.
 */
export const OBSERVER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** What {@link OBSERVER_NAME_PATTERN} allows, in words. */
export const OBSERVER_NAME_RULE =
  "observer names use only letters, digits, '.', '_' and '-', and start with a letter or digit";

const observerName = z
  .string()
  .min(1)
  .max(64)
  .regex(OBSERVER_NAME_PATTERN, { message: OBSERVER_NAME_RULE });

/** One worm variant in a scenario; every field but `variant` overrides the variant's defaults. */
export const WormEntrySchema = z.strictObject({
  variant: z.enum(WORM_VARIANTS),
  introducedAt: isoInstant.optional(),
  initialInfected: z.number().int().min(0).max(10_000_000).optional(),
  initialWakeStaggered: z.boolean().optional(),
  probesPerSecond: z.number().positive().max(1e6).optional(),
  infectionSuccess: probability.optional(),
  threads: z.number().int().min(1).max(10_000).optional(),
  threadsChineseLocale: z.number().int().min(1).max(10_000).optional(),
  rateModel: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("fixed") }),
      z.strictObject({
        kind: z.literal("thread-limited"),
        synTimeoutSeconds: z.number().positive(),
        liveAnswerSeconds: z.number().positive(),
      }),
    ])
    .optional(),
  same8: probability.optional(),
  same16: probability.optional(),
  scanLifetimeHours: z.number().positive().nullable().optional(),
  /** Static-seed worms only: one sequence shared by a host's threads, or one fixed sequence per thread. */
  threadSequences: z.enum(["shared", "per-thread"]).optional(),
  /** Static-seed worms only: the fixed seed that names the sequence. */
  sequenceSeed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  stopSpreadingAt: isoInstant.nullable().optional(),
});

/** A piecewise-constant hazard step. */
export const RateStepSchema = z.strictObject({
  from: isoInstant,
  perHostPerHour: z.number().min(0).max(3600),
});

/** An observer. */
export const BlockObserverSchema = z.strictObject({
  type: z.enum(BLOCK_OBSERVER_TYPES),
  name: observerName,
  block: cidr,
});

/**
 * A host at a given position of a static-seed worm's shared sequence (as eEye's client was): it
 * counts the distinct infected hosts whose scan reached it.
 */
export const SequenceObserverSchema = z.strictObject({
  type: z.literal("sequence"),
  name: observerName,
  /** Probes a scanner makes from the start of the sequence before it reaches this host. */
  position: z
    .number()
    .int()
    .min(0)
    .max(2 ** 40),
});

/** An observer. */
export const ObserverSchema = z.union([BlockObserverSchema, SequenceObserverSchema]);

/** The July 2001 population model and its main options. */
export const PopulationModelSchema = z.strictObject({
  model: z.literal("july2001"),
  vulnerableHosts: z.number().int().min(1).max(20_000_000).optional(),
  cutoffDate: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  excludedPrefix8s: z.array(z.number().int().min(0).max(255)).optional(),
  countryShares: z.record(z.string(), z.number().min(0).max(1)).optional(),
  active16Fraction: probability.optional(),
  density16Sigma: z.number().min(0).max(10).optional(),
  nt4Iis4Share: probability.optional(),
  patchedAtStart: probability.optional(),
  liveAddressesPerVulnerableHost: z.number().min(0).optional(),
});

/**
 * Per-host probe-rate heterogeneity: ln m ~ Normal(-sigma^2/2, sigma^2), mean 1 (sigma 0: every host
 * at its worm's rate). `maxMultiplier` (optional, > 1): no host faster than that many times its
 * worm's rate, the lognormal rescaled so the mean stays 1 (a thread-limited host's physical bound).
 * @see ../../docs/calibration.md
 */
export const RateHeterogeneitySchema = z.strictObject({
  distribution: z.literal("lognormal"),
  sigma: z.number().min(0).max(4),
  maxMultiplier: z.number().gt(1).max(1e6).optional(),
});

/**
 * Address churn: a share of hosts have dynamic addresses, each moving at `perHostPerHour` to a free
 * address of its /16.
 * @see ../../docs/calibration.md
 */
export const AddressChurnSchema = z.strictObject({
  dynamicShare: probability,
  perHostPerHour: z.number().min(0).max(60),
});

/**
 * Where a filter is deployed: every customer network, a share of them, or the N best-connected ASes.
 * @see ../../docs/defenses.md (deployment)
 */
export const DeploymentSchema = z.union([
  z.literal("all"),
  z.strictObject({ customerNetworks: probability }),
  z.strictObject({ topAses: z.number().int().min(1).max(100_000) }),
]);

const reactionMinutes = z
  .number()
  .min(0)
  .max(60 * 24 * 400);

/** A CIDR block as text ("128.32.0.0/16"). */
const cidrText = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, {
  message: "expected a CIDR block such as 128.32.0.0/16",
});

/**
 * The defenses a scenario lists (one file each in src/defenses/).
 * @see ../../docs/defenses.md
 */
export const DefenseSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("address-blacklist"),
    reactionMinutes,
    deployment: DeploymentSchema,
  }),
  z.strictObject({
    type: z.literal("content-filter"),
    reactionMinutes,
    deployment: DeploymentSchema,
  }),
  z.strictObject({ type: z.literal("ingress-filter"), block: cidrText, from: isoInstant }),
  z.strictObject({
    type: z.literal("rate-limit"),
    newConnectionsPerSecond: z.number().gt(0).max(1e6),
    coverage: probability,
  }),
  z
    .strictObject({
      type: z.literal("patch-campaign"),
      from: isoInstant,
      perHostPerHour: z.number().min(0).max(3600).optional(),
      halfLifeHours: z.number().gt(0).max(1e6).optional(),
      coverage: probability.optional(),
      priority: z.enum(["infected-first", "any"]).optional(),
    })
    .refine((d) => (d.perHostPerHour === undefined) !== (d.halfLifeHours === undefined), {
      message: "give exactly one of perHostPerHour and halfLifeHours",
    }),
  z
    .strictObject({
      type: z.literal("tarpit"),
      block: cidrText.optional(),
      unusedShare: probability.optional(),
      holdSeconds: z
        .number()
        .gt(0)
        .max(86_400 * 30),
    })
    .refine((d) => (d.block === undefined) !== (d.unusedShare === undefined), {
      message: "give exactly one of block and unusedShare",
    }),
]);

/**
 * The AS-level topology filters are deployed on: the July 2001 model (default), or a real table of
 * `prefix,as,rank` rows (path relative to the scenario file).
 * @see ../../docs/as-model.md
 */
export const AsTopologySchema = z.union([
  z.strictObject({
    model: z.literal("as2001"),
    asCount: z.number().int().min(20).max(200_000).optional(),
    cliqueSize: z.number().int().min(1).max(1000).optional(),
  }),
  z.strictObject({ asTable: z.string().min(1) }),
]);

/** A real host list file in place of the model (path relative to the scenario file). */
export const PopulationHostListSchema = z.strictObject({
  hostList: z.string().min(1),
});

/** A scenario file. */
export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.string().optional(),
  name: z.string().min(1).max(100).optional(),
  description: z.string().max(2000).optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /**
   * Seed of the population model (default: `seed`). The runs of an ensemble share one population,
   * built from the ensemble's seed: a stored ensemble run names it here, so it replays alone.
   */
  populationSeed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  start: isoInstant.optional(),
  until: isoInstant.optional(),
  population: z.union([PopulationModelSchema, PopulationHostListSchema]).optional(),
  worms: z.array(WormEntrySchema).optional(),
  patching: z.array(RateStepSchema).optional(),
  reboots: z.array(RateStepSchema).optional(),
  /**
   * From `from` on, administrators clean and patch infected hosts at `perHostPerHour` each: a
   * cleaned host stops scanning and is immune (patching cures every host alike; reboots only clear
   * the worm from memory). Part of the world, like patching: `simulate --compare` keeps it.
   */
  cleanup: RateStepSchema.optional(),
  observers: z.array(ObserverSchema).optional(),
  rateHeterogeneity: RateHeterogeneitySchema.optional(),
  addressChurn: AddressChurnSchema.optional(),
  defenses: z.array(DefenseSchema).max(32).optional(),
  asTopology: AsTopologySchema.optional(),
});

/** A scenario as written in a file (every field optional). */
export type ScenarioFile = z.infer<typeof ScenarioSchema>;
export type WormEntry = z.infer<typeof WormEntrySchema>;
export type ObserverEntry = z.infer<typeof ObserverSchema>;
export type RateStepEntry = z.infer<typeof RateStepSchema>;
export type DefenseEntry = z.infer<typeof DefenseSchema>;
export type AsTopologyEntry = z.infer<typeof AsTopologySchema>;

/** The JSON Schema of scenario files. */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(ScenarioSchema);
}
