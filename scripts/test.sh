#!/usr/bin/env bash
# Runs the whole test suite and closes with a plain "N passed, N failed" line (read by CI).
set -u
cd "$(dirname "$0")/.."
export TZ=UTC
results=.vitest-results.json
rm -f "$results"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@"
code=$?
if [ -f "$results" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const failed = r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
    let line = `${r.numPassedTests} passed, ${failed} failed`;
    if (r.numPendingTests + r.numTodoTests > 0) line += `, ${r.numPendingTests + r.numTodoTests} skipped`;
    console.log(line);
    if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
  ' "$results" || code=1
else
  echo "0 passed, 1 failed"
  code=1
fi
exit $code
