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
# er_filter_ok FILTER LOCATION RULE COMMUNITIES IMPORTED SHOW: FILTER is not there yet, or it is in LOCATION
# with no rule, or with RULE allowing COMMUNITIES (an earlier run) or IMPORTED (as imported).
er_filter_ok() {
  local loc rule comm
  er_filter_exists "$1" || return 0
  loc=$(er_fcol "$1" 3)
  rule=$(er_fcol "$1" 4)
  comm=$(er_fcol "$1" 5)
  er_is "$loc" "$2" || er_stop "route filter $1 is in $loc, not $2: a filter's region cannot change; plan another name."
  if er_is "$rule" ''; then return 0; fi
  if er_is "$rule" "$3" && { er_is "$comm" "$4" || { [ -n "$5" ] && er_is "$comm" "$5"; }; }; then return 0; fi
  er_stop "route filter $1 already has rule $rule ($comm), which this block would replace. Import it and plan a change: $6"
}
# Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
# written before the checks below pass.
er_circuit=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]' -o tsv | tr -d '\r') || er_stop 'Step 1 failed: az could not read circuit MyCircuit (see its message above).'
echo 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'
# Step 2: read the route filters of the resource groups this block creates filters in. Nothing is
# written before the checks below pass.
er_read=$(az network route-filter list --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --query '[].[resourceGroup,name,location,to_string(rules[0].name),to_string(rules[0].communities)]' -o tsv | tr -d '\r') || er_stop 'Step 2 failed: az could not list the route filters (see its message above; the resource group must exist).'
er_keep_filters "$er_read"
er_filter_ok ExpressRouteResourceGroup/MyRouteFilter westeurope allow-exchange '["12076:5010"]' '["12076:5010","12076:51002"]' 'az network route-filter show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyRouteFilter -o json'
echo 'Step 2: route filters read; nothing there conflicts with this block.'

# Route filter MyRouteFilter: its rule allow-exchange allows again what it did when it was imported (12076:5010 (Exchange Online)).
# Step 3: restore rule allow-exchange of route filter MyRouteFilter.
if er_filter_holds ExpressRouteResourceGroup/MyRouteFilter allow-exchange '["12076:5010"]'; then
  echo 'Step 3: skipped: route filter MyRouteFilter holds the imported communities.'
else
  az network route-filter rule update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --filter-name MyRouteFilter -n allow-exchange --set 'communities=[]' --add communities 12076:5010 -o none || er_stop 'Step 3 failed (restore rule allow-exchange of route filter MyRouteFilter): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 3: restored rule allow-exchange of route filter MyRouteFilter.'
fi

# MicrosoftPeering: the plan does not change it; nothing to restore.
ER_PLANNER
