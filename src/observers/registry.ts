/**
 * The observer registry: every observer type by name. The scenario schema's observer types, the
 * engine's construction of observers and the summaries are all derived from it; a test may add a
 * type with {@link registerObserver}. The `series` recorder is always on and is not listed.
 */
import type { ObserverPlugin } from "../plugin/observer.ts";
import { observerServer, observerTelescope } from "./block.ts";
import { observerLoad16 } from "./load16.ts";
import { observerSequence } from "./sequence.ts";

/** The built-in observer types, by name. */
export const OBSERVERS = {
  telescope: observerTelescope,
  server: observerServer,
  load16: observerLoad16,
  sequence: observerSequence,
} as const;

/** A built-in observer type. */
export type ObserverType = keyof typeof OBSERVERS;

/** Built-in observer types that watch an address block (the others take other options). */
export const BLOCK_OBSERVER_TYPES = [
  "telescope",
  "server",
  "load16",
] as const satisfies readonly ObserverType[];

/** The result a built-in observer type produces. */
export type ObserverOutputOf<T extends ObserverType> =
  (typeof OBSERVERS)[T] extends ObserverPlugin<infer R> ? R : never;

const extra = new Map<string, ObserverPlugin<unknown>>();

/** The observer type `type` (throws RangeError naming the known types). */
export function observerPlugin(type: string): ObserverPlugin<unknown> {
  const plugin = (OBSERVERS as Record<string, ObserverPlugin<unknown>>)[type] ?? extra.get(type);
  if (!plugin) {
    const known = [...Object.keys(OBSERVERS), ...extra.keys()].join(", ");
    throw new RangeError(`unknown observer type "${type}" (known: ${known})`);
  }
  return plugin;
}

/** Adds an observer type (a plugin outside the built-ins, or a test's). */
export function registerObserver(plugin: ObserverPlugin<unknown>): void {
  if (plugin.type in OBSERVERS || extra.has(plugin.type)) {
    throw new RangeError(`observer type "${plugin.type}" exists`);
  }
  extra.set(plugin.type, plugin);
}

/** Removes a type added with {@link registerObserver}. */
export function unregisterObserver(type: string): void {
  extra.delete(type);
}
