bash -s <<'ER_PLANNER'
# ExpressRoute peerings for circuit MyDirectCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# CLEAN-UP: deletes nothing unless you opt in, peering by peering, and only while the peering
# still holds the values this block expects. az asks for no confirmation.
# To delete MicrosoftPeering: change the first line to  ER_DELETE_MICROSOFTPEERING=yes bash -s <<'ER_PLANNER'
# To delete AzurePrivatePeering: change the first line to  ER_DELETE_AZUREPRIVATEPEERING=yes bash -s <<'ER_PLANNER'
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
# er_opted_in VARIABLE: the user set VARIABLE=yes for this run.
er_opted_in() { [ "${!1:-no}" = yes ]; }
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
# er_only PEERING COLUMN VALUE...: every field of the live peering is one of these VALUEs or not set.
er_only() {
  local p=$1 c v e k
  shift
  for c in $er_fields; do
    v=$(er_live "$p" "$c")
    e=''
    k=1
    while [ "$k" -lt "$#" ]; do
      if [ "${!k}" = "$c" ]; then
        k=$((k + 1))
        e=${!k}
        break
      fi
      k=$((k + 2))
    done
    if ! er_is "$v" '' && ! er_is "$v" "$e"; then
      er_why="$c is $v, expected ${e:-not set}"
      return 1
    fi
  done
}
# er_still OPT_IN PEERING SOURCE COLUMN VALUE...: when the user opted in to delete PEERING and it is
# live, it still holds exactly the values of SOURCE; otherwise nothing is deleted.
er_still() {
  local opt=$1 p=$2 source=$3
  shift 3
  er_opted_in "$opt" && er_exists "$p" || return 0
  er_only "$p" "$@" || er_stop "$p no longer holds the values of $source ($er_why): it is not deleted. Import it and decide with a new plan."
}
# er_global_reach OPT_IN PEERING KNOWN: when opted in, stops if PEERING has a Global Reach connection
# this block does not delete first (not in KNOWN).
er_global_reach() {
  local names n
  er_opted_in "$1" || return 0
  names=$(er_live "$2" 'connections[].name')
  er_is "$names" '' && return 0
  for n in $(printf '%s' "$names" | tr -d '[]"' | tr ',' ' '); do
    case " $3 " in
      *" $n "*) ;;
      *) er_stop "$2 has the Global Reach connection $n: delete it first (az network express-route peering connection delete --peering-name $2 -n $n)." ;;
    esac
  done
}
# er_virtual_wan OPT_IN PEERING: when opted in, stops if a Virtual WAN connection uses PEERING.
er_virtual_wan() {
  local id
  er_opted_in "$1" || return 0
  id=$(er_live "$2" expressRouteConnection.id)
  er_is "$id" '' || er_stop "$2 is used by the Virtual WAN connection $id: delete it first (az network express-route gateway connection delete)."
}
# Step 1: read circuit MyDirectCircuit once: its state and every live peering's values. Nothing is
# written before the checks below pass.
er_circuit=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyDirectCircuit --query '[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]' -o tsv | tr -d '\r') || er_stop 'Step 1 failed: az could not read circuit MyDirectCircuit (see its message above).'
er_still ER_DELETE_MICROSOFTPEERING MicrosoftPeering 'this plan' \
    peerASN 65010 \
    vlanId 300 \
    primaryPeerAddressPrefix 123.0.0.0/30 \
    secondaryPeerAddressPrefix 123.0.0.4/30 \
    microsoftPeeringConfig.advertisedPublicPrefixes '["123.1.0.0/24","123.2.0.0/24"]' \
    microsoftPeeringConfig.routingRegistryName ARIN \
    routeFilter.id /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter
er_still ER_DELETE_AZUREPRIVATEPEERING AzurePrivatePeering 'this plan' \
    peerASN 65010 \
    vlanId 200 \
    primaryPeerAddressPrefix 192.168.100.128/30 \
    secondaryPeerAddressPrefix 192.168.100.132/30
er_global_reach ER_DELETE_AZUREPRIVATEPEERING AzurePrivatePeering ''
er_virtual_wan ER_DELETE_AZUREPRIVATEPEERING AzurePrivatePeering
echo 'Step 1: circuit MyDirectCircuit read; nothing live conflicts with this block.'

# MicrosoftPeering was created by this plan. To delete it, run the block with ER_DELETE_MICROSOFTPEERING=yes.
# Step 2: delete MicrosoftPeering; az asks for no confirmation.
if ! er_opted_in ER_DELETE_MICROSOFTPEERING; then
  echo 'Step 2: skipped: MicrosoftPeering is kept (opt in with ER_DELETE_MICROSOFTPEERING=yes to delete it).'
elif ! er_exists MicrosoftPeering; then
  echo 'Step 2: skipped: MicrosoftPeering does not exist.'
else
  az network express-route peering delete --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyDirectCircuit -n MicrosoftPeering -o none || er_stop 'Step 2 failed (delete MicrosoftPeering; az asks for no confirmation): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 2: deleted MicrosoftPeering.'
fi

# AzurePrivatePeering was created by this plan. To delete it, run the block with ER_DELETE_AZUREPRIVATEPEERING=yes.
# Before a private peering goes, so must what uses it: its VNet gateway connections (az network vpn-connection delete)
# and its Virtual WAN connection (az network express-route gateway connection delete); this block stops while one is left.
# Step 3: read AzurePrivatePeering again: no Global Reach connection may be left.
if er_opted_in ER_DELETE_AZUREPRIVATEPEERING && er_exists AzurePrivatePeering; then
  er_left=$(az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyDirectCircuit -n AzurePrivatePeering --query 'to_string(connections[].name)' -o tsv | tr -d '\r') || er_stop 'Step 3 failed: az could not read AzurePrivatePeering.'
  er_is "$er_left" '' || er_stop 'AzurePrivatePeering still has Global Reach connections (' "$er_left" '): delete them first.'
  echo 'Step 3: AzurePrivatePeering has no Global Reach connection.'
else
  echo 'Step 3: skipped: AzurePrivatePeering is not deleted.'
fi
# Step 4: delete AzurePrivatePeering; az asks for no confirmation.
if ! er_opted_in ER_DELETE_AZUREPRIVATEPEERING; then
  echo 'Step 4: skipped: AzurePrivatePeering is kept (opt in with ER_DELETE_AZUREPRIVATEPEERING=yes to delete it).'
elif ! er_exists AzurePrivatePeering; then
  echo 'Step 4: skipped: AzurePrivatePeering does not exist.'
else
  az network express-route peering delete --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyDirectCircuit -n AzurePrivatePeering -o none || er_stop 'Step 4 failed (delete AzurePrivatePeering; az asks for no confirmation): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 4: deleted AzurePrivatePeering.'
fi
ER_PLANNER
