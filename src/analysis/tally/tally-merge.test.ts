import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { summarize } from "../report/summary.ts";
import { sourcesCsv } from "../report/csv.ts";
import { InputReader } from "../input-reader.ts";
import { SyntheticCombinedLog } from "../synthetic/combined-log.ts";
import { realCodeRedTail, realLog } from "../../../test/support/analyze-test-helpers.ts";
import { Tally } from "./tally.ts";
import { mergeTallies, snapshotTally } from "./tally-merge.ts";

function read(tally: Tally, name: string, bytes: Uint8Array): void {
  const reader = new InputReader(tally, tally.openFile(name));
  // one reused buffer: the readers must copy what they keep
  const buffer = new Uint8Array(4096);
  for (let at = 0; at < bytes.length; at += buffer.length) {
    const part = bytes.subarray(at, at + buffer.length);
    buffer.set(part);
    reader.push(buffer.subarray(0, part.length));
    buffer.fill(0x41);
  }
  reader.end();
}

describe("mergeTallies", () => {
  const tail = realCodeRedTail();
  const inputs: Array<[string, Uint8Array]> = [
    [
      "a",
      Buffer.from(new SyntheticCombinedLog({ seed: 1, codeRedTail: tail }).next(3000), "latin1"),
    ],
    ["real", readFileSync(realLog("codered-2001-lines.log"))],
    [
      "b",
      Buffer.from(new SyntheticCombinedLog({ seed: 1, codeRedTail: tail }).next(2000), "latin1"),
    ],
    ["error", readFileSync(realLog("apache-error-2001.log"))],
    ["twiki", readFileSync(realLog("twiki-2004-access.log"))],
  ];

  it("gives the tally of one sequential read: same summary, same source order", () => {
    const sequential = new Tally();
    for (const [name, bytes] of inputs) read(sequential, name, bytes);
    const parts = inputs.map(([name, bytes]) => {
      const t = new Tally();
      read(t, name, bytes);
      // through a structured clone, as from a worker thread
      return structuredClone(snapshotTally(t));
    });
    const merged = mergeTallies(parts);
    expect(JSON.stringify(summarize(merged))).toBe(JSON.stringify(summarize(sequential)));
    expect(sourcesCsv(merged)).toBe(sourcesCsv(sequential));
    expect([...merged.hourly.keys()]).toEqual([...sequential.hourly.keys()]);
    expect(merged.sources.keys).toEqual(sequential.sources.keys);
    expect(sequential.firstScanSeconds.size).toBeGreaterThan(0);
    expect([...merged.firstScanSeconds]).toEqual([...sequential.firstScanSeconds]);
    expect(merged.lastScanSeconds).toBe(sequential.lastScanSeconds);
  });

  it("reads the same through a reused buffer as through fresh chunks", () => {
    for (const [name, bytes] of inputs) {
      const fresh = new Tally();
      const reader = new InputReader(fresh, fresh.openFile(name));
      reader.push(bytes.slice());
      reader.end();
      const reused = new Tally();
      read(reused, name, bytes);
      expect(JSON.stringify(summarize(reused))).toBe(JSON.stringify(summarize(fresh)));
    }
  });
});
