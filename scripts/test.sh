#!/usr/bin/env bash
# `npm test`: sets up the machine (Debian packages, code-server), builds, typechecks, lints, then runs
# every test bundle (unit, webview in Chromium, integration inside VS Code) with node's test runner.
# A failed typecheck or lint does not hide the test results: the tests still run, and the failed
# checks are counted as failures in the final tally. The last line is always `N passed, N failed`
# (plus `, N skipped`) unless the build itself fails. Exit status is non-zero if anything failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n== %s  [%ds]\n' "$*" "$SECONDS"; }

step "setup (scripts/setup-test-env.sh)"
bash scripts/setup-test-env.sh

step "build (npm run build)"
if ! npm run --silent build; then
  printf '\nnpm test: the build failed (errors above); no tests were run.\n' >&2
  exit 1
fi

# Bundles whose source was deleted or renamed would otherwise keep running; other bundles are left in
# place (someone else may be running them).
while IFS= read -r bundle; do
  source_file="${bundle#out/}"
  source_file="${source_file%.js}.ts"
  if [[ ! -f "$source_file" ]]; then rm -f "$bundle" "$bundle.map"; fi
done < <(find out/test -name '*.js' 2>/dev/null)

failed_checks=""
step "typecheck (npm run typecheck)"
if ! npm run --silent typecheck; then
  failed_checks+=$'typecheck: `npm run typecheck` (tsc --noEmit) reported type errors; see above\n'
  printf 'npm test: typecheck FAILED (errors above); running the tests anyway.\n'
fi
step "lint (npm run lint)"
if ! npm run --silent lint; then
  failed_checks+=$'lint: `npm run lint` (eslint) reported problems; see above\n'
  printf 'npm test: lint FAILED (problems above); running the tests anyway.\n'
fi

# Unit tests first, browser tests next, the slow in-VS Code run last. Not a directory argument:
# node 20 would also run every .js under a `test` folder (the in-VS Code bundles among them).
mapfile -t unit < <(find out/test/unit -name '*.test.js' 2>/dev/null | sort)
mapfile -t other < <(find out/test -name '*.test.js' -not -path 'out/test/unit/*' -not -path 'out/test/integration/*' | sort)
mapfile -t integration < <(find out/test/integration -name '*.test.js' 2>/dev/null | sort)

step "tests (node --test)"
status=0
# One file at a time: Chromium and code-server are heavy, and the machines have few cores.
MASK_INSPECTOR_FAILED_CHECKS="$failed_checks" node --test \
  --test-concurrency=1 \
  --test-timeout=900000 \
  --test-reporter=./scripts/test-reporter.mjs --test-reporter-destination=stdout \
  "${unit[@]}" "${other[@]}" "${integration[@]}" || status=$?

if [[ -n "$failed_checks" && $status -eq 0 ]]; then status=1; fi
exit "$status"
