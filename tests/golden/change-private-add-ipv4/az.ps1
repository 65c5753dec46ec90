# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Windows PowerShell (5.1, or 7.x on Windows, where az runs as az.cmd). Quoting differs in pwsh
# on Linux/macOS. Paste the whole block: it stops at the first failed step.
& { $ErrorActionPreference = 'Stop'
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  $circuitState = (az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv) -join ' '
  if ($LASTEXITCODE) { throw "step 1 failed" }
  if ($circuitState -ne 'Provisioned Enabled') { throw "Stopped at step 1: circuit MyCircuit is not ready for peerings (provider state, circuit state: $circuitState). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." }

  # AzurePrivatePeering (live): adds IPv4.
  # One update: az reads the live peering, changes only these fields and writes it back
  # with everything else as it was (Global Reach connections included).
  # Step 2: update the live AzurePrivatePeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --primary-peer-subnet 192.168.100.128/30 --secondary-peer-subnet 192.168.100.132/30 --set state=Enabled
  if ($LASTEXITCODE) { throw "step 2 failed" }
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # Step 3: show AzurePrivatePeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state}' -o table
  if ($LASTEXITCODE) { throw "step 3 failed" }
}
