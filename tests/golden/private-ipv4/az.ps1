# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into Windows PowerShell 5.1, PowerShell 7 on Windows, or pwsh on Linux or
# macOS: it sets how arguments reach az for itself, and stops at the first failed step.
# Safe to run again: the first step reads the circuit and stops before any change when the plan would
# overwrite a live peering it did not create, reuse a live VLAN or edit a peering that changed since it
# was imported; every later step skips itself when the circuit already holds its values.
# The BGP shared key of AzurePrivatePeering is read from $env:ER_SHARED_KEY, or asked for (typing is not shown); it is never exported and is removed at the end.
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
  # Assert-ErNew PEERING SHOW CREATED PAIRS: PEERING is not live, or an earlier run of this block created it:
  # then it holds only values of this plan, and those of the CREATED columns already.
  function Assert-ErNew([string]$Peering, [string]$Show, [string]$Created, [string[]]$Pairs) {
    if ($null -eq $er.Live[$Peering]) { return }
    if (-not (Test-ErOnly $Peering $Pairs)) { Stop-Er "$Peering is already live with other values ($($er.Why)): this block would overwrite it. Import it and plan a change: $Show" }
    for ($k = 0; $k + 1 -lt $Pairs.Count; $k += 2) {
      if (($Created -split ' ') -contains $Pairs[$k] -and -not (Test-ErHolds $Peering @($Pairs[$k], $Pairs[$k + 1]))) {
        Stop-Er "$Peering is already live without all values of its first step ($($er.Why)): this block would overwrite it. Import it and plan a change: $Show"
      }
    }
  }
  # Assert-ErVlanFree PEERING VLAN: no other live peering uses VLAN (each peering needs its own).
  function Assert-ErVlanFree([string]$Peering, [string]$Vlan) {
    foreach ($name in @($er.Live.Keys)) {
      if ($name -ne $Peering -and [string]$er.Live[$name]['vlanId'] -eq $Vlan) {
        Stop-Er "VLAN $Vlan is used by the live ${name}: each peering of a circuit needs its own VLAN. Choose another VLAN for $Peering."
      }
    }
  }
  # Assert-ErReady CIRCUIT: the provider has provisioned the circuit.
  function Assert-ErReady([string]$Circuit) {
    if ($er.State -ne 'Provisioned Enabled') { Stop-Er "circuit $Circuit is not ready for peerings (provider state, circuit state: $($er.State)). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." }
  }
  # Read-ErKey WHOSE: asks for a shared key without echo.
  function Read-ErKey([string]$Whose) {
    $secure = Read-Host -AsSecureString "BGP shared key of $Whose (typing is not shown)"
    $plain = (New-Object System.Net.NetworkCredential('', $secure)).Password
    if (-not $plain) { Stop-Er "no shared key was typed for $Whose." }
    return $plain
  }
  try {
    # Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
    # written before the checks below pass.
    $erLines = @(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '"[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]"' -o tsv)
    if ($LASTEXITCODE) { Stop-Er 'Step 1 failed: az could not read circuit MyCircuit (see its message above).' }
    Read-ErCircuit $erLines
    Assert-ErReady 'MyCircuit'
    Assert-ErNew 'AzurePrivatePeering' 'az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering -o json' 'peerASN vlanId primaryPeerAddressPrefix secondaryPeerAddressPrefix' @('peerASN', '65010', 'vlanId', '200', 'primaryPeerAddressPrefix', '192.168.100.128/30', 'secondaryPeerAddressPrefix', '192.168.100.132/30')
    Assert-ErVlanFree 'AzurePrivatePeering' '200'
    Write-Host 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'
    # The BGP shared key: from the environment variable below (removed once read, so no az process
    # inherits it), or asked for (typing is not shown). It stays in this block and is removed at its end.
    $erKey = $env:ER_SHARED_KEY
    Remove-Item -Path Env:ER_SHARED_KEY -ErrorAction SilentlyContinue
    if (-not $erKey) { $erKey = Read-ErKey 'AzurePrivatePeering' }

    # AzurePrivatePeering: VLAN 200, peer ASN 65010, IPv4.
    # Step 2: create AzurePrivatePeering with its IPv4 settings.
    if (Test-ErHolds 'AzurePrivatePeering' @('peerASN', '65010', 'vlanId', '200', 'primaryPeerAddressPrefix', '192.168.100.128/30', 'secondaryPeerAddressPrefix', '192.168.100.132/30')) {
      Write-Host 'Step 2: skipped: AzurePrivatePeering already exists with these values (an earlier run created it).'
    } else {
      az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit --peering-type AzurePrivatePeering --peer-asn 65010 --vlan-id 200 "--shared-key=$erKey" --primary-peer-subnet 192.168.100.128/30 --secondary-peer-subnet 192.168.100.132/30 -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 2 failed (create AzurePrivatePeering with its IPv4 settings): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 2: created AzurePrivatePeering.'
    }
    # This shows that Azure accepted the configuration; it does not prove that BGP is up.
    # Expect provisioningState Succeeded and state Enabled.
    # Step 3: show AzurePrivatePeering.
    az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --query '{state:state,provisioningState:provisioningState}' -o table
    if ($LASTEXITCODE) { Stop-Er 'Step 3 failed (show AzurePrivatePeering): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
    Write-Host 'Step 3: AzurePrivatePeering is shown above.'
    # Once your routers are configured, check each path of AzurePrivatePeering (run these by hand):
    #   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path primary -o table
    #     expect two entries: 192.168.100.129 (your router) and 192.168.100.130 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 200, or the provider's tags).
    #   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path primary -o table
    #     expect neighbor 192.168.100.129 with AS 65010 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
    #   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path secondary -o table
    #     expect two entries: 192.168.100.133 (your router) and 192.168.100.134 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 200, or the provider's tags).
    #   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path secondary -o table
    #     expect neighbor 192.168.100.133 with AS 65010 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
  } finally {
    Remove-Variable -Name erKey -ErrorAction SilentlyContinue
  }
}
