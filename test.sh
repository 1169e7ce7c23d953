#!/usr/bin/env bash
# The test command: installs Azurite from package-lock.json, starts it on loopback (in memory), and runs every test
# project of OrleansPricing.sln against it. Needs only the .NET SDK and Node.js/npm.
set -euo pipefail
cd "$(dirname "$0")"

echo "==> Installing test services (npm ci: Azurite)"
npm ci --no-audit --no-fund --loglevel=error

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')
workdir=$(mktemp -d)
echo "==> Starting Azurite table service on 127.0.0.1:${port}"
(cd "$workdir" && exec "$OLDPWD/node_modules/.bin/azurite-table" --inMemoryPersistence --skipApiVersionCheck \
    --tableHost 127.0.0.1 --tablePort "$port" --silent) > "$workdir/azurite.log" 2>&1 &
azurite_pid=$!
trap 'kill "$azurite_pid" 2>/dev/null || true; rm -rf "$workdir"' EXIT

for _ in $(seq 1 60); do
    if node -e 'require("net").connect(+process.argv[1],"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))' "$port"; then
        break
    fi
    kill -0 "$azurite_pid" 2>/dev/null || { cat "$workdir/azurite.log"; echo "Azurite failed to start" >&2; exit 1; }
    sleep 0.5
done

# Azurite's well-known development account; only the table endpoint is used.
export PRICING_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;"

echo "==> dotnet test OrleansPricing.sln"
set +e
dotnet test OrleansPricing.sln --nologo 2>&1 | tee "$workdir/test.log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole suite.
awk '/(Passed|Failed)!  - Failed:/ {
        gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$workdir/test.log"
exit "$status"
