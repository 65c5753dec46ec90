# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (the account's current subscription).
# CLEAN-UP: deletes the peerings of this plan. az asks for no confirmation.
# Remove the VNet connections of these peerings (az network vpn-connection delete) and their
# Global Reach connections (az network express-route peering connection delete) first.
( set -euo pipefail
  # Step 1: delete AzurePrivatePeering (no confirmation prompt).
  az network express-route peering delete -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering
)
