import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { scenarioHash } from "./hash.ts";
import { parseScenario, resolveScenario } from "./resolve.ts";

describe("scenario files", () => {
  it("resolves the default preset with every default filled in", () => {
    const s = resolveScenario({ extends: "jul19-2001" });
    expect(s.preset).toBe("jul19-2001");
    expect(s.start).toBe("2001-07-19T10:00:00Z");
    expect(s.until).toBe("2001-07-20T00:00:00Z");
    expect(s.worms).toHaveLength(1);
    expect(s.worms[0].definition.variant).toBe("crv2");
    expect(s.observers.map((o) => ("block" in o ? o.block : null))).toEqual(["44.0.0.0/8"]);
  });

  it("extends a preset: overrides a worm by variant, adds an observer, keeps the rest", () => {
    const file = parseScenario(
      {
        extends: "jul19-2001",
        seed: 3,
        worms: [{ variant: "crv2", probesPerSecond: 10 }],
        observers: [{ type: "telescope", name: "site", block: "130.107.0.0/16" }],
      },
      "x.json",
    );
    const s = resolveScenario(file);
    expect(s.seed).toBe(3);
    expect(s.worms[0].definition.probesPerSecond).toBe(10);
    expect(s.worms[0].initialInfected).toBe(1);
    expect(s.observers.map((o) => o.name)).toEqual(["telescope", "site"]);
  });

  it("names the bad field and its path", () => {
    const bad = () =>
      parseScenario(
        { extends: "jul19-2001", worms: [{ variant: "crv2", probesPerSecond: -1 }] },
        "s.json",
      );
    expect(bad).toThrow(UserInputError);
    expect(bad).toThrow(/s\.json: worms\[0\]\.probesPerSecond: /);
    expect(() => parseScenario({ sede: 1 }, "s.json")).toThrow(/s\.json: .*sede/);
    expect(() =>
      parseScenario(
        { observers: [{ type: "telescope", name: "x", block: "1.2.3.4/8" }] },
        "s.json",
      ),
    ).toThrow(/observers\[0\]\.block/);
    expect(() => resolveScenario({ extends: "nope" })).toThrow(/unknown preset "nope"/);
    expect(() => resolveScenario({ extends: "jul19-2001", until: "2001-07-01T00:00:00Z" })).toThrow(
      /until: must be after start/,
    );
  });

  it("hashes the resolved scenario stably and sensitively", () => {
    const a = resolveScenario({ extends: "jul19-2001" });
    const b = resolveScenario({ extends: "jul19-2001", seed: 1 });
    const c = resolveScenario({ extends: "jul19-2001", seed: 2 });
    expect(scenarioHash(a)).toBe(scenarioHash(b));
    expect(scenarioHash(a)).not.toBe(scenarioHash(c));
    expect(scenarioHash(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("sets a static-seed worm's threading and seed, and refuses them on other worms", () => {
    const base = resolveScenario({ extends: "jul12-2001" });
    const perThread = resolveScenario({
      extends: "jul12-2001",
      worms: [{ variant: "crv1", threadSequences: "per-thread", sequenceSeed: 7 }],
    });
    const scanOf = (s: typeof base) => s.worms[0].definition.scan;
    expect(scanOf(base)).toMatchObject({ kind: "static-seed", threadSequences: "shared" });
    expect(scanOf(perThread)).toMatchObject({
      kind: "static-seed",
      threadSequences: "per-thread",
      sequenceSeed: 7,
    });
    expect(scenarioHash(perThread)).not.toBe(scenarioHash(base));
    expect(() =>
      resolveScenario({
        extends: "jul19-2001",
        worms: [{ variant: "crv2", threadSequences: "per-thread" }],
      }),
    ).toThrow(/worms\[0\]\.threadSequences: only a static-seed worm \(crv1\)/);
    expect(() =>
      parseScenario(
        { extends: "jul12-2001", worms: [{ variant: "crv1", threadSequences: "each" }] },
        "s.json",
      ),
    ).toThrow(/s\.json: worms\[0\]\.threadSequences/);
  });

  it("refuses a sequence observer when no worm walks a static-seed list", () => {
    expect(() =>
      resolveScenario({
        extends: "jul19-2001",
        observers: [{ type: "sequence", name: "early", position: 5 }],
      }),
    ).toThrow(/observers\[1\]: a sequence observer \("early"\).*no worm here does/);
    expect(() =>
      resolveScenario({
        extends: "jul12-2001",
        observers: [{ type: "sequence", name: "later", position: 5_000_000 }],
      }),
    ).not.toThrow();
  });
});
