# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# ROLLBACK (change mode): puts back the values your plan edits, as they were when imported. It
# stops when a peering changed since the plan was applied; what is already restored is skipped.
# Paste the whole block into Windows PowerShell 5.1, PowerShell 7 on Windows, or pwsh on Linux or
# macOS: it sets how arguments reach az for itself, and stops at the first failed step.
& {
  $ErrorActionPreference = 'Stop'
  # Every PowerShell then passes arguments to az the way this block quotes them (5.1 ignores it).
  $PSNativeCommandArgumentPassing = 'Legacy'
  if ($PSVersionTable.PSVersion.Major -lt 5) { throw 'This block needs Windows PowerShell 5.1 or PowerShell 7.' }
  try {

    # AzurePrivatePeering: back to the values it had when it was imported.
    # The shared key cannot be restored (the live key is never read back): set the old key again by hand if you need it.
    # Nothing of AzurePrivatePeering to restore.
  } finally {
    # nothing to clean up
  }
}
