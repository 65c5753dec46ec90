bash -s <<'ER_PLANNER'
# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into bash or zsh, or save it and run it with bash: bash runs it (zsh only
# hands it over), and it stops at the first failed step.
# Safe to run again: the first step reads the circuit and stops before any change when the plan would
# overwrite a live peering it did not create, reuse a live VLAN or edit a peering that changed since it
# was imported; every later step skips itself when the circuit already holds its values.
# Change mode: one minimal update per live peering for what you edited; a live peering your plan
# drops is left alone (only the clean-up block deletes it, and only if you opt in).
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
# er_ready CIRCUIT: the provider has provisioned the circuit.
er_ready() {
  local state
  state=$(printf '%s\n' "$er_circuit" | sed -n '1,2p' | tr '\n' ' ')
  [ "$state" = 'Provisioned Enabled ' ] || er_stop "circuit $1 is not ready for peerings (provider state, circuit state: ${state:-none}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first."
}
# Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
# written before the checks below pass.
er_circuit=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]' -o tsv | tr -d '\r') || er_stop 'Step 1 failed: az could not read circuit MyCircuit (see its message above).'
er_ready MyCircuit
er_unchanged AzurePrivatePeering imported planned \
    ipv6PeeringConfig.primaryPeerAddressPrefix fd00:10::/126 '' \
    ipv6PeeringConfig.secondaryPeerAddressPrefix fd00:10::4/126 ''
echo 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'

# AzurePrivatePeering (live): removes IPv6 (its BGP sessions end).
# One update: az reads the live peering, changes only these fields and writes it back
# with everything else as it was (Global Reach connections included).
# It removes IPv6: the IPv6 BGP sessions of AzurePrivatePeering end.
# Step 2: update the live AzurePrivatePeering.
if er_holds AzurePrivatePeering \
    ipv6PeeringConfig.primaryPeerAddressPrefix '' \
    ipv6PeeringConfig.secondaryPeerAddressPrefix ''; then
  echo 'Step 2: skipped: AzurePrivatePeering already holds these values.'
else
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --remove ipv6PeeringConfig -o none || er_stop 'Step 2 failed (update the live AzurePrivatePeering): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 2: updated AzurePrivatePeering.'
fi
# This shows that Azure accepted the configuration; it does not prove that BGP is up.
# Expect provisioningState Succeeded and state Enabled.
# Step 3: show AzurePrivatePeering.
az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --query '{state:state,provisioningState:provisioningState}' -o table || er_stop 'Step 3 failed (show AzurePrivatePeering): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
echo 'Step 3: AzurePrivatePeering is shown above.'
# Once your routers are configured, check each path of AzurePrivatePeering (run these by hand):
#   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path primary -o table
#     expect two entries: 192.168.100.129 (your router) and 192.168.100.130 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 200, or the provider's tags).
#   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path primary -o table
#     expect neighbor 192.168.100.129 with AS 65010 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
#   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path secondary -o table
#     expect two entries: 192.168.100.133 (your router) and 192.168.100.134 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 200, or the provider's tags).
#   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path secondary -o table
#     expect neighbor 192.168.100.133 with AS 65010 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
ER_PLANNER
