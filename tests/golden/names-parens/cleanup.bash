# ExpressRoute peerings for circuit ckt.prod-1 in resource group rg(x).prod (the account's current subscription).
# CLEAN-UP: deletes the peerings of this plan. az asks for no confirmation.
# Remove the VNet connections of these peerings (az network vpn-connection delete) and their
# Global Reach connections (az network express-route peering connection delete) first.
( set -euo pipefail
  # Step 1: delete MicrosoftPeering (no confirmation prompt).
  az network express-route peering delete -g 'rg(x).prod' --circuit-name ckt.prod-1 -n MicrosoftPeering
  # Step 2: delete AzurePrivatePeering (no confirmation prompt).
  az network express-route peering delete -g 'rg(x).prod' --circuit-name ckt.prod-1 -n AzurePrivatePeering
)
