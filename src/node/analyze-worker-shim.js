// Worker-thread entry of `analyze --jobs`: Node 20 cannot import TypeScript by itself, so register tsx
// in this thread first, then load the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./analyze-worker.ts");
