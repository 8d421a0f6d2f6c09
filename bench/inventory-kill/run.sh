#!/usr/bin/env bash
# kill -9 at random points of real hvsh processes doing multi-file inventory operations (issue 17,
# defect 4): New-VM, Remove-VM, checkpoint chains, network adapters, switches, NATs. After every
# kill the inventory is opened (finishing a transaction left in the intent log) and every invariant
# is checked: no duplicate MACs, no lease of a missing adapter, no VM adapter without its lease, no
# checkpoint of a missing VM or pointing at a missing parent, every config loads, no leftovers.
#
#   bench/inventory-kill/run.sh [KILLS]     default 200 kills; prints one summary line:
#       inventory-kill: N kills, M inside a multi-file commit (intent log replayed), V violations
#
# The harness is the test InventoryKillTests (the CI runs it with 24 kills). Each hvsh runs under
# `unshare -n` in a network namespace of its own, so nothing on this host changes; needs root.
# PAUSE_US (default 3000) is a pause after each file of a commit, so kills land inside transactions
# often; PAUSE_US=0 kills at the real speed (fewer kills land mid-commit).
set -eu
cd "$(dirname "$0")/../.."
KILLS=${1:-200}
swift build --build-tests >/dev/null
HVSH_INVENTORY_KILLS=$KILLS HVSH_INVENTORY_COMMIT_PAUSE_US=${PAUSE_US:-3000} \
    swift test --skip-build --filter InventoryKillTests 2>&1 | grep -E 'inventory-kill:|error:|Executed .* tests?,' | cut -c1-600 | head -20
