# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Windows PowerShell (5.1, or 7.x on Windows, where az runs as az.cmd). Quoting differs in pwsh
# on Linux/macOS. Paste the whole block: it stops at the first failed step.
& { $ErrorActionPreference = 'Stop'
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  $circuitState = (az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv) -join ' '
  if ($LASTEXITCODE) { throw "step 1 failed" }
  if ($circuitState -ne 'Provisioned Enabled') { throw "Stopped at step 1: circuit MyCircuit is not ready for peerings (provider state, circuit state: $circuitState). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." }

  # MicrosoftPeering: VLAN 300, peer ASN 12345, IPv4 + IPv6.
  # Step 2: create MicrosoftPeering with its IPv4 settings.
  az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit --peering-type MicrosoftPeering --peer-asn 12345 --vlan-id 300 --primary-peer-subnet 123.0.0.0/30 --secondary-peer-subnet 123.0.0.4/30 --advertised-public-prefixes 123.1.0.0/24 --customer-asn 31337 --routing-registry-name RIPENCC
  if ($LASTEXITCODE) { throw "step 2 failed" }
  # Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6
  # flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91).
  # Step 3: add the IPv6 settings to MicrosoftPeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=2a01:111:f100::/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=2a01:111:f100::4/126 --set 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes=[]' --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f200::/48 --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f300::/48 --set ipv6PeeringConfig.microsoftPeeringConfig.customerASN=31337 --set ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName=RIPENCC --set ipv6PeeringConfig.state=Enabled
  if ($LASTEXITCODE) { throw "step 3 failed" }
  # Without a route filter, circuits set up after 2017-08-01 receive no Microsoft prefixes.
  # Step 4: attach the route filter(s) to MicrosoftPeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --route-filter MyRouteFilter --set ipv6PeeringConfig.routeFilter.id=/subscriptions/bbbb1b1b-cc2c-dd3d-ee4e-ffffff5f5f5f/resourceGroups/NetworkFilters/providers/Microsoft.Network/routeFilters/RouteFilterV6
  if ($LASTEXITCODE) { throw "step 4 failed" }
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # The prefixes state of each configured family must reach Configured. ValidationNeeded
  # means the routing registry did not prove the prefixes are yours: open a support ticket
  # with documents that show you own them.
  # Step 5: show MicrosoftPeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
  if ($LASTEXITCODE) { throw "step 5 failed" }
}
