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

  # AzurePrivatePeering: VLAN 200, peer ASN 65010, IPv4 + IPv6.
  # Step 2: create AzurePrivatePeering with its IPv4 settings.
  az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit --peering-type AzurePrivatePeering --peer-asn 65010 --vlan-id 200 --primary-peer-subnet 192.168.100.128/30 --secondary-peer-subnet 192.168.100.132/30 "--shared-key=$env:ER_SHARED_KEY"
  if ($LASTEXITCODE) { throw "step 2 failed" }
  # Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6
  # flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91).
  # Step 3: add the IPv6 settings to AzurePrivatePeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=fd00:10::/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=fd00:10::4/126 --set ipv6PeeringConfig.state=Enabled
  if ($LASTEXITCODE) { throw "step 3 failed" }
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # Step 4: show AzurePrivatePeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state}' -o table
  if ($LASTEXITCODE) { throw "step 4 failed" }
}
