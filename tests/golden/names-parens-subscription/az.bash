# ExpressRoute peerings for circuit er.ckt_01 in resource group Net_(West).EU-01 (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into bash or zsh: it runs in a subshell and stops at the first failed step.
# The BGP shared key is read from ER_SHARED_KEY; set it first: read -rs ER_SHARED_KEY; export ER_SHARED_KEY
( set -euo pipefail
  : "${ER_SHARED_KEY:?set ER_SHARED_KEY to the BGP shared key first}"
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  circuit_state=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g 'Net_(West).EU-01' -n er.ckt_01 --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv | tr -d '\r' | tr '\n' ' ')
  if [ "$circuit_state" != 'Provisioned Enabled ' ]; then
    echo "Stopped at step 1: circuit er.ckt_01 is not ready for peerings (provider state, circuit state: ${circuit_state:-none}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." >&2
    exit 1
  fi

  # MicrosoftPeering: VLAN 301, peer ASN 12345, IPv4 + IPv6.
  # Step 2: create MicrosoftPeering with its IPv4 settings.
  az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g 'Net_(West).EU-01' --circuit-name er.ckt_01 --peering-type MicrosoftPeering --peer-asn 12345 --vlan-id 301 --primary-peer-subnet 123.0.0.8/30 --secondary-peer-subnet 123.0.0.12/30 --shared-key="$ER_SHARED_KEY" --advertised-public-prefixes 123.3.0.0/24 --routing-registry-name LEVEL3
  # Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6
  # flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91).
  # Step 3: add the IPv6 settings to MicrosoftPeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g 'Net_(West).EU-01' --circuit-name er.ckt_01 -n MicrosoftPeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=2a01:111:f100::10/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=2a01:111:f100::14/126 --set 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes=[]' --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f400::/48 --set ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName=LEVEL3 --set ipv6PeeringConfig.state=Enabled
  # Without a route filter, circuits set up after 2017-08-01 receive no Microsoft prefixes.
  # Step 4: attach the route filter(s) to MicrosoftPeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g 'Net_(West).EU-01' --circuit-name er.ckt_01 -n MicrosoftPeering --route-filter rf.v4 --set 'ipv6PeeringConfig.routeFilter.id=/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/Net_(West).EU-01/providers/Microsoft.Network/routeFilters/rf-v6'
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # The prefixes state of each configured family must reach Configured. ValidationNeeded
  # means the routing registry did not prove the prefixes are yours: open a support ticket
  # with documents that show you own them.
  # Step 5: show MicrosoftPeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g 'Net_(West).EU-01' --circuit-name er.ckt_01 -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
)
