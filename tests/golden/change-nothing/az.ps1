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
    Assert-ErUnchanged 'AzurePrivatePeering' 'imported' 'planned' @('peerASN', '65010', '65010', 'vlanId', '200', '200', 'primaryPeerAddressPrefix', '192.168.100.128/30', '192.168.100.128/30', 'secondaryPeerAddressPrefix', '192.168.100.132/30', '192.168.100.132/30', 'microsoftPeeringConfig.advertisedPublicPrefixes', '', '', 'microsoftPeeringConfig.customerASN', '', '', 'microsoftPeeringConfig.routingRegistryName', '', '', 'routeFilter.id', '', '', 'ipv6PeeringConfig.primaryPeerAddressPrefix', 'fd00:10::/126', 'fd00:10::/126', 'ipv6PeeringConfig.secondaryPeerAddressPrefix', 'fd00:10::4/126', 'fd00:10::4/126', 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes', '', '', 'ipv6PeeringConfig.microsoftPeeringConfig.customerASN', '', '', 'ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName', '', '', 'ipv6PeeringConfig.routeFilter.id', '', '')
    Write-Host 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'

    # AzurePrivatePeering: no change from the live peering; nothing to run.
  } finally {
    # nothing to clean up
  }
}
