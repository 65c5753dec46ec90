# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into bash or zsh: it runs in a subshell and stops at the first failed step.
( set -euo pipefail
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  circuit_state=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv | tr -d '\r' | tr '\n' ' ')
  if [ "$circuit_state" != 'Provisioned Enabled ' ]; then
    echo "Stopped at step 1: circuit MyCircuit is not ready for peerings (provider state, circuit state: ${circuit_state:-none}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." >&2
    exit 1
  fi

  # MicrosoftPeering (live): removes IPv4 (its BGP sessions go down).
  # One update: az reads the live peering, changes only these fields and writes it back
  # with everything else as it was (Global Reach connections included).
  # IPv4 is removed with --remove of its fields: the PUT then carries the same body as an IPv6-only peering (and as Azure PowerShell's Remove-AzExpressRouteCircuitPeeringConfig -PeerAddressType IPv4).
  # This resets the BGP sessions of MicrosoftPeering (IPv4 is removed): run it in a maintenance window.
  # Step 2: update the live MicrosoftPeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --remove primaryPeerAddressPrefix --remove secondaryPeerAddressPrefix --remove microsoftPeeringConfig --remove routeFilter --remove state
  # Expect provisioningState Succeeded and ipv6State Enabled. An IPv6-only peering
  # reports the top-level state Disabled: only ipv6PeeringConfig.state is Enabled.
  # The prefixes state of each configured family must reach Configured. ValidationNeeded
  # means the routing registry did not prove the prefixes are yours: open a support ticket
  # with documents that show you own them.
  # Step 3: show MicrosoftPeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
)
