# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into bash or zsh: it runs in a subshell and stops at the first failed step.
( set -euo pipefail
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  circuit_state=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv | tr -d '\r' | tr '\n' ' ')
  if [ "$circuit_state" != 'Provisioned Enabled ' ]; then
    echo "Stopped at step 1: circuit MyCircuit is not ready for peerings (provider state, circuit state: ${circuit_state:-none}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." >&2
    exit 1
  fi

  # AzurePrivatePeering: VLAN 200, peer ASN 196618, IPv4.
  # Step 2: create AzurePrivatePeering with its IPv4 settings.
  az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit --peering-type AzurePrivatePeering --peer-asn 196618 --vlan-id 200 --primary-peer-subnet 10.200.0.0/30 --secondary-peer-subnet 10.200.0.4/30
  # Expect provisioningState Succeeded and state Enabled.
  # Step 3: show AzurePrivatePeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --query '{state:state,provisioningState:provisioningState}' -o table
)
