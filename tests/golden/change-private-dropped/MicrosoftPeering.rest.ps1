# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# PUT /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/expressRouteCircuits/MyCircuit/peerings/MicrosoftPeering?api-version=2024-05-01
# Save the MicrosoftPeering JSON body as peering.json in the current folder, then paste this block.
# Paste the whole block into Windows PowerShell 5.1, PowerShell 7 on Windows, or pwsh on Linux or
# macOS: it sets how arguments reach az for itself, and stops at the first failed step.
# It stops before the PUT when the live circuit conflicts with the body, skips the PUT when
# MicrosoftPeering already holds every value of it, and waits for the PUT to finish.
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
  try {
    # Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
    # written before the checks below pass.
    $erLines = @(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '"[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]"' -o tsv)
    if ($LASTEXITCODE) { Stop-Er 'Step 1 failed: az could not read circuit MyCircuit (see its message above).' }
    Read-ErCircuit $erLines
    Assert-ErReady 'MyCircuit'
    Assert-ErUnchanged 'MicrosoftPeering' 'imported' 'planned' @('peerASN', '12345', '12345', 'vlanId', '300', '300', 'primaryPeerAddressPrefix', '123.0.0.0/30', '123.0.0.0/30', 'secondaryPeerAddressPrefix', '123.0.0.4/30', '123.0.0.4/30', 'microsoftPeeringConfig.advertisedPublicPrefixes', '["123.1.0.0/24"]', '["123.1.0.0/24"]', 'microsoftPeeringConfig.customerASN', '', '', 'microsoftPeeringConfig.routingRegistryName', 'ARIN', 'ARIN', 'routeFilter.id', '', '', 'ipv6PeeringConfig.primaryPeerAddressPrefix', '', '', 'ipv6PeeringConfig.secondaryPeerAddressPrefix', '', '', 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes', '', '', 'ipv6PeeringConfig.microsoftPeeringConfig.customerASN', '', '', 'ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName', '', '', 'ipv6PeeringConfig.routeFilter.id', '', '')
    Write-Host 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'
    # Step 2: check the body file peering.json.
    Assert-ErBody 'peering.json' 'key' 'MicrosoftPeering'
    Write-Host 'Step 2: peering.json is there.'
    # Step 3: PUT the body of peering.json as MicrosoftPeering.
    if (Test-ErHolds 'MicrosoftPeering' @('peerASN', '12345', 'vlanId', '300', 'primaryPeerAddressPrefix', '123.0.0.0/30', 'secondaryPeerAddressPrefix', '123.0.0.4/30', 'microsoftPeeringConfig.advertisedPublicPrefixes', '["123.1.0.0/24"]', 'microsoftPeeringConfig.customerASN', '', 'microsoftPeeringConfig.routingRegistryName', 'ARIN', 'routeFilter.id', '', 'ipv6PeeringConfig.primaryPeerAddressPrefix', '', 'ipv6PeeringConfig.secondaryPeerAddressPrefix', '', 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes', '', 'ipv6PeeringConfig.microsoftPeeringConfig.customerASN', '', 'ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName', '', 'ipv6PeeringConfig.routeFilter.id', '')) {
      Write-Host 'Step 3: skipped: MicrosoftPeering already holds every value of the body.'
    } else {
      az rest --method put --url '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/expressRouteCircuits/MyCircuit/peerings/MicrosoftPeering?api-version=2024-05-01' --body '@peering.json' -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 3 failed (PUT the body of peering.json as MicrosoftPeering): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 3: sent peering.json for MicrosoftPeering.'
    }
    # Step 4: wait until Azure has finished with MicrosoftPeering (az rest does not wait for the PUT).
    Wait-Er 'MicrosoftPeering' {
      az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --query provisioningState -o tsv
    }
    Write-Host 'Step 4: MicrosoftPeering is Succeeded.'
  } finally {
    # nothing to clean up
  }
}
