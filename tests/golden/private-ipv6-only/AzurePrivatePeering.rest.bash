bash -s <<'ER_PLANNER'
# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (the account's current subscription).
# PUT /subscriptions/{subscriptionId}/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/expressRouteCircuits/MyCircuit/peerings/AzurePrivatePeering?api-version=2024-05-01
# Save the AzurePrivatePeering JSON body as peering.json in the current folder, then paste this block.
# Paste the whole block into bash or zsh, or save it and run it with bash: bash runs it (zsh only
# hands it over), and it stops at the first failed step.
# It stops before the PUT when the live circuit conflicts with the body, skips the PUT when
# AzurePrivatePeering already holds every value of it, and waits for the PUT to finish.
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
# Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
# written before the checks below pass.
er_circuit=$(az network express-route show -g ExpressRouteResourceGroup -n MyCircuit --query '[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]' -o tsv | tr -d '\r') || er_stop 'Step 1 failed: az could not read circuit MyCircuit (see its message above).'
er_ready MyCircuit
er_new AzurePrivatePeering 'az network express-route peering show -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering -o json' 'peerASN vlanId ipv6PeeringConfig.primaryPeerAddressPrefix ipv6PeeringConfig.secondaryPeerAddressPrefix' \
    peerASN 4200000010 \
    vlanId 210 \
    ipv6PeeringConfig.primaryPeerAddressPrefix fd00:20::/126 \
    ipv6PeeringConfig.secondaryPeerAddressPrefix fd00:20::4/126
er_vlan_free AzurePrivatePeering 210
echo 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'
# Step 2: check the body file peering.json.
er_body peering.json '' AzurePrivatePeering
echo 'Step 2: peering.json is there.'
# Step 3: PUT the body of peering.json as AzurePrivatePeering.
if er_holds AzurePrivatePeering \
    peerASN 4200000010 \
    vlanId 210 \
    primaryPeerAddressPrefix '' \
    secondaryPeerAddressPrefix '' \
    microsoftPeeringConfig.advertisedPublicPrefixes '' \
    microsoftPeeringConfig.customerASN '' \
    microsoftPeeringConfig.routingRegistryName '' \
    routeFilter.id '' \
    ipv6PeeringConfig.primaryPeerAddressPrefix fd00:20::/126 \
    ipv6PeeringConfig.secondaryPeerAddressPrefix fd00:20::4/126 \
    ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes '' \
    ipv6PeeringConfig.microsoftPeeringConfig.customerASN '' \
    ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName '' \
    ipv6PeeringConfig.routeFilter.id ''; then
  echo 'Step 3: skipped: AzurePrivatePeering already holds every value of the body.'
else
  az rest --method put --url '/subscriptions/{subscriptionId}/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/expressRouteCircuits/MyCircuit/peerings/AzurePrivatePeering?api-version=2024-05-01' --body '@peering.json' -o none || er_stop 'Step 3 failed (PUT the body of peering.json as AzurePrivatePeering): see az'\''s message above. Run the block again once it is fixed: done steps are skipped.'
  echo 'Step 3: sent peering.json for AzurePrivatePeering.'
fi
# Step 4: wait until Azure has finished with AzurePrivatePeering (az rest does not wait for the PUT).
er_wait AzurePrivatePeering az network express-route peering show -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --query provisioningState -o tsv
echo 'Step 4: AzurePrivatePeering is Succeeded.'
ER_PLANNER
