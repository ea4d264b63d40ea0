/**
 * wormscope: simulate, observe and detect Internet worm outbreaks (Code Red, Code Red II).
 * This entry point is browser-safe: nothing below it imports a `node:` module. Node-only helpers
 * (files, PNG, worker threads) are in `wormscope/node`.
 */
export { createRng, type Rng } from "./core/rng.ts";
export { createSamplers, type Samplers } from "./core/samplers.ts";
export { UserInputError } from "./core/errors.ts";
export { VERSION } from "./version.ts";
export * from "./net/index.ts";
export * from "./worms/index.ts";
export {
  scanUniform,
  scanLocalPreference,
  targetProbability,
  nextTarget,
  type ScanStrategy,
} from "./scan/strategy.ts";
export { addressSpace, IPV4_SPACE, type AddressSpace } from "./scan/address-space.ts";
export {
  runFastEngine,
  FastSimulation,
  type FastSnapshot,
  type RunOptions,
} from "./sim/fast-engine.ts";
export { runReferenceEngine } from "./sim/reference/reference-engine.ts";
export { scalePopulation, scaleEngineInput } from "./sim/reference/scale.ts";
export type { EngineInput, EngineWorm, EngineObserver, RateStep } from "./sim/engine-input.ts";
export type { EngineResult, ObserverResult } from "./sim/engine-result.ts";
export { ScenarioSchema, scenarioJsonSchema, type ScenarioFile } from "./scenario/schema.ts";
export { PRESETS, DEFAULT_PRESET } from "./scenario/presets.ts";
export {
  parseScenario,
  resolveScenario,
  presetByName,
  type ResolvedScenario,
} from "./scenario/resolve.ts";
export { toEngineInput } from "./scenario/engine-input.ts";
export {
  runSimulation,
  runSimulationWith,
  buildModelPopulation,
  EngineRefusedError,
  type EngineName,
  type SimulationOptions,
  type EngineSimulationOptions,
  type SimulationOutput,
} from "./scenario/run.ts";
export {
  createSimulation,
  type Simulation,
  type SimulationSnapshot,
} from "./scenario/simulation.ts";
export type { DefendedView } from "./sim/fast-engine.ts";
export {
  OBSERVERS,
  BLOCK_OBSERVER_TYPES,
  observerPlugin,
  registerObserver,
  unregisterObserver,
  type ObserverType,
} from "./observers/registry.ts";
export {
  DEFENSE_TYPES,
  defensePlugin,
  registerDefense,
  unregisterDefense,
} from "./defenses/registry.ts";
export type { ObserverPlugin, Observer, ObserverSpec, ObserverHooks } from "./plugin/observer.ts";
export type {
  DefensePlugin,
  Defense,
  DefenseSpec,
  FilterContext,
  ProbeFilter,
  RateCap,
  Tarpit,
} from "./plugin/defense.ts";
export { deploymentComponents, Components, type DeploymentSpec } from "./defenses/deployment.ts";
export {
  buildAsModel,
  topAsComponents,
  customerComponents,
  pathShareTransitingTopN,
  type AsTopology,
  type AsModelOptions,
} from "./net/as-model.ts";
export { parseAsTable } from "./net/as-table.ts";
export { compareDefenses, withoutDefenses, withDefenseAlone } from "./scenario/compare.ts";
export { compareChartSvg } from "./report/compare-chart.ts";
export type { Process } from "./plugin/process.ts";
export type { EngineView, EngineControl, WormView } from "./plugin/engine-view.ts";
export {
  SUSCEPTIBLE,
  INFECTED,
  PATCHED,
  BACKDOORED,
  HOST_STATE_NAMES,
} from "./plugin/host-states.ts";
export { scenarioHash } from "./scenario/hash.ts";
export { buildSummary, type Summary, type SummaryScenario } from "./report/summary.ts";
export { timeseriesCsv, provenanceLine, type CsvProvenance } from "./report/timeseries-csv.ts";
export {
  outbreakChartSvg,
  PUBLISHED_POINTS,
  PUBLISHED_PEAK_PER_MINUTE,
} from "./report/outbreak-chart.ts";
export { lineChartSvg } from "./report/line-chart.ts";
