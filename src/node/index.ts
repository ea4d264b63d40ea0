/** Node-only helpers of wormscope: files and rasterisation. The library proper runs in a browser. */
export { svgToPng } from "./png.ts";
export { writeFileAtomic, writeFilesAtomic } from "./write-file-atomic.ts";
