#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest release whose engines accept Node 20)
# from the npm registry only, for the editor tests. See /work/shared/design/editor-testing.md:
# a plain `npm install code-server` fails here (postinstall refuses root, kerberos needs
# libkrb5-dev, @vscode/ripgrep downloads from GitHub), so the install is done by hand.
#
# Needs the Debian packages: libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep.
# Installs into $FOILINT_CODE_SERVER_DIR (default ~/.cache/foilint/code-server-4.100.3), outside
# the repository. Idempotent: does nothing when a working install is already there.
# Prints the path of the code-server executable on its last line.
set -euo pipefail

VERSION=4.100.3
DIR="${FOILINT_CODE_SERVER_DIR:-$HOME/.cache/foilint/code-server-$VERSION}"
CS="$DIR/node_modules/code-server"
BIN="$CS/out/node/entry.js"
MARKER="$DIR/.foilint-install-complete"

works() { [ -f "$MARKER" ] && node "$BIN" --version 2>/dev/null | grep -q "^$VERSION "; }

if works; then
  echo "code-server $VERSION already installed in $DIR"
  echo "$BIN"
  exit 0
fi

missing=()
for cmd in rg pkg-config; do command -v "$cmd" >/dev/null || missing+=("$cmd"); done
for pc in krb5-gssapi x11 xkbfile libsecret-1; do pkg-config --exists "$pc" 2>/dev/null || missing+=("$pc (pkg-config)"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-code-server: missing ${missing[*]}." >&2
  echo "Install them with: apt-get install -y libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep" >&2
  exit 2
fi

start=$(date +%s)
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
echo '{ "private": true, "description": "code-server for foilint editor tests" }' >package.json
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# node-pty's build calls `npx node-gyp`: npm_config_yes lets npx run without asking.
step() { echo "setup-code-server: $*"; }

step "npm install code-server@$VERSION --ignore-scripts"
npm install "code-server@$VERSION" --ignore-scripts --no-progress
step "npm rebuild argon2"
npm rebuild argon2

cd "$CS/lib/vscode"
step "lib/vscode: npm install --omit=dev --ignore-scripts"
npm install --omit=dev --ignore-scripts --no-progress
# @vscode/ripgrep would download rg from GitHub; Debian's ripgrep stands in.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
step "lib/vscode: npm rebuild"
npm rebuild
ln -sfn node_modules node_modules.asar
ln -sf code-linux.sh bin/remote-cli/code-server
ln -sf browser-linux.sh bin/helpers/browser.sh

cd "$CS/lib/vscode/extensions"
step "lib/vscode/extensions: npm install --omit=dev --ignore-scripts"
npm install --omit=dev --ignore-scripts --no-progress
step "lib/vscode/extensions: npm rebuild"
npm rebuild

if ! node "$BIN" --version | grep -q "^$VERSION "; then
  echo "setup-code-server: code-server $VERSION was installed in $DIR but does not start; see the output above." >&2
  exit 1
fi
touch "$MARKER"
echo "setup-code-server: installed code-server $VERSION in $DIR in $(( $(date +%s) - start )) s"
echo "$BIN"
