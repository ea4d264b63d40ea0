/**
 * The defense registry: every defense type by name. The engine builds a run's defenses from it (the
 * scenario's patching and reboots first, in that order, then its other defenses); a test may add a
 * type with {@link registerDefense}.
 */
import type { DefensePlugin } from "../plugin/defense.ts";
import { defenseAddressBlacklist } from "./address-blacklist.ts";
import { defenseContentFilter } from "./content-filter.ts";
import { defenseIngressFilter } from "./ingress-filter.ts";
import { defensePatchCampaign } from "./patch-campaign.ts";
import { defensePatching } from "./patching.ts";
import { defenseRateLimit } from "./rate-limit.ts";
import { defenseReboots } from "./reboots.ts";
import { defenseTarpit } from "./tarpit.ts";

const BUILT_IN: readonly DefensePlugin[] = [
  defensePatching,
  defenseReboots,
  defenseAddressBlacklist,
  defenseContentFilter,
  defenseIngressFilter,
  defenseRateLimit,
  defensePatchCampaign,
  defenseTarpit,
];

const defenses = new Map<string, DefensePlugin>(BUILT_IN.map((d) => [d.type, d]));

/** The built-in defense types. */
export const DEFENSE_TYPES = [
  "patching",
  "reboots",
  "address-blacklist",
  "content-filter",
  "ingress-filter",
  "rate-limit",
  "patch-campaign",
  "tarpit",
] as const;

/** The defense types a scenario lists in `defenses` (patching and reboots are schedules). */
export const SCENARIO_DEFENSE_TYPES = DEFENSE_TYPES.slice(2);

/** The defense type `type` (throws RangeError naming the known types). */
export function defensePlugin(type: string): DefensePlugin {
  const plugin = defenses.get(type);
  if (!plugin) {
    throw new RangeError(
      `unknown defense type "${type}" (known: ${[...defenses.keys()].join(", ")})`,
    );
  }
  return plugin;
}

/** Adds a defense type (a plugin outside the built-ins, or a test's). */
export function registerDefense(plugin: DefensePlugin): void {
  if (defenses.has(plugin.type)) throw new RangeError(`defense type "${plugin.type}" exists`);
  defenses.set(plugin.type, plugin);
}

/** Removes a type added with {@link registerDefense} (built-ins stay). */
export function unregisterDefense(type: string): void {
  if ((DEFENSE_TYPES as readonly string[]).includes(type)) return;
  defenses.delete(type);
}
