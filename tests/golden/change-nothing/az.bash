# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into bash or zsh: it runs in a subshell and stops at the first failed step.
( set -euo pipefail
  # Step 1: pre-flight: the provider must have provisioned the circuit (Provisioned / Enabled).
  circuit_state=$(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv | tr -d '\r' | tr '\n' ' ')
  if [ "$circuit_state" != 'Provisioned Enabled ' ]; then
    echo "Stopped at step 1: circuit MyCircuit is not ready for peerings (provider state, circuit state: ${circuit_state:-none}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." >&2
    exit 1
  fi

  # AzurePrivatePeering: no change from the live peering; nothing to run.
)
