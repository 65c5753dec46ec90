# ExpressRoute peerings for circuit MyCircuit in resource group ExpressRouteResourceGroup (subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e).
# Paste the whole block into Windows PowerShell 5.1, PowerShell 7 on Windows, or pwsh on Linux or
# macOS: it sets how arguments reach az for itself, and stops at the first failed step.
# Safe to run again: the first step reads the circuit and stops before any change when the plan would
# overwrite a live peering it did not create, reuse a live VLAN or edit a peering that changed since it
# was imported; every later step skips itself when the circuit already holds its values.
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
  try {
    # Step 1: read circuit MyCircuit once: its state and every live peering's values. Nothing is
    # written before the checks below pass.
    $erLines = @(az network express-route show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --query '"[[serviceProviderProvisioningState,circuitProvisioningState],not_null(peerings,`[]`)[].[name,to_string(vlanId),to_string(peerASN),to_string(primaryPeerAddressPrefix),to_string(secondaryPeerAddressPrefix),to_string(microsoftPeeringConfig.advertisedPublicPrefixes),to_string(microsoftPeeringConfig.customerASN),to_string(microsoftPeeringConfig.routingRegistryName),to_string(routeFilter.id),to_string(ipv6PeeringConfig.primaryPeerAddressPrefix),to_string(ipv6PeeringConfig.secondaryPeerAddressPrefix),to_string(ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes),to_string(ipv6PeeringConfig.microsoftPeeringConfig.customerASN),to_string(ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName),to_string(ipv6PeeringConfig.routeFilter.id),to_string(connections[].name),to_string(expressRouteConnection.id)]][]"' -o tsv)
    if ($LASTEXITCODE) { Stop-Er 'Step 1 failed: az could not read circuit MyCircuit (see its message above).' }
    Read-ErCircuit $erLines
    Assert-ErReady 'MyCircuit'
    Assert-ErNew 'MicrosoftPeering' 'az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering -o json' 'peerASN vlanId ipv6PeeringConfig.primaryPeerAddressPrefix ipv6PeeringConfig.secondaryPeerAddressPrefix ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes ipv6PeeringConfig.microsoftPeeringConfig.customerASN ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName' @('peerASN', '12345', 'vlanId', '300', 'ipv6PeeringConfig.primaryPeerAddressPrefix', '2a01:111:f100::/126', 'ipv6PeeringConfig.secondaryPeerAddressPrefix', '2a01:111:f100::4/126', 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes', '["2a01:111:f200::/48"]', 'ipv6PeeringConfig.microsoftPeeringConfig.customerASN', '31337', 'ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName', 'ARIN', 'ipv6PeeringConfig.routeFilter.id', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/RouteFilterV6')
    Assert-ErVlanFree 'MicrosoftPeering' '300'
    Write-Host 'Step 1: circuit MyCircuit read; nothing live conflicts with this block.'

    # MicrosoftPeering: VLAN 300, peer ASN 12345, IPv6 only.
    # Step 2: create MicrosoftPeering with its IPv6 settings.
    if (Test-ErHolds 'MicrosoftPeering' @('peerASN', '12345', 'vlanId', '300', 'ipv6PeeringConfig.primaryPeerAddressPrefix', '2a01:111:f100::/126', 'ipv6PeeringConfig.secondaryPeerAddressPrefix', '2a01:111:f100::4/126', 'ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes', '["2a01:111:f200::/48"]', 'ipv6PeeringConfig.microsoftPeeringConfig.customerASN', '31337', 'ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName', 'ARIN')) {
      Write-Host 'Step 2: skipped: MicrosoftPeering already exists with these values (an earlier run created it).'
    } else {
      az network express-route peering create --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit --peering-type MicrosoftPeering --peer-asn 12345 --vlan-id 300 --primary-peer-subnet 2a01:111:f100::/126 --secondary-peer-subnet 2a01:111:f100::4/126 --advertised-public-prefixes 2a01:111:f200::/48 --customer-asn 31337 --routing-registry-name ARIN --ip-version IPv6 -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 2 failed (create MicrosoftPeering with its IPv6 settings): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 2: created MicrosoftPeering.'
    }
    # Without a route filter, circuits set up after 2017-08-01 receive no Microsoft prefixes.
    # Step 3: attach the route filter(s) to MicrosoftPeering.
    if (Test-ErHolds 'MicrosoftPeering' @('ipv6PeeringConfig.routeFilter.id', '/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/RouteFilterV6')) {
      Write-Host 'Step 3: skipped: MicrosoftPeering already has these route filters.'
    } else {
      az network express-route peering update --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --set ipv6PeeringConfig.routeFilter.id=/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/RouteFilterV6 -o none
      if ($LASTEXITCODE) { Stop-Er 'Step 3 failed (attach the route filter(s) to MicrosoftPeering): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
      Write-Host 'Step 3: attached the route filter(s) to MicrosoftPeering.'
    }
    # This shows that Azure accepted the configuration; it does not prove that BGP is up.
    # Expect provisioningState Succeeded and ipv6State Enabled. An IPv6-only peering reports the top-level state Disabled: only ipv6PeeringConfig.state is Enabled.
    # The prefixes state of each configured family must reach Configured. ValidationNeeded means the routing registry did not prove the prefixes are yours: open a support ticket with documents that show you own them.
    # Step 4: show MicrosoftPeering.
    az network express-route peering show --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup --circuit-name MyCircuit -n MicrosoftPeering --query '{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state,ipv4PrefixesState:microsoftPeeringConfig.advertisedPublicPrefixesState,ipv6PrefixesState:ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixesState}' -o table
    if ($LASTEXITCODE) { Stop-Er 'Step 4 failed (show MicrosoftPeering): see az''s message above. Run the block again once it is fixed: done steps are skipped.' }
    Write-Host 'Step 4: MicrosoftPeering is shown above.'
    # Once your routers are configured, check each path of MicrosoftPeering (run these by hand):
    #   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path primary -o table
    #     the ARP table lists IPv4 only; this peering has no IPv4: check the route table summary instead.
    #   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path primary -o table
    #     expect neighbor 2a01:111:f100::1 with AS 12345 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
    #   az network express-route list-arp-tables --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path secondary -o table
    #     the ARP table lists IPv4 only; this peering has no IPv4: check the route table summary instead.
    #   az network express-route list-route-tables-summary --subscription aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e -g ExpressRouteResourceGroup -n MyCircuit --peering-name MicrosoftPeering --path secondary -o table
    #     expect neighbor 2a01:111:f100::5 with AS 12345 and a number in StatePfxRcd (the prefixes received from you); a word there (Idle, Active, Connect) means the session is not Established: check the VLAN, the addresses, remote AS 12076 on your router and the MD5 key.
  } finally {
    # nothing to clean up
  }
}
