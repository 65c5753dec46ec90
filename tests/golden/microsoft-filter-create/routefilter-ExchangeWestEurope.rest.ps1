# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# PUT /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/ExchangeWestEurope?api-version=2024-05-01
# Save the route filter ExchangeWestEurope JSON body as routefilter-ExchangeWestEurope.json in the current folder, then paste this block.
# Paste the whole block into Windows PowerShell 5.1, PowerShell 7 on Windows, or pwsh on Linux or
# macOS: it sets how arguments reach az for itself, and stops at the first failed step.
# It stops before the PUT when the filter exists with another rule or region, skips the PUT
# when it already holds the body's rule, and waits for the PUT to finish.
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
  # Test-ErIs VALUE EXPECTED: the same text, ignoring case; an empty EXPECTED also matches the ways az
  # prints "not set" (null, 0, NONE, [], {}).
  function Test-ErIs([string]$Value, [string]$Expected) {
    if ($Expected -eq '') { return @('', 'null', '0', 'none', '[]', '{}') -contains $Value }
    return $Value -eq $Expected
  }
  # Assert-ErBody FILE KEY PEERING: the body file is here and, when KEY is set, names a sharedKey.
  function Assert-ErBody([string]$File, [string]$Key, [string]$Peering) {
    if (-not (Test-Path -LiteralPath $File)) { Stop-Er "save the $Peering JSON body as $File in this folder first." }
    if ($Key -and -not (Select-String -LiteralPath $File -Pattern '"sharedKey"' -SimpleMatch -Quiet)) {
      Stop-Er "$File has no `"sharedKey`": a PUT without it may remove the live key. Add `"sharedKey`": `"<key>`" under `"properties`" (`"`" when $Peering has none)."
    }
  }
  # Wait-Er WHAT READ: waits until the READ script block prints Succeeded (20 minutes at most); on Failed
  # it names the same read without --query, which shows why.
  function Wait-Er([string]$Peering, [scriptblock]$Read) {
    $waited = 0
    $delay = 2
    while ($true) {
      $state = ((& $Read) | Out-String).Trim()
      if ($LASTEXITCODE) { Stop-Er "could not read the state of $Peering." }
      if ($state -eq 'Succeeded') { return }
      if ($state -eq 'Failed' -or $state -eq 'Canceled') {
        $show = $Read.ToString().Trim() -replace '\s+--query.*$', ''
        Stop-Er "Azure reports $Peering as ${state}: see $show for why."
      }
      if ($waited -ge 1200) { Stop-Er "$Peering is still $state after 20 minutes: check it in the portal." }
      Start-Sleep -Seconds $delay
      $waited += $delay
      if ($delay -lt 30) { $delay *= 2 }
    }
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
    # Step 1: read the route filters of the resource groups this block creates filters in. Nothing is
    # written before the checks below pass.
    $erLines = @(az network route-filter list --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --query '"[].[resourceGroup,name,location,to_string(rules[0].name),to_string(rules[0].communities)]"' -o tsv)
    if ($LASTEXITCODE) { Stop-Er 'Step 1 failed: az could not list the route filters (see its message above; the resource group must exist).' }
    Read-ErFilters $erLines
    Assert-ErFilterOk 'ExpressRouteResourceGroup/ExchangeWestEurope' 'westeurope' 'allow-communities' '["12076:5010","12076:51002","12076:5060"]' '' 'az network route-filter show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n ExchangeWestEurope -o json'
    Write-Host 'Step 1: route filters read; nothing there conflicts with this block.'
    # Step 2: check the body file routefilter-ExchangeWestEurope.json.
    Assert-ErBody 'routefilter-ExchangeWestEurope.json' '' 'route filter ExchangeWestEurope'
    Write-Host 'Step 2: routefilter-ExchangeWestEurope.json is there.'
    # Step 3: PUT the body of routefilter-ExchangeWestEurope.json as route filter ExchangeWestEurope.
    if (Test-ErFilterHolds 'ExpressRouteResourceGroup/ExchangeWestEurope' 'allow-communities' '["12076:5010","12076:51002","12076:5060"]') {
      Write-Host 'Step 3: skipped: route filter ExchangeWestEurope already holds the body''s rule.'
    } else {
      az rest --method put --url '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/ExchangeWestEurope?api-version=2024-05-01' --body '@routefilter-ExchangeWestEurope.json' -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 3 failed (PUT the body of routefilter-ExchangeWestEurope.json as route filter ExchangeWestEurope): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 3: sent routefilter-ExchangeWestEurope.json for route filter ExchangeWestEurope.'
    }
    # Step 4: wait until Azure has finished with route filter ExchangeWestEurope (az rest does not wait for the PUT).
    Wait-Er 'route filter ExchangeWestEurope' {
      az network route-filter show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n ExchangeWestEurope --query provisioningState -o tsv
    }
    Write-Host 'Step 4: route filter ExchangeWestEurope is Succeeded.'
  } finally {
    # nothing to clean up
  }
}
