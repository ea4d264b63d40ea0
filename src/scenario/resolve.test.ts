import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { scenarioHash } from "./hash.ts";
import { PRESETS } from "./presets.ts";
import { OBSERVER_NAME_RULE } from "./schema.ts";
import { parseScenario, presetByName, resolveScenario, SERVER_MAX_BLOCK_BITS } from "./resolve.ts";
import { LOAD16_MAX_BLOCKS } from "../sim/engine-input.ts";

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

describe("issue 15: scenario resolution refuses what the engine cannot run", () => {
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(UserInputError);
      return (error as Error).message;
    }
    throw new Error("expected a UserInputError");
  };

  it("reports an unknown preset for names of Object.prototype members", () => {
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(message(() => presetByName(name))).toMatch(`unknown preset "${name}"`);
      expect(message(() => resolveScenario({ extends: name }, {}, "s.json"))).toMatch(
        `unknown preset "${name}"`,
      );
    }
  });

  it("refuses two observers of the same name in one file, naming the second", () => {
    const file = parseScenario(
      {
        observers: [
          { type: "telescope", name: "a", block: "44.0.0.0/8" },
          { type: "telescope", name: "a", block: "45.0.0.0/8" },
        ],
      },
      "s.json",
    );
    expect(message(() => resolveScenario(file, {}, "s.json"))).toBe(
      's.json: observers[1].name: "a" is already the name of observers[0] (observer names must be unique)',
    );
  });

  it("still lets a file observer replace a preset's observer of the same name", () => {
    const s = resolveScenario(
      { observers: [{ type: "telescope", name: "telescope", block: "45.0.0.0/8" }] },
      {},
      "s.json",
    );
    expect(s.observers.filter((o) => o.name === "telescope")).toEqual([
      { type: "telescope", name: "telescope", block: "45.0.0.0/8" },
    ]);
  });

  it("refuses a load16 observer over more than LOAD16_MAX_BLOCKS /16s, or smaller than a /16", () => {
    const load16 = (block: string) =>
      resolveScenario({ observers: [{ type: "load16", name: "all", block }] }, {}, "s.json");
    expect(message(() => load16("0.0.0.0/0"))).toBe(
      `s.json: observers[1].block: load16 observer "all": at most ${LOAD16_MAX_BLOCKS} /16s (a /4 or smaller), got 0.0.0.0/0`,
    );
    expect(() => load16("128.0.0.0/4")).not.toThrow();
    expect(message(() => load16("130.107.1.0/24"))).toMatch(
      'observers[1].block: load16 observer "all": block must be a /16 or larger',
    );
  });

  it(`refuses a server observer larger than a /${SERVER_MAX_BLOCK_BITS}`, () => {
    const server = (block: string) =>
      resolveScenario({ observers: [{ type: "server", name: "www", block }] }, {}, "s.json");
    expect(message(() => server("10.0.0.0/8"))).toBe(
      's.json: observers[1].block: server observer "www": at most a /16 (one address or a site), got 10.0.0.0/8; use a telescope observer for larger blocks',
    );
    expect(() => server("130.107.0.0/16")).not.toThrow();
    expect(() => server("130.107.1.10")).not.toThrow();
  });

  it("accepts every preset's observers as they are", () => {
    for (const name of Object.keys(PRESETS)) {
      expect(() => resolveScenario({ extends: name }, {}, name)).not.toThrow();
    }
  });

  it("refuses observer names that would break a CSV header or a terminal", () => {
    for (const name of ["a,b", 'a"b', "a\nb", "=cmd", "+1", "-x", "@x", "a\u001b[31m", "a b"]) {
      const raw = { observers: [{ type: "telescope", name, block: "44.0.0.0/8" }] };
      expect(
        message(() => parseScenario(raw, "s.json")),
        JSON.stringify(name),
      ).toMatch("s.json: observers[0].name: observer names use only letters, digits");
    }
    const inCode = () =>
      resolveScenario(
        { observers: [{ type: "telescope", name: "=HYPERLINK(1)", block: "45.0.0.0/8" }] },
        {},
        "s.json",
      );
    expect(message(inCode)).toBe(
      `s.json: observers[1].name: ${OBSERVER_NAME_RULE}, got "=HYPERLINK(1)"`,
    );
    for (const name of ["telescope", "load-24", "early-in-list", "site.1", "A_b"]) {
      const raw = { observers: [{ type: "telescope", name, block: "44.0.0.0/8" }] };
      expect(() => parseScenario(raw, "s.json")).not.toThrow();
    }
  });
});
