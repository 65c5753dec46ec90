# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (the account's current subscription).
# CLEAN-UP: deletes the peerings of this plan. az asks for no confirmation.
# Remove the VNet connections (virtual network gateway connections) and the Global Reach
# connections of these peerings first: a peering that still has them cannot be deleted.
( set -euo pipefail
  # Step 1: delete AzurePrivatePeering (no confirmation prompt).
  az network express-route peering delete -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering
)
