# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Windows PowerShell (5.1, or 7.x on Windows, where az runs as az.cmd). Quoting differs in pwsh
# on Linux/macOS. Paste the whole block: it stops at the first failed step.
& { $ErrorActionPreference = 'Stop'
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  $circuitState = (az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv) -join ' '
  if ($LASTEXITCODE) { throw "step 1 failed" }
  if ($circuitState -ne 'Provisioned Enabled') { throw "Stopped at step 1: circuit MyCircuit is not ready for peerings (provider state, circuit state: $circuitState). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." }

  # AzurePrivatePeering: VLAN 200, peer ASN 196618, IPv4.
  # Step 2: create AzurePrivatePeering with its IPv4 settings.
  az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit --peering-type AzurePrivatePeering --peer-asn 196618 --vlan-id 200 --primary-peer-subnet 10.200.0.0/30 --secondary-peer-subnet 10.200.0.4/30
  if ($LASTEXITCODE) { throw "step 2 failed" }
  # Expect provisioningState Succeeded and state Enabled.
  # Step 3: show AzurePrivatePeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --query '{state:state,provisioningState:provisioningState}' -o table
  if ($LASTEXITCODE) { throw "step 3 failed" }
}
