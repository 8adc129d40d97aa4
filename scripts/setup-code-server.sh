#!/usr/bin/env bash
# Installs code-server 4.100.3 (= VS Code 1.100.3 server + web workbench) into .tools/code-server/,
# where the integration tests and the demo find it. Newer code-server releases need Node 22; this one
# runs on Node 20. Its own install scripts download ripgrep from the internet, so they are skipped,
# ripgrep comes from Debian (/usr/bin/rg), and the native modules are rebuilt from source.
# Idempotent: exits at once when a complete install of this version is already there.
set -euo pipefail

VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
DEST="$TOOLS/code-server"
STAGE="$TOOLS/code-server.partial"
ENTRY=node_modules/code-server/out/node/entry.js
VSCODE_DIR=node_modules/code-server/lib/vscode

# `--version` writes a default config.yaml under XDG_CONFIG_HOME; keep that out of the user's home.
installed_version() {
  XDG_CONFIG_HOME="$TOOLS/.config" node "$1/$ENTRY" --version 2>/dev/null | awk '/^[0-9]+\.[0-9]+\.[0-9]+ /{ print $1 }'
}

# `.complete` is written only after the native modules were verified, so an interrupted install
# (entry.js present, node-pty never built) is redone rather than trusted.
is_complete() {
  [[ -f "$DEST/.complete" && "$(installed_version "$DEST")" == "$VERSION" ]]
}

# Every native module the server loads must really be built: npm 11 only warns about install scripts
# it was not told to allow, and a silently skipped build surfaces much later as a blank workbench.
verify() {
  local dir="$1"
  (cd "$dir/node_modules/code-server" && node -e "require('argon2')") || return 1
  (cd "$dir/$VSCODE_DIR" && node -e "
    for (const m of ['node-pty', '@vscode/spdlog', 'native-watchdog', 'kerberos', '@parcel/watcher']) require(m);
  ") || return 1
  [[ -x "$dir/$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg" ]] || return 1
  [[ "$(installed_version "$dir")" == "$VERSION" ]]
}

is_complete && exit 0

command -v rg >/dev/null || { echo "setup-code-server: ripgrep (rg) is missing; run scripts/setup-test-env.sh" >&2; exit 1; }

mkdir -p "$TOOLS"
# Parallel test runs in one checkout must not build into the same folder at once.
exec 9>"$TOOLS/.code-server.lock"
flock 9
is_complete && exit 0

# node-gyp downloads Node's headers unless told where they are; use the running Node's own headers.
NODE_PREFIX="$(dirname "$(dirname "$(command -v node)")")"
if [[ -z "${npm_config_nodedir:-}" && -f "$NODE_PREFIX/include/node/node.h" ]]; then
  export npm_config_nodedir="$NODE_PREFIX"
fi

echo "setup-code-server: installing code-server $VERSION into .tools/code-server (about a minute)"
started=$SECONDS
LOG="$TOOLS/code-server-install.log"
: >"$LOG"
trap 'echo "setup-code-server: FAILED; last lines of $LOG:" >&2; tail -n 40 "$LOG" >&2' ERR

rm -rf "$STAGE"
mkdir -p "$STAGE"
# Its own package.json makes the folder an npm project root, so npm does not install into the repo.
printf '{ "name": "mask-inspector-test-tools", "private": true }\n' >"$STAGE/package.json"
(
  cd "$STAGE"
  npm install --ignore-scripts --no-audit --no-fund "code-server@$VERSION"
  npm rebuild argon2
  cd "$VSCODE_DIR"
  npm install --omit=dev --ignore-scripts --no-audit --no-fund
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  # Builds node-pty, spdlog, kerberos etc.; `yes` because some of them call npx.
  npm_config_yes=true npm rebuild
  ln -sfn node_modules node_modules.asar
) >>"$LOG" 2>&1

rm -rf "$DEST"
mv "$STAGE" "$DEST"
if ! verify "$DEST" >>"$LOG" 2>&1; then
  echo "setup-code-server: the install finished but a native module or ripgrep does not load" >&2
  false
fi
touch "$DEST/.complete"
trap - ERR
echo "setup-code-server: code-server $VERSION ready in $((SECONDS - started)) s"
