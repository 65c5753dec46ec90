//! Renders a [`Script`] for bash (zsh works too): one subshell `( set -euo pipefail` … `)`, so a failed
//! step ends the block without closing the user's shell (§8 paste-safe blocks).

use super::quote::{self, QuoteError, ShellVar, Word};
use super::steps::{self, AzCommand, Capture, Script, ShellFlavor};

pub struct Bash;

impl ShellFlavor for Bash {
    const OPEN: &'static str = "( set -euo pipefail";
    const CLOSE: &'static str = ")";
    const MESSAGE_FORBIDDEN: &'static [char] = &['$', '`', '"', '\\', '!', '\n', '\0'];

    fn word(word: &Word) -> Result<String, QuoteError> {
        quote::bash_word(word)
    }

    fn require_env(var: &ShellVar, purpose: &str) -> Vec<String> {
        let name = var.bash_name();
        vec![format!(": \"${{{name}:?set {name} to {purpose} first}}\"")]
    }

    fn az_step(number: usize, line: &str, capture: Option<&Capture>) -> Vec<String> {
        match capture {
            None => vec![line.to_string()],
            Some(Capture::Subscription) => {
                vec![format!("{}=$({line})", ShellVar::Subscription.bash_name())]
            }
            Some(Capture::CircuitState { circuit }) => vec![
                format!("circuit_state=$({line} | tr -d '\\r' | tr '\\n' ' ')"),
                "if [ \"$circuit_state\" != 'Provisioned Enabled ' ]; then".to_string(),
                format!("  echo \"Stopped at step {number}: circuit {circuit} is not ready for peerings (provider state, circuit state: ${{circuit_state:-none}}). Both must be Provisioned Enabled: ask the connectivity provider to finish provisioning first.\" >&2"),
                "  exit 1".to_string(),
                "fi".to_string(),
            ],
        }
    }
}

pub fn render(script: &Script) -> Result<String, QuoteError> {
    steps::render::<Bash>(script)
}

/// `az` plus each word quoted for bash.
pub fn command_line(command: &AzCommand) -> Result<String, QuoteError> {
    steps::command_line::<Bash>(command)
}
