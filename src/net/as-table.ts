/**
 * A real AS table in place of the AS model: one row per line, `prefix,as,rank` (comma or
 * whitespace separated), for instance a RouteViews table's origin ASes ranked by degree.
 * @see ../../docs/as-model.md
 */
import { UserInputError } from "../core/errors.ts";
import {
  ATTACHMENT_OFFSET,
  TIER1_CLIQUE_SIZE,
  attachProviders,
  type AsTopology,
} from "./as-model.ts";
import { cidrSize, formatCidr, parseCidr, type Cidr } from "./prefix.ts";
import { quoteField } from "./quote-field.ts";

/** Options of {@link parseAsTable}. */
export interface AsTableOptions {
  /** The best-ranked ASes that form the clique of the derived tree. Default {@link TIER1_CLIQUE_SIZE}. */
  readonly cliqueSize?: number;
  /** Attachment offset of the derived tree, > -1. Default {@link ATTACHMENT_OFFSET}. */
  readonly attachmentOffset?: number;
}

/** Inverse golden ratio: the step of the Weyl sequence that stands in for the model's uniform draws. */
const WEYL_STEP = (Math.sqrt(5) - 1) / 2;

interface Row {
  readonly prefix: Cidr;
  readonly as: number;
  readonly line: number;
}

/**
 * Parses an AS table. Lines: `prefix,as,rank` with a CIDR block (`12.0.0.0/8`), an AS number
 * (`7018` or `AS7018`) and a rank (integer >= 1, lower is better connected; one rank per AS);
 * blank lines, `#` comments and a header line (first field `prefix`) are skipped. The same prefix
 * may repeat for the same AS only.
 *
 * Each /16 goes to the AS whose prefixes cover most of its addresses by longest-prefix match (ties:
 * the lower AS number); a /16 none covers gets -1. AS indices follow first appearance in the file;
 * every AS listed counts, even one that wins no /16. Ranks are renumbered 1..count by (file rank,
 * more /16s, lower AS number). The file has no topology, so the provider tree is derived from the
 * ranks by the model's rule made deterministic: ASes placed in rank order, the best `cliqueSize`
 * forming the clique, each later one taking a provider with "probability" proportional to
 * customers + 1 + offset, the t-th choice (t = 1, 2, ...) using frac(t / golden ratio) in place of
 * a uniform draw. Throws a {@link UserInputError} naming the file, the line and the field.
 */
export function parseAsTable(text: string, name: string, options: AsTableOptions = {}): AsTopology {
  const rows: Row[] = [];
  const asIndex = new Map<number, number>();
  const asNumbers: number[] = [];
  const fileRank: number[] = [];
  const rankLine: number[] = [];
  const byPrefix = new Map<string, Row>();
  let sawData = false;
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n|\r/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const body = raw.replace(/#.*$/, "").trim();
    if (body === "") return;
    const fields = body.split(/[\s,]+/);
    const first = !sawData;
    sawData = true;
    if (first && fields[0].toLowerCase() === "prefix") return;
    const fail = (problem: string): never => {
      throw new UserInputError(`${name} line ${line}: ${problem}`);
    };
    if (fields.length !== 3)
      fail(`expected 3 fields (prefix,as,rank), got ${fields.length}: "${quoteField(body)}"`);
    const parsed = parseCidr(fields[0]);
    if (!parsed.ok) return fail(`prefix must be a CIDR block a.b.c.d/bits: ${parsed.error}`);
    const asMatch = /^(?:AS)?(0|[1-9][0-9]{0,9})$/i.exec(fields[1]);
    const as = asMatch ? Number(asMatch[1]) : NaN;
    if (!(as <= 0xffffffff))
      fail(`as must be an AS number 0..4294967295 ("AS" allowed), got "${quoteField(fields[1])}"`);
    const rank = /^[1-9][0-9]{0,14}$/.test(fields[2]) ? Number(fields[2]) : NaN;
    if (!Number.isSafeInteger(rank))
      fail(`rank must be an integer >= 1, got "${quoteField(fields[2])}"`);
    let index = asIndex.get(as);
    if (index === undefined) {
      index = asNumbers.length;
      asIndex.set(as, index);
      asNumbers.push(as);
      fileRank.push(rank);
      rankLine.push(line);
    } else if (fileRank[index] !== rank) {
      fail(
        `rank ${rank} differs from rank ${fileRank[index]} given to AS ${as} on line ${rankLine[index]}`,
      );
    }
    const key = formatCidr(parsed.value);
    const earlier = byPrefix.get(key);
    if (earlier && earlier.as !== index) {
      fail(
        `prefix ${key} is already given to AS ${asNumbers[earlier.as]} on line ${earlier.line} (one origin AS per prefix: keep one row)`,
      );
    }
    if (earlier) return;
    const row = { prefix: parsed.value, as: index, line };
    byPrefix.set(key, row);
    rows.push(row);
  });
  if (rows.length === 0)
    throw new UserInputError(`${name}: no rows (expected "prefix,as,rank" lines)`);
  const count = asNumbers.length;
  const asOf16 = assign16s(rows, asNumbers);
  const spans = new Int32Array(count);
  for (const as of asOf16) if (as >= 0) spans[as]++;
  const byRank = Int32Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => fileRank[a] - fileRank[b] || spans[b] - spans[a] || asNumbers[a] - asNumbers[b],
  );
  const rank = new Int32Array(count);
  byRank.forEach((as, i) => (rank[as] = i + 1));
  const cliqueSize = options.cliqueSize ?? TIER1_CLIQUE_SIZE;
  const offset = options.attachmentOffset ?? ATTACHMENT_OFFSET;
  if (!Number.isInteger(cliqueSize) || cliqueSize < 1)
    throw new UserInputError(`${name}: cliqueSize must be an integer >= 1, got ${cliqueSize}`);
  if (!(offset > -1)) throw new UserInputError(`${name}: attachmentOffset must be > -1`);
  let t = 0;
  const provider = attachProviders(byRank, cliqueSize, offset, () => (++t * WEYL_STEP) % 1);
  return { count, asOf16, rank, provider, source: `file:${name}` };
}

/**
 * The AS of each /16 by longest-prefix-match area. Prefixes of /16 or shorter set a /16's
 * background (the longest one wins); longer ones lie inside one /16 and carve their area out of the
 * prefix that directly contains them (found with a stack over prefixes sorted by base, then length).
 */
function assign16s(rows: readonly Row[], asNumbers: readonly number[]): Int32Array {
  const background = new Int32Array(65536).fill(-1);
  const short = rows
    .filter((r) => r.prefix.bits <= 16)
    .sort((a, b) => a.prefix.bits - b.prefix.bits);
  for (const row of short) {
    const first = row.prefix.base >>> 16;
    const span = 2 ** (16 - row.prefix.bits);
    background.fill(row.as, first, first + span);
  }
  const asOf16 = background.slice();
  const long = rows
    .filter((r) => r.prefix.bits > 16)
    .sort((a, b) => a.prefix.base - b.prefix.base || a.prefix.bits - b.prefix.bits);
  for (let start = 0; start < long.length;) {
    const block16 = long[start].prefix.base >>> 16;
    let end = start;
    while (end < long.length && long[end].prefix.base >>> 16 === block16) end++;
    asOf16[block16] = winner(long.slice(start, end), background[block16], asNumbers);
    start = end;
  }
  return asOf16;
}

/** The AS covering most of one /16, given its more-specific rows (sorted) and its background AS. */
function winner(rows: readonly Row[], background: number, asNumbers: readonly number[]): number {
  const area = new Map<number, number>();
  const add = (as: number, delta: number): void => {
    if (as >= 0) area.set(as, (area.get(as) ?? 0) + delta);
  };
  add(background, 65536);
  const stack: Row[] = [];
  for (const row of rows) {
    const end = row.prefix.base + cidrSize(row.prefix);
    while (stack.length > 0) {
      const top = stack[stack.length - 1].prefix;
      if (row.prefix.base < top.base + cidrSize(top) && end <= top.base + cidrSize(top)) break;
      stack.pop();
    }
    const size = cidrSize(row.prefix);
    add(stack.length > 0 ? stack[stack.length - 1].as : background, -size);
    add(row.as, size);
    stack.push(row);
  }
  let best = -1;
  let bestArea = 0;
  for (const [as, a] of area) {
    if (a > bestArea || (a === bestArea && best >= 0 && a > 0 && asNumbers[as] < asNumbers[best])) {
      best = as;
      bestArea = a;
    }
  }
  return best;
}
