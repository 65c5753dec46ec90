# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Windows PowerShell (5.1, or 7.x on Windows, where az runs as az.cmd). Quoting differs in pwsh
# on Linux/macOS. Paste the whole block: it stops at the first failed step.
& { $ErrorActionPreference = 'Stop'
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  $circuitState = (az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv) -join ' '
  if ($LASTEXITCODE) { throw "step 1 failed" }
  if ($circuitState -ne 'Provisioned Enabled') { throw "Stopped at step 1: circuit MyCircuit is not ready for peerings (provider state, circuit state: $circuitState). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." }

  # MicrosoftPeering (live): changes the IPv4 advertised prefixes, changes the IPv4 customer ASN, changes the IPv6 advertised prefixes.
  # One update: az reads the live peering, changes only these fields and writes it back
  # with everything else as it was (Global Reach connections included).
  # Step 2: update the live MicrosoftPeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --advertised-public-prefixes 123.1.0.0/24 123.2.0.0/24 123.3.0.0/25 --remove microsoftPeeringConfig.customerASN --set 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes=[]' --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f200::/48 --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f300::/48
  if ($LASTEXITCODE) { throw "step 2 failed" }
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # The prefixes state of each configured family must reach Configured. ValidationNeeded
  # means the routing registry did not prove the prefixes are yours: open a support ticket
  # with documents that show you own them.
  # Step 3: show MicrosoftPeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
  if ($LASTEXITCODE) { throw "step 3 failed" }
}
