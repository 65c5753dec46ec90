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
  # Read-ErFilters LINES: keeps a route filter read: per filter its resource group, name, location, rule name
  # and the rule's communities (compact JSON).
  function Read-ErFilters([string[]]$Lines) {
    foreach ($line in @($Lines)) {
      $cells = "$line".TrimEnd("`r") -split "`t"
      if ($cells.Count -ge 2 -and $cells[1]) { $er.Filters[("$($cells[0])/$($cells[1])").ToLowerInvariant()] = $cells }
    }
  }
  # Get-ErFilterCell FILTER N: column N (3 location, 4 rule, 5 communities) of FILTER ('' when not there).
  function Get-ErFilterCell([string]$Filter, [int]$N) {
    $row = $er.Filters[$Filter.ToLowerInvariant()]
    if ($null -eq $row -or $row.Count -lt $N) { return '' }
    return [string]$row[$N - 1]
  }
  # Test-ErFilterExists FILTER: the route filter read found it.
  function Test-ErFilterExists([string]$Filter) { return $er.Filters.ContainsKey($Filter.ToLowerInvariant()) }
  # Test-ErFilterHolds FILTER RULE COMMUNITIES: FILTER has RULE allowing exactly COMMUNITIES.
  function Test-ErFilterHolds([string]$Filter, [string]$Rule, [string]$Communities) {
    return (Test-ErFilterExists $Filter) -and (Test-ErIs (Get-ErFilterCell $Filter 4) $Rule) -and (Test-ErIs (Get-ErFilterCell $Filter 5) $Communities)
  }
  # Assert-ErFilterOk FILTER LOCATION RULE COMMUNITIES IMPORTED SHOW: FILTER is not there yet, or it is in
  # LOCATION with no rule, or with RULE allowing COMMUNITIES (an earlier run) or IMPORTED (as imported).
  function Assert-ErFilterOk([string]$Filter, [string]$Location, [string]$Rule, [string]$Communities, [string]$Imported, [string]$Show) {
    if (-not (Test-ErFilterExists $Filter)) { return }
    $loc = Get-ErFilterCell $Filter 3
    $rule = Get-ErFilterCell $Filter 4
    $comm = Get-ErFilterCell $Filter 5
    if (-not (Test-ErIs $loc $Location)) { Stop-Er "route filter $Filter is in $loc, not ${Location}: a filter's region cannot change; plan another name." }
    if (Test-ErIs $rule '') { return }
    if ((Test-ErIs $rule $Rule) -and ((Test-ErIs $comm $Communities) -or ($Imported -ne '' -and (Test-ErIs $comm $Imported)))) { return }
    Stop-Er "route filter $Filter already has rule $rule ($comm), which this block would replace. Import it and plan a change: $Show"
  }
  try {
    # Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
    # written before the checks below pass.
    $erLines = @(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '"[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]"' -o tsv)
    if ($LASTEXITCODE) { Stop-Er 'Step 1 failed: az could not read circuit MyCircuit (see its message above).' }
    Read-ErCircuit $erLines
    Assert-ErReady 'MyCircuit'
    Assert-ErUnchanged 'MicrosoftPeering' 'imported' 'planned' @('peerASN', '12345', '12345', 'vlanId', '300', '300', 'primaryPeerAddressPrefix', '123.0.0.0/30', '123.0.0.0/30', 'secondaryPeerAddressPrefix', '123.0.0.4/30', '123.0.0.4/30', 'microsoftPeeringConfig.advertisedPublicPrefixes', '["123.1.0.0/24"]', '["123.1.0.0/24"]', 'microsoftPeeringConfig.customerASN', '31337', '31337', 'microsoftPeeringConfig.routingRegistryName', 'RIPENCC', 'RIPENCC', 'routeFilter.id', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter', 'ipv6PeeringConfig.primaryPeerAddressPrefix', '2a01:111:f100::/126', '2a01:111:f100::/126', 'ipv6PeeringConfig.secondaryPeerAddressPrefix', '2a01:111:f100::4/126', '2a01:111:f100::4/126', 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes', '["2a01:111:f200::/48"]', '["2a01:111:f200::/48"]', 'ipv6PeeringConfig.microsoftPeeringConfig.customerASN', '31337', '31337', 'ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName', 'RIPENCC', 'RIPENCC', 'ipv6PeeringConfig.routeFilter.id', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/RouteFilterV6', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/RouteFilterV6')
    Write-Host 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'
    # Step 2: read the route filters of the resource groups this block creates filters in. Nothing is
    # written before the checks below pass.
    $erLines = @(az network route-filter list --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --query '"[].[resourceGroup,name,location,to_string(rules[0].name),to_string(rules[0].communities)]"' -o tsv)
    if ($LASTEXITCODE) { Stop-Er 'Step 2 failed: az could not list the route filters (see its message above; the resource group must exist).' }
    Read-ErFilters $erLines
    Assert-ErFilterOk 'ExpressRouteResourceGroup/MyRouteFilter' 'westeurope' 'allow-exchange' '["12076:5010","12076:51002"]' '["12076:5010"]' 'az network route-filter show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyRouteFilter -o json'
    Write-Host 'Step 2: route filters read; nothing there conflicts with this block.'

    # Route filter MyRouteFilter (live): its rule allow-exchange allows 12076:5010 (Exchange Online), 12076:51002 (West Europe) instead of 12076:5010 (Exchange Online). Microsoft's routes over the peerings that use it change at once.
    # Step 3: update rule allow-exchange of route filter MyRouteFilter.
    if (Test-ErFilterHolds 'ExpressRouteResourceGroup/MyRouteFilter' 'allow-exchange' '["12076:5010","12076:51002"]') {
      Write-Host 'Step 3: skipped: route filter MyRouteFilter already holds these communities.'
    } else {
      az network route-filter rule update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --filter-name MyRouteFilter -n allow-exchange --set 'communities=[]' --add communities 12076:5010 --add communities 12076:51002 -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 3 failed (update rule allow-exchange of route filter MyRouteFilter): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 3: updated rule allow-exchange of route filter MyRouteFilter.'
    }

    # MicrosoftPeering: no change from the live peering; nothing to run.
  } finally {
    # nothing to clean up
  }
}
