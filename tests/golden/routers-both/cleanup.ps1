# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# CLEAN-UP: deletes nothing unless you opt in, peering by peering, and only while the peering
# still holds the values this block expects. az asks for no confirmation.
# To delete MicrosoftPeering: run  $env:ER_DELETE_MICROSOFTPEERING = 'yes'  first (the block removes it at its end).
# To delete AzurePrivatePeering: run  $env:ER_DELETE_AZUREPRIVATEPEERING = 'yes'  first (the block removes it at its end).
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
  # Assert-ErGlobalReach OPT_IN PEERING KNOWN: when opted in, stops if PEERING has a Global Reach connection
  # this block does not delete first (not in KNOWN).
  function Assert-ErGlobalReach([string]$OptIn, [string]$Peering, [string]$Known) {
    if (-not (Test-ErOptedIn $OptIn)) { return }
    $names = Get-ErLive $Peering 'connections[].name'
    if (Test-ErIs $names '') { return }
    foreach ($n in ($names -replace '[\[\]"]', '' -split ',')) {
      if (($Known -split ' ') -notcontains $n) { Stop-Er "$Peering has the Global Reach connection ${n}: delete it first (az network express-route peering connection delete --peering-name $Peering -n $n)." }
    }
  }
  # Assert-ErVirtualWan OPT_IN PEERING: when opted in, stops if a Virtual WAN connection uses PEERING.
  function Assert-ErVirtualWan([string]$OptIn, [string]$Peering) {
    if (-not (Test-ErOptedIn $OptIn)) { return }
    $id = Get-ErLive $Peering 'expressRouteConnection.id'
    if (-not (Test-ErIs $id '')) { Stop-Er "$Peering is used by the Virtual WAN connection ${id}: delete it first (az network express-route gateway connection delete)." }
  }
  try {
    # Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
    # written before the checks below pass.
    $erLines = @(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '"[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]"' -o tsv)
    if ($LASTEXITCODE) { Stop-Er 'Step 1 failed: az could not read circuit MyCircuit (see its message above).' }
    Read-ErCircuit $erLines
    Assert-ErStill 'ER_DELETE_MICROSOFTPEERING' 'MicrosoftPeering' 'this plan' @('peerASN', '12345', 'vlanId', '300', 'primaryPeerAddressPrefix', '123.0.0.0/30', 'secondaryPeerAddressPrefix', '123.0.0.4/30', 'microsoftPeeringConfig.advertisedPublicPrefixes', '["123.1.0.0/24"]', 'microsoftPeeringConfig.routingRegistryName', 'ARIN', 'routeFilter.id', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter', 'ipv6PeeringConfig.primaryPeerAddressPrefix', '2a01:111:f100::/126', 'ipv6PeeringConfig.secondaryPeerAddressPrefix', '2a01:111:f100::4/126', 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes', '["2a01:111:f200::/48"]', 'ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName', 'ARIN', 'ipv6PeeringConfig.routeFilter.id', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter')
    Assert-ErStill 'ER_DELETE_AZUREPRIVATEPEERING' 'AzurePrivatePeering' 'this plan' @('peerASN', '65010', 'vlanId', '200', 'primaryPeerAddressPrefix', '192.168.100.128/30', 'secondaryPeerAddressPrefix', '192.168.100.132/30', 'ipv6PeeringConfig.primaryPeerAddressPrefix', 'fd00:10::/126', 'ipv6PeeringConfig.secondaryPeerAddressPrefix', 'fd00:10::4/126')
    Assert-ErGlobalReach 'ER_DELETE_AZUREPRIVATEPEERING' 'AzurePrivatePeering' ''
    Assert-ErVirtualWan 'ER_DELETE_AZUREPRIVATEPEERING' 'AzurePrivatePeering'
    Write-Host 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'

    # MicrosoftPeering was created by this plan. To delete it, run the block with ER_DELETE_MICROSOFTPEERING=yes.
    # Step 2: delete MicrosoftPeering; az asks for no confirmation.
    if (-not (Test-ErOptedIn 'ER_DELETE_MICROSOFTPEERING')) {
      Write-Host 'Step 2: skipped: MicrosoftPeering is kept (opt in with ER_DELETE_MICROSOFTPEERING=yes to delete it).'
    } elseif (-not (Test-ErExists 'MicrosoftPeering')) {
      Write-Host 'Step 2: skipped: MicrosoftPeering does not exist.'
    } else {
      az network express-route peering delete --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 2 failed (delete MicrosoftPeering; az asks for no confirmation): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 2: deleted MicrosoftPeering.'
    }

    # AzurePrivatePeering was created by this plan. To delete it, run the block with ER_DELETE_AZUREPRIVATEPEERING=yes.
    # Before a private peering goes, so must what uses it: its VNet gateway connections (az network vpn-connection delete)
    # and its Virtual WAN connection (az network express-route gateway connection delete); this block stops while one is left.
    # Step 3: read AzurePrivatePeering again: no Global Reach connection may be left.
    if ((Test-ErOptedIn 'ER_DELETE_AZUREPRIVATEPEERING') -and (Test-ErExists 'AzurePrivatePeering')) {
      $erLeft = (az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --query '"to_string(connections[].name)"' -o tsv | Out-String).Trim()
      if ($LASTEXITCODE) { Stop-Er 'Step 3 failed: az could not read AzurePrivatePeering.' }
      if (-not (Test-ErIs $erLeft '')) { Stop-Er 'AzurePrivatePeering still has Global Reach connections (' $erLeft '): delete them first.' }
      Write-Host 'Step 3: AzurePrivatePeering has no Global Reach connection.'
    } else {
      Write-Host 'Step 3: skipped: AzurePrivatePeering is not deleted.'
    }
    # Step 4: delete AzurePrivatePeering; az asks for no confirmation.
    if (-not (Test-ErOptedIn 'ER_DELETE_AZUREPRIVATEPEERING')) {
      Write-Host 'Step 4: skipped: AzurePrivatePeering is kept (opt in with ER_DELETE_AZUREPRIVATEPEERING=yes to delete it).'
    } elseif (-not (Test-ErExists 'AzurePrivatePeering')) {
      Write-Host 'Step 4: skipped: AzurePrivatePeering does not exist.'
    } else {
      az network express-route peering delete --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 4 failed (delete AzurePrivatePeering; az asks for no confirmation): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 4: deleted AzurePrivatePeering.'
    }
  } finally {
    # An opt-in counts for one run: it is removed so a later paste cannot delete by accident.
    Remove-Item -Path Env:ER_DELETE_MICROSOFTPEERING -ErrorAction SilentlyContinue
    # An opt-in counts for one run: it is removed so a later paste cannot delete by accident.
    Remove-Item -Path Env:ER_DELETE_AZUREPRIVATEPEERING -ErrorAction SilentlyContinue
  }
}
