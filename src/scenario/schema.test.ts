import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "./schema.ts";

describe("published scenario schema", () => {
  it("docs/scenario.schema.json matches the zod schema (run npm run schema after changing it)", () => {
    const published = readFileSync(
      new URL("../../docs/scenario.schema.json", import.meta.url),
      "utf8",
    );
    expect(JSON.parse(published)).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });
});
