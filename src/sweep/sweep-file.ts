/**
 * The sweep file (`wormscope sweep SWEEP.json`): a base scenario, the parameter points to run it at
 * (a grid over paths into the scenario, or N random points drawn from ranges), and the seeds of
 * each point. Documented in docs/sweeps.md.
 */
import { z } from "zod";
import { UserInputError } from "../core/errors.ts";

/** A path into a scenario: dot-separated keys and array indices, e.g. `worms.0.probesPerSecond`. */
export const SWEEP_PATH_PATTERN =
  /^[A-Za-z_][A-Za-z0-9_]*(\.([A-Za-z_][A-Za-z0-9_]*|0|[1-9][0-9]{0,3}))*$/;

const sweepPath = z
  .string()
  .regex(
    SWEEP_PATH_PATTERN,
    "a path of dot-separated keys and indices, e.g. worms.0.probesPerSecond",
  );

/** A grid value: anything JSON can hold that a scenario field may take. */
const gridValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.null(),
  z.record(z.string(), z.unknown()),
  z.array(z.unknown()),
]);

/** One random axis: uniform in [min, max] (or log-uniform), optionally rounded to integers. */
const RandomRangeSchema = z.union([
  z.tuple([z.number(), z.number()]),
  z.strictObject({
    min: z.number(),
    max: z.number(),
    scale: z.enum(["linear", "log"]).optional(),
    integer: z.boolean().optional(),
  }),
]);

/** Most points one sweep may hold (grid product or random count). */
export const MAX_SWEEP_POINTS = 100_000;

/** Most seeds per point. */
export const MAX_SEEDS_PER_POINT = 10_000;

export const SweepFileSchema = z
  .strictObject({
    /** The sweep's name in the store (default: the file's base name). */
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "letters, digits, '.', '_' or '-', at most 100")
      .optional(),
    description: z.string().max(2000).optional(),
    /** The base scenario, inline (it may `extends` a preset) or a scenario file's path. */
    base: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    /** Paths into the scenario, each with its values; the points are every combination. */
    grid: z.record(sweepPath, z.array(gridValue).min(1).max(10_000)).optional(),
    /** Or N points drawn from ranges with the master seed (stream "sweep-random"). */
    random: z
      .strictObject({
        points: z.number().int().min(1).max(MAX_SWEEP_POINTS),
        ranges: z.record(sweepPath, RandomRangeSchema),
      })
      .optional(),
    /** Seeds per point: a count (derived from the master seed) or a list. */
    seeds: z.union([
      z.number().int().min(1).max(MAX_SEEDS_PER_POINT),
      z
        .array(
          z
            .number()
            .int()
            .min(0)
            .max(2 ** 32 - 1),
        )
        .min(1)
        .max(MAX_SEEDS_PER_POINT),
    ]),
    /** The master seed (default: the base scenario's seed, or 1). */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  })
  .refine((f) => !(f.grid && f.random), { message: "give grid or random, not both" });

export type SweepFile = z.infer<typeof SweepFileSchema>;
export type RandomRange = z.infer<typeof RandomRangeSchema>;

/** Validates parsed JSON as a sweep file; the error names the file, the field and the problem. */
export function parseSweepFile(raw: unknown, fileName: string): SweepFile {
  const result = SweepFileSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 10).map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join("");
    return `${fileName}: ${path || "(top level)"}: ${issue.message}`;
  });
  throw new UserInputError(`invalid sweep\n${lines.join("\n")}`);
}
