# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (the account's current subscription).
# Windows PowerShell (5.1, or 7.x on Windows, where az runs as az.cmd). Quoting differs in pwsh
# on Linux/macOS. Paste the whole block: it stops at the first failed step.
& { $ErrorActionPreference = 'Stop'
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  $circuitState = (az network express-route show -g ExpressRouteResourceGroup -n MyCircuit --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv) -join ' '
  if ($LASTEXITCODE) { throw "step 1 failed" }
  if ($circuitState -ne 'Provisioned Enabled') { throw "Stopped at step 1: circuit MyCircuit is not ready for peerings (provider state, circuit state: $circuitState). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." }

  # AzurePrivatePeering: VLAN 210, peer ASN 4200000010, IPv6 only.
  # Step 2: create AzurePrivatePeering with its IPv6 settings.
  az network express-route peering create -g ExpressRouteResourceGroup --circuit-name MyCircuit --peering-type AzurePrivatePeering --peer-asn 4200000010 --vlan-id 210 --primary-peer-subnet fd00:20::/126 --secondary-peer-subnet fd00:20::4/126 --ip-version IPv6
  if ($LASTEXITCODE) { throw "step 2 failed" }
  # Expect provisioningState Succeeded and ipv6State Enabled. An IPv6-only peering
  # reports the top-level state Disabled: only ipv6PeeringConfig.state is Enabled.
  # Step 3: show AzurePrivatePeering.
  az network express-route peering show -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state}' -o table
  if ($LASTEXITCODE) { throw "step 3 failed" }
}
