#!/bin/sh
# The container's entrypoint: `serve` by default, or any deepsheet command (migrate, doctor,
# backup, user create …). exec, so that node is the process that receives SIGTERM and shuts down
# gracefully (in-flight requests finish, the job queue stops, the data directory is released).
set -eu
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then set -- serve; fi
exec node bin/deepsheet.js "$@"
