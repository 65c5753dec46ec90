# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into bash or zsh: it runs in a subshell and stops at the first failed step.
( set -euo pipefail
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  circuit_state=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv | tr -d '\r' | tr '\n' ' ')
  if [ "$circuit_state" != 'Provisioned Enabled ' ]; then
    echo "Stopped at step 1: circuit MyCircuit is not ready for peerings (provider state, circuit state: ${circuit_state:-none}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." >&2
    exit 1
  fi

  # MicrosoftPeering (live): changes the IPv4 advertised prefixes, changes the IPv4 customer ASN, changes the IPv6 advertised prefixes.
  # One update: az reads the live peering, changes only these fields and writes it back
  # with everything else as it was (Global Reach connections included).
  # Step 2: update the live MicrosoftPeering.
  az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --advertised-public-prefixes 123.1.0.0/24 123.2.0.0/24 123.3.0.0/25 --remove microsoftPeeringConfig.customerASN --set 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes=[]' --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f200::/48 --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f300::/48
  # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
  # The prefixes state of each configured family must reach Configured. ValidationNeeded
  # means the routing registry did not prove the prefixes are yours: open a support ticket
  # with documents that show you own them.
  # Step 3: show MicrosoftPeering.
  az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
)
