# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into Windows PowerShell 5.1, PowerShell 7 on Windows, or pwsh on Linux or
# macOS: it sets how arguments reach az for itself, and stops at the first failed step.
# Safe to run again: the first step reads the circuit and stops before any change when the plan would
# overwrite a live peering it did not create, reuse a live VLAN or edit a peering that changed since it
# was imported; every later step skips itself when the circuit already holds its values.
# Change mode: one minimal update per live peering for what you edited; a live peering your plan
# drops is left alone (only the clean-up block deletes it, and only if you opt in).
& {
  $ErrorActionPreference = 'Stop'
  # Every PowerShell then passes arguments to az the way this block quotes them (5.1 ignores it).
  $PSNativeCommandArgumentPassing = 'Legacy'
  if ($PSVersionTable.PSVersion.Major -lt 5) { throw 'This block needs Windows PowerShell 5.1 or PowerShell 7.' }
  # The circuit read below: two state lines, then per live peering its name and these columns.
  $erFields = @('vlanId', 'peerASN', 'primaryPeerAddressPrefix', 'secondaryPeerAddressPrefix', 'microsoftPeeringConfig.advertisedPublicPrefixes', 'microsoftPeeringConfig.customerASN', 'microsoftPeeringConfig.routingRegistryName', 'routeFilter.id', 'ipv6PeeringConfig.primaryPeerAddressPrefix', 'ipv6PeeringConfig.secondaryPeerAddressPrefix', 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes', 'ipv6PeeringConfig.microsoftPeeringConfig.customerASN', 'ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName', 'ipv6PeeringConfig.routeFilter.id')
  $erColumns = $erFields + @('connections[].name', 'expressRouteConnection.id')
  $er = @{ Live = @{}; Filters = @{}; State = ''; Why = '' }
  # Stop-Er TEXT...: stops the block; nothing after it runs.
  function Stop-Er { throw ('Stopped: ' + ($args -join '')) }
  # Read-ErCircuit LINES: keeps the circuit read: two state lines, then per live peering its name and the columns.
  function Read-ErCircuit([string[]]$Lines) {
    $er.State = (@($Lines)[0..1] | ForEach-Object { "$_".Trim() }) -join ' '
    foreach ($line in @($Lines | Select-Object -Skip 2)) {
      $cells = "$line".TrimEnd("`r") -split "`t"
      $row = @{}
      for ($i = 1; $i -lt $cells.Count -and $i -le $erColumns.Count; $i++) { $row[$erColumns[$i - 1]] = $cells[$i] }
      $er.Live[$cells[0]] = $row
    }
  }
  # Get-ErLive PEERING COLUMN: the value the circuit read found ('' when the peering is not live).
  function Get-ErLive([string]$Peering, [string]$Column) {
    $row = $er.Live[$Peering]
    if ($null -eq $row) { return '' }
    return [string]$row[$Column]
  }
  # Test-ErIs VALUE EXPECTED: the same text, ignoring case; an empty EXPECTED also matches the ways az
  # prints "not set" (null, 0, NONE, [], {}).
  function Test-ErIs([string]$Value, [string]$Expected) {
    if ($Expected -eq '') { return @('', 'null', '0', 'none', '[]', '{}') -contains $Value }
    return $Value -eq $Expected
  }
  # Test-ErHolds PEERING PAIRS: the live peering holds every value of PAIRS (column, value, ...).
  function Test-ErHolds([string]$Peering, [string[]]$Pairs) {
    if ($null -eq $er.Live[$Peering]) { $er.Why = "$Peering is not live"; return $false }
    for ($k = 0; $k + 1 -lt $Pairs.Count; $k += 2) {
      $v = Get-ErLive $Peering $Pairs[$k]
      if (-not (Test-ErIs $v $Pairs[$k + 1])) { $er.Why = "$($Pairs[$k]) is $v, expected $($Pairs[$k + 1])"; return $false }
    }
    return $true
  }
  # Assert-ErUnchanged PEERING BEFORE AFTER TRIPLES: PEERING is live and each column of TRIPLES (column, old,
  # new) still holds its old (BEFORE) value or already the new (AFTER) one: nobody changed it in between.
  function Assert-ErUnchanged([string]$Peering, [string]$Before, [string]$After, [string[]]$Triples) {
    if ($null -eq $er.Live[$Peering]) { Stop-Er "$Peering is no longer live: import the circuit again and plan from what is live." }
    for ($k = 0; $k + 2 -lt $Triples.Count; $k += 3) {
      $v = Get-ErLive $Peering $Triples[$k]
      if (-not (Test-ErIs $v $Triples[$k + 1]) -and -not (Test-ErIs $v $Triples[$k + 2])) {
        Stop-Er "$Peering changed since it was ${Before}: $($Triples[$k]) is now $v ($Before $($Triples[$k + 1]), $After $($Triples[$k + 2])). Import it again and plan from what is live."
      }
    }
  }
  # Assert-ErReady CIRCUIT: the provider has provisioned the circuit.
  function Assert-ErReady([string]$Circuit) {
    if ($er.State -ne 'Provisioned Enabled') { Stop-Er "circuit $Circuit is not ready for peerings (provider state, circuit state: $($er.State)). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." }
  }
  try {
    # Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
    # written before the checks below pass.
    $erLines = @(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '"[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]"' -o tsv)
    if ($LASTEXITCODE) { Stop-Er 'Step 1 failed: az could not read circuit MyCircuit (see its message above).' }
    Read-ErCircuit $erLines
    Assert-ErReady 'MyCircuit'
    Assert-ErUnchanged 'MicrosoftPeering' 'imported' 'planned' @('microsoftPeeringConfig.advertisedPublicPrefixes', '["123.1.0.0/24"]', '["123.1.0.0/24","123.2.0.0/24","123.3.0.0/25"]', 'microsoftPeeringConfig.customerASN', '31337', '', 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes', '["2a01:111:f200::/48"]', '["2a01:111:f200::/48","2a01:111:f300::/48"]')
    Write-Host 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'

    # MicrosoftPeering (live): changes the IPv4 advertised prefixes, removes the IPv4 customer ASN, changes the IPv6 advertised prefixes.
    # One update: az reads the live peering, changes only these fields and writes it back
    # with everything else as it was (Global Reach connections included).
    # Microsoft validates the advertised prefixes again (the IPv4 customer ASN change): they are out of service until advertisedPublicPrefixesState is Configured again.
    # Step 2: update the live MicrosoftPeering.
    if (Test-ErHolds 'MicrosoftPeering' @('microsoftPeeringConfig.advertisedPublicPrefixes', '["123.1.0.0/24","123.2.0.0/24","123.3.0.0/25"]', 'microsoftPeeringConfig.customerASN', '', 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes', '["2a01:111:f200::/48","2a01:111:f300::/48"]')) {
      Write-Host 'Step 2: skipped: MicrosoftPeering already holds these values.'
    } else {
      az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --advertised-public-prefixes 123.1.0.0/24 123.2.0.0/24 123.3.0.0/25 --remove microsoftPeeringConfig.customerASN --set 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes=[]' --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f200::/48 --add ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes 2a01:111:f300::/48 -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 2 failed (update the live MicrosoftPeering): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 2: updated MicrosoftPeering.'
    }
    # This shows that Azure accepted the configuration; it does not prove that BGP is up.
    # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
    # The prefixes state of each configured family must reach Configured. ValidationNeeded means the routing registry did not prove the prefixes are yours: open a support ticket with documents that show you own them.
    # Step 3: show MicrosoftPeering.
    az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
    if ($LASTEXITCODE) { Stop-Er 'Step 3 failed (show MicrosoftPeering): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
    Write-Host 'Step 3: MicrosoftPeering is shown above.'
    # Once your routers are configured, check each path of MicrosoftPeering (run these by hand):
    #   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path primary -o table
    #     expect two entries: 123.0.0.1 (your router) and 123.0.0.2 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 300, or the provider's tags).
    #   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path primary -o table
    #     expect neighbor 123.0.0.1 and 2a01:111:f100::1 with AS 12345 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
    #   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path secondary -o table
    #     expect two entries: 123.0.0.5 (your router) and 123.0.0.6 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 300, or the provider's tags).
    #   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path secondary -o table
    #     expect neighbor 123.0.0.5 and 2a01:111:f100::5 with AS 12345 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
  } finally {
    # nothing to clean up
  }
}
