# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# CLEAN-UP: deletes nothing unless you opt in, peering by peering, and only while the peering
# still holds the values this block expects. az asks for no confirmation.
# To delete route filter EntraOnly: run  $env:ER_DELETE_ROUTEFILTER_ENTRAONLY = 'yes'  first (the block removes it at its end).
# To delete MicrosoftPeering: run  $env:ER_DELETE_MICROSOFTPEERING = 'yes'  first (the block removes it at its end).
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
  # Test-ErExists PEERING: the peering is live.
  function Test-ErExists([string]$Peering) { return $null -ne $er.Live[$Peering] }
  # Test-ErOptedIn VARIABLE: the user set the environment variable to yes for this run.
  function Test-ErOptedIn([string]$Name) { return [Environment]::GetEnvironmentVariable($Name) -eq 'yes' }
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
  # Test-ErOnly PEERING PAIRS: every field of the live peering is a value of PAIRS or not set.
  function Test-ErOnly([string]$Peering, [string[]]$Pairs) {
    foreach ($c in $erFields) {
      $e = ''
      for ($k = 0; $k + 1 -lt $Pairs.Count; $k += 2) { if ($Pairs[$k] -eq $c) { $e = $Pairs[$k + 1] } }
      $v = Get-ErLive $Peering $c
      if (-not (Test-ErIs $v '') -and -not (Test-ErIs $v $e)) { $er.Why = "$c is $v, expected $e"; return $false }
    }
    return $true
  }
  # Assert-ErStill OPT_IN PEERING SOURCE PAIRS: when the user opted in to delete PEERING and it is live, it
  # still holds exactly the values of SOURCE; otherwise nothing is deleted.
  function Assert-ErStill([string]$OptIn, [string]$Peering, [string]$Source, [string[]]$Pairs) {
    if (-not (Test-ErOptedIn $OptIn) -or $null -eq $er.Live[$Peering]) { return }
    if (-not (Test-ErOnly $Peering $Pairs)) { Stop-Er "$Peering no longer holds the values of $Source ($($er.Why)): it is not deleted. Import it and decide with a new plan." }
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
  # Assert-ErFilterStill OPT_IN FILTER RULE COMMUNITIES: when opted in and FILTER is there, it still holds
  # RULE allowing COMMUNITIES; otherwise nothing is deleted.
  function Assert-ErFilterStill([string]$OptIn, [string]$Filter, [string]$Rule, [string]$Communities) {
    if (-not (Test-ErOptedIn $OptIn) -or -not (Test-ErFilterExists $Filter)) { return }
    if (-not (Test-ErFilterHolds $Filter $Rule $Communities)) { Stop-Er "route filter $Filter no longer holds rule $Rule ($Communities): it is not deleted. Check it and decide by hand." }
  }
  try {
    # Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
    # written before the checks below pass.
    $erLines = @(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '"[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]"' -o tsv)
    if ($LASTEXITCODE) { Stop-Er 'Step 1 failed: az could not read circuit MyCircuit (see its message above).' }
    Read-ErCircuit $erLines
    Assert-ErStill 'ER_DELETE_MICROSOFTPEERING' 'MicrosoftPeering' 'this plan' @('peerASN', '12345', 'vlanId', '300', 'primaryPeerAddressPrefix', '123.0.0.0/30', 'secondaryPeerAddressPrefix', '123.0.0.4/30', 'microsoftPeeringConfig.advertisedPublicPrefixes', '["123.1.0.0/24"]', 'microsoftPeeringConfig.routingRegistryName', 'ARIN', 'routeFilter.id', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/NetworkFilters/providers/Microsoft.Network/routeFilters/EntraOnly')
    Write-Host 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'
    # Step 2: read the route filters of the resource groups this block creates filters in. Nothing is
    # written before the checks below pass.
    $erLines = @(az network route-filter list --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g NetworkFilters --query '"[].[resourceGroup,name,location,to_string(rules[0].name),to_string(rules[0].communities)]"' -o tsv)
    if ($LASTEXITCODE) { Stop-Er 'Step 2 failed: az could not list the route filters (see its message above; the resource group must exist).' }
    Read-ErFilters $erLines
    Assert-ErFilterStill 'ER_DELETE_ROUTEFILTER_ENTRAONLY' 'NetworkFilters/EntraOnly' 'entra' '["12076:5060"]'
    Write-Host 'Step 2: route filters read; nothing there conflicts with this block.'

    # Route filter EntraOnly was created by this plan. To delete it, run the block with ER_DELETE_ROUTEFILTER_ENTRAONLY=yes: its peering detaches it first (no Microsoft prefixes over that family until another filter is attached).
    # Step 3: detach route filter EntraOnly from the MicrosoftPeering IPv4 sessions.
    if (-not (Test-ErOptedIn 'ER_DELETE_ROUTEFILTER_ENTRAONLY')) {
      Write-Host 'Step 3: skipped: route filter EntraOnly is kept (opt in with ER_DELETE_ROUTEFILTER_ENTRAONLY=yes to delete it).'
    } elseif (-not (Test-ErExists 'MicrosoftPeering')) {
      Write-Host 'Step 3: skipped: MicrosoftPeering is not live.'
    } elseif (-not (Test-ErHolds 'MicrosoftPeering' @('routeFilter.id', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/NetworkFilters/providers/Microsoft.Network/routeFilters/EntraOnly'))) {
      Write-Host 'Step 3: skipped: MicrosoftPeering (IPv4) does not have route filter EntraOnly attached.'
    } else {
      az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --remove routeFilter -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 3 failed (detach route filter EntraOnly from the MicrosoftPeering IPv4 sessions): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 3: detached route filter EntraOnly from MicrosoftPeering (IPv4).'
    }
    # Step 4: delete route filter EntraOnly.
    if (-not (Test-ErOptedIn 'ER_DELETE_ROUTEFILTER_ENTRAONLY')) {
      Write-Host 'Step 4: skipped: route filter EntraOnly is kept (opt in with ER_DELETE_ROUTEFILTER_ENTRAONLY=yes to delete it).'
    } elseif (-not (Test-ErFilterExists 'NetworkFilters/EntraOnly')) {
      Write-Host 'Step 4: skipped: route filter EntraOnly is not there (any more).'
    } else {
      az network route-filter delete --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g NetworkFilters -n EntraOnly -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 4 failed (delete route filter EntraOnly): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 4: deleted route filter EntraOnly.'
    }

    # MicrosoftPeering was created by this plan. To delete it, run the block with ER_DELETE_MICROSOFTPEERING=yes.
    # Step 5: delete MicrosoftPeering; az asks for no confirmation.
    if (-not (Test-ErOptedIn 'ER_DELETE_MICROSOFTPEERING')) {
      Write-Host 'Step 5: skipped: MicrosoftPeering is kept (opt in with ER_DELETE_MICROSOFTPEERING=yes to delete it).'
    } elseif (-not (Test-ErExists 'MicrosoftPeering')) {
      Write-Host 'Step 5: skipped: MicrosoftPeering does not exist.'
    } else {
      az network express-route peering delete --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 5 failed (delete MicrosoftPeering; az asks for no confirmation): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 5: deleted MicrosoftPeering.'
    }
  } finally {
    # An opt-in counts for one run: it is removed so a later paste cannot delete by accident.
    Remove-Item -Path Env:ER_DELETE_ROUTEFILTER_ENTRAONLY -ErrorAction SilentlyContinue
    # An opt-in counts for one run: it is removed so a later paste cannot delete by accident.
    Remove-Item -Path Env:ER_DELETE_MICROSOFTPEERING -ErrorAction SilentlyContinue
  }
}
