# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# CLEAN-UP: deletes the peerings of this plan. az asks for no confirmation.
# Remove the VNet connections of these peerings (az network vpn-connection delete) and their
# Global Reach connections (az network express-route peering connection delete) first.
& { $ErrorActionPreference = 'Stop'
  # Step 1: delete MicrosoftPeering (no confirmation prompt).
  az network express-route peering delete --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering
  if ($LASTEXITCODE) { throw "step 1 failed" }
}
