/** Writes docs/scenario.schema.json from the zod schema (run: npm run schema). */
import { writeFileSync } from "node:fs";
import { scenarioJsonSchema } from "../src/scenario/schema.ts";

const path = new URL("../docs/scenario.schema.json", import.meta.url);
writeFileSync(path, JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
console.log(`wrote ${path.pathname}`);
