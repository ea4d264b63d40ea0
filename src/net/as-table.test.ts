import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { topAsComponents } from "./as-model.ts";
import { parseAsTable } from "./as-table.ts";

const p16 = (a: number, b: number): number => a * 256 + b;

const TABLE = [
  "# origin ASes and their rank, RouteViews style",
  "prefix,as,rank",
  "12.0.0.0/8,7018,1",
  "12.1.0.0/17,AS701,2", // 12.1: a tie, 32,768 addresses each: the lower AS number wins
  "12.2.0.0/17,701,2",
  "12.2.128.0/18,701,2", // 12.2: 701 holds 49,152 of 65,536
  "12.3.0.0/17,1239,3",
  "12.3.0.0/18,7018,1", // carved out of 1239's /17: 12.3 is 7018's (49,152)
  "130.0.0.0/15 3 5",
  "130.1.0.0/16\t4\t4  # the longer prefix wins the whole /16",
  "200.1.0.0/24, 65000, 9", // the only covered addresses of 200.1
  "12.0.0.0/8,7018,1", // a repeat for the same AS is fine
  "",
].join("\n");

describe("parseAsTable on good rows", () => {
  const topo = parseAsTable(TABLE, "as-table.csv");
  const asNumber = [7018, 701, 1239, 3, 4, 65000]; // AS indices follow first appearance
  const asAt = (a: number, b: number): number | null => {
    const as = topo.asOf16[p16(a, b)];
    return as < 0 ? null : asNumber[as];
  };

  it("maps each /16 to the AS covering most of it by longest-prefix match", () => {
    expect(topo.count).toBe(6);
    expect(topo.source).toBe("file:as-table.csv");
    expect(asAt(12, 0)).toBe(7018);
    expect(asAt(12, 1)).toBe(701);
    expect(asAt(12, 2)).toBe(701);
    expect(asAt(12, 3)).toBe(7018);
    expect(asAt(12, 255)).toBe(7018);
    expect(asAt(130, 0)).toBe(3);
    expect(asAt(130, 1)).toBe(4);
    expect(asAt(200, 1)).toBe(65000);
    expect(asAt(200, 2)).toBeNull();
    expect(asAt(11, 0)).toBeNull();
    let assigned = 0;
    for (const as of topo.asOf16) if (as >= 0) assigned++;
    expect(assigned).toBe(256 + 2 + 1);
  });

  it("renumbers the ranks 1..count in the file's order", () => {
    expect(Array.from(topo.rank)).toEqual([1, 2, 3, 5, 4, 6]);
  });

  it("breaks rank ties by more /16s, then the lower AS number", () => {
    const tied = parseAsTable("1.0.0.0/16,9,1\n2.0.0.0/15,8,1\n3.0.0.0/16,7,1\n", "t");
    expect(Array.from(tied.rank)).toEqual([3, 1, 2]);
  });

  it("derives a deterministic tree: clique of the best ranks, providers ranked better", () => {
    const small = parseAsTable(TABLE, "as-table.csv", { cliqueSize: 2 });
    expect(parseAsTable(TABLE, "as-table.csv", { cliqueSize: 2 }).provider).toEqual(small.provider);
    for (let as = 0; as < small.count; as++) {
      const p = small.provider[as];
      if (small.rank[as] <= 2) expect(p).toBe(-1);
      else expect(small.rank[p]).toBeLessThan(small.rank[as]);
    }
    // At the default clique size (10) all six ASes form the clique.
    expect(Array.from(topo.provider)).toEqual([-1, -1, -1, -1, -1, -1]);
    // The components work on it: top 1 (7018) cuts 12/8 from every other AS.
    const comp = topAsComponents(small, 1);
    expect(comp[p16(12, 0)]).not.toBe(comp[p16(12, 1)]);
    expect(comp[p16(12, 0)]).toBe(comp[p16(12, 3)]);
  });
});

describe("parseAsTable on bad rows", () => {
  it("names the file, the line and the field", () => {
    const text = ["# a", "# b", "prefix,as,rank", "", "12.0.0.0/8,7018,1", "# c", "13.0.0.0/8,1,x"];
    expect(() => parseAsTable(text.join("\n"), "as-table.csv")).toThrow(
      new UserInputError('as-table.csv line 7: rank must be an integer >= 1, got "x"'),
    );
  });

  const cases: [string, RegExp][] = [
    ["12.0.0.0/8,7018", /^t line 2: expected 3 fields \(prefix,as,rank\), got 2/],
    ["12.0.0.0/8,7018,1,9", /^t line 2: expected 3 fields/],
    ["12.0.0.1/8,7018,1", /^t line 2: prefix must be a CIDR block .*did you mean 12\.0\.0\.0\/8/],
    ["12.0.0.0/33,7018,1", /^t line 2: prefix must be a CIDR block/],
    ["twelve,7018,1", /^t line 2: prefix must be a CIDR block/],
    ["12.0.0.0/8,x7018,1", /^t line 2: as must be an AS number .* got "x7018"$/],
    ["12.0.0.0/8,4294967296,1", /^t line 2: as must be an AS number/],
    ["12.0.0.0/8,-1,1", /^t line 2: as must be an AS number/],
    ["12.0.0.0/8,7018,0", /^t line 2: rank must be an integer >= 1, got "0"$/],
    ["12.0.0.0/8,7018,1.5", /^t line 2: rank must be an integer >= 1, got "1.5"$/],
    [
      "13.0.0.0/8,1,1\n12.0.0.0/8,1,2",
      /^t line 3: rank 2 differs from rank 1 given to AS 1 on line 2$/,
    ],
    [
      "1.0.0.0/8,1,1",
      /^t line 2: prefix 1\.0\.0\.0\/8 is already given to AS 5 on line 1 \(one origin AS per prefix: keep one row\)$/,
    ],
  ];
  it.each(cases)("rejects %j", (row, message) => {
    const text = row.startsWith("1.0.0.0/8") ? `1.0.0.0/8,5,1\n${row}` : `prefix,as,rank\n${row}`;
    const run = (): unknown => parseAsTable(text, "t");
    expect(run).toThrow(UserInputError);
    expect(run).toThrow(message);
  });

  it("rejects a file without rows", () => {
    expect(() => parseAsTable("# nothing\nprefix,as,rank\n\n", "empty.csv")).toThrow(
      /^empty\.csv: no rows/,
    );
  });

  it("throws only UserInputError on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseAsTable(text, "fuzz");
        } catch (e) {
          if (!(e instanceof UserInputError)) throw e;
        }
      }),
    );
  });
});
