# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Windows PowerShell (5.1, or 7.x on Windows, where az runs as az.cmd). Quoting differs in pwsh
# on Linux/macOS. Paste the whole block: it stops at the first failed step.
# The BGP shared key is read from $env:ER_SHARED_KEY; set it first: $env:ER_SHARED_KEY = Read-Host 'BGP shared key'
& { $ErrorActionPreference = 'Stop'
  if (-not $env:ER_SHARED_KEY) { throw 'Set $env:ER_SHARED_KEY to the BGP shared key first.' }
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  $circuitState = (az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv) -join ' '
  if ($LASTEXITCODE) { throw "step 1 failed" }
  if ($circuitState -ne 'Provisioned Enabled') { throw "Stopped at step 1: circuit MyCircuit is not ready for peerings (provider state, circuit state: $circuitState). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." }

  # MicrosoftPeering: VLAN 300, peer ASN 12345, IPv4.
  # Step 2: create MicrosoftPeering with its IPv4 settings.
  az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit --peering-type MicrosoftPeering --peer-asn 12345 --vlan-id 300 --primary-peer-subnet 123.0.0.0/30 --secondary-peer-subnet 123.0.0.4/30 "--shared-key=$env:ER_SHARED_KEY" --advertised-public-prefixes 123.1.0.0/24 123.2.0.0/23 --customer-asn 396982 --routing-registry-name ARIN
  if ($LASTEXITCODE) { throw "step 2 failed" }
  # Without a route filter, circuits set up after 2017-08-01 receive no Microsoft prefixes.
  # The IPv4 route filter is in subscription bbbb1b1b-cc2c-dd3d-ee4e-ffffff5f5f5f: az 2.91 signs in to it as well, so it must be in 'az account list'.
  # Step 3: attach the route filter(s) to MicrosoftPeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --route-filter /subscriptions/bbbb1b1b-cc2c-dd3d-ee4e-ffffff5f5f5f/resourceGroups/Filters-RG/providers/Microsoft.Network/routeFilters/MyRouteFilter
  if ($LASTEXITCODE) { throw "step 3 failed" }
  # Expect provisioningState Succeeded and state Enabled.
  # The prefixes state of each configured family must reach Configured. ValidationNeeded
  # means the routing registry did not prove the prefixes are yours: open a support ticket
  # with documents that show you own them.
  # Step 4: show MicrosoftPeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
  if ($LASTEXITCODE) { throw "step 4 failed" }
}
