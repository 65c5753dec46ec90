//! Renders a [`Script`] for bash. The block is a here-document run by bash (`bash -s <<'ER_PLANNER'`),
//! so it runs identically when pasted into bash or into zsh with default options: zsh only reads the
//! here-document, never parses its body (zsh without `interactivecomments` would run `#` as a command
//! and glob `(...)`, §8). bash 3.2 (macOS) and Git Bash are enough: no bash-4 feature is used.
//!
//! `set -euo pipefail` stops at the first failed step; `set -f` turns globbing off (JMESPath and
//! column names hold `[` `]`). Every captured value has its `\r` removed (Git Bash with the Windows
//! az prints CRLF). The walk over the steps is shared with PowerShell ([`super::render`]).

use super::quote::{self, QuoteError, Word};
use super::render::{self, Definition, Helper, Syntax};
use super::script::{AzCommand, Script};

/// The here-document delimiter: never a line of a block.
pub const DELIMITER: &str = "ER_PLANNER";

/// A bash word for a literal message or helper argument.
fn lit(text: &str) -> String {
    if text.is_empty() {
        return "''".into();
    }
    quote::bash(text).unwrap_or_else(|_| "''".into())
}

/// `az` plus each word quoted for bash.
pub fn command_line(command: &AzCommand) -> Result<String, QuoteError> {
    let mut line = String::from("az");
    for word in command.words()? {
        line.push(' ');
        line.push_str(&quote::bash_word(&word)?);
    }
    Ok(line)
}

fn arg(w: &Word) -> Result<String, QuoteError> {
    quote::bash_string(w)
}

/// `name head...`, each list group continued on its own line.
fn call(name: &str, head: &[String], list: Option<&[Vec<String>]>) -> Vec<String> {
    let mut first = String::from(name);
    for h in head {
        first.push(' ');
        first.push_str(h);
    }
    let groups = list.unwrap_or_default();
    if groups.is_empty() {
        return vec![first];
    }
    let mut lines = vec![format!("{first} \\")];
    for (i, g) in groups.iter().enumerate() {
        let end = if i + 1 == groups.len() { "" } else { " \\" };
        lines.push(format!("    {}{end}", g.join(" ")));
    }
    lines
}

const LIBRARY: &[Definition] = &[
    Definition {
        helper: Helper::Stop,
        name: "er_stop",
        calls: &[],
        text: r#"# er_stop TEXT...: stops the block; nothing after it runs.
er_stop() { printf 'Stopped: ' >&2; printf '%s' "$@" >&2; printf '\n' >&2; exit 1; }"#,
    },
    Definition {
        helper: Helper::ReadCircuit,
        name: "er_row",
        calls: &[],
        text: r#"# er_row PEERING: its line of the circuit read (empty when it is not live).
er_row() { printf '%s\n' "$er_circuit" | awk -F '\t' -v p="$1" 'NR > 2 && tolower($1) == tolower(p)'; }"#,
    },
    Definition {
        helper: Helper::Exists,
        name: "er_exists",
        calls: &[Helper::ReadCircuit],
        text: r#"# er_exists PEERING: the peering is live.
er_exists() { [ -n "$(er_row "$1")" ]; }"#,
    },
    Definition {
        helper: Helper::OptedIn,
        name: "er_opted_in",
        calls: &[],
        text: r#"# er_opted_in VARIABLE: the user set VARIABLE=yes for this run.
er_opted_in() { [ "${!1:-no}" = yes ]; }"#,
    },
    Definition {
        helper: Helper::Live,
        name: "er_live",
        calls: &[Helper::ReadCircuit, Helper::Stop],
        text: r#"# er_live PEERING COLUMN: the value the circuit read found.
er_live() {
  local c i=2
  for c in $er_columns; do
    if [ "$c" = "$2" ]; then
      er_row "$1" | cut -f "$i"
      return 0
    fi
    i=$((i + 1))
  done
  er_stop "no column $2"
}"#,
    },
    Definition {
        helper: Helper::Is,
        name: "er_is",
        calls: &[],
        text: r#"# er_is VALUE EXPECTED: the same text, ignoring case; an empty EXPECTED also matches the ways az
# prints "not set" (null, 0, NONE, [], {}).
er_is() {
  local v e
  v=$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]')
  e=$(printf '%s' "$2" | tr '[:upper:]' '[:lower:]')
  if [ -z "$e" ]; then
    case "$v" in '' | null | 0 | none | '[]' | '{}') return 0 ;; esac
    return 1
  fi
  [ "$v" = "$e" ]
}"#,
    },
    Definition {
        helper: Helper::Holds,
        name: "er_holds",
        calls: &[Helper::Exists, Helper::Live, Helper::Is],
        text: r#"# er_holds PEERING COLUMN VALUE...: the live peering holds every VALUE (er_why says which not).
er_holds() {
  local p=$1 v
  shift
  if ! er_exists "$p"; then
    er_why="$p is not live"
    return 1
  fi
  while [ $# -ge 2 ]; do
    v=$(er_live "$p" "$1")
    if ! er_is "$v" "$2"; then
      er_why="$1 is ${v:-not set}, expected ${2:-not set}"
      return 1
    fi
    shift 2
  done
}"#,
    },
    Definition {
        helper: Helper::Only,
        name: "er_only",
        calls: &[Helper::Live, Helper::Is],
        text: r#"# er_only PEERING COLUMN VALUE...: every field of the live peering is one of these VALUEs or not set.
er_only() {
  local p=$1 c v e k
  shift
  for c in $er_fields; do
    v=$(er_live "$p" "$c")
    e=''
    k=1
    while [ "$k" -lt "$#" ]; do
      if [ "${!k}" = "$c" ]; then
        k=$((k + 1))
        e=${!k}
        break
      fi
      k=$((k + 2))
    done
    if ! er_is "$v" '' && ! er_is "$v" "$e"; then
      er_why="$c is $v, expected ${e:-not set}"
      return 1
    fi
  done
}"#,
    },
    Definition {
        helper: Helper::New,
        name: "er_new",
        calls: &[Helper::Exists, Helper::Only, Helper::Holds, Helper::Stop],
        text: r#"# er_new PEERING SHOW CREATED COLUMN VALUE...: PEERING is not live, or an earlier run of this block
# created it: then it holds only values of this plan, and those of the CREATED columns already.
er_new() {
  local p=$1 show=$2 created=$3 c k v
  shift 3
  er_exists "$p" || return 0
  er_only "$p" "$@" || er_stop "$p is already live with other values ($er_why): this block would overwrite it. Import it and plan a change: $show"
  for c in $created; do
    v=''
    k=1
    while [ "$k" -lt "$#" ]; do
      if [ "${!k}" = "$c" ]; then
        k=$((k + 1))
        v=${!k}
        break
      fi
      k=$((k + 2))
    done
    er_holds "$p" "$c" "$v" || er_stop "$p is already live without all values of its first step ($er_why): this block would overwrite it. Import it and plan a change: $show"
  done
}"#,
    },
    Definition {
        helper: Helper::Unchanged,
        name: "er_unchanged",
        calls: &[Helper::Exists, Helper::Live, Helper::Is, Helper::Stop],
        text: r#"# er_unchanged PEERING BEFORE AFTER COLUMN OLD NEW...: PEERING is live and each COLUMN still holds OLD
# (its BEFORE value) or already NEW (its AFTER value): nobody changed it in between.
er_unchanged() {
  local p=$1 before=$2 after=$3 v
  shift 3
  er_exists "$p" || er_stop "$p is no longer live: import the circuit again and plan from what is live."
  while [ $# -ge 3 ]; do
    v=$(er_live "$p" "$1")
    er_is "$v" "$2" || er_is "$v" "$3" || er_stop "$p changed since it was $before: $1 is now ${v:-not set} ($before: ${2:-not set}, $after: ${3:-not set}). Import it again and plan from what is live."
    shift 3
  done
}"#,
    },
    Definition {
        helper: Helper::VlanFree,
        name: "er_vlan_free",
        calls: &[Helper::Stop],
        text: r#"# er_vlan_free PEERING VLAN: no other live peering uses VLAN (each peering needs its own).
er_vlan_free() {
  local other
  other=$(printf '%s\n' "$er_circuit" | awk -F '\t' -v p="$1" -v v="$2" 'NR > 2 && tolower($1) != tolower(p) && $2 == v { print $1; exit }')
  [ -z "$other" ] || er_stop "VLAN $2 is used by the live $other: each peering of a circuit needs its own VLAN. Choose another VLAN for $1."
}"#,
    },
    Definition {
        helper: Helper::Ready,
        name: "er_ready",
        calls: &[Helper::Stop],
        text: r#"# er_ready CIRCUIT: the provider has provisioned the circuit.
er_ready() {
  local state
  state=$(printf '%s\n' "$er_circuit" | sed -n '1,2p' | tr '\n' ' ')
  [ "$state" = 'Provisioned Enabled ' ] || er_stop "circuit $1 is not ready for peerings (provider state, circuit state: ${state:-none}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first."
}"#,
    },
    Definition {
        helper: Helper::Still,
        name: "er_still",
        calls: &[Helper::OptedIn, Helper::Exists, Helper::Only, Helper::Stop],
        text: r#"# er_still OPT_IN PEERING SOURCE COLUMN VALUE...: when the user opted in to delete PEERING and it is
# live, it still holds exactly the values of SOURCE; otherwise nothing is deleted.
er_still() {
  local opt=$1 p=$2 source=$3
  shift 3
  er_opted_in "$opt" && er_exists "$p" || return 0
  er_only "$p" "$@" || er_stop "$p no longer holds the values of $source ($er_why): it is not deleted. Import it and decide with a new plan."
}"#,
    },
    Definition {
        helper: Helper::GlobalReach,
        name: "er_global_reach",
        calls: &[Helper::OptedIn, Helper::Live, Helper::Is, Helper::Stop],
        text: r#"# er_global_reach OPT_IN PEERING KNOWN: when opted in, stops if PEERING has a Global Reach connection
# this block does not delete first (not in KNOWN).
er_global_reach() {
  local names n
  er_opted_in "$1" || return 0
  names=$(er_live "$2" 'connections[].name')
  er_is "$names" '' && return 0
  for n in $(printf '%s' "$names" | tr -d '[]"' | tr ',' ' '); do
    case " $3 " in
      *" $n "*) ;;
      *) er_stop "$2 has the Global Reach connection $n: delete it first (az network express-route peering connection delete --peering-name $2 -n $n)." ;;
    esac
  done
}"#,
    },
    Definition {
        helper: Helper::HasConnection,
        name: "er_has_connection",
        calls: &[Helper::Live],
        text: r#"# er_has_connection PEERING NAME: the circuit read found this Global Reach connection on PEERING.
er_has_connection() { case "$(er_live "$1" 'connections[].name')" in *"\"$2\""*) return 0 ;; esac; return 1; }"#,
    },
    Definition {
        helper: Helper::VirtualWan,
        name: "er_virtual_wan",
        calls: &[Helper::OptedIn, Helper::Live, Helper::Is, Helper::Stop],
        text: r#"# er_virtual_wan OPT_IN PEERING: when opted in, stops if a Virtual WAN connection uses PEERING.
er_virtual_wan() {
  local id
  er_opted_in "$1" || return 0
  id=$(er_live "$2" expressRouteConnection.id)
  er_is "$id" '' || er_stop "$2 is used by the Virtual WAN connection $id: delete it first (az network express-route gateway connection delete)."
}"#,
    },
    Definition {
        helper: Helper::Body,
        name: "er_body",
        calls: &[Helper::Stop],
        text: r#"# er_body FILE KEY PEERING: the body file is here and, when KEY is set, names a sharedKey.
er_body() {
  [ -f "$1" ] || er_stop "save the $3 JSON body as $1 in this folder first."
  [ -z "$2" ] || grep -q '"sharedKey"' "$1" || er_stop "$1 has no \"sharedKey\": a PUT without it may remove the live key. Add \"sharedKey\": \"<key>\" under \"properties\" (\"\" when $3 has none)."
}"#,
    },
    Definition {
        helper: Helper::ReadKey,
        name: "er_read_key",
        calls: &[Helper::Stop],
        text: r#"# er_read_key VARIABLE WHOSE: asks for a shared key on the terminal, without echo.
er_read_key() {
  local key=''
  { : </dev/tty; } 2>/dev/null || er_stop "no terminal to ask for the shared key of $2: set its environment variable first."
  printf 'BGP shared key of %s (typing is not shown): ' "$2" >/dev/tty
  IFS= read -rs key </dev/tty || true
  printf '\n' >/dev/tty
  [ -n "$key" ] || er_stop "no shared key was typed for $2."
  printf -v "$1" '%s' "$key"
}"#,
    },
    Definition {
        helper: Helper::Wait,
        name: "er_wait",
        calls: &[Helper::Stop],
        text: r#"# er_wait WHAT COMMAND...: waits until COMMAND prints Succeeded (20 minutes at most); on Failed it names
# the same read without --query, which shows why.
er_wait() {
  local p=$1 state delay=2 waited=0 show
  shift
  show="$*"
  while :; do
    state=$("$@" | tr -d '\r') || er_stop "could not read the state of $p."
    case "$state" in
      Succeeded) return 0 ;;
      Failed | Canceled) er_stop "Azure reports $p as $state: see ${show%% --query*} for why." ;;
    esac
    [ "$waited" -lt 1200 ] || er_stop "$p is still $state after 20 minutes: check it in the portal."
    sleep "$delay"
    waited=$((waited + delay))
    [ "$delay" -ge 30 ] || delay=$((delay * 2))
  done
}"#,
    },
    Definition {
        helper: Helper::ReadFilters,
        name: "er_keep_filters",
        calls: &[],
        text: r#"# er_keep_filters LINES: keeps a route filter read: per filter its resource group, name, location, rule
# name and the rule's communities (compact JSON).
er_filters=''
er_keep_filters() { er_filters=$(printf '%s\n%s' "$er_filters" "$1"); }
# er_fcol FILTER N: column N (3 location, 4 rule, 5 communities) of FILTER (resource-group/name).
er_fcol() { printf '%s\n' "$er_filters" | awk -F '\t' -v f="$1" -v n="$2" 'tolower($1 "/" $2) == tolower(f) { print $n; exit }'; }"#,
    },
    Definition {
        helper: Helper::FilterExists,
        name: "er_filter_exists",
        calls: &[Helper::ReadFilters],
        text: r#"# er_filter_exists FILTER: the route filter read found it.
er_filter_exists() { printf '%s\n' "$er_filters" | awk -F '\t' -v f="$1" 'tolower($1 "/" $2) == tolower(f) { found = 1 } END { exit !found }'; }"#,
    },
    Definition {
        helper: Helper::FilterHolds,
        name: "er_filter_holds",
        calls: &[Helper::FilterExists, Helper::Is],
        text: r#"# er_filter_holds FILTER RULE COMMUNITIES: FILTER has RULE allowing exactly COMMUNITIES.
er_filter_holds() { er_filter_exists "$1" && er_is "$(er_fcol "$1" 4)" "$2" && er_is "$(er_fcol "$1" 5)" "$3"; }"#,
    },
    Definition {
        helper: Helper::FilterOk,
        name: "er_filter_ok",
        calls: &[Helper::FilterExists, Helper::Is, Helper::Stop],
        text: r#"# er_filter_ok FILTER LOCATION RULE COMMUNITIES IMPORTED SHOW: FILTER is not there yet, or it is in LOCATION
# with no rule, or with RULE allowing COMMUNITIES (an earlier run) or IMPORTED (as imported).
er_filter_ok() {
  local loc rule comm
  er_filter_exists "$1" || return 0
  loc=$(er_fcol "$1" 3)
  rule=$(er_fcol "$1" 4)
  comm=$(er_fcol "$1" 5)
  er_is "$loc" "$2" || er_stop "route filter $1 is in $loc, not $2: a filter's region cannot change; plan another name."
  if er_is "$rule" ''; then return 0; fi
  if er_is "$rule" "$3" && { er_is "$comm" "$4" || { [ -n "$5" ] && er_is "$comm" "$5"; }; }; then return 0; fi
  er_stop "route filter $1 already has rule $rule ($comm), which this block would replace. Import it and plan a change: $6"
}"#,
    },
    Definition {
        helper: Helper::FilterStill,
        name: "er_filter_still",
        calls: &[Helper::OptedIn, Helper::FilterHolds, Helper::Stop],
        text: r#"# er_filter_still VARIABLE FILTER RULE COMMUNITIES: when opted in and FILTER is there, it still holds RULE
# allowing COMMUNITIES; otherwise nothing is deleted.
er_filter_still() {
  er_opted_in "$1" && er_filter_exists "$2" || return 0
  er_filter_holds "$2" "$3" "$4" || er_stop "route filter $2 no longer holds rule $3 ($4): it is not deleted. Check it and decide by hand."
}"#,
    },
];

static SYNTAX: Syntax = Syntax {
    library: LIBRARY,
    lit,
    arg,
    command: command_line,
    call,
    not: |c| format!("! {c}"),
    and: |a, b| format!("{a} && {b}"),
    if_: ("if ", "; then"),
    elif: ("elif ", "; then"),
    else_: "else",
    end: "fi",
    echo: |m| format!("echo {}", lit(m)),
    echo_var: |before, var, after| format!("echo \"{before}${var}{after}\""),
    var: |v| format!("\"${v}\""),
    non_empty: |v| format!("[ -n \"${v}\" ]"),
    run: |line, fail| vec![format!("{line} || er_stop {fail}")],
    capture: |var, line, fail| vec![format!("{var}=$({line} | tr -d '\\r') || er_stop {fail}")],
    stop_unless: |condition, parts| vec![format!("{condition} || er_stop {}", parts.join(" "))],
    read_circuit: |line, fail| vec![format!("er_circuit=$({line} | tr -d '\\r') || er_stop {fail}")],
    read_key: |env, var, read, whose| {
        vec![
            format!("{var}=${{{env}:-}}"),
            format!("unset {env}"),
            format!("[ -n \"${var}\" ] || {read} {var} {whose}"),
        ]
    },
    key_comment: &[
        "The BGP shared key: from the environment variable below, or asked for (typing is not shown). It",
        "stays in this block: not exported to the commands, unset at the end.",
    ],
    wait: |wait, peering, line| vec![format!("{wait} {peering} {line}")],
    read_filters: |read, line, fail| {
        vec![
            format!("er_read=$({line} | tr -d '\\r') || er_stop {fail}"),
            format!("{read} \"$er_read\""),
        ]
    },
};

/// Renders a script as one paste-safe block.
pub fn render(script: &Script) -> Result<String, QuoteError> {
    let body = render::body(script, &SYNTAX)?;
    let mut block = format!("bash -s <<'{DELIMITER}'\n");
    for line in &script.header {
        block.push_str(&comment_line(line));
    }
    block.push_str("set -euo pipefail\nset -f\n");
    if script.reads_circuit() {
        let columns = super::fields::snapshot_columns();
        let fields: Vec<&str> = columns
            .iter()
            .copied()
            .filter(|c| *c != super::fields::CONNECTIONS_COLUMN && *c != super::fields::VWAN_COLUMN)
            .collect();
        block.push_str("# The circuit read below: two state lines, then per live peering its name and these columns.\n");
        block.push_str(&format!("er_fields='{}'\n", fields.join(" ")));
        block.push_str(&format!(
            "er_columns=\"$er_fields {} {}\"\n",
            super::fields::CONNECTIONS_COLUMN,
            super::fields::VWAN_COLUMN
        ));
        block.push_str("er_circuit=''\ner_why=''\n");
    }
    for text in body.helpers(&SYNTAX) {
        block.push_str(text);
        block.push('\n');
    }
    for line in body.lines {
        block.push_str(&line);
        block.push('\n');
    }
    let keys: Vec<String> = script.keys().iter().map(|k| k.var.bash_name()).collect();
    if !keys.is_empty() {
        block.push_str(&format!("unset {}\n", keys.join(" ")));
    }
    block.push_str(DELIMITER);
    block.push('\n');
    Ok(block)
}

fn comment_line(line: &str) -> String {
    if line.is_empty() {
        "#\n".into()
    } else {
        format!("# {line}\n")
    }
}

/// A block that runs no command and only says why (a note), still safe to paste into zsh: bash prints
/// it.
pub fn note(lines: &[String]) -> String {
    let mut block = format!("bash -s <<'{DELIMITER}'\n");
    for line in lines {
        block.push_str(&format!("echo {}\n", lit(line)));
    }
    block.push_str(DELIMITER);
    block.push('\n');
    block
}
