import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { summarize } from "../analysis/report/summary.ts";
import { SyntheticCombinedLog } from "../analysis/synthetic/combined-log.ts";
import { UserInputError } from "../core/errors.ts";
import { realCodeRedTail, realLog, tempDir } from "../../test/support/analyze-test-helpers.ts";
import { analyzeFiles } from "./analyze-parallel.ts";
import { errorFromWorker, errorMessage } from "./analyze-messages.ts";

describe("analyzeFiles", () => {
  it("gives the same summary with 1 and 2 jobs, and reports each file's progress to its end", async () => {
    const dir = tempDir();
    const big = join(dir, "big.log");
    writeFileSync(
      big,
      new SyntheticCombinedLog({ seed: 3, codeRedTail: realCodeRedTail() }).next(20_000),
    );
    const paths = [big, realLog("codered-2001-lines.log"), realLog("twiki-2004-access.log")];
    const seen = new Map<number, { bytes: number; done: number }>();
    const one = summarize(await analyzeFiles(paths, { jobs: 1 }));
    const two = summarize(
      await analyzeFiles(paths, {
        jobs: 2,
        onProgress(index, bytes, done) {
          const s = seen.get(index) ?? { bytes: 0, done: 0 };
          expect(bytes).toBeGreaterThanOrEqual(s.bytes);
          seen.set(index, { bytes, done: s.done + (done ? 1 : 0) });
        },
      }),
    );
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect([...seen.keys()].sort()).toEqual([0, 1, 2]);
    for (const s of seen.values()) expect(s.done).toBe(1);
  });

  it("rejects a missing file before reading, as a UserInputError (exit 2)", async () => {
    const run = analyzeFiles([realLog("twiki-2004-access.log"), "/nonexistent/x.log"], { jobs: 2 });
    await expect(run).rejects.toBeInstanceOf(UserInputError);
    await expect(run).rejects.toThrow("cannot read /nonexistent/x.log");
  });
});

describe("worker errors", () => {
  it("cross the thread boundary with their message and exit code, without a stack", () => {
    const user = errorFromWorker(structuredClone(errorMessage(new UserInputError("bad file", 2))));
    expect(user).toBeInstanceOf(UserInputError);
    expect(user).toMatchObject({ message: "bad file", exitCode: 2 });
    const output = errorFromWorker(errorMessage(new UserInputError("cannot write x", 73)));
    expect(output).toMatchObject({ exitCode: 73 });
    const other = errorFromWorker(structuredClone(errorMessage(new TypeError("boom"))));
    expect(other).not.toBeInstanceOf(UserInputError);
    expect(other.message).toBe("boom");
    expect(errorMessage("text")).toEqual({ message: "text" });
  });
});
