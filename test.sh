#!/usr/bin/env bash
# The test command: installs Azurite and the OpenAPI linter from package-lock.json and Debian's chromium (for the admin
# console's browser tests), starts Azurite's table and blob services on loopback (in memory), and runs every test
# project of OrleansPricing.sln against it. Needs the .NET SDK, Node.js/npm and apt (root or sudo) on Debian.
set -euo pipefail
cd "$(dirname "$0")"

echo "==> Installing test services (npm ci: Azurite, Redocly CLI)"
npm ci --no-audit --no-fund --loglevel=error

chromium_path=${PRICING_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium_path" ]; then
    echo "==> Installing Debian's chromium for the browser tests (apt-get)"
    as_root=""
    [ "$(id -u)" -eq 0 ] || as_root="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $as_root apt-get install -y -q chromium > /dev/null 2>&1 || { $as_root apt-get update -q > /dev/null && $as_root apt-get install -y -q chromium > /dev/null; }
    [ -x "$chromium_path" ] || { echo "chromium is not at $chromium_path after apt-get install" >&2; exit 1; }
fi

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})'; }
port=$(free_port)
blob_port=$(free_port)
while [ "$blob_port" = "$port" ]; do blob_port=$(free_port); done
workdir=$(mktemp -d)
echo "==> Starting Azurite table service on 127.0.0.1:${port} and blob service on 127.0.0.1:${blob_port}"
(cd "$workdir" && exec "$OLDPWD/node_modules/.bin/azurite-table" --inMemoryPersistence --skipApiVersionCheck \
    --tableHost 127.0.0.1 --tablePort "$port" --silent) > "$workdir/azurite.log" 2>&1 &
azurite_pid=$!
(cd "$workdir" && exec "$OLDPWD/node_modules/.bin/azurite-blob" --inMemoryPersistence --skipApiVersionCheck \
    --blobHost 127.0.0.1 --blobPort "$blob_port" --silent) > "$workdir/azurite-blob.log" 2>&1 &
azurite_blob_pid=$!
trap 'kill "$azurite_pid" "$azurite_blob_pid" 2>/dev/null || true; rm -rf "$workdir"' EXIT

for service in "$port:$azurite_pid:azurite.log" "$blob_port:$azurite_blob_pid:azurite-blob.log"; do
    IFS=: read -r service_port service_pid service_log <<< "$service"
    for _ in $(seq 1 60); do
        if node -e 'require("net").connect(+process.argv[1],"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))' "$service_port"; then
            break
        fi
        kill -0 "$service_pid" 2>/dev/null || { cat "$workdir/$service_log"; echo "Azurite failed to start" >&2; exit 1; }
        sleep 0.5
    done
done

# Azurite's well-known development account: tables (grain state, membership) and blobs (the decision log).
export PRICING_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:${blob_port}/devstoreaccount1;"

echo "==> dotnet test OrleansPricing.sln"
set +e
# A test that hangs fails the run after 10 minutes, naming itself and leaving a mini dump under its project's
# TestResults/, instead of holding the run until CI's own limit (one run hung in the cluster tests, 2026-12-01).
dotnet test OrleansPricing.sln --nologo --blame-hang-timeout 10m --blame-hang-dump-type mini 2>&1 | tee "$workdir/test.log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole suite.
awk '/(Passed|Failed)!  - Failed:/ {
        gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$workdir/test.log"
exit "$status"
