bash -s <<'ER_PLANNER'
# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into bash or zsh, or save it and run it with bash: bash runs it (zsh only
# hands it over), and it stops at the first failed step.
# Safe to run again: the first step reads the circuit and stops before any change when the plan would
# overwrite a live peering it did not create, reuse a live VLAN or edit a peering that changed since it
# was imported; every later step skips itself when the circuit already holds its values.
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
# er_new PEERING SHOW CREATED COLUMN VALUE...: PEERING is not live, or an earlier run of this block
# created it: then it holds only values of this plan, and those of the CREATED columns already.
er_new() {
  local p=$1 show=$2 created=$3 c k v
  shift 3
  er_exists "$p" || return 0
  er_only "$p" "$@" || er_stop "$p is already live with other values ($er_why): this block would overwrite it. Import it and plan a change: $show"
  for c in $created; do
    v=''
    k=1
    while [ "$k" -lt "$#" ]; do
      if [ "${!k}" = "$c" ]; then
        k=$((k + 1))
        v=${!k}
        break
      fi
      k=$((k + 2))
    done
    er_holds "$p" "$c" "$v" || er_stop "$p is already live without all values of its first step ($er_why): this block would overwrite it. Import it and plan a change: $show"
  done
}
# er_vlan_free PEERING VLAN: no other live peering uses VLAN (each peering needs its own).
er_vlan_free() {
  local other
  other=$(printf '%s\n' "$er_circuit" | awk -F '\t' -v p="$1" -v v="$2" 'NR > 2 && tolower($1) != tolower(p) && $2 == v { print $1; exit }')
  [ -z "$other" ] || er_stop "VLAN $2 is used by the live $other: each peering of a circuit needs its own VLAN. Choose another VLAN for $1."
}
# er_ready CIRCUIT: the provider has provisioned the circuit.
er_ready() {
  local state
  state=$(printf '%s\n' "$er_circuit" | sed -n '1,2p' | tr '\n' ' ')
  [ "$state" = 'Provisioned Enabled ' ] || er_stop "circuit $1 is not ready for peerings (provider state, circuit state: ${state:-none}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first."
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
er_ready MyCircuit
er_new MicrosoftPeering 'az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering -o json' 'peerASN vlanId primaryPeerAddressPrefix secondaryPeerAddressPrefix microsoftPeeringConfig.advertisedPublicPrefixes microsoftPeeringConfig.routingRegistryName' \
    peerASN 12345 \
    vlanId 300 \
    primaryPeerAddressPrefix 123.0.0.0/30 \
    secondaryPeerAddressPrefix 123.0.0.4/30 \
    microsoftPeeringConfig.advertisedPublicPrefixes '["123.1.0.0/24"]' \
    microsoftPeeringConfig.routingRegistryName ARIN \
    routeFilter.id /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/NetworkFilters/providers/Microsoft.Network/routeFilters/EntraOnly
er_vlan_free MicrosoftPeering 300
echo 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'
# Step 2: read the route filters of the resource groups this block creates filters in. Nothing is
# written before the checks below pass.
er_read=$(az network route-filter list --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g NetworkFilters --query '[].[resourceGroup,name,location,to_string(rules[0].name),to_string(rules[0].communities)]' -o tsv | tr -d '\r') || er_stop 'Step 2 failed: az could not list the route filters (see its message above; the resource group must exist).'
er_keep_filters "$er_read"
er_filter_ok NetworkFilters/EntraOnly northeurope entra '["12076:5060"]' '' 'az network route-filter show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g NetworkFilters -n EntraOnly -o json'
echo 'Step 2: route filters read; nothing there conflicts with this block.'

# Route filter EntraOnly (NetworkFilters) for the IPv4 of MicrosoftPeering: allows 12076:5060 (Microsoft Entra ID).
# The communities are the catalogue of 2026-03-12: compare with az network route-filter rule list-service-communities.
# Step 3: create route filter EntraOnly in northeurope.
if er_filter_exists NetworkFilters/EntraOnly; then
  echo 'Step 3: skipped: route filter EntraOnly exists (an earlier run created it).'
else
  az network route-filter create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g NetworkFilters -n EntraOnly -l northeurope -o none || er_stop 'Step 3 failed (create route filter EntraOnly in northeurope): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 3: created route filter EntraOnly.'
fi
# Step 4: create rule entra of route filter EntraOnly.
if er_filter_holds NetworkFilters/EntraOnly entra '["12076:5060"]'; then
  echo 'Step 4: skipped: route filter EntraOnly already holds this rule.'
else
  az network route-filter rule create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g NetworkFilters --filter-name EntraOnly -n entra -l northeurope --access Allow --communities 12076:5060 -o none || er_stop 'Step 4 failed (create rule entra of route filter EntraOnly): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 4: created rule entra of route filter EntraOnly.'
fi

# MicrosoftPeering: VLAN 300, peer ASN 12345, IPv4.
# Step 5: create MicrosoftPeering with its IPv4 settings.
if er_holds MicrosoftPeering \
    peerASN 12345 \
    vlanId 300 \
    primaryPeerAddressPrefix 123.0.0.0/30 \
    secondaryPeerAddressPrefix 123.0.0.4/30 \
    microsoftPeeringConfig.advertisedPublicPrefixes '["123.1.0.0/24"]' \
    microsoftPeeringConfig.routingRegistryName ARIN; then
  echo 'Step 5: skipped: MicrosoftPeering already exists with these values (an earlier run created it).'
else
  az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit --peering-type MicrosoftPeering --peer-asn 12345 --vlan-id 300 --primary-peer-subnet 123.0.0.0/30 --secondary-peer-subnet 123.0.0.4/30 --advertised-public-prefixes 123.1.0.0/24 --routing-registry-name ARIN -o none || er_stop 'Step 5 failed (create MicrosoftPeering with its IPv4 settings): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 5: created MicrosoftPeering.'
fi
# Without a route filter, circuits set up after 2017-08-01 receive no Microsoft prefixes.
# Step 6: attach the route filter(s) to MicrosoftPeering.
if er_holds MicrosoftPeering \
    routeFilter.id /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/NetworkFilters/providers/Microsoft.Network/routeFilters/EntraOnly; then
  echo 'Step 6: skipped: MicrosoftPeering already has these route filters.'
else
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --route-filter /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/NetworkFilters/providers/Microsoft.Network/routeFilters/EntraOnly -o none || er_stop 'Step 6 failed (attach the route filter(s) to MicrosoftPeering): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 6: attached the route filter(s) to MicrosoftPeering.'
fi
# This shows that Azure accepted the configuration; it does not prove that BGP is up.
# Expect provisioningState Succeeded and state Enabled.
# The prefixes state of each configured family must reach Configured. ValidationNeeded means the routing registry did not prove the prefixes are yours: open a support ticket with documents that show you own them.
# Step 7: show MicrosoftPeering.
az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table || er_stop 'Step 7 failed (show MicrosoftPeering): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
echo 'Step 7: MicrosoftPeering is shown above.'
# Once your routers are configured, check each path of MicrosoftPeering (run these by hand):
#   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path primary -o table
#     expect two entries: 123.0.0.1 (your router) and 123.0.0.2 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 300, or the provider's tags).
#   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path primary -o table
#     expect neighbor 123.0.0.1 with AS 12345 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
#   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path secondary -o table
#     expect two entries: 123.0.0.5 (your router) and 123.0.0.6 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 300, or the provider's tags).
#   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path secondary -o table
#     expect neighbor 123.0.0.5 with AS 12345 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
ER_PLANNER
