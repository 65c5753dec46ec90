//! Renders a [`Script`] for PowerShell: one script block `& { ... }` that works the same in Windows
//! PowerShell 5.1, PowerShell 7.3+ on Windows (in both `$PSNativeCommandArgumentPassing` modes a user
//! may have chosen) and pwsh on Linux/macOS:
//! - the block sets `$PSNativeCommandArgumentPassing = 'Legacy'` for itself (a preference variable:
//!   scoped to the block; 5.1 has no such variable and ignores it), so every host joins az's arguments
//!   the way [`super::quote::powershell_word`] writes them (PowerShell-Docs about_Preference_Variables
//!   and about_Parsing 7.4; tests/emit_psmodel.rs models each host);
//! - after every `az` line, `if ($LASTEXITCODE) { ... }` stops the block (5.1 does not stop on a native
//!   command's failure);
//! - the shared key is read with `Read-Host -AsSecureString` and turned into text through
//!   `System.Net.NetworkCredential`, which works in 5.1 and on Linux/macOS (PowerShell issue 12114;
//!   `PtrToStringAuto` does not), kept in a block variable and removed in `finally`.
//!
//! The walk over the steps is shared with bash ([`super::render`]).

use super::quote::{self, QuoteError, Word};
use super::render::{self, Definition, Helper, Syntax};
use super::script::{AzCommand, OptIn, Script, Skip, Step};

/// A PowerShell string literal for a message or a helper argument.
fn lit(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn arg(w: &Word) -> Result<String, QuoteError> {
    Ok(quote::powershell_string(w))
}

/// `er_subscription` -> `$erSubscription` (the block's variables are camelCase in PowerShell).
fn var(snake: &str) -> String {
    let mut out = String::from("$");
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `az` plus each word quoted for PowerShell with legacy argument passing.
pub fn command_line(command: &AzCommand) -> Result<String, QuoteError> {
    let mut line = String::from("az");
    for word in command.words()? {
        line.push(' ');
        line.push_str(&quote::powershell_word(&word)?);
    }
    Ok(line)
}

/// `Name head... @(list...)`: a helper that takes a list gets all its groups as one array.
fn call(name: &str, head: &[String], list: Option<&[Vec<String>]>) -> Vec<String> {
    let mut line = String::from(name);
    for h in head {
        line.push(' ');
        line.push_str(h);
    }
    if let Some(groups) = list {
        let items: Vec<&str> = groups.iter().flatten().map(String::as_str).collect();
        line.push_str(&format!(" @({})", items.join(", ")));
    }
    vec![line]
}

/// `if ($LASTEXITCODE) { Stop-Er ... }` after an az line.
fn exit_check(fail: &str) -> String {
    format!("if ($LASTEXITCODE) {{ Stop-Er {fail} }}")
}

const LIBRARY: &[Definition] = &[
    Definition {
        helper: Helper::Stop,
        name: "Stop-Er",
        calls: &[],
        text: r#"# Stop-Er TEXT...: stops the block; nothing after it runs.
function Stop-Er { throw ('Stopped: ' + ($args -join '')) }"#,
    },
    Definition {
        helper: Helper::ReadCircuit,
        name: "Read-ErCircuit",
        calls: &[],
        text: r#"# Read-ErCircuit LINES: keeps the circuit read: two state lines, then per live peering its name and the columns.
function Read-ErCircuit([string[]]$Lines) {
  $er.State = (@($Lines)[0..1] | ForEach-Object { "$_".Trim() }) -join ' '
  foreach ($line in @($Lines | Select-Object -Skip 2)) {
    $cells = "$line".TrimEnd("`r") -split "`t"
    $row = @{}
    for ($i = 1; $i -lt $cells.Count -and $i -le $erColumns.Count; $i++) { $row[$erColumns[$i - 1]] = $cells[$i] }
    $er.Live[$cells[0]] = $row
  }
}"#,
    },
    Definition {
        helper: Helper::Exists,
        name: "Test-ErExists",
        calls: &[],
        text: r#"# Test-ErExists PEERING: the peering is live.
function Test-ErExists([string]$Peering) { return $null -ne $er.Live[$Peering] }"#,
    },
    Definition {
        helper: Helper::OptedIn,
        name: "Test-ErOptedIn",
        calls: &[],
        text: r#"# Test-ErOptedIn VARIABLE: the user set the environment variable to yes for this run.
function Test-ErOptedIn([string]$Name) { return [Environment]::GetEnvironmentVariable($Name) -eq 'yes' }"#,
    },
    Definition {
        helper: Helper::Live,
        name: "Get-ErLive",
        calls: &[],
        text: r#"# Get-ErLive PEERING COLUMN: the value the circuit read found ('' when the peering is not live).
function Get-ErLive([string]$Peering, [string]$Column) {
  $row = $er.Live[$Peering]
  if ($null -eq $row) { return '' }
  return [string]$row[$Column]
}"#,
    },
    Definition {
        helper: Helper::Is,
        name: "Test-ErIs",
        calls: &[],
        text: r#"# Test-ErIs VALUE EXPECTED: the same text, ignoring case; an empty EXPECTED also matches the ways az
# prints "not set" (null, 0, NONE, [], {}).
function Test-ErIs([string]$Value, [string]$Expected) {
  if ($Expected -eq '') { return @('', 'null', '0', 'none', '[]', '{}') -contains $Value }
  return $Value -eq $Expected
}"#,
    },
    Definition {
        helper: Helper::Holds,
        name: "Test-ErHolds",
        calls: &[Helper::Live, Helper::Is],
        text: r#"# Test-ErHolds PEERING PAIRS: the live peering holds every value of PAIRS (column, value, ...).
function Test-ErHolds([string]$Peering, [string[]]$Pairs) {
  if ($null -eq $er.Live[$Peering]) { $er.Why = "$Peering is not live"; return $false }
  for ($k = 0; $k + 1 -lt $Pairs.Count; $k += 2) {
    $v = Get-ErLive $Peering $Pairs[$k]
    if (-not (Test-ErIs $v $Pairs[$k + 1])) { $er.Why = "$($Pairs[$k]) is $v, expected $($Pairs[$k + 1])"; return $false }
  }
  return $true
}"#,
    },
    Definition {
        helper: Helper::Only,
        name: "Test-ErOnly",
        calls: &[Helper::Live, Helper::Is],
        text: r#"# Test-ErOnly PEERING PAIRS: every field of the live peering is a value of PAIRS or not set.
function Test-ErOnly([string]$Peering, [string[]]$Pairs) {
  foreach ($c in $erFields) {
    $e = ''
    for ($k = 0; $k + 1 -lt $Pairs.Count; $k += 2) { if ($Pairs[$k] -eq $c) { $e = $Pairs[$k + 1] } }
    $v = Get-ErLive $Peering $c
    if (-not (Test-ErIs $v '') -and -not (Test-ErIs $v $e)) { $er.Why = "$c is $v, expected $e"; return $false }
  }
  return $true
}"#,
    },
    Definition {
        helper: Helper::New,
        name: "Assert-ErNew",
        calls: &[Helper::Only, Helper::Holds, Helper::Stop],
        text: r#"# Assert-ErNew PEERING SHOW CREATED PAIRS: PEERING is not live, or an earlier run of this block created it:
# then it holds only values of this plan, and those of the CREATED columns already.
function Assert-ErNew([string]$Peering, [string]$Show, [string]$Created, [string[]]$Pairs) {
  if ($null -eq $er.Live[$Peering]) { return }
  if (-not (Test-ErOnly $Peering $Pairs)) { Stop-Er "$Peering is already live with other values ($($er.Why)): this block would overwrite it. Import it and plan a change: $Show" }
  for ($k = 0; $k + 1 -lt $Pairs.Count; $k += 2) {
    if (($Created -split ' ') -contains $Pairs[$k] -and -not (Test-ErHolds $Peering @($Pairs[$k], $Pairs[$k + 1]))) {
      Stop-Er "$Peering is already live without all values of its first step ($($er.Why)): this block would overwrite it. Import it and plan a change: $Show"
    }
  }
}"#,
    },
    Definition {
        helper: Helper::Unchanged,
        name: "Assert-ErUnchanged",
        calls: &[Helper::Live, Helper::Is, Helper::Stop],
        text: r#"# Assert-ErUnchanged PEERING BEFORE AFTER TRIPLES: PEERING is live and each column of TRIPLES (column, old,
# new) still holds its old (BEFORE) value or already the new (AFTER) one: nobody changed it in between.
function Assert-ErUnchanged([string]$Peering, [string]$Before, [string]$After, [string[]]$Triples) {
  if ($null -eq $er.Live[$Peering]) { Stop-Er "$Peering is no longer live: import the circuit again and plan from what is live." }
  for ($k = 0; $k + 2 -lt $Triples.Count; $k += 3) {
    $v = Get-ErLive $Peering $Triples[$k]
    if (-not (Test-ErIs $v $Triples[$k + 1]) -and -not (Test-ErIs $v $Triples[$k + 2])) {
      Stop-Er "$Peering changed since it was ${Before}: $($Triples[$k]) is now $v ($Before $($Triples[$k + 1]), $After $($Triples[$k + 2])). Import it again and plan from what is live."
    }
  }
}"#,
    },
    Definition {
        helper: Helper::VlanFree,
        name: "Assert-ErVlanFree",
        calls: &[Helper::Stop],
        text: r#"# Assert-ErVlanFree PEERING VLAN: no other live peering uses VLAN (each peering needs its own).
function Assert-ErVlanFree([string]$Peering, [string]$Vlan) {
  foreach ($name in @($er.Live.Keys)) {
    if ($name -ne $Peering -and [string]$er.Live[$name]['vlanId'] -eq $Vlan) {
      Stop-Er "VLAN $Vlan is used by the live ${name}: each peering of a circuit needs its own VLAN. Choose another VLAN for $Peering."
    }
  }
}"#,
    },
    Definition {
        helper: Helper::Ready,
        name: "Assert-ErReady",
        calls: &[Helper::Stop],
        text: r#"# Assert-ErReady CIRCUIT: the provider has provisioned the circuit.
function Assert-ErReady([string]$Circuit) {
  if ($er.State -ne 'Provisioned Enabled') { Stop-Er "circuit $Circuit is not ready for peerings (provider state, circuit state: $($er.State)). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first." }
}"#,
    },
    Definition {
        helper: Helper::Still,
        name: "Assert-ErStill",
        calls: &[Helper::OptedIn, Helper::Only, Helper::Stop],
        text: r#"# Assert-ErStill OPT_IN PEERING SOURCE PAIRS: when the user opted in to delete PEERING and it is live, it
# still holds exactly the values of SOURCE; otherwise nothing is deleted.
function Assert-ErStill([string]$OptIn, [string]$Peering, [string]$Source, [string[]]$Pairs) {
  if (-not (Test-ErOptedIn $OptIn) -or $null -eq $er.Live[$Peering]) { return }
  if (-not (Test-ErOnly $Peering $Pairs)) { Stop-Er "$Peering no longer holds the values of $Source ($($er.Why)): it is not deleted. Import it and decide with a new plan." }
}"#,
    },
    Definition {
        helper: Helper::GlobalReach,
        name: "Assert-ErGlobalReach",
        calls: &[Helper::OptedIn, Helper::Live, Helper::Is, Helper::Stop],
        text: r#"# Assert-ErGlobalReach OPT_IN PEERING KNOWN: when opted in, stops if PEERING has a Global Reach connection
# this block does not delete first (not in KNOWN).
function Assert-ErGlobalReach([string]$OptIn, [string]$Peering, [string]$Known) {
  if (-not (Test-ErOptedIn $OptIn)) { return }
  $names = Get-ErLive $Peering 'connections[].name'
  if (Test-ErIs $names '') { return }
  foreach ($n in ($names -replace '[\[\]"]', '' -split ',')) {
    if (($Known -split ' ') -notcontains $n) { Stop-Er "$Peering has the Global Reach connection ${n}: delete it first (az network express-route peering connection delete --peering-name $Peering -n $n)." }
  }
}"#,
    },
    Definition {
        helper: Helper::HasConnection,
        name: "Test-ErHasConnection",
        calls: &[Helper::Live],
        text: r#"# Test-ErHasConnection PEERING NAME: the circuit read found this Global Reach connection on PEERING.
function Test-ErHasConnection([string]$Peering, [string]$Name) { return (Get-ErLive $Peering 'connections[].name') -like "*`"$Name`"*" }"#,
    },
    Definition {
        helper: Helper::VirtualWan,
        name: "Assert-ErVirtualWan",
        calls: &[Helper::OptedIn, Helper::Live, Helper::Is, Helper::Stop],
        text: r#"# Assert-ErVirtualWan OPT_IN PEERING: when opted in, stops if a Virtual WAN connection uses PEERING.
function Assert-ErVirtualWan([string]$OptIn, [string]$Peering) {
  if (-not (Test-ErOptedIn $OptIn)) { return }
  $id = Get-ErLive $Peering 'expressRouteConnection.id'
  if (-not (Test-ErIs $id '')) { Stop-Er "$Peering is used by the Virtual WAN connection ${id}: delete it first (az network express-route gateway connection delete)." }
}"#,
    },
    Definition {
        helper: Helper::Body,
        name: "Assert-ErBody",
        calls: &[Helper::Stop],
        text: r#"# Assert-ErBody FILE KEY PEERING: the body file is here and, when KEY is set, names a sharedKey.
function Assert-ErBody([string]$File, [string]$Key, [string]$Peering) {
  if (-not (Test-Path -LiteralPath $File)) { Stop-Er "save the $Peering JSON body as $File in this folder first." }
  if ($Key -and -not (Select-String -LiteralPath $File -Pattern '"sharedKey"' -SimpleMatch -Quiet)) {
    Stop-Er "$File has no `"sharedKey`": a PUT without it may remove the live key. Add `"sharedKey`": `"<key>`" under `"properties`" (`"`" when $Peering has none)."
  }
}"#,
    },
    Definition {
        helper: Helper::ReadKey,
        name: "Read-ErKey",
        calls: &[Helper::Stop],
        text: r#"# Read-ErKey WHOSE: asks for a shared key without echo.
function Read-ErKey([string]$Whose) {
  $secure = Read-Host -AsSecureString "BGP shared key of $Whose (typing is not shown)"
  $plain = (New-Object System.Net.NetworkCredential('', $secure)).Password
  if (-not $plain) { Stop-Er "no shared key was typed for $Whose." }
  return $plain
}"#,
    },
    Definition {
        helper: Helper::Wait,
        name: "Wait-Er",
        calls: &[Helper::Stop],
        text: r#"# Wait-Er WHAT READ: waits until the READ script block prints Succeeded (20 minutes at most); on Failed
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
}"#,
    },
    Definition {
        helper: Helper::ReadFilters,
        name: "Read-ErFilters",
        calls: &[],
        text: r#"# Read-ErFilters LINES: keeps a route filter read: per filter its resource group, name, location, rule name
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
}"#,
    },
    Definition {
        helper: Helper::FilterExists,
        name: "Test-ErFilterExists",
        calls: &[Helper::ReadFilters],
        text: r#"# Test-ErFilterExists FILTER: the route filter read found it.
function Test-ErFilterExists([string]$Filter) { return $er.Filters.ContainsKey($Filter.ToLowerInvariant()) }"#,
    },
    Definition {
        helper: Helper::FilterHolds,
        name: "Test-ErFilterHolds",
        calls: &[Helper::FilterExists, Helper::Is],
        text: r#"# Test-ErFilterHolds FILTER RULE COMMUNITIES: FILTER has RULE allowing exactly COMMUNITIES.
function Test-ErFilterHolds([string]$Filter, [string]$Rule, [string]$Communities) {
  return (Test-ErFilterExists $Filter) -and (Test-ErIs (Get-ErFilterCell $Filter 4) $Rule) -and (Test-ErIs (Get-ErFilterCell $Filter 5) $Communities)
}"#,
    },
    Definition {
        helper: Helper::FilterOk,
        name: "Assert-ErFilterOk",
        calls: &[Helper::FilterExists, Helper::Is, Helper::Stop],
        text: r#"# Assert-ErFilterOk FILTER LOCATION RULE COMMUNITIES IMPORTED SHOW: FILTER is not there yet, or it is in
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
}"#,
    },
    Definition {
        helper: Helper::FilterStill,
        name: "Assert-ErFilterStill",
        calls: &[Helper::OptedIn, Helper::FilterHolds, Helper::Stop],
        text: r#"# Assert-ErFilterStill OPT_IN FILTER RULE COMMUNITIES: when opted in and FILTER is there, it still holds
# RULE allowing COMMUNITIES; otherwise nothing is deleted.
function Assert-ErFilterStill([string]$OptIn, [string]$Filter, [string]$Rule, [string]$Communities) {
  if (-not (Test-ErOptedIn $OptIn) -or -not (Test-ErFilterExists $Filter)) { return }
  if (-not (Test-ErFilterHolds $Filter $Rule $Communities)) { Stop-Er "route filter $Filter no longer holds rule $Rule ($Communities): it is not deleted. Check it and decide by hand." }
}"#,
    },
];

static SYNTAX: Syntax = Syntax {
    library: LIBRARY,
    lit,
    arg,
    command: command_line,
    call,
    not: |c| format!("-not ({c})"),
    and: |a, b| format!("({a}) -and ({b})"),
    if_: ("if (", ") {"),
    elif: ("} elseif (", ") {"),
    else_: "} else {",
    end: "}",
    echo: |m| format!("Write-Host {}", lit(m)),
    echo_var: |before, v, after| format!("Write-Host \"{before}{}{after}\"", var(v)),
    var,
    non_empty: var,
    run: |line, fail| vec![line, exit_check(&fail)],
    capture: |v, line, fail| vec![format!("{} = ({line} | Out-String).Trim()", var(v)), exit_check(&fail)],
    stop_unless: |condition, parts| {
        vec![format!("if (-not ({condition})) {{ Stop-Er {} }}", parts.join(" "))]
    },
    read_circuit: |line, fail| {
        vec![
            format!("$erLines = @({line})"),
            exit_check(&fail),
            "Read-ErCircuit $erLines".into(),
        ]
    },
    read_key: |env, v, read, whose| {
        let v = var(v);
        vec![
            format!("{v} = $env:{env}"),
            // Environment variables are the process's: removed, no az process started below inherits it.
            format!("Remove-Item -Path Env:{env} -ErrorAction SilentlyContinue"),
            format!("if (-not {v}) {{ {v} = {read} {whose} }}"),
        ]
    },
    key_comment: &[
        "The BGP shared key: from the environment variable below (removed once read, so no az process",
        "inherits it), or asked for (typing is not shown). It stays in this block and is removed at its end.",
    ],
    wait: |wait, peering, line| vec![format!("{wait} {peering} {{"), format!("  {line}"), "}".into()],
    read_filters: |read, line, fail| {
        vec![
            format!("$erLines = @({line})"),
            exit_check(&fail),
            format!("{read} $erLines"),
        ]
    },
};

/// Renders a script as one paste-safe block.
pub fn render(script: &Script) -> Result<String, QuoteError> {
    let body = render::body(script, &SYNTAX)?;
    let mut block = String::new();
    for line in &script.header {
        if line.is_empty() {
            block.push_str("#\n");
        } else {
            block.push_str(&format!("# {line}\n"));
        }
    }
    block.push_str("& {\n  $ErrorActionPreference = 'Stop'\n");
    block.push_str("  # Every PowerShell then passes arguments to az the way this block quotes them (5.1 ignores it).\n");
    block.push_str("  $PSNativeCommandArgumentPassing = 'Legacy'\n");
    block.push_str("  if ($PSVersionTable.PSVersion.Major -lt 5) { throw 'This block needs Windows PowerShell 5.1 or PowerShell 7.' }\n");
    if script.reads_circuit() {
        let columns = super::fields::snapshot_columns();
        let fields: Vec<String> = columns
            .iter()
            .filter(|c| {
                **c != super::fields::CONNECTIONS_COLUMN && **c != super::fields::VWAN_COLUMN
            })
            .map(|c| lit(c))
            .collect();
        block.push_str("  # The circuit read below: two state lines, then per live peering its name and these columns.\n");
        block.push_str(&format!("  $erFields = @({})\n", fields.join(", ")));
        block.push_str(&format!(
            "  $erColumns = $erFields + @({}, {})\n",
            lit(super::fields::CONNECTIONS_COLUMN),
            lit(super::fields::VWAN_COLUMN)
        ));
        block.push_str("  $er = @{ Live = @{}; Filters = @{}; State = ''; Why = '' }\n");
    }
    for text in body.helpers(&SYNTAX) {
        for line in text.lines() {
            block.push_str("  ");
            block.push_str(line);
            block.push('\n');
        }
    }
    block.push_str("  try {\n");
    for line in &body.lines {
        if !line.is_empty() {
            block.push_str("    ");
            block.push_str(line);
        }
        block.push('\n');
    }
    block.push_str("  } finally {\n");
    let keys = script.keys();
    for key in &keys {
        block.push_str(&format!(
            "    Remove-Variable -Name {} -ErrorAction SilentlyContinue\n",
            key.var.powershell_name()
        ));
    }
    let opt_ins = opt_ins(script);
    for opt_in in &opt_ins {
        block.push_str(&format!(
            "    # An opt-in counts for one run: it is removed so a later paste cannot delete by accident.\n    Remove-Item -Path Env:{} -ErrorAction SilentlyContinue\n",
            opt_in.env
        ));
    }
    if keys.is_empty() && opt_ins.is_empty() {
        block.push_str("    # nothing to clean up\n");
    }
    block.push_str("  }\n}\n");
    Ok(block)
}

fn opt_ins(script: &Script) -> Vec<&OptIn> {
    let mut found: Vec<&OptIn> = Vec::new();
    for step in &script.steps {
        if let Step::Run { skip, .. } = step {
            for s in skip {
                if let Skip::NotOptedIn { opt_in } = s {
                    if !found.iter().any(|o| o.env == opt_in.env) {
                        found.push(opt_in);
                    }
                }
            }
        }
    }
    found
}

/// A block that runs no command and only says why (a note).
pub fn note(lines: &[String]) -> String {
    lines.iter().map(|l| format!("# {l}\n")).collect()
}
