# ExpressRoute peerings for circuit ckt.prod-1 in resource group rg(x).prod (the account's current subscription).
# CLEAN-UP: deletes the peerings of this plan. az asks for no confirmation.
# Remove the VNet connections (virtual network gateway connections) and the Global Reach
# connections of these peerings first: a peering that still has them cannot be deleted.
( set -euo pipefail
  # Step 1: delete MicrosoftPeering (no confirmation prompt).
  az network express-route peering delete -g 'rg(x).prod' --circuit-name ckt.prod-1 -n MicrosoftPeering
  # Step 2: delete AzurePrivatePeering (no confirmation prompt).
  az network express-route peering delete -g 'rg(x).prod' --circuit-name ckt.prod-1 -n AzurePrivatePeering
)
