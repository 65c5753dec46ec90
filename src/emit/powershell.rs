//! Renders a [`Script`] for Windows PowerShell (5.1, and 7.x on Windows: `az` is `az.cmd` there): one
//! script block `& { $ErrorActionPreference = 'Stop'` … `}`, and after every `az` line
//! `if ($LASTEXITCODE) { throw "step N failed" }`, because a native command's failure does not stop
//! Windows PowerShell (§8 paste-safe blocks).

use super::quote::{self, QuoteError, ShellVar};
use super::steps::{AzCommand, Capture, Script, Step};

const INDENT: &str = "  ";

pub fn render(script: &Script) -> Result<String, QuoteError> {
    let mut out = String::new();
    for line in &script.header {
        push_comment(&mut out, "", line);
    }
    out.push_str("& { $ErrorActionPreference = 'Stop'\n");
    let mut number = 0;
    for step in &script.steps {
        match step {
            Step::Comment(text) => push_comment(&mut out, INDENT, text),
            Step::Blank => out.push('\n'),
            Step::RequireEnv { var, purpose } => {
                let name = var.powershell_name();
                out.push_str(&format!(
                    "{INDENT}if (-not ${name}) {{ throw 'Set ${name} to {} first.' }}\n",
                    purpose.replace('\'', "''")
                ));
            }
            Step::Az { command, capture } => {
                number += 1;
                let line = command_line(command)?;
                let check =
                    format!("{INDENT}if ($LASTEXITCODE) {{ throw \"step {number} failed\" }}\n");
                match capture {
                    None => {
                        out.push_str(&format!("{INDENT}{line}\n"));
                        out.push_str(&check);
                    }
                    Some(Capture::Subscription) => {
                        let name = ShellVar::Subscription.powershell_name();
                        out.push_str(&format!("{INDENT}${name} = {line}\n"));
                        out.push_str(&check);
                    }
                    Some(Capture::CircuitState { circuit }) => {
                        out.push_str(&format!("{INDENT}$circuitState = ({line}) -join ' '\n"));
                        out.push_str(&check);
                        out.push_str(&format!(
                            "{INDENT}if ($circuitState -ne 'Provisioned Enabled') {{ throw \"Stopped at step {number}: circuit {} is not ready for peerings (provider state, circuit state: $circuitState). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first.\" }}\n",
                            double_quote_text(circuit)?
                        ));
                    }
                }
            }
        }
    }
    out.push_str("}\n");
    Ok(out)
}

/// `az` plus each word quoted for Windows PowerShell calling az.cmd.
pub fn command_line(command: &AzCommand) -> Result<String, QuoteError> {
    let mut line = String::from("az");
    for word in command.words()? {
        line.push(' ');
        line.push_str(&quote::powershell_word(&word)?);
    }
    Ok(line)
}

fn double_quote_text(text: &str) -> Result<&str, QuoteError> {
    if text.contains(['$', '`', '"', '\n', '\0']) {
        return Err(QuoteError {
            value: text.to_string(),
            reason: "not allowed in a PowerShell message".into(),
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
