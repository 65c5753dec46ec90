bash -s <<'ER_PLANNER'
# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# ROLLBACK (change mode): puts back the values your plan edits, as they were when imported. It
# stops when a peering changed since the plan was applied; what is already restored is skipped.
# Paste the whole block into bash or zsh, or save it and run it with bash: bash runs it (zsh only
# hands it over), and it stops at the first failed step.
set -euo pipefail
set -f

# MicrosoftPeering: the plan does not change it; nothing to restore.

# AzurePrivatePeering: the plan leaves it as it is; nothing to restore.
ER_PLANNER
