/**
 * The IANA IPv4 Address Space Registry: who holds each /8 and since when. Parsed from IANA's CSV
 * (`data/iana-ipv4-address-space.csv`); the library itself uses the generated {@link IANA_IPV4_BLOCKS}
 * table and never reads files.
 * @see https://www.iana.org/assignments/ipv4-address-space/ (IANA, IPv4 Address Space Registry)
 * @see ../../data/README.md for the provenance of the copy in this repository
 */
import { parseCsv } from "./csv.ts";

/** Registry status of a /8: handed to an RIR, held since before the RIRs, or kept by IANA. */
export type IanaStatus = "ALLOCATED" | "LEGACY" | "RESERVED";

/** One /8 of the registry. */
export interface IanaBlock {
  /** First octet, 0-255. */
  readonly prefix8: number;
  /** Holder as IANA writes it, e.g. `"APNIC"`, `"Administered by ARIN"`, `"Ford Motor Company"`. */
  readonly designation: string;
  /** Month of the current designation, `"YYYY-MM"`. */
  readonly allocated: string;
  readonly status: IanaStatus;
}

/** The header IANA's CSV starts with. */
export const IANA_CSV_HEADER = [
  "Prefix",
  "Designation",
  "Date",
  "WHOIS",
  "RDAP",
  "Status [1]",
  "Note",
];

const STATUSES: ReadonlySet<string> = new Set(["ALLOCATED", "LEGACY", "RESERVED"]);

/**
 * Parses IANA's registry CSV into its 256 rows, in /8 order. Throws an Error naming the line when the
 * text is not that registry (wrong header, missing or out-of-order /8, bad date or status).
 */
export function parseIanaRegistry(text: string): IanaBlock[] {
  const parsed = parseCsv(text);
  if (parsed.error) throw new Error(`IANA CSV line ${parsed.error.line}: ${parsed.error.message}`);
  const [header, ...rows] = parsed.records.filter((r) => !(r.fields.length === 1 && !r.fields[0]));
  if (!header || header.fields.join(",") !== IANA_CSV_HEADER.join(",")) {
    throw new Error(`IANA CSV: header is not ${IANA_CSV_HEADER.join(",")}`);
  }
  if (rows.length !== 256) throw new Error(`IANA CSV: ${rows.length} rows, expected 256`);
  return rows.map((row, index) => {
    const fail = (what: string): never => {
      throw new Error(`IANA CSV line ${row.line}: ${what}`);
    };
    const [prefix, designation, date, , , status] = row.fields;
    if (row.fields.length !== IANA_CSV_HEADER.length) fail(`${row.fields.length} fields`);
    if (prefix !== `${String(index).padStart(3, "0")}/8`) fail(`prefix "${prefix}" out of order`);
    if (!/^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$/.test(date)) fail(`date "${date}" is not YYYY-MM`);
    if (!STATUSES.has(status)) fail(`status "${status}"`);
    return { prefix8: index, designation, allocated: date, status: status as IanaStatus };
  });
}
