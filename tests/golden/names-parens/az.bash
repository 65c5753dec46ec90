# ExpressRoute peerings for circuit ckt.prod-1 in resource group rg(x).prod (the account's current subscription).
# Paste the whole block into bash or zsh: it runs in a subshell and stops at the first failed step.
# The BGP shared key is read from ER_SHARED_KEY_PRIVATE; set it first: read -rs ER_SHARED_KEY_PRIVATE; export ER_SHARED_KEY_PRIVATE
# The BGP shared key is read from ER_SHARED_KEY_MICROSOFT; set it first: read -rs ER_SHARED_KEY_MICROSOFT; export ER_SHARED_KEY_MICROSOFT
( set -euo pipefail
  : "${ER_SHARED_KEY_PRIVATE:?set ER_SHARED_KEY_PRIVATE to the BGP shared key first}"
  : "${ER_SHARED_KEY_MICROSOFT:?set ER_SHARED_KEY_MICROSOFT to the BGP shared key first}"
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  circuit_state=$(az network express-route show -g 'rg(x).prod' -n ckt.prod-1 --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv | tr -d '\r' | tr '\n' ' ')
  if [ "$circuit_state" != 'Provisioned Enabled ' ]; then
    echo "Stopped at step 1: circuit ckt.prod-1 is not ready for peerings (provider state, circuit state: ${circuit_state:-none}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." >&2
    exit 1
  fi
  # Step 2: read the current subscription once (the IPv6 route filter needs a full resource ID).
  SUB=$(az account show --query id -o tsv)

  # AzurePrivatePeering: VLAN 200, peer ASN 65010, IPv4 + IPv6.
  # Step 3: create AzurePrivatePeering with its IPv4 settings.
  az network express-route peering create -g 'rg(x).prod' --circuit-name ckt.prod-1 --peering-type AzurePrivatePeering --peer-asn 65010 --vlan-id 200 --primary-peer-subnet 192.168.100.128/30 --secondary-peer-subnet 192.168.100.132/30 --shared-key="$ER_SHARED_KEY_PRIVATE"
  # Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6
  # flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91).
  # Step 4: add the IPv6 settings to AzurePrivatePeering.
  az network express-route peering update -g 'rg(x).prod' --circuit-name ckt.prod-1 -n AzurePrivatePeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=fd00:10::/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=fd00:10::4/126 --set ipv6PeeringConfig.state=Enabled
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # Step 5: show AzurePrivatePeering.
  az network express-route peering show -g 'rg(x).prod' --circuit-name ckt.prod-1 -n AzurePrivatePeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state}' -o table

  # MicrosoftPeering: VLAN 300, peer ASN 12345, IPv4 + IPv6.
  # Step 6: create MicrosoftPeering with its IPv4 settings.
  az network express-route peering create -g 'rg(x).prod' --circuit-name ckt.prod-1 --peering-type MicrosoftPeering --peer-asn 12345 --vlan-id 300 --primary-peer-subnet 123.0.0.0/30 --secondary-peer-subnet 123.0.0.4/30 --shared-key="$ER_SHARED_KEY_MICROSOFT" --advertised-public-prefixes 123.1.0.0/24 --routing-registry-name ARIN
  # Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6
  # flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91).
  # Step 7: add the IPv6 settings to MicrosoftPeering.
  az network express-route peering update -g 'rg(x).prod' --circuit-name ckt.prod-1 -n MicrosoftPeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=2a01:111:f100::/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=2a01:111:f100::4/126 --set 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes=[]' --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f200::/48 --set ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName=ARIN --set ipv6PeeringConfig.state=Enabled
  # Without a route filter, circuits set up after 2017-08-01 receive no Microsoft prefixes.
  # Step 8: attach the route filter(s) to MicrosoftPeering.
  az network express-route peering update -g 'rg(x).prod' --circuit-name ckt.prod-1 -n MicrosoftPeering --route-filter rf.v4-1 --set "ipv6PeeringConfig.routeFilter.id=/subscriptions/$SUB/resourceGroups/rg(x).prod/providers/Microsoft.Network/routeFilters/rf.v6_1"
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # The prefixes state of each configured family must reach Configured. ValidationNeeded
  # means the routing registry did not prove the prefixes are yours: open a support ticket
  # with documents that show you own them.
  # Step 9: show MicrosoftPeering.
  az network express-route peering show -g 'rg(x).prod' --circuit-name ckt.prod-1 -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
)
