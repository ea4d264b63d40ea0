/**
 * Classifies one HTTP request target (path and query, as bytes) into a {@link Verdict}. Plain byte
 * loops, no regular expressions: every check is linear in the target's length.
 */
import { CLASS, PARTIAL_BIT, type Verdict } from "../classes.ts";
import {
  CODE_RED_MIN_PARTIAL_RUN_CHARS,
  CODE_RED_RUN_CHARS,
  CODE_RED_TAIL_CHARS,
  CODE_RED_TAIL_FNV1A,
  CODE_RED_TAIL_PREFIX,
  fnv1a32,
} from "./code-red-signature.ts";
import { hasNimdaMark } from "./nimda.ts";
import { lowerByte, startsWithCi, startsWithExact } from "../bytes.ts";

const CH_N = 78;
const CH_X = 88;
const DEFAULT_IDA = "/default.ida";
const TAIL_PREFIX_SHORT = "%u9090";

/**
 * Classifies a request whose path is `b[pathStart..pathEnd)` and query `b[queryStart..queryEnd)`.
 * Pass `queryVisible = false` when the log cannot show a query (Apache error logs): a `/default.ida`
 * path then gives `codeRedUnknown`. The query may sit anywhere in `b` (IIS logs keep it in a separate
 * field); for an access-log target split at its first `?`.
 */
export function classifyRequest(
  b: Uint8Array,
  pathStart: number,
  pathEnd: number,
  queryStart: number,
  queryEnd: number,
  queryVisible = true,
): Verdict {
  const pathLength = pathEnd - pathStart;
  if (
    pathLength >= 4 &&
    b[pathEnd - 4] === 46 &&
    lowerByte(b[pathEnd - 3]) === 105 &&
    lowerByte(b[pathEnd - 2]) === 100
  ) {
    const last = lowerByte(b[pathEnd - 1]);
    if (last === 97 || last === 113) {
      return classifyIda(b, pathStart, pathEnd, queryStart, queryEnd, queryVisible, last === 97);
    }
  }
  if (hasNimdaMark(b, pathStart, pathEnd) || hasNimdaMark(b, queryStart, queryEnd)) {
    return CLASS.nimda;
  }
  return CLASS.other;
}

function classifyIda(
  b: Uint8Array,
  pathStart: number,
  pathEnd: number,
  queryStart: number,
  queryEnd: number,
  queryVisible: boolean,
  isIda: boolean,
): Verdict {
  if (!isIda || !startsWithCi(b, pathEnd - DEFAULT_IDA.length, pathEnd, DEFAULT_IDA)) {
    return CLASS.idaOther;
  }
  if (pathEnd - DEFAULT_IDA.length < pathStart) return CLASS.idaOther;
  if (!queryVisible) return CLASS.codeRedUnknown;
  const runByte = b[queryStart];
  if (queryStart >= queryEnd || (runByte !== CH_N && runByte !== CH_X)) return CLASS.idaOther;
  let i = queryStart;
  while (i < queryEnd && b[i] === runByte) i++;
  const runChars = i - queryStart;
  const cls = runByte === CH_N ? CLASS.crv1v2 : CLASS.crii;
  const exact =
    runChars === CODE_RED_RUN_CHARS &&
    pathEnd - pathStart === DEFAULT_IDA.length &&
    startsWithExact(b, pathStart, pathEnd, DEFAULT_IDA) &&
    queryEnd - i === CODE_RED_TAIL_CHARS &&
    startsWithExact(b, i, queryEnd, CODE_RED_TAIL_PREFIX) &&
    fnv1a32(b, i, queryEnd) === CODE_RED_TAIL_FNV1A;
  if (exact) return cls;
  if (
    runChars >= CODE_RED_MIN_PARTIAL_RUN_CHARS ||
    startsWithCi(b, i, queryEnd, TAIL_PREFIX_SHORT)
  ) {
    return cls | PARTIAL_BIT;
  }
  return CLASS.idaOther;
}
