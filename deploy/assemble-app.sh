#!/bin/sh
# Assembles a runnable Deepsheet in DEST from a built checkout in SRC (after `npm ci` and
# `npm run build` there): only what the server reads at run time, and only production
# dependencies. The Dockerfile's build stage runs this; so does the container-steps test
# (test/process/container-steps.test.ts), outside any container.
set -eu
src=${1:?usage: assemble-app.sh SRC DEST}
dest=${2:?usage: assemble-app.sh SRC DEST}
if [ ! -f "$src/dist/deepsheet.js" ]; then
  echo "assemble-app: $src is not built (no dist/deepsheet.js); run npm ci && npm run build there" >&2
  exit 1
fi
mkdir -p "$dest/src/db" "$dest/deploy"
cp "$src/package.json" "$src/package-lock.json" "$dest/"
cp -R "$src/bin" "$src/dist" "$src/public" "$dest/"
cp -R "$src/src/db/migrations" "$dest/src/db/"
cp "$src/deploy/docker-entrypoint.sh" "$src/deploy/healthcheck.mjs" "$dest/deploy/"
# --ignore-scripts: the build already ran; nothing in production needs an install script.
cd "$dest"
npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
