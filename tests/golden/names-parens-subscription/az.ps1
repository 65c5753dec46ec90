# ExpressRoute peerings for circuit er.ckt_01 in resource group Net_(West).EU-01 (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Windows PowerShell (5.1, or 7.x on Windows, where az runs as az.cmd). Quoting differs in pwsh
# on Linux/macOS. Paste the whole block: it stops at the first failed step.
# The BGP shared key is read from $env:ER_SHARED_KEY; set it first: $env:ER_SHARED_KEY = Read-Host 'BGP shared key'
& { $ErrorActionPreference = 'Stop'
  if (-not $env:ER_SHARED_KEY) { throw 'Set $env:ER_SHARED_KEY to the BGP shared key first.' }
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  $circuitState = (az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g '"Net_(West).EU-01"' -n er.ckt_01 --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv) -join ' '
  if ($LASTEXITCODE) { throw "step 1 failed" }
  if ($circuitState -ne 'Provisioned Enabled') { throw "Stopped at step 1: circuit er.ckt_01 is not ready for peerings (provider state, circuit state: $circuitState). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." }

  # MicrosoftPeering: VLAN 301, peer ASN 12345, IPv4 + IPv6.
  # Step 2: create MicrosoftPeering with its IPv4 settings.
  az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g '"Net_(West).EU-01"' --circuit-name er.ckt_01 --peering-type MicrosoftPeering --peer-asn 12345 --vlan-id 301 --primary-peer-subnet 123.0.0.8/30 --secondary-peer-subnet 123.0.0.12/30 "--shared-key=$env:ER_SHARED_KEY" --advertised-public-prefixes 123.3.0.0/24 --routing-registry-name LEVEL3
  if ($LASTEXITCODE) { throw "step 2 failed" }
  # Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6
  # flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91).
  # Step 3: add the IPv6 settings to MicrosoftPeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g '"Net_(West).EU-01"' --circuit-name er.ckt_01 -n MicrosoftPeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=2a01:111:f100::10/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=2a01:111:f100::14/126 --set 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes=[]' --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f400::/48 --set ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName=LEVEL3 --set ipv6PeeringConfig.state=Enabled
  if ($LASTEXITCODE) { throw "step 3 failed" }
  # Without a route filter, circuits set up after 2017-08-01 receive no Microsoft prefixes.
  # Step 4: attach the route filter(s) to MicrosoftPeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g '"Net_(West).EU-01"' --circuit-name er.ckt_01 -n MicrosoftPeering --route-filter rf.v4 --set '"ipv6PeeringConfig.routeFilter.id=/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/Net_(West).EU-01/providers/Microsoft.Network/routeFilters/rf-v6"'
  if ($LASTEXITCODE) { throw "step 4 failed" }
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # The prefixes state of each configured family must reach Configured. ValidationNeeded
  # means the routing registry did not prove the prefixes are yours: open a support ticket
  # with documents that show you own them.
  # Step 5: show MicrosoftPeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g '"Net_(West).EU-01"' --circuit-name er.ckt_01 -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
  if ($LASTEXITCODE) { throw "step 5 failed" }
}
