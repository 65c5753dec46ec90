# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into bash or zsh: it runs in a subshell and stops at the first failed step.
# The BGP shared key is read from ER_SHARED_KEY; set it first: read -rs ER_SHARED_KEY; export ER_SHARED_KEY
( set -euo pipefail
  : "${ER_SHARED_KEY:?set ER_SHARED_KEY to the BGP shared key first}"
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  circuit_state=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv | tr -d '\r' | tr '\n' ' ')
  if [ "$circuit_state" != 'Provisioned Enabled ' ]; then
    echo "Stopped at step 1: circuit MyCircuit is not ready for peerings (provider state, circuit state: ${circuit_state:-none}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." >&2
    exit 1
  fi

  # AzurePrivatePeering: VLAN 200, peer ASN 65010, IPv4 + IPv6.
  # Step 2: create AzurePrivatePeering with its IPv4 settings.
  az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit --peering-type AzurePrivatePeering --peer-asn 65010 --vlan-id 200 --primary-peer-subnet 192.168.100.128/30 --secondary-peer-subnet 192.168.100.132/30 --shared-key="$ER_SHARED_KEY"
  # Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6
  # flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91).
  # Step 3: add the IPv6 settings to AzurePrivatePeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=fd00:10::/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=fd00:10::4/126 --set ipv6PeeringConfig.state=Enabled
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # Step 4: show AzurePrivatePeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state}' -o table
)
