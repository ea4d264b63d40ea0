/**
 * The analysis worker: reads dropped files (web logs, error logs, pcap/pcapng; .gz through the
 * browser's own DecompressionStream) with the browser-safe analysis core, exactly as `wormscope
 * analyze` does, and answers with its report. The files never leave this browser.
 */
import { InputReader } from "../../src/analysis/input-reader.ts";
import { summarize, type AnalyzeSummary } from "../../src/analysis/report/summary.ts";
import { Tally } from "../../src/analysis/tally/tally.ts";

export interface AnalyzeRequest {
  readonly type: "analyze";
  readonly id: number;
  readonly files: readonly File[];
}

export type AnalyzeReply =
  | {
      readonly type: "progress";
      readonly id: number;
      readonly bytes: number;
      readonly total: number;
    }
  | {
      readonly type: "report";
      readonly id: number;
      readonly report: AnalyzeSummary;
      readonly ms: number;
    }
  | { readonly type: "error"; readonly id: number; readonly message: string };

const post = (reply: AnalyzeReply) => (self as unknown as Worker).postMessage(reply);

/** Whether the file starts with gzip's magic bytes. */
async function isGzip(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

async function analyze(request: AnalyzeRequest): Promise<void> {
  const t0 = performance.now();
  const tally = new Tally();
  const total = request.files.reduce((a, f) => a + f.size, 0);
  let bytes = 0;
  let lastPost = 0;
  for (const file of request.files) {
    const reader = new InputReader(tally, tally.openFile(file.name));
    const raw = file.stream();
    // Progress counts the file's own (compressed) bytes.
    const counted = raw.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          bytes += chunk.length;
          controller.enqueue(chunk);
        },
      }),
    );
    const stream = (await isGzip(file))
      ? counted.pipeThrough(
          new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
        )
      : counted;
    const it = stream.getReader();
    for (;;) {
      const { done, value } = await it.read();
      if (done) break;
      reader.push(value);
      const now = performance.now();
      if (now - lastPost > 100) {
        lastPost = now;
        post({ type: "progress", id: request.id, bytes, total });
      }
    }
    reader.end();
  }
  post({ type: "report", id: request.id, report: summarize(tally), ms: performance.now() - t0 });
}

self.onmessage = (event: MessageEvent<AnalyzeRequest>) => {
  const request = event.data;
  analyze(request).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    post({ type: "error", id: request.id, message: `cannot read the file: ${message}` });
  });
};
