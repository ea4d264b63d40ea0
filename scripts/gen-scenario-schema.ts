/** Writes docs/scenario.schema.json from the zod schema, formatted as the repo's prettier does (run: npm run schema). */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { scenarioJsonSchema } from "../src/scenario/schema.ts";

const path = fileURLToPath(new URL("../docs/scenario.schema.json", import.meta.url));
const options = (await prettier.resolveConfig(path)) ?? {};
const text = await prettier.format(JSON.stringify(scenarioJsonSchema()), {
  ...options,
  filepath: path,
});
writeFileSync(path, text);
console.log(`wrote ${path}`);
