/**
 * A deterministic synthetic Apache combined log for tests and benchmarks: ordinary traffic with a
 * share of Code Red v1/v2, Code Red II and Nimda probes. The Code Red tail is passed in (read from the
 * real 2001 lines in test data) so the library itself holds no worm payload.
 */
import { createRng, type Rng } from "../../core/rng.ts";
import { formatIpv4 } from "../bytes.ts";

/** Options for {@link syntheticCombinedLog}. */
export interface SyntheticLogOptions {
  seed: number;
  /** The Code Red tail that follows the N/X run, e.g. taken from a real logged line. */
  codeRedTail: string;
  /** First timestamp, epoch seconds; default 2001-08-01T00:00:00Z. */
  startSeconds?: number;
  /** Mean seconds between lines; default 2. */
  meanGapSeconds?: number;
  /** Share of lines that are worm probes; default 0.03 (of which 60% CRv1/v2, 30% CRII, 10% Nimda). */
  wormShare?: number;
}

const PAGES = [
  "/",
  "/index.html",
  "/images/logo.gif",
  "/css/site.css",
  "/news/2001/08/index.html",
  "/cgi-bin/search.pl?q=weather+report&lang=en",
  "/products/item.php?id=1234&ref=home",
  "/favicon.ico",
  "/robots.txt",
];
/** Benign user agents of 2001 (shared by the simulated logs). */
export const AGENTS = [
  "Mozilla/4.0 (compatible; MSIE 5.5; Windows 98)",
  "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.0)",
  "Mozilla/4.78 [en] (X11; U; Linux 2.4.7-10 i686)",
  "Googlebot/2.1 (+http://www.googlebot.com/bot.html)",
];
const NIMDA = ["/scripts/root.exe?/c+dir", "/scripts/..%255c../winnt/system32/cmd.exe?/c+dir"];
export const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

function clfTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** A generator of log lines; each call to {@link next} returns `count` lines (each ending in LF). */
export class SyntheticCombinedLog {
  private readonly rng: Rng;
  private seconds: number;
  private readonly clients: string[];
  private readonly crHosts: string[];
  private readonly criiHosts: string[];
  private readonly crLine: string;
  private readonly criiLine: string;
  /** Lines emitted so far by kind, to check an analyser against. */
  readonly emitted = { crv1v2: 0, crii: 0, nimda: 0, other: 0 };

  constructor(private readonly options: SyntheticLogOptions) {
    this.rng = createRng(options.seed).fork("synthetic-combined-log");
    this.seconds = options.startSeconds ?? 996624000;
    const pool = (n: number): string[] =>
      Array.from({ length: n }, () => formatIpv4(this.rng.nextUint32()));
    this.clients = pool(20000);
    this.crHosts = pool(4000);
    this.criiHosts = pool(1500);
    this.crLine = `/default.ida?${"N".repeat(224)}${options.codeRedTail}`;
    this.criiLine = `/default.ida?${"X".repeat(224)}${options.codeRedTail}`;
  }

  /** The next `count` lines as one string. */
  next(count: number): string {
    const rng = this.rng;
    const wormShare = this.options.wormShare ?? 0.03;
    const gap = 2 * (this.options.meanGapSeconds ?? 2);
    const parts: string[] = [];
    for (let k = 0; k < count; k++) {
      this.seconds += Math.floor(rng.next() * (gap + 1));
      const time = clfTime(this.seconds);
      const u = rng.next();
      if (u < wormShare) {
        const kind = u / wormShare;
        if (kind < 0.6 || kind >= 0.9) {
          const crv = kind < 0.6;
          const host = crv ? this.crHosts[rng.int(4000)] : this.clients[rng.int(20000)];
          const target = crv ? this.crLine : NIMDA[rng.int(NIMDA.length)];
          this.emitted[crv ? "crv1v2" : "nimda"]++;
          parts.push(
            `${host} - - [${time}] "GET ${target} HTTP/1.0" 404 ${crv ? 326 : 285} "-" "-"\n`,
          );
        } else {
          const host = this.criiHosts[rng.int(1500)];
          this.emitted.crii++;
          parts.push(`${host} - - [${time}] "GET ${this.criiLine} HTTP/1.0" 404 326 "-" "-"\n`);
        }
      } else {
        this.emitted.other++;
        const host = this.clients[rng.int(20000)];
        const page = PAGES[rng.int(PAGES.length)];
        const agent = AGENTS[rng.int(AGENTS.length)];
        const bytes = 200 + rng.int(40000);
        parts.push(
          `${host} - - [${time}] "GET ${page} HTTP/1.1" 200 ${bytes} "http://example.com/" "${agent}"\n`,
        );
      }
    }
    return parts.join("");
  }
}
