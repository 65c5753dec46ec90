# ExpressRoute peerings for circuit er.ckt_01 in resource group Net_(West).EU-01 (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# CLEAN-UP: deletes the peerings of this plan. az asks for no confirmation.
# Remove the VNet connections of these peerings (az network vpn-connection delete) and their
# Global Reach connections (az network express-route peering connection delete) first.
& { $ErrorActionPreference = 'Stop'
  # Step 1: delete MicrosoftPeering (no confirmation prompt).
  az network express-route peering delete --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g '"Net_(West).EU-01"' --circuit-name er.ckt_01 -n MicrosoftPeering
  if ($LASTEXITCODE) { throw "step 1 failed" }
}
