//! Renders a [`Script`] for Windows PowerShell (5.1, and 7.x on Windows: `az` is `az.cmd` there): one
//! script block `& { $ErrorActionPreference = 'Stop'` … `}`, and after every `az` line
//! `if ($LASTEXITCODE) { throw "step N failed" }`, because a native command's failure does not stop
//! Windows PowerShell (§8 paste-safe blocks).

use super::quote::{self, QuoteError, ShellVar, Word};
use super::steps::{self, AzCommand, Capture, Script, ShellFlavor};

pub struct WindowsPowerShell;

impl ShellFlavor for WindowsPowerShell {
    const OPEN: &'static str = "& { $ErrorActionPreference = 'Stop'";
    const CLOSE: &'static str = "}";
    const MESSAGE_FORBIDDEN: &'static [char] = &['$', '`', '"', '\n', '\0'];

    fn word(word: &Word) -> Result<String, QuoteError> {
        quote::powershell_word(word)
    }

    fn require_env(var: &ShellVar, purpose: &str) -> Vec<String> {
        let name = var.powershell_name();
        let purpose = purpose.replace('\'', "''");
        vec![format!(
            "if (-not ${name}) {{ throw 'Set ${name} to {purpose} first.' }}"
        )]
    }

    fn az_step(number: usize, line: &str, capture: Option<&Capture>) -> Vec<String> {
        let check = format!("if ($LASTEXITCODE) {{ throw \"step {number} failed\" }}");
        match capture {
            None => vec![line.to_string(), check],
            Some(Capture::Subscription) => {
                let name = ShellVar::Subscription.powershell_name();
                vec![format!("${name} = {line}"), check]
            }
            Some(Capture::CircuitState { circuit }) => vec![
                format!("$circuitState = ({line}) -join ' '"),
                check,
                format!("if ($circuitState -ne 'Provisioned Enabled') {{ throw \"Stopped at step {number}: circuit {circuit} is not ready for peerings (provider state, circuit state: $circuitState). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first.\" }}"),
            ],
        }
    }
}

pub fn render(script: &Script) -> Result<String, QuoteError> {
    steps::render::<WindowsPowerShell>(script)
}

/// `az` plus each word quoted for Windows PowerShell calling az.cmd.
pub fn command_line(command: &AzCommand) -> Result<String, QuoteError> {
    steps::command_line::<WindowsPowerShell>(command)
}
