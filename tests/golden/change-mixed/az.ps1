# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into Windows PowerShell 5.1, PowerShell 7 on Windows, or pwsh on Linux or
# macOS: it sets how arguments reach az for itself, and stops at the first failed step.
# Safe to run again: the first step reads the circuit and stops before any change when the plan would
# overwrite a live peering it did not create, reuse a live VLAN or edit a peering that changed since it
# was imported; every later step skips itself when the circuit already holds its values.
# Change mode: one minimal update per live peering for what you edited; a live peering your plan
# drops is left alone (only the clean-up block deletes it, and only if you opt in).
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
    Assert-ErNew 'AzurePrivatePeering' 'az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering -o json' 'peerASN vlanId primaryPeerAddressPrefix secondaryPeerAddressPrefix' @('peerASN', '65010', 'vlanId', '200', 'primaryPeerAddressPrefix', '192.168.100.128/30', 'secondaryPeerAddressPrefix', '192.168.100.132/30', 'ipv6PeeringConfig.primaryPeerAddressPrefix', 'fd00:10::/126', 'ipv6PeeringConfig.secondaryPeerAddressPrefix', 'fd00:10::4/126')
    Assert-ErVlanFree 'AzurePrivatePeering' '200'
    Assert-ErUnchanged 'MicrosoftPeering' 'imported' 'planned' @('peerASN', '12345', '12346', 'secondaryPeerAddressPrefix', '123.0.0.4/30', '123.0.0.8/30', 'microsoftPeeringConfig.routingRegistryName', 'RIPENCC', 'ARIN', 'routeFilter.id', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/MyRouteFilter', '', 'ipv6PeeringConfig.primaryPeerAddressPrefix', '2a01:111:f100::/126', '2a01:111:f100::8/126', 'ipv6PeeringConfig.microsoftPeeringConfig.customerASN', '31337', '', 'ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName', 'RIPENCC', '', 'ipv6PeeringConfig.routeFilter.id', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/RouteFilterV6', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/RouteFilterV6b')
    Write-Host 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'
    # The BGP shared key: from the environment variable below (removed once read, so no az process
    # inherits it), or asked for (typing is not shown). It stays in this block and is removed at its end.
    $erKey = $env:ER_SHARED_KEY
    Remove-Item -Path Env:ER_SHARED_KEY -ErrorAction SilentlyContinue
    if (-not $erKey) { $erKey = Read-ErKey 'AzurePrivatePeering' }

    # AzurePrivatePeering: VLAN 200, peer ASN 65010, IPv4 + IPv6.
    # Step 2: create AzurePrivatePeering with its IPv4 settings.
    if (Test-ErHolds 'AzurePrivatePeering' @('peerASN', '65010', 'vlanId', '200', 'primaryPeerAddressPrefix', '192.168.100.128/30', 'secondaryPeerAddressPrefix', '192.168.100.132/30')) {
      Write-Host 'Step 2: skipped: AzurePrivatePeering already exists with these values (an earlier run created it).'
    } else {
      az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit --peering-type AzurePrivatePeering --peer-asn 65010 --vlan-id 200 "--shared-key=$erKey" --primary-peer-subnet 192.168.100.128/30 --secondary-peer-subnet 192.168.100.132/30 -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 2 failed (create AzurePrivatePeering with its IPv4 settings): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 2: created AzurePrivatePeering.'
    }
    # Adds IPv6 with a generic update (--set) that keeps the IPv4 settings. The IPv6
    # flags of 'peering update' (--ip-version IPv6) would send a body without IPv4 (az 2.91).
    # Step 3: add the IPv6 settings to AzurePrivatePeering.
    if (Test-ErHolds 'AzurePrivatePeering' @('ipv6PeeringConfig.primaryPeerAddressPrefix', 'fd00:10::/126', 'ipv6PeeringConfig.secondaryPeerAddressPrefix', 'fd00:10::4/126')) {
      Write-Host 'Step 3: skipped: AzurePrivatePeering already has these IPv6 settings.'
    } else {
      az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --set ipv6PeeringConfig.primaryPeerAddressPrefix=fd00:10::/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=fd00:10::4/126 --set ipv6PeeringConfig.state=Enabled -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 3 failed (add the IPv6 settings to AzurePrivatePeering): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 3: added the IPv6 settings to AzurePrivatePeering.'
    }
    # This shows that Azure accepted the configuration; it does not prove that BGP is up.
    # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
    # Step 4: show AzurePrivatePeering.
    az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n AzurePrivatePeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state}' -o table
    if ($LASTEXITCODE) { Stop-Er 'Step 4 failed (show AzurePrivatePeering): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
    Write-Host 'Step 4: AzurePrivatePeering is shown above.'
    # Once your routers are configured, check each path of AzurePrivatePeering (run these by hand):
    #   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path primary -o table
    #     expect two entries: 192.168.100.129 (your router) and 192.168.100.130 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 200, or the provider's tags).
    #   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path primary -o table
    #     expect neighbor 192.168.100.129 and fd00:10::1 with AS 65010 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
    #   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path secondary -o table
    #     expect two entries: 192.168.100.133 (your router) and 192.168.100.134 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 200, or the provider's tags).
    #   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name AzurePrivatePeering --path secondary -o table
    #     expect neighbor 192.168.100.133 and fd00:10::5 with AS 65010 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.

    # MicrosoftPeering (live): changes the peer ASN, changes the secondary IPv4 link subnet, changes the IPv4 routing registry, detaches the IPv4 route filter, changes the primary IPv6 link subnet, removes the IPv6 customer ASN, removes the IPv6 routing registry, changes the IPv6 route filter.
    # One update: az reads the live peering, changes only these fields and writes it back
    # with everything else as it was (Global Reach connections included).
    # This resets the BGP sessions of MicrosoftPeering (the peer ASN, the secondary IPv4 link subnet, the primary IPv6 link subnet): run it in a maintenance window.
    # Microsoft validates the advertised prefixes again (the peer ASN, the IPv4 routing registry, the IPv6 customer ASN, the IPv6 routing registry change): they are out of service until advertisedPublicPrefixesState is Configured again.
    # It detaches the IPv4 route filter: no Microsoft prefixes over IPv4 until one is attached again.
    # Step 5: update the live MicrosoftPeering.
    if (Test-ErHolds 'MicrosoftPeering' @('peerASN', '12346', 'secondaryPeerAddressPrefix', '123.0.0.8/30', 'microsoftPeeringConfig.routingRegistryName', 'ARIN', 'routeFilter.id', '', 'ipv6PeeringConfig.primaryPeerAddressPrefix', '2a01:111:f100::8/126', 'ipv6PeeringConfig.microsoftPeeringConfig.customerASN', '', 'ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName', '', 'ipv6PeeringConfig.routeFilter.id', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/RouteFilterV6b')) {
      Write-Host 'Step 5: skipped: MicrosoftPeering already holds these values.'
    } else {
      az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --peer-asn 12346 --secondary-peer-subnet 123.0.0.8/30 --routing-registry-name ARIN --remove routeFilter --set ipv6PeeringConfig.primaryPeerAddressPrefix=2a01:111:f100::8/126 --remove ipv6PeeringConfig.microsoftPeeringConfig.customerASN --remove ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName --set ipv6PeeringConfig.routeFilter.id=/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/RouteFilterV6b -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 5 failed (update the live MicrosoftPeering): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 5: updated MicrosoftPeering.'
    }
    # This shows that Azure accepted the configuration; it does not prove that BGP is up.
    # Expect provisioningState Succeeded, state Enabled (IPv4) and ipv6State Enabled.
    # The prefixes state of each configured family must reach Configured. ValidationNeeded means the routing registry did not prove the prefixes are yours: open a support ticket with documents that show you own them.
    # Step 6: show MicrosoftPeering.
    az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
    if ($LASTEXITCODE) { Stop-Er 'Step 6 failed (show MicrosoftPeering): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
    Write-Host 'Step 6: MicrosoftPeering is shown above.'
    # Once your routers are configured, check each path of MicrosoftPeering (run these by hand):
    #   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path primary -o table
    #     expect two entries: 123.0.0.1 (your router) and 123.0.0.2 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 300, or the provider's tags).
    #   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path primary -o table
    #     expect neighbor 123.0.0.1 and 2a01:111:f100::9 with AS 12346 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
    #   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path secondary -o table
    #     expect two entries: 123.0.0.9 (your router) and 123.0.0.10 (Microsoft), each with its MAC address; an empty table means layer 2 is not up (VLAN 300, or the provider's tags).
    #   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path secondary -o table
    #     expect neighbor 123.0.0.9 and 2a01:111:f100::5 with AS 12346 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
  } finally {
    Remove-Variable -Name erKey -ErrorAction SilentlyContinue
  }
}
