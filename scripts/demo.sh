#!/usr/bin/env bash
# One-command demo: builds the extension, writes the phantom sample pair (reference.nii.gz,
# prediction.nii.gz) and its CT-like image.nii.gz into .demo/, and opens VS Code on .demo/ with the
# extension loaded from this checkout.
#   - desktop VS Code (`code` on PATH): code --extensionDevelopmentPath=<repo> .demo
#   - otherwise the project's code-server (scripts/setup-code-server.sh) on 127.0.0.1, printing the
#     URL to open in a browser; Ctrl+C stops it.
# Options: --port N (code-server port, default $DEMO_PORT or 8080), --code-server (skip desktop
# VS Code even when installed), --check (start code-server, check the workbench page answers, stop).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEMO="$ROOT/.demo"
PORT="${DEMO_PORT:-8080}"
FORCE_CODE_SERVER=0
CHECK=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --code-server) FORCE_CODE_SERVER=1; shift ;;
    --check) CHECK=1; FORCE_CODE_SERVER=1; shift ;;
    *) echo "demo: unknown option $1 (expected --port N, --code-server or --check)" >&2; exit 2 ;;
  esac
done

cd "$ROOT"
[[ -d node_modules ]] || npm ci --no-audit --no-fund
echo "demo: building"
node esbuild.mjs

echo "demo: writing the phantom pair and its CT-like image into .demo/"
mkdir -p "$DEMO"
node dist/cli.js phantom "$DEMO"
# Names for the phantom's six organs (labels 1-6 in src/core/phantom/anatomy.ts); the viewer reads
# labels.json next to a mask.
cat >"$DEMO/labels.json" <<'JSON'
{"1": "liver", "2": "spleen", "3": "right kidney", "4": "left kidney", "5": "aorta", "6": "bladder"}
JSON

cat <<TEXT

In VS Code: double-click reference.nii.gz (or prediction.nii.gz) in the Explorer to open it in Mask
Inspector, then "Set Background Image…" (editor title bar, or the Command Palette) and pick image.nii.gz.
TEXT

if [[ $FORCE_CODE_SERVER -eq 0 ]] && command -v code >/dev/null; then
  echo "demo: opening desktop VS Code"
  exec code --new-window --extensionDevelopmentPath="$ROOT" "$DEMO" "$DEMO/reference.nii.gz"
fi

bash "$ROOT/scripts/setup-code-server.sh"
ENTRY="$ROOT/.tools/code-server/node_modules/code-server/out/node/entry.js"
PROFILE="$ROOT/.tools/demo-profile"
mkdir -p "$PROFILE/user-data/User" "$PROFILE/extensions"
cat >"$PROFILE/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.ignoreRecommendations": true,
  "git.openRepositoryInParentFolders": "never"
}
JSON

# code-server has no --extensionDevelopmentPath flag; its web workbench reads it from the page URL.
URL="$(node -e '
  const [port, root, demo] = process.argv.slice(1);
  const payload = [["extensionDevelopmentPath", `vscode-remote://127.0.0.1:${port}${root}`], ["skipWelcome", "true"]];
  console.log(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(demo)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
' "$PORT" "$ROOT" "$DEMO")"

XDG_CONFIG_HOME="$PROFILE/config" XDG_DATA_HOME="$PROFILE/data" node "$ENTRY" \
  --auth none --bind-addr "127.0.0.1:$PORT" \
  --user-data-dir "$PROFILE/user-data" --extensions-dir "$PROFILE/extensions" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  >"$PROFILE/code-server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then break; fi
  kill -0 "$SERVER" 2>/dev/null || { echo "demo: code-server stopped; log: $PROFILE/code-server.log" >&2; tail -n 20 "$PROFILE/code-server.log" >&2; exit 1; }
  sleep 0.5
done

# The VS Code inside code-server, read from its manifest (`code-server --version` prints code-server's
# own version first, and a config-file notice before it on a first run).
VSCODE_VERSION="$(node -p "require('$ROOT/.tools/code-server/node_modules/code-server/lib/vscode/package.json').version")"
CODE_SERVER_VERSION="$(node -p "require('$ROOT/.tools/code-server/node_modules/code-server/package.json').version")"

if [[ $CHECK -eq 1 ]]; then
  curl -fsS "$URL" | grep -q 'workbench' && echo "demo: code-server $CODE_SERVER_VERSION (VS Code $VSCODE_VERSION) answers on port $PORT" && exit 0
  echo "demo: the workbench page did not load; log: $PROFILE/code-server.log" >&2
  exit 1
fi

cat <<TEXT

Mask Inspector demo is running in code-server $CODE_SERVER_VERSION (VS Code $VSCODE_VERSION).
Open this URL in a browser on this machine (Ctrl+C here stops the server):

  $URL

TEXT
wait "$SERVER"
