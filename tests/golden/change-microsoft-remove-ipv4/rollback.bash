bash -s <<'ER_PLANNER'
# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# ROLLBACK (change mode): puts back the values your plan edits, as they were when imported. It
# stops when a peering changed since the plan was applied; what is already restored is skipped.
# Paste the whole block into bash or zsh, or save it and run it with bash: bash runs it (zsh only
# hands it over), and it stops at the first failed step.
set -euo pipefail
set -f
# The circuit read below: two state lines, then per live peering its name and these columns.
er_fields='vlanId peerASN primaryPeerAddressPrefix secondaryPeerAddressPrefix microsoftPeeringConfig.advertisedPublicPrefixes microsoftPeeringConfig.customerASN microsoftPeeringConfig.routingRegistryName routeFilter.id ipv6PeeringConfig.primaryPeerAddressPrefix ipv6PeeringConfig.secondaryPeerAddressPrefix ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes ipv6PeeringConfig.microsoftPeeringConfig.customerASN ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName ipv6PeeringConfig.routeFilter.id'
er_columns="$er_fields connections[].name expressRouteConnection.id"
er_circuit=''
er_why=''
# er_stop TEXT...: stops the block; nothing after it runs.
er_stop() { printf 'Stopped: ' >&2; printf '%s' "$@" >&2; printf '\n' >&2; exit 1; }
# er_row PEERING: its line of the circuit read (empty when it is not live).
er_row() { printf '%s\n' "$er_circuit" | awk -F '\t' -v p="$1" 'NR > 2 && tolower($1) == tolower(p)'; }
# er_exists PEERING: the peering is live.
er_exists() { [ -n "$(er_row "$1")" ]; }
# er_live PEERING COLUMN: the value the circuit read found.
er_live() {
  local c i=2
  for c in $er_columns; do
    if [ "$c" = "$2" ]; then
      er_row "$1" | cut -f "$i"
      return 0
    fi
    i=$((i + 1))
  done
  er_stop "no column $2"
}
# er_is VALUE EXPECTED: the same text, ignoring case; an empty EXPECTED also matches the ways az
# prints "not set" (null, 0, NONE, [], {}).
er_is() {
  local v e
  v=$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]')
  e=$(printf '%s' "$2" | tr '[:upper:]' '[:lower:]')
  if [ -z "$e" ]; then
    case "$v" in '' | null | 0 | none | '[]' | '{}') return 0 ;; esac
    return 1
  fi
  [ "$v" = "$e" ]
}
# er_holds PEERING COLUMN VALUE...: the live peering holds every VALUE (er_why says which not).
er_holds() {
  local p=$1 v
  shift
  if ! er_exists "$p"; then
    er_why="$p is not live"
    return 1
  fi
  while [ $# -ge 2 ]; do
    v=$(er_live "$p" "$1")
    if ! er_is "$v" "$2"; then
      er_why="$1 is ${v:-not set}, expected ${2:-not set}"
      return 1
    fi
    shift 2
  done
}
# er_unchanged PEERING BEFORE AFTER COLUMN OLD NEW...: PEERING is live and each COLUMN still holds OLD
# (its BEFORE value) or already NEW (its AFTER value): nobody changed it in between.
er_unchanged() {
  local p=$1 before=$2 after=$3 v
  shift 3
  er_exists "$p" || er_stop "$p is no longer live: import the circuit again and plan from what is live."
  while [ $# -ge 3 ]; do
    v=$(er_live "$p" "$1")
    er_is "$v" "$2" || er_is "$v" "$3" || er_stop "$p changed since it was $before: $1 is now ${v:-not set} ($before: ${2:-not set}, $after: ${3:-not set}). Import it again and plan from what is live."
    shift 3
  done
}
# Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
# written before the checks below pass.
er_circuit=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]' -o tsv | tr -d '\r') || er_stop 'Step 1 failed: az could not read circuit MyCircuit (see its message above).'
er_unchanged MicrosoftPeering planned imported \
    primaryPeerAddressPrefix '' 123.0.0.0/30 \
    secondaryPeerAddressPrefix '' 123.0.0.4/30 \
    microsoftPeeringConfig.advertisedPublicPrefixes '' '["123.1.0.0/24"]' \
    microsoftPeeringConfig.customerASN '' 31337 \
    microsoftPeeringConfig.routingRegistryName '' RIPENCC \
    routeFilter.id '' /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter
echo 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'

# MicrosoftPeering: back to the values it had when it was imported.
# Step 2: restore the imported values of MicrosoftPeering.
if er_holds MicrosoftPeering \
    primaryPeerAddressPrefix 123.0.0.0/30 \
    secondaryPeerAddressPrefix 123.0.0.4/30 \
    microsoftPeeringConfig.advertisedPublicPrefixes '["123.1.0.0/24"]' \
    microsoftPeeringConfig.customerASN 31337 \
    microsoftPeeringConfig.routingRegistryName RIPENCC \
    routeFilter.id /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter; then
  echo 'Step 2: skipped: MicrosoftPeering already holds its imported values.'
else
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --primary-peer-subnet 123.0.0.0/30 --secondary-peer-subnet 123.0.0.4/30 --advertised-public-prefixes 123.1.0.0/24 --customer-asn 31337 --routing-registry-name RIPENCC --route-filter /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter --set state=Enabled -o none || er_stop 'Step 2 failed (restore the imported values of MicrosoftPeering): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 2: restored MicrosoftPeering.'
fi
ER_PLANNER
