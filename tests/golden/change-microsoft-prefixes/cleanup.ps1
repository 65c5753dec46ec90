# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# CLEAN-UP (change mode): deletes the live peerings your plan drops, and the peerings this
# plan creates. It never deletes a live peering the plan keeps. az asks for no confirmation.
# Remove the VNet connections and Global Reach connections of a peering before deleting it.
& { $ErrorActionPreference = 'Stop'
  # Nothing to delete: every peering of the plan is live and stays.
}
