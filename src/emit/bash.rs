//! Renders a [`Script`] for bash (zsh works too): one subshell `( set -euo pipefail` … `)`, so a failed
//! step ends the block without closing the user's shell (§8 paste-safe blocks).

use super::quote::{self, QuoteError, ShellVar};
use super::steps::{AzCommand, Capture, Script, Step};

const INDENT: &str = "  ";

pub fn render(script: &Script) -> Result<String, QuoteError> {
    let mut out = String::new();
    for line in &script.header {
        push_comment(&mut out, "", line);
    }
    out.push_str("( set -euo pipefail\n");
    let mut number = 0;
    for step in &script.steps {
        match step {
            Step::Comment(text) => push_comment(&mut out, INDENT, text),
            Step::Blank => out.push('\n'),
            Step::RequireEnv { var, purpose } => {
                let name = var.bash_name();
                out.push_str(&format!(
                    "{INDENT}: \"${{{name}:?set {name} to {purpose} first}}\"\n"
                ));
            }
            Step::Az { command, capture } => {
                number += 1;
                let line = command_line(command)?;
                match capture {
                    None => out.push_str(&format!("{INDENT}{line}\n")),
                    Some(Capture::Subscription) => {
                        let var = ShellVar::Subscription;
                        out.push_str(&format!("{INDENT}{}=$({line})\n", var.bash_name()));
                    }
                    Some(Capture::CircuitState { circuit }) => {
                        out.push_str(&format!(
                            "{INDENT}circuit_state=$({line} | tr -d '\\r' | tr '\\n' ' ')\n"
                        ));
                        out.push_str(&format!(
                            "{INDENT}if [ \"$circuit_state\" != 'Provisioned Enabled ' ]; then\n"
                        ));
                        out.push_str(&format!(
                            "{INDENT}{INDENT}echo \"Stopped at step {number}: circuit {} is not ready for peerings (provider state, circuit state: ${{circuit_state:-none}}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first.\" >&2\n",
                            // Validated names hold no character that is special in bash double quotes;
                            // the quoting layer proves it or refuses.
                            double_quote_text(circuit)?
                        ));
                        out.push_str(&format!("{INDENT}{INDENT}exit 1\n{INDENT}fi\n"));
                    }
                }
            }
        }
    }
    out.push_str(")\n");
    Ok(out)
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

fn double_quote_text(text: &str) -> Result<&str, QuoteError> {
    if text.contains(['$', '`', '"', '\\', '!', '\n', '\0']) {
        return Err(QuoteError {
            value: text.to_string(),
            reason: "not allowed in a bash message".into(),
        });
    }
    Ok(text)
}

fn push_comment(out: &mut String, indent: &str, text: &str) {
    if text.is_empty() {
        out.push_str(&format!("{indent}#\n"));
    } else {
        for line in text.lines() {
            out.push_str(&format!("{indent}# {line}\n"));
        }
    }
}
