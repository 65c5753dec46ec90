bash -s <<'ER_PLANNER'
# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# CLEAN-UP: deletes nothing unless you opt in, peering by peering, and only while the peering
# still holds the values this block expects. az asks for no confirmation.
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
# Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
# written before the checks below pass.
er_circuit=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]' -o tsv | tr -d '\r') || er_stop 'Step 1 failed: az could not read circuit MyCircuit (see its message above).'
echo 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'

# Route filter MyRouteFilter was imported, not created by this plan: the clean-up leaves it alone.

# MicrosoftPeering is live and stays in your plan: never deleted here (the rollback block restores its imported values).
ER_PLANNER
