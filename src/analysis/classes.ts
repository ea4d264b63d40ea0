/**
 * The request classes the detector assigns, in a fixed order so counts can live in typed arrays.
 *
 * - `crv1v2`: Code Red v1 or v2, `/default.ida?` followed by a run of `N`.
 * - `crii`: Code Red II, `/default.ida?` followed by a run of `X`.
 * - `codeRedUnknown`: a `/default.ida` hit whose query the log does not show (Apache error logs), so the
 *   variant cannot be told.
 * - `idaOther`: any other `.ida` / `.idq` request, e.g. `/NULL.IDA?CCCC` (a hard negative).
 * - `nimda`: `root.exe`, `cmd.exe` and the encoded `..` traversals of Nimda and its relatives.
 * - `other`: everything else.
 */
export const CLASS_NAMES = [
  "crv1v2",
  "crii",
  "codeRedUnknown",
  "idaOther",
  "nimda",
  "other",
] as const;

/** A class name. */
export type ClassName = (typeof CLASS_NAMES)[number];

/** Index of each class in count arrays. */
export const CLASS = {
  crv1v2: 0,
  crii: 1,
  codeRedUnknown: 2,
  idaOther: 3,
  nimda: 4,
  other: 5,
} as const;

/** Number of classes. */
export const CLASS_COUNT = CLASS_NAMES.length;

/** Whether a class index is a Code Red class (v1/v2, II or unknown variant). */
export function isCodeRedClass(cls: number): boolean {
  return cls <= CLASS.codeRedUnknown;
}

/**
 * A classification packed in one small integer: the class index in the low 3 bits and the `partial`
 * flag in bit 3 (set for Code Red requests that are clearly the worm but not byte-exact).
 */
export type Verdict = number;

/** Bit set in a {@link Verdict} when a Code Red request is partial rather than exact. */
export const PARTIAL_BIT = 8;

/** The class index of a verdict. */
export function verdictClass(v: Verdict): number {
  return v & 7;
}
