//! The shell-neutral script model: one list of `az` argv steps, rendered by [`super::bash`] and
//! [`super::powershell`], so both flavours always run the same commands.

use super::quote::{QuoteError, ShellVar, Word};

const INDENT: &str = "  ";

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

/// Appends `text` as comment lines (`# `), one per line of the text.
pub(crate) fn push_comment(out: &mut String, indent: &str, text: &str) {
    if text.is_empty() {
        out.push_str(&format!("{indent}#\n"));
    } else {
        for line in text.lines() {
            out.push_str(&format!("{indent}# {line}\n"));
        }
    }
}

/// What differs between the shells; [`render`] does the rest, so both flavours share one driver.
pub trait ShellFlavor {
    /// The first line of the block (after the header comments) and its last line.
    const OPEN: &'static str;
    const CLOSE: &'static str;
    /// Characters a circuit name may not hold to be put inside the flavour's double-quoted message.
    const MESSAGE_FORBIDDEN: &'static [char];
    /// One argument, quoted for the shell.
    fn word(word: &Word) -> Result<String, QuoteError>;
    /// Lines (unindented) that stop the block unless the environment variable is set.
    fn require_env(var: &ShellVar, purpose: &str) -> Vec<String>;
    /// Lines (unindented) that run step `number`, `line` being the quoted `az` command line.
    fn az_step(number: usize, line: &str, capture: Option<&Capture>) -> Vec<String>;
}

/// A flavour as plain data: the generic entry points below only build it and call one shared,
/// non-generic body, so the wasm carries one copy of each driver instead of one per shell (bundle size).
struct Flavor {
    open: &'static str,
    close: &'static str,
    message_forbidden: &'static [char],
    word: fn(&Word) -> Result<String, QuoteError>,
    require_env: fn(&ShellVar, &str) -> Vec<String>,
    az_step: fn(usize, &str, Option<&Capture>) -> Vec<String>,
}

impl Flavor {
    fn of<F: ShellFlavor>() -> Flavor {
        Flavor {
            open: F::OPEN,
            close: F::CLOSE,
            message_forbidden: F::MESSAGE_FORBIDDEN,
            word: F::word,
            require_env: F::require_env,
            az_step: F::az_step,
        }
    }
}

/// `az` plus each word quoted for the flavour.
pub fn command_line<F: ShellFlavor>(command: &AzCommand) -> Result<String, QuoteError> {
    command_line_with(command, F::word)
}

fn command_line_with(
    command: &AzCommand,
    quote: fn(&Word) -> Result<String, QuoteError>,
) -> Result<String, QuoteError> {
    let mut line = String::from("az");
    for word in command.words()? {
        line.push(' ');
        line.push_str(&quote(&word)?);
    }
    Ok(line)
}

/// Renders a script as one paste-safe block of the flavour.
pub fn render<F: ShellFlavor>(script: &Script) -> Result<String, QuoteError> {
    render_with(script, &Flavor::of::<F>())
}

fn render_with(script: &Script, flavor: &Flavor) -> Result<String, QuoteError> {
    let mut out = String::new();
    for line in &script.header {
        push_comment(&mut out, "", line);
    }
    out.push_str(flavor.open);
    out.push('\n');
    let mut number = 0;
    for step in &script.steps {
        let lines = match step {
            Step::Comment(text) => {
                push_comment(&mut out, INDENT, text);
                continue;
            }
            Step::Blank => vec![String::new()],
            Step::RequireEnv { var, purpose } => (flavor.require_env)(var, purpose),
            Step::Az { command, capture } => {
                number += 1;
                if let Some(Capture::CircuitState { circuit }) = capture {
                    if circuit.contains(flavor.message_forbidden) {
                        return Err(QuoteError {
                            value: circuit.clone(),
                            reason: "not allowed in the pre-flight message".into(),
                        });
                    }
                }
                (flavor.az_step)(
                    number,
                    &command_line_with(command, flavor.word)?,
                    capture.as_ref(),
                )
            }
        };
        for line in lines {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("{INDENT}{line}\n"));
            }
        }
    }
    out.push_str(flavor.close);
    out.push('\n');
    Ok(out)
}
