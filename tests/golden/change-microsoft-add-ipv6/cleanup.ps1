# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# CLEAN-UP: deletes nothing unless you opt in, peering by peering, and only while the peering
# still holds the values this block expects. az asks for no confirmation.
& {
  $ErrorActionPreference = 'Stop'
  # Every PowerShell then passes arguments to az the way this block quotes them (5.1 ignores it).
  $PSNativeCommandArgumentPassing = 'Legacy'
  if ($PSVersionTable.PSVersion.Major -lt 5) { throw 'This block needs Windows PowerShell 5.1 or PowerShell 7.' }
  try {

    # MicrosoftPeering is live and stays in your plan: never deleted here (the rollback block restores its imported values).
    # Nothing to delete: every peering of the plan is live and stays.
  } finally {
    # nothing to clean up
  }
}
