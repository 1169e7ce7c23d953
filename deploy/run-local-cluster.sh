#!/usr/bin/env bash
# Starts a multi-silo OrleansPricing cluster on loopback: Azurite (unless PRICING_STORAGE is set), N silos sharing
# Azure Table membership and grain state, and the standalone HTTP gateway. Ctrl-C stops everything.
#
#   deploy/run-local-cluster.sh [N]        # default N=2
#
# Gateway:   http://127.0.0.1:5080/api/v1/...      (OpenAPI at /openapi/v1.json)
# Dashboard: http://127.0.0.1:5101/dashboard, 5102, ... (one per silo)
set -euo pipefail
silos=${1:-2}
[[ "$silos" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [number of silos >= 1]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
logs=$(mktemp -d)
pids=()
azurite_pids=()
# Silos and the gateway first, while storage still answers (a silo leaving updates the membership table; with Azurite
# gone it retries and never exits), then Azurite. Azurite runs in a session of its own so that Ctrl-C, which the
# terminal sends to every process of the script's group, does not stop it first.
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 60); do
        local alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [[ $alive -eq 0 ]] && break
        sleep 0.5
    done
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    for pid in "${azurite_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z "${PRICING_STORAGE:-}" ]]; then
    [[ -x node_modules/.bin/azurite-table ]] || npm ci --no-audit --no-fund --loglevel=error
    # Tables (membership, grain state) and blobs (the decision log, model files): the development account names both.
    (cd "$logs" && exec setsid "$root/node_modules/.bin/azurite-table" --inMemoryPersistence --skipApiVersionCheck \
        --tableHost 127.0.0.1 --tablePort 10002 --silent) > "$logs/azurite.log" 2>&1 &
    azurite_pids+=($!)
    (cd "$logs" && exec setsid "$root/node_modules/.bin/azurite-blob" --inMemoryPersistence --skipApiVersionCheck \
        --blobHost 127.0.0.1 --blobPort 10000 --silent) > "$logs/azurite-blob.log" 2>&1 &
    azurite_pids+=($!)
    export PRICING_STORAGE="UseDevelopmentStorage=true"
    echo "Azurite (in memory): tables on 127.0.0.1:10002, blobs on 127.0.0.1:10000"
fi

dotnet build src/Silo --nologo -v quiet -c Release -o "$logs/silo-bin"
dotnet build src/Client --nologo -v quiet -c Release -o "$logs/gateway-bin"
export ConnectionStrings__PricingStorage="$PRICING_STORAGE"
export Orleans__ClusterId="${ORLEANS_CLUSTER_ID:-local-$(date +%s)}"
# Every silo signs and verifies quotes with one key; made for this run unless PRICING_QUOTE_KEY gives one.
export QuoteSigning__Keys__0__Id="local"
export QuoteSigning__Keys__0__Secret="${PRICING_QUOTE_KEY:-$(head -c 32 /dev/urandom | base64)}"
# API keys for this run (the gateway and the dashboards hold only their hashes), written where the README's examples read them.
management_key="op_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
integration_key="op_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf 'export PRICING_MANAGEMENT_KEY=%s\nexport PRICING_INTEGRATION_KEY=%s\n' "$management_key" "$integration_key" > .pricing-api-keys
export Security__ApiKeys__0__Name="management" Security__ApiKeys__0__Role="management"
export Security__ApiKeys__0__Sha256="$(printf %s "$management_key" | sha256sum | cut -d' ' -f1)"
export Security__ApiKeys__1__Name="storefront" Security__ApiKeys__1__Role="integration"
export Security__ApiKeys__1__Sha256="$(printf %s "$integration_key" | sha256sum | cut -d' ' -f1)"
echo "API keys for this run in ./.pricing-api-keys (. ./.pricing-api-keys)"

declare -A silo_pids=()
for i in $(seq 1 "$silos"); do
    Orleans__SiloPort=$((11110 + i)) Orleans__GatewayPort=$((30000 + i)) Silo__CoHostGateway=false \
        dotnet "$logs/silo-bin/OrleansPricing.Silo.dll" --urls "http://127.0.0.1:$((5100 + i))" \
        > "$logs/silo-$i.log" 2>&1 &
    pids+=($!)
    silo_pids[$i]=$!
    echo "silo $i: silo port $((11110 + i)), gateway port $((30000 + i)), dashboard http://127.0.0.1:$((5100 + i))/dashboard (log $logs/silo-$i.log)"
done

dotnet "$logs/gateway-bin/OrleansPricing.Client.dll" --urls "http://127.0.0.1:5080" > "$logs/gateway.log" 2>&1 &
gateway_pid=$!
pids+=("$gateway_pid")
echo "gateway: http://127.0.0.1:5080 (log $logs/gateway.log). Ctrl-C stops the cluster."

# One silo exiting (or killed, to try failover) leaves the others serving; the cluster stops with the gateway, the last
# silo or Ctrl-C.
while true; do
    wait -n || true
    for i in "${!silo_pids[@]}"; do
        if ! kill -0 "${silo_pids[$i]}" 2>/dev/null; then
            echo "silo $i exited (log $logs/silo-$i.log); the other silos take over its grains" >&2
            unset "silo_pids[$i]"
        fi
    done

    if ! kill -0 "$gateway_pid" 2>/dev/null; then
        echo "The gateway exited; see $logs/gateway.log" >&2
        exit 1
    fi

    if [[ ${#silo_pids[@]} -eq 0 ]]; then
        echo "No silo is left; see $logs" >&2
        exit 1
    fi
done
