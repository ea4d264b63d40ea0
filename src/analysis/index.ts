/**
 * wormscope's detection library: find Code Red (and Nimda) in web logs and packet captures, and
 * estimate the outbreak behind them. Browser-safe: bytes in, plain data out. See docs/detect.md.
 */
export { CLASS, CLASS_NAMES, PARTIAL_BIT, type ClassName, type Verdict } from "./classes.ts";
export { classifyRequest } from "./detect/classify.ts";
export { classifyRequestField } from "./logs/parse-access.ts";
export { InputReader } from "./input-reader.ts";
export { Tally } from "./tally/tally.ts";
export { FileTally } from "./tally/file-tally.ts";
export { summarize, type AnalyzeSummary, type FileSummary } from "./report/summary.ts";
export { sourcesCsv, hourlyCsv } from "./report/csv.ts";
export { estimateOutbreak, type OutbreakEstimate } from "./estimate/estimate-from-tally.ts";
export { poissonInterval } from "./estimate/poisson-interval.ts";
export { SyntheticCombinedLog } from "./synthetic/combined-log.ts";
