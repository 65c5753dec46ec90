bash -s <<'ER_PLANNER'
# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# PUT /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/ExchangeWestEurope?api-version=2024-05-01
# Save the route filter ExchangeWestEurope JSON body as routefilter-ExchangeWestEurope.json in the current folder, then paste this block.
# Paste the whole block into bash or zsh, or save it and run it with bash: bash runs it (zsh only
# hands it over), and it stops at the first failed step.
# It stops before the PUT when the filter exists with another rule or region, skips the PUT
# when it already holds the body's rule, and waits for the PUT to finish.
set -euo pipefail
set -f
# The circuit read below: two state lines, then per live peering its name and these columns.
er_fields='vlanId peerASN primaryPeerAddressPrefix secondaryPeerAddressPrefix microsoftPeeringConfig.advertisedPublicPrefixes microsoftPeeringConfig.customerASN microsoftPeeringConfig.routingRegistryName routeFilter.id ipv6PeeringConfig.primaryPeerAddressPrefix ipv6PeeringConfig.secondaryPeerAddressPrefix ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes ipv6PeeringConfig.microsoftPeeringConfig.customerASN ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName ipv6PeeringConfig.routeFilter.id'
er_columns="$er_fields connections[].name expressRouteConnection.id"
er_circuit=''
er_why=''
# er_stop TEXT...: stops the block; nothing after it runs.
er_stop() { printf 'Stopped: ' >&2; printf '%s' "$@" >&2; printf '\n' >&2; exit 1; }
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
# er_body FILE KEY PEERING: the body file is here and, when KEY is set, names a sharedKey.
er_body() {
  [ -f "$1" ] || er_stop "save the $3 JSON body as $1 in this folder first."
  [ -z "$2" ] || grep -q '"sharedKey"' "$1" || er_stop "$1 has no \"sharedKey\": a PUT without it may remove the live key. Add \"sharedKey\": \"<key>\" under \"properties\" (\"\" when $3 has none)."
}
# er_wait WHAT COMMAND...: waits until COMMAND prints Succeeded (20 minutes at most); on Failed it names
# the same read without --query, which shows why.
er_wait() {
  local p=$1 state delay=2 waited=0 show
  shift
  show="$*"
  while :; do
    state=$("$@" | tr -d '\r') || er_stop "could not read the state of $p."
    case "$state" in
      Succeeded) return 0 ;;
      Failed | Canceled) er_stop "Azure reports $p as $state: see ${show%% --query*} for why." ;;
    esac
    [ "$waited" -lt 1200 ] || er_stop "$p is still $state after 20 minutes: check it in the portal."
    sleep "$delay"
    waited=$((waited + delay))
    [ "$delay" -ge 30 ] || delay=$((delay * 2))
  done
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
# Step 1: read the route filters of the resource groups this block creates filters in. Nothing is
# written before the checks below pass.
er_read=$(az network route-filter list --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --query '[].[resourceGroup,name,location,to_string(rules[0].name),to_string(rules[0].communities)]' -o tsv | tr -d '\r') || er_stop 'Step 1 failed: az could not list the route filters (see its message above; the resource group must exist).'
er_keep_filters "$er_read"
er_filter_ok ExpressRouteResourceGroup/ExchangeWestEurope westeurope allow-communities '["12076:5010","12076:51002","12076:5060"]' '' 'az network route-filter show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n ExchangeWestEurope -o json'
echo 'Step 1: route filters read; nothing there conflicts with this block.'
# Step 2: check the body file routefilter-ExchangeWestEurope.json.
er_body routefilter-ExchangeWestEurope.json '' 'route filter ExchangeWestEurope'
echo 'Step 2: routefilter-ExchangeWestEurope.json is there.'
# Step 3: PUT the body of routefilter-ExchangeWestEurope.json as route filter ExchangeWestEurope.
if er_filter_holds ExpressRouteResourceGroup/ExchangeWestEurope allow-communities '["12076:5010","12076:51002","12076:5060"]'; then
  echo 'Step 3: skipped: route filter ExchangeWestEurope already holds the body'\''s rule.'
else
  az rest --method put --url '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/ExchangeWestEurope?api-version=2024-05-01' --body '@routefilter-ExchangeWestEurope.json' -o none || er_stop 'Step 3 failed (PUT the body of routefilter-ExchangeWestEurope.json as route filter ExchangeWestEurope): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 3: sent routefilter-ExchangeWestEurope.json for route filter ExchangeWestEurope.'
fi
# Step 4: wait until Azure has finished with route filter ExchangeWestEurope (az rest does not wait for the PUT).
er_wait 'route filter ExchangeWestEurope' az network route-filter show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n ExchangeWestEurope --query provisioningState -o tsv
echo 'Step 4: route filter ExchangeWestEurope is Succeeded.'
ER_PLANNER
