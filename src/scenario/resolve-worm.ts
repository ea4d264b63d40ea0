/** Resolves one worm entry of a scenario against its variant's built-in definition. */
import { isoUtc } from "../core/time.ts";
import { UserInputError } from "../core/errors.ts";
import { scanStaticSeed } from "../scan/static-seed.ts";
import { scanLocalPreference } from "../scan/strategy.ts";
import { defineWorm, type WormDefinition } from "../worms/define-worm.ts";
import { isBuiltInVariant, WORMS, type BuiltInVariant } from "../worms/registry.ts";
import type { WormEntry } from "./schema.ts";

/** A worm entry with every parameter set, and its definition. */
export interface ResolvedWorm {
  readonly variant: BuiltInVariant;
  readonly introducedAt: string;
  readonly initialInfected: number;
  readonly initialWakeStaggered: boolean;
  readonly definition: WormDefinition;
}

/** The built-in definition of a variant. */
export function builtInWorm(variant: string, where: string): WormDefinition {
  if (!isBuiltInVariant(variant)) {
    throw new UserInputError(`${where}.variant: "${variant}" is not a known variant`);
  }
  return WORMS[variant];
}

/** Applies a scenario's overrides to the variant's definition. */
export function resolveWorm(entry: WormEntry, start: string, where: string): ResolvedWorm {
  const base = builtInWorm(entry.variant, where);
  let scan = base.scan;
  if (entry.same8 !== undefined || entry.same16 !== undefined) {
    const current = scan.kind === "local-preference" ? scan : null;
    const same8 = entry.same8 ?? current?.same8 ?? 0;
    const same16 = entry.same16 ?? current?.same16 ?? 0;
    if (same8 + same16 > 1) {
      throw new UserInputError(
        `${where}: same8 + same16 must be at most 1 (got ${same8 + same16})`,
      );
    }
    scan = scanLocalPreference({
      same8,
      same16,
      excludedBlocks: scan.excludedBlocks,
      skipOwnAddress: current?.skipOwnAddress ?? true,
    });
  }
  if (entry.threadSequences !== undefined || entry.sequenceSeed !== undefined) {
    if (scan.kind !== "static-seed") {
      const field = entry.threadSequences !== undefined ? "threadSequences" : "sequenceSeed";
      throw new UserInputError(
        `${where}.${field}: only a static-seed worm (crv1) walks a fixed sequence; ${entry.variant} scans ${scan.kind}`,
      );
    }
    scan = scanStaticSeed({
      sequenceSeed: entry.sequenceSeed ?? scan.sequenceSeed,
      threadSequences: entry.threadSequences ?? scan.threadSequences,
      excludedBlocks: scan.excludedBlocks,
    });
  }
  const lifetime = entry.scanLifetimeHours;
  const lifetimeRatio =
    base.scanLifetimeHours && base.scanLifetimeHoursChineseLocale
      ? base.scanLifetimeHoursChineseLocale / base.scanLifetimeHours
      : 1;
  let definition: WormDefinition;
  try {
    definition = defineWorm({
      ...base,
      scan,
      probesPerSecond: entry.probesPerSecond ?? base.probesPerSecond,
      infectionSuccess: entry.infectionSuccess ?? base.infectionSuccess,
      threads: entry.threads ?? base.threads,
      threadsChineseLocale:
        entry.threadsChineseLocale ?? entry.threads ?? base.threadsChineseLocale,
      rateModel: entry.rateModel ?? base.rateModel,
      scanLifetimeHours: lifetime === undefined ? base.scanLifetimeHours : lifetime,
      scanLifetimeHoursChineseLocale:
        lifetime === undefined
          ? base.scanLifetimeHoursChineseLocale
          : lifetime === null
            ? null
            : lifetime * lifetimeRatio,
      stopSpreadingAt:
        entry.stopSpreadingAt === undefined ? base.stopSpreadingAt : entry.stopSpreadingAt,
    });
  } catch (error) {
    throw new UserInputError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    variant: entry.variant,
    introducedAt: isoUtc(Date.parse(entry.introducedAt ?? start)),
    initialInfected: entry.initialInfected ?? 1,
    initialWakeStaggered: entry.initialWakeStaggered ?? false,
    definition,
  };
}
