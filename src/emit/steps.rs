//! The shell-neutral script model: one list of `az` argv steps, rendered by [`super::bash`] and
//! [`super::powershell`], so both flavours always run the same commands.

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
        match self {
            Arg::Flag(flag) => Ok(Word::text(flag.clone())),
            Arg::Value(word) => {
                if let Some(super::quote::Piece::Text(first)) = word.pieces.first() {
                    if first.starts_with('-') {
                        return Err(QuoteError {
                            value: first.clone(),
                            reason: "az would read a value starting with '-' as an option; use the --flag=value form".into(),
                        });
                    }
                    if first.starts_with('@') {
                        return Err(QuoteError {
                            value: first.clone(),
                            reason:
                                "az reads a value starting with '@' as the name of a file to load"
                                    .into(),
                        });
                    }
                }
                Ok(word.clone())
            }
            Arg::Joined(flag, word) => {
                if let Some(super::quote::Piece::Text(first)) = word.pieces.first() {
                    if first.starts_with('@') {
                        return Err(QuoteError {
                            value: first.clone(),
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
    pub fn opt(mut self, flag: &str, value: impl Into<String>) -> AzCommand {
        self.args.push(Arg::Flag(flag.to_string()));
        self.args.push(Arg::Value(Word::text(value)));
        self
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

/// What a step's output is kept for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Capture {
    /// The pre-flight: stop unless the output is `Provisioned` then `Enabled` (§1, §8).
    CircuitState { circuit: String },
    /// `az account show --query id -o tsv`, into [`ShellVar::Subscription`] (§7).
    Subscription,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A comment line (without the comment marker).
    Comment(String),
    Blank,
    /// Stop unless the environment variable is set (the shared key, §6).
    RequireEnv {
        var: ShellVar,
        purpose: String,
    },
    /// One `az` invocation; a numbered step.
    Az {
        command: AzCommand,
        capture: Option<Capture>,
    },
}

/// A paste-safe block: header comments, then steps that stop at the first failure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Script {
    pub header: Vec<String>,
    pub steps: Vec<Step>,
}
