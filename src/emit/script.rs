//! The shell-neutral script model: what a block does, step by step, with the live-state checks that
//! keep it from harming a live circuit. [`super::bash`] and [`super::powershell`] render the same
//! [`Script`], so both flavours always run the same commands and skip or stop for the same reasons.
//!
//! A block reads the circuit once ([`Step::ReadCircuit`]): its state and, for every live peering, the
//! values of [`super::fields::snapshot_columns`]. Its checks stop the block before any write when the
//! plan would overwrite a live peering it did not create, reuse a live VLAN, or change a peering that
//! changed since it was imported. Each later step compares that read with the values it would write
//! and skips itself when they are already there, so a block can be run again, after a success or a
//! failure half-way, and never rewrites what already holds the planned values.

use super::quote::{QuoteError, ShellVar, Word};

/// One argument of an `az` command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// An option name or sub-command word (`network`, `--vlan-id`).
    Flag(String),
    /// A value. It may not start with `-` (argparse would take it for an option; use a `--flag=value`
    /// [`Arg::Joined`]) nor with `@` (az reads `@name` as a file, §8).
    Value(Word),
    /// `--flag=value`: the form that survives a value starting with `-` (always used for `--shared-key`).
    Joined(String, Word),
    /// `@path`: deliberately a file reference (`--body '@peering.json'`).
    FileRef(String),
}

impl Arg {
    /// The word the shell has to deliver, after checking the az-level rules above.
    pub fn to_word(&self) -> Result<Word, QuoteError> {
        let first_text = |word: &Word| match word.pieces.first() {
            Some(super::quote::Piece::Text(first)) => Some(first.clone()),
            _ => None,
        };
        match self {
            Arg::Flag(flag) => Ok(Word::text(flag.clone())),
            Arg::Value(word) => {
                if let Some(first) = first_text(word) {
                    if first.starts_with('-') {
                        return Err(QuoteError {
                            value: first,
                            reason: "az would read a value starting with '-' as an option; use the --flag=value form".into(),
                        });
                    }
                    if first.starts_with('@') {
                        return Err(QuoteError {
                            value: first,
                            reason:
                                "az reads a value starting with '@' as the name of a file to load"
                                    .into(),
                        });
                    }
                }
                Ok(word.clone())
            }
            Arg::Joined(flag, word) => {
                if let Some(first) = first_text(word) {
                    if first.starts_with('@') {
                        return Err(QuoteError {
                            value: first,
                            reason:
                                "az reads a value starting with '@' as a file name, even after '='"
                                    .into(),
                        });
                    }
                }
                let mut pieces = vec![super::quote::Piece::Text(format!("{flag}="))];
                pieces.extend(word.pieces.iter().cloned());
                Ok(Word::from_pieces(pieces))
            }
            Arg::FileRef(path) => Ok(Word::text(format!("@{path}"))),
        }
    }
}

/// An `az` command line (without the leading `az`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AzCommand {
    pub args: Vec<Arg>,
}

impl AzCommand {
    pub fn new(words: &[&str]) -> AzCommand {
        AzCommand {
            args: words.iter().map(|w| Arg::Flag(w.to_string())).collect(),
        }
    }

    pub fn flag(mut self, flag: &str) -> AzCommand {
        self.args.push(Arg::Flag(flag.to_string()));
        self
    }

    /// `--flag value`.
    pub fn opt(self, flag: &str, value: impl Into<String>) -> AzCommand {
        self.opt_word(flag, Word::text(value))
    }

    pub fn opt_word(mut self, flag: &str, value: Word) -> AzCommand {
        self.args.push(Arg::Flag(flag.to_string()));
        self.args.push(Arg::Value(value));
        self
    }

    pub fn value(mut self, value: impl Into<String>) -> AzCommand {
        self.args.push(Arg::Value(Word::text(value)));
        self
    }

    pub fn joined(mut self, flag: &str, value: Word) -> AzCommand {
        self.args.push(Arg::Joined(flag.to_string(), value));
        self
    }

    pub fn push(mut self, arg: Arg) -> AzCommand {
        self.args.push(arg);
        self
    }

    /// The words the shell must deliver to `az`, in order.
    pub fn words(&self) -> Result<Vec<Word>, QuoteError> {
        self.args.iter().map(Arg::to_word).collect()
    }
}

/// An environment variable that holds a BGP shared key (§6): read at the top of a block that needs it,
/// or asked for without echo; never exported to the commands; unset at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInput {
    /// `ER_SHARED_KEY`, or `ER_SHARED_KEY_PRIVATE` / `_MICROSOFT` when the peerings' keys differ.
    pub env: String,
    /// The block-local variable the commands use.
    pub var: ShellVar,
    /// Whose key it is, for the prompt ("AzurePrivatePeering").
    pub peerings: String,
}

/// A per-peering opt-in to a deletion: the environment variable that must be `yes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptIn {
    /// `ER_DELETE_AZUREPRIVATEPEERING`.
    pub env: String,
    pub peering: String,
}

impl OptIn {
    pub fn for_peering(peering: &str) -> OptIn {
        OptIn {
            env: format!("ER_DELETE_{}", peering.to_ascii_uppercase()),
            peering: peering.to_string(),
        }
    }
}

/// One column of the circuit read and the text it must hold. An empty text means "not set" (az prints
/// that as `null`, `0`, `NONE`, `[]` or `{}` depending on the field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub value: Word,
}

/// A check of the circuit read that stops the block, before any write, when it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The provider has provisioned the circuit (§1: `Provisioned` / `Enabled`).
    Ready { circuit: String },
    /// A peering the block creates must not be live, unless an earlier run of this block created it:
    /// then every live value is one of `planned`, and the `created` columns already hold theirs.
    NewOrOurs {
        peering: String,
        planned: Vec<Column>,
        created: Vec<&'static str>,
        /// The command that shows it, for "import it and plan a change".
        show: AzCommand,
    },
    /// A live peering the block edits must still hold, in each column, the value it had when it was
    /// imported (`before`) or already the new one (`after`).
    Unchanged {
        peering: String,
        columns: Vec<(&'static str, Word, Word)>,
        /// What to say: "imported" (a change) or "planned" (a rollback).
        before_is: &'static str,
    },
    /// No other live peering uses the VLAN (§3).
    VlanFree { peering: String, vlan: String },
    /// Only when the user opted in to delete `peering` and it is live: it still holds these values.
    StillHolds {
        opt_in: OptIn,
        columns: Vec<Column>,
        /// "this plan" / "the imported peering".
        source: &'static str,
    },
    /// Only when opted in: Global Reach connections of the peering block its deletion.
    NoGlobalReach {
        opt_in: OptIn,
        /// Connections the block itself deletes first (change mode: the ones the baseline knows).
        deleted_first: Vec<String>,
    },
    /// A route filter the block creates (`filter` = `resource-group/name`) is not there yet, or is in
    /// `location` with no rule or with `rule` allowing `communities` (an earlier run) or `imported`
    /// (as imported, change mode): else it would be overwritten. `show` prints it for an import.
    FilterOk {
        filter: String,
        location: String,
        rule: String,
        communities: String,
        imported: String,
        show: AzCommand,
    },
    /// Only when opted in to deleting a route filter and it is there: it still holds the plan's rule.
    FilterStill {
        opt_in: OptIn,
        filter: String,
        rule: String,
        communities: String,
    },
    /// Only when opted in: a Virtual WAN (ExpressRoute gateway) connection blocks the deletion.
    NoVirtualWan { opt_in: OptIn },
    /// The route filter (`resource-group/name`) is there; else the block stops with `message`.
    FilterThere { filter: String, message: String },
}

/// Why a step does not run. Conditions are tested in order; the first that holds skips the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// The live peering already holds these values: the work is done.
    Holds {
        peering: String,
        columns: Vec<Column>,
        reason: String,
    },
    /// The live peering does not hold these values (e.g. another filter than ours is attached).
    Lacks {
        peering: String,
        columns: Vec<Column>,
        reason: String,
    },
    /// The user has not opted in to this deletion.
    NotOptedIn { opt_in: OptIn },
    /// The peering is not live.
    Absent { peering: String, reason: String },
    /// The circuit read found no Global Reach connection of this name on the peering (already gone).
    NoConnection { peering: String, connection: String },
    /// The route filter read found the filter (`resource-group/name`): it exists.
    FilterExists { filter: String, reason: String },
    /// The route filter read found no such filter (already deleted).
    FilterAbsent { filter: String, reason: String },
    /// The filter holds `rule` allowing exactly `communities` (compact JSON, as az prints it).
    FilterHolds {
        filter: String,
        rule: String,
        communities: String,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A comment line (without the comment marker).
    Comment(String),
    Blank,
    /// `az account show --query id -o tsv` into [`ShellVar::Subscription`] (§7).
    ReadSubscription {
        command: AzCommand,
    },
    /// The one read of the circuit (see the module docs), then its checks.
    ReadCircuit {
        command: AzCommand,
        circuit: String,
        checks: Vec<Check>,
    },
    /// The route filters in the resource groups the block creates filters in (one `az network
    /// route-filter list` each), then the filter checks. Nothing is written before they pass.
    ReadFilters {
        reads: Vec<AzCommand>,
        checks: Vec<Check>,
    },
    /// Read the shared keys the block needs (after the checks, before the first write).
    ReadKeys(Vec<KeyInput>),
    /// One `az` command; skipped when a [`Skip`] holds.
    Run {
        title: String,
        command: AzCommand,
        skip: Vec<Skip>,
        /// What the step says after it ran, e.g. "created AzurePrivatePeering".
        done: String,
    },
    /// The body file must exist and, when `key`, name a `sharedKey` (a PUT without one may remove the
    /// live key, §9).
    RequireBody {
        file: String,
        peering: String,
        key: bool,
    },
    /// Read a peering again and stop unless its Global Reach connections are gone (a deletion).
    CheckNoConnections {
        opt_in: OptIn,
        command: AzCommand,
    },
    /// Wait until the peering's `provisioningState` is `Succeeded` (`az rest` does not wait, §9).
    Wait {
        peering: String,
        command: AzCommand,
    },
    /// A command to run later, once the routers are up: printed as a comment, with what to expect.
    Later {
        command: AzCommand,
        expect: Vec<String>,
    },
}

/// A paste-safe block: header comments, then steps that stop at the first failure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Script {
    pub header: Vec<String>,
    pub steps: Vec<Step>,
}

impl Script {
    /// The key inputs the block reads (for the header and the clean-up at its end).
    pub fn keys(&self) -> Vec<&KeyInput> {
        self.steps
            .iter()
            .filter_map(|s| match s {
                Step::ReadKeys(keys) => Some(keys.iter()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// Whether the block reads the circuit (and so needs the read helpers).
    pub fn reads_circuit(&self) -> bool {
        self.steps
            .iter()
            .any(|s| matches!(s, Step::ReadCircuit { .. } | Step::ReadFilters { .. }))
    }

    /// The numbered steps: everything but comments, blank lines, the key input and later commands.
    pub fn is_numbered(step: &Step) -> bool {
        !matches!(
            step,
            Step::Comment(_) | Step::Blank | Step::ReadKeys(_) | Step::Later { .. }
        )
    }
}
