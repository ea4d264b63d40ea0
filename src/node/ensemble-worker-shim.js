// Worker-thread entry of ensembles: Node 20 cannot import TypeScript by itself, so register tsx in
// this thread first, then hand piscina the TypeScript task function.
import { register } from "tsx/esm/api";

register();
const { runEnsembleTask, runSweepTask } = await import("./ensemble-worker.ts");

export { runSweepTask };
export default runEnsembleTask;
