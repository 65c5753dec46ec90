bash -s <<'ER_PLANNER'
# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# CLEAN-UP: deletes nothing unless you opt in, peering by peering, and only while the peering
# still holds the values this block expects. az asks for no confirmation.
# To delete route filter ExchangeWestEurope: change the first line to  ER_DELETE_ROUTEFILTER_EXCHANGEWESTEUROPE=yes bash -s <<'ER_PLANNER'
# To delete MicrosoftPeering: change the first line to  ER_DELETE_MICROSOFTPEERING=yes bash -s <<'ER_PLANNER'
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
# er_keep_filters LINES: keeps a route filter read: per filter its resource group, name, location, rule
# name and the rule's communities (compact JSON).
er_filters=''
er_keep_filters() { er_filters=$(printf '%s\n%s' "$er_filters" "$1"); }
# er_fcol FILTER N: column N (3 location, 4 rule, 5 communities) of FILTER (resource-group/name).
er_fcol() { printf '%s\n' "$er_filters" | awk -F '\t' -v f="$1" -v n="$2" 'tolower($1 "/" $2) == tolower(f) { print $n; exit }'; }
# er_filter_exists FILTER: the route filter read found it.
er_filter_exists() { printf '%s\n' "$er_filters" | awk -F '\t' -v f="$1" 'tolower($1 "/" $2) == tolower(f) { found = 1 } END { exit !found }'; }
# er_filter_holds FILTER RULE COMMUNITIES: FILTER has RULE allowing exactly COMMUNITIES.
er_filter_holds() { er_filter_exists "$1" && er_is "$(er_fcol "$1" 4)" "$2" && er_is "$(er_fcol "$1" 5)" "$3"; }
# er_filter_still VARIABLE FILTER RULE COMMUNITIES: when opted in and FILTER is there, it still holds RULE
# allowing COMMUNITIES; otherwise nothing is deleted.
er_filter_still() {
  er_opted_in "$1" && er_filter_exists "$2" || return 0
  er_filter_holds "$2" "$3" "$4" || er_stop "route filter $2 no longer holds rule $3 ($4): it is not deleted. Check it and decide by hand."
}
# Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
# written before the checks below pass.
er_circuit=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]' -o tsv | tr -d '\r') || er_stop 'Step 1 failed: az could not read circuit MyCircuit (see its message above).'
er_still ER_DELETE_MICROSOFTPEERING MicrosoftPeering 'this plan' \
    peerASN 12345 \
    vlanId 300 \
    primaryPeerAddressPrefix 123.0.0.0/30 \
    secondaryPeerAddressPrefix 123.0.0.4/30 \
    microsoftPeeringConfig.advertisedPublicPrefixes '["123.1.0.0/24"]' \
    microsoftPeeringConfig.routingRegistryName ARIN \
    routeFilter.id /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/ExchangeWestEurope \
    ipv6PeeringConfig.primaryPeerAddressPrefix 2a01:111:f100::/126 \
    ipv6PeeringConfig.secondaryPeerAddressPrefix 2a01:111:f100::4/126 \
    ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes '["2a01:111:f200::/48"]' \
    ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName ARIN \
    ipv6PeeringConfig.routeFilter.id /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/ExchangeWestEurope
echo 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'
# Step 2: read the route filters of the resource groups this block creates filters in. Nothing is
# written before the checks below pass.
er_read=$(az network route-filter list --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --query '[].[resourceGroup,name,location,to_string(rules[0].name),to_string(rules[0].communities)]' -o tsv | tr -d '\r') || er_stop 'Step 2 failed: az could not list the route filters (see its message above; the resource group must exist).'
er_keep_filters "$er_read"
er_filter_still ER_DELETE_ROUTEFILTER_EXCHANGEWESTEUROPE ExpressRouteResourceGroup/ExchangeWestEurope allow-communities '["12076:5010","12076:51002","12076:5060"]'
echo 'Step 2: route filters read; nothing there conflicts with this block.'

# Route filter ExchangeWestEurope was created by this plan. To delete it, run the block with ER_DELETE_ROUTEFILTER_EXCHANGEWESTEUROPE=yes: its peering detaches it first (no Microsoft prefixes over that family until another filter is attached).
# Step 3: detach route filter ExchangeWestEurope from the MicrosoftPeering IPv4 sessions.
if ! er_opted_in ER_DELETE_ROUTEFILTER_EXCHANGEWESTEUROPE; then
  echo 'Step 3: skipped: route filter ExchangeWestEurope is kept (opt in with ER_DELETE_ROUTEFILTER_EXCHANGEWESTEUROPE=yes to delete it).'
elif ! er_exists MicrosoftPeering; then
  echo 'Step 3: skipped: MicrosoftPeering is not live.'
elif ! er_holds MicrosoftPeering \
    routeFilter.id /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/ExchangeWestEurope; then
  echo 'Step 3: skipped: MicrosoftPeering (IPv4) does not have route filter ExchangeWestEurope attached.'
else
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --remove routeFilter -o none || er_stop 'Step 3 failed (detach route filter ExchangeWestEurope from the MicrosoftPeering IPv4 sessions): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 3: detached route filter ExchangeWestEurope from MicrosoftPeering (IPv4).'
fi
# Step 4: detach route filter ExchangeWestEurope from the MicrosoftPeering IPv6 sessions.
if ! er_opted_in ER_DELETE_ROUTEFILTER_EXCHANGEWESTEUROPE; then
  echo 'Step 4: skipped: route filter ExchangeWestEurope is kept (opt in with ER_DELETE_ROUTEFILTER_EXCHANGEWESTEUROPE=yes to delete it).'
elif ! er_exists MicrosoftPeering; then
  echo 'Step 4: skipped: MicrosoftPeering is not live.'
elif ! er_holds MicrosoftPeering \
    ipv6PeeringConfig.routeFilter.id /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/ExchangeWestEurope; then
  echo 'Step 4: skipped: MicrosoftPeering (IPv6) does not have route filter ExchangeWestEurope attached.'
else
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --remove ipv6PeeringConfig.routeFilter -o none || er_stop 'Step 4 failed (detach route filter ExchangeWestEurope from the MicrosoftPeering IPv6 sessions): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 4: detached route filter ExchangeWestEurope from MicrosoftPeering (IPv6).'
fi
# Step 5: delete route filter ExchangeWestEurope.
if ! er_opted_in ER_DELETE_ROUTEFILTER_EXCHANGEWESTEUROPE; then
  echo 'Step 5: skipped: route filter ExchangeWestEurope is kept (opt in with ER_DELETE_ROUTEFILTER_EXCHANGEWESTEUROPE=yes to delete it).'
elif ! er_filter_exists ExpressRouteResourceGroup/ExchangeWestEurope; then
  echo 'Step 5: skipped: route filter ExchangeWestEurope is not there (any more).'
else
  az network route-filter delete --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n ExchangeWestEurope -o none || er_stop 'Step 5 failed (delete route filter ExchangeWestEurope): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 5: deleted route filter ExchangeWestEurope.'
fi

# MicrosoftPeering was created by this plan. To delete it, run the block with ER_DELETE_MICROSOFTPEERING=yes.
# Step 6: delete MicrosoftPeering; az asks for no confirmation.
if ! er_opted_in ER_DELETE_MICROSOFTPEERING; then
  echo 'Step 6: skipped: MicrosoftPeering is kept (opt in with ER_DELETE_MICROSOFTPEERING=yes to delete it).'
elif ! er_exists MicrosoftPeering; then
  echo 'Step 6: skipped: MicrosoftPeering does not exist.'
else
  az network express-route peering delete --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering -o none || er_stop 'Step 6 failed (delete MicrosoftPeering; az asks for no confirmation): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 6: deleted MicrosoftPeering.'
fi
ER_PLANNER
