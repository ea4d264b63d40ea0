#!/usr/bin/env bash
# Runs the whole test suite: the build of dist/, typecheck, lint, format check, then every vitest
# test. Closes with a plain "N passed, N failed" line (read by CI); the build and the three static
# checks count as one test each. CLI tests run the compiled CLI in dist/, so it is built first.
set -u
cd "$(dirname "$0")/.."
export TZ=UTC
checks_passed=0
checks_failed=0
check() {
  local name=$1
  shift
  echo "== $name: $*"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
  else
    echo "== $name FAILED"
    checks_failed=$((checks_failed + 1))
    return 1
  fi
}
# A failed build removes dist/: the CLI tests then fail instead of running a stale build.
check build npx tsx scripts/build.ts || rm -rf dist
check typecheck npx tsc --noEmit
check typecheck-web npx tsc --noEmit -p web
# --ignore-pattern: until eslint.config.js ignores dist/ (its .d.ts files are in no tsconfig).
check lint npx eslint --max-warnings 0 --ignore-pattern "dist/" .
check format npx prettier --check --log-level warn .
# The queue tests (test/redis/) need Debian's redis-server: installed here when absent.
check redis-server bash scripts/ensure-redis.sh
# The browser tests (test/browser/) need Debian's headless Chromium: installed here when absent.
check chromium bash scripts/ensure-chromium.sh

results=.vitest-results.json
rm -f "$results"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@"
code=$?
if [ -f "$results" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const passed = r.numPassedTests + Number(process.argv[2]);
    const failed = r.numFailedTests + (r.numRuntimeErrorTestSuites || 0) + Number(process.argv[3]);
    let line = `${passed} passed, ${failed} failed`;
    if (r.numPendingTests + r.numTodoTests > 0) line += `, ${r.numPendingTests + r.numTodoTests} skipped`;
    console.log(line);
    if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
  ' "$results" "$checks_passed" "$checks_failed" || code=1
else
  echo "$checks_passed passed, $((checks_failed + 1)) failed"
  code=1
fi
[ "$checks_failed" -eq 0 ] || code=1
exit $code
