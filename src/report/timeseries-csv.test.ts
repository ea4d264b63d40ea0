import { describe, expect, it } from "vitest";
import type { EngineInput } from "../sim/engine-input.ts";
import type { EngineResult, ObserverResult } from "../sim/engine-result.ts";
import { timeseriesCsv } from "./timeseries-csv.ts";

/** A two-minute, two-variant result built by hand, with observers named as given. */
function handBuilt(variants: string[], observerNames: string[]): EngineResult {
  const W = variants.length;
  const M = 2;
  const observers = observerNames.map(
    (name) =>
      ({
        name,
        probesPerMinute: new Float64Array(W * M).fill(1),
        firstSeenSeconds: new Float64Array([5, -1]),
      }) as unknown as ObserverResult,
  );
  return {
    input: { startMs: Date.UTC(2001, 6, 19, 10) } as EngineInput,
    minutes: M,
    wormVariants: variants,
    newInfections: new Uint32Array(W * M),
    probes: new Float64Array(W * M),
    floodPackets: new Float64Array(W * M),
    infectedAtEnd: new Uint32Array(W * M),
    everAtEnd: new Uint32Array(M),
    observers,
  } as unknown as EngineResult;
}

const provenance = { version: "0.1.0", seed: 1, scenarioHash: "0123456789abcdef" };

describe("timeseriesCsv escaping", () => {
  it("quotes and defuses unsafe observer and variant names in the header", () => {
    const csv = timeseriesCsv(
      handBuilt(["a,b", "=cmd"], ["x,y", 'q"t', "line\nbreak", "=HYPERLINK(1)"]),
      provenance,
    );
    const header = csv.split("\n")[1];
    expect(header).toBe(
      [
        "time,infected,infectedEver,newInfections,probes",
        '"infected_a,b","new_a,b","probes_a,b",infected_=cmd,new_=cmd,probes_=cmd',
        '"x,y_probes","x,y_uniqueSourcesSoFar"',
        '"q""t_probes","q""t_uniqueSourcesSoFar"',
        '"line',
      ].join(","),
    );
    expect(csv).toContain('"line\nbreak_probes","line\nbreak_uniqueSourcesSoFar"');
    expect(csv).toContain(`'=HYPERLINK(1)_probes,'=HYPERLINK(1)_uniqueSourcesSoFar\n`);
  });

  it("leaves safe names and numbers as they were", () => {
    const csv = timeseriesCsv(handBuilt(["cr1"], ["tel-1"]), provenance);
    expect(csv).toBe(
      [
        "# wormscope 0.1.0 seed 1 scenario 0123456789abcdef",
        "time,infected,infectedEver,newInfections,probes,tel-1_probes,tel-1_uniqueSourcesSoFar",
        "2001-07-19T10:00:00Z,0,0,0,0,1,1",
        "2001-07-19T10:01:00Z,0,0,0,0,1,1",
        "",
      ].join("\n"),
    );
  });
});
