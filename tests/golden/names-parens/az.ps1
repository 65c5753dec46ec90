# ExpressRoute peerings for circuit ckt.prod-1 in resource group rg(x).prod (the account's current subscription).
# Windows PowerShell (5.1, or 7.x on Windows, where az runs as az.cmd). Quoting differs in pwsh
# on Linux/macOS. Paste the whole block: it stops at the first failed step.
# The BGP shared key is read from $env:ER_SHARED_KEY_PRIVATE; set it first: $env:ER_SHARED_KEY_PRIVATE = Read-Host 'BGP shared key'
# The BGP shared key is read from $env:ER_SHARED_KEY_MICROSOFT; set it first: $env:ER_SHARED_KEY_MICROSOFT = Read-Host 'BGP shared key'
& { $ErrorActionPreference = 'Stop'
  if (-not $env:ER_SHARED_KEY_PRIVATE) { throw 'Set $env:ER_SHARED_KEY_PRIVATE to the BGP shared key first.' }
  if (-not $env:ER_SHARED_KEY_MICROSOFT) { throw 'Set $env:ER_SHARED_KEY_MICROSOFT to the BGP shared key first.' }
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  $circuitState = (az network express-route show -g '"rg(x).prod"' -n ckt.prod-1 --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv) -join ' '
  if ($LASTEXITCODE) { throw "step 1 failed" }
  if ($circuitState -ne 'Provisioned Enabled') { throw "Stopped at step 1: circuit ckt.prod-1 is not ready for peerings (provider state, circuit state: $circuitState). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." }
  # Step 2: read the current subscription once (the IPv6 route filter needs a full resource ID).
  $sub = az account show --query id -o tsv
  if ($LASTEXITCODE) { throw "step 2 failed" }

  # AzurePrivatePeering: VLAN 200, peer ASN 65010, IPv4 + IPv6.
  # Step 3: create AzurePrivatePeering with its IPv4 settings.
  az network express-route peering create -g '"rg(x).prod"' --circuit-name ckt.prod-1 --peering-type AzurePrivatePeering --peer-asn 65010 --vlan-id 200 --primary-peer-subnet 192.168.100.128/30 --secondary-peer-subnet 192.168.100.132/30 "--shared-key=$env:ER_SHARED_KEY_PRIVATE"
  if ($LASTEXITCODE) { throw "step 3 failed" }
  # Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6
  # flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91).
  # Step 4: add the IPv6 settings to AzurePrivatePeering.
  az network express-route peering update -g '"rg(x).prod"' --circuit-name ckt.prod-1 -n AzurePrivatePeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=fd00:10::/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=fd00:10::4/126 --set ipv6PeeringConfig.state=Enabled
  if ($LASTEXITCODE) { throw "step 4 failed" }
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # Step 5: show AzurePrivatePeering.
  az network express-route peering show -g '"rg(x).prod"' --circuit-name ckt.prod-1 -n AzurePrivatePeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state}' -o table
  if ($LASTEXITCODE) { throw "step 5 failed" }

  # MicrosoftPeering: VLAN 300, peer ASN 12345, IPv4 + IPv6.
  # Step 6: create MicrosoftPeering with its IPv4 settings.
  az network express-route peering create -g '"rg(x).prod"' --circuit-name ckt.prod-1 --peering-type MicrosoftPeering --peer-asn 12345 --vlan-id 300 --primary-peer-subnet 123.0.0.0/30 --secondary-peer-subnet 123.0.0.4/30 "--shared-key=$env:ER_SHARED_KEY_MICROSOFT" --advertised-public-prefixes 123.1.0.0/24 --routing-registry-name ARIN
  if ($LASTEXITCODE) { throw "step 6 failed" }
  # Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6
  # flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91).
  # Step 7: add the IPv6 settings to MicrosoftPeering.
  az network express-route peering update -g '"rg(x).prod"' --circuit-name ckt.prod-1 -n MicrosoftPeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=2a01:111:f100::/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=2a01:111:f100::4/126 --set 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes=[]' --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f200::/48 --set ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName=ARIN --set ipv6PeeringConfig.state=Enabled
  if ($LASTEXITCODE) { throw "step 7 failed" }
  # Without a route filter, circuits set up after 2017-08-01 receive no Microsoft prefixes.
  # Step 8: attach the route filter(s) to MicrosoftPeering.
  az network express-route peering update -g '"rg(x).prod"' --circuit-name ckt.prod-1 -n MicrosoftPeering --route-filter rf.v4-1 --set "`"ipv6PeeringConfig.routeFilter.id=/subscriptions/$sub/resourceGroups/rg(x).prod/providers/Microsoft.Network/routeFilters/rf.v6_1`""
  if ($LASTEXITCODE) { throw "step 8 failed" }
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # The prefixes state of each configured family must reach Configured. ValidationNeeded
  # means the routing registry did not prove the prefixes are yours: open a support ticket
  # with documents that show you own them.
  # Step 9: show MicrosoftPeering.
  az network express-route peering show -g '"rg(x).prod"' --circuit-name ckt.prod-1 -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
  if ($LASTEXITCODE) { throw "step 9 failed" }
}
