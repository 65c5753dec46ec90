//! Checks the model of Windows PowerShell -> cmd.exe -> C runtime (see `emit_psmodel.rs`) against the
//! published examples, then proves our PowerShell quoting with it.
#![cfg(not(target_arch = "wasm32"))]

#[path = "emit_support.rs"]
mod support;

#[path = "emit_psmodel.rs"]
mod psmodel;

use peering_planner::emit::quote::{self, Piece, ShellVar, Word};
use psmodel::*;
use support::HOSTILE;

fn broken(outcome: &Outcome, layer: &str) -> bool {
    matches!(outcome, Outcome::Broken(l, _) if *l == layer)
}

#[test]
fn model_reproduces_the_published_examples() {
    let env = Env::windows();
    // azure-cli doc/quoting-issues-with-powershell.md, "Ampersand & is interpreted by Command Prompt".
    assert!(broken(&run_az("az \"a&b\" --debug", &env), "cmd.exe"));
    assert!(broken(
        &run_az("az 'https://graph.microsoft.com/v1.0/me/events?$orderby=createdDateTime&$skip=20' --debug", &env),
        "cmd.exe"
    ));
    assert_eq!(
        run_az("az '\"a&b\"' --debug", &env),
        argv(&["a&b", "--debug"])
    );
    assert_eq!(
        run_az("az \"`\"a&b`\"\" --debug", &env),
        argv(&["a&b", "--debug"])
    );
    assert_eq!(
        run_az("az \"\"\"a&b\"\"\" --debug", &env),
        argv(&["a&b", "--debug"])
    );
    assert_eq!(
        run_az("az \"a&b \" --debug", &env),
        argv(&["a&b ", "--debug"])
    );
    assert_eq!(
        run_az("az --% \"a&b\" --debug", &env),
        argv(&["a&b", "--debug"])
    );
    // "Double quotes are lost".
    assert_eq!(
        run_az("az '{\"key\": \"value\"}' --debug", &env),
        argv(&["{key: value}", "--debug"])
    );
    assert_eq!(
        run_az("az '{\\\"key\\\": \\\"value\\\"}' --debug", &env),
        argv(&["{\"key\": \"value\"}", "--debug"])
    );
    assert_eq!(
        run_az("az \"{\\`\"key\\`\": \\`\"value\\`\"}\" --debug", &env),
        argv(&["{\"key\": \"value\"}", "--debug"])
    );
    assert_eq!(
        run_az("az \"{\\\"\"key\\\"\": \\\"\"value\\\"\"}\" --debug", &env),
        argv(&["{\"key\": \"value\"}", "--debug"])
    );
    assert_eq!(
        run_az("az --% \"{\\\"key\\\": \\\"value\\\"}\" --debug", &env),
        argv(&["{\"key\": \"value\"}", "--debug"])
    );
    assert_eq!(
        run_exe(
            "-c \"import sys; print(sys.argv)\" '{\"key\": \"value\"}'",
            &env
        ),
        argv(&["-c", "import sys; print(sys.argv)", "{key: value}"])
    );
    assert_eq!(
        run_exe(
            "-c \"import sys; print(sys.argv[1])\" '\"some quoted text\"'",
            &env
        ),
        argv(&["-c", "import sys; print(sys.argv[1])", "some quoted text"])
    );
    // Issue 28692: a password ")" or "1ab)2ab" breaks ("--tenant was unexpected at this time").
    assert!(broken(
        &run_az(
            "az login --service-principal -u \"app\" -p \")\" --tenant \"t\"",
            &env
        ),
        "cmd.exe"
    ));
    assert!(broken(
        &run_az(
            "az login --service-principal -u \"app\" -p \"1ab)2ab\" --tenant \"t\"",
            &env
        ),
        "cmd.exe"
    ));
    // The maintainers' workaround (issue 25173, same cause): wrap the value in '"..."'.
    assert_eq!(
        run_az(
            "az login --username u --password '\"+SybA?;E)UWYsn12\"'",
            &env
        ),
        argv(&["login", "--username", "u", "--password", "+SybA?;E)UWYsn12"])
    );
    // Issue 14783: a Key Vault reference with parentheses.
    assert!(broken(
        &run_az("az functionapp config appsettings set --settings \"PublicKey=@Microsoft.KeyVault(VaultName=kv;SecretName=s)\"", &env),
        "cmd.exe"
    ));
    assert_eq!(
        run_az("az functionapp config appsettings set --settings '\"PublicKey=@Microsoft.KeyVault(VaultName=kv;SecretName=s)\"'", &env),
        argv(&["functionapp", "config", "appsettings", "set", "--settings", "PublicKey=@Microsoft.KeyVault(VaultName=kv;SecretName=s)"])
    );
    // Issue 16431: --value ")test".
    assert!(broken(
        &run_az("az keyvault secret set --value \")test\"", &env),
        "cmd.exe"
    ));
    // Workaround suggested in issue 23018 (same cause): quote only the parenthesis.
    assert_eq!(
        run_az("az keyvault secret set --value '123\")\"*+0323'", &env),
        argv(&["keyvault", "secret", "set", "--value", "123)*+0323"])
    );
    // cmd.exe expands %NAME% even inside quotes.
    assert_eq!(run_az("az '\"%USERNAME%\"'", &env), argv(&["alice"]));
}

/// Each reason for refusing, with a value that really breaks under the obvious quoting `'"…"'`.
#[test]
fn refused_characters_really_break() {
    let mut delayed = Env::windows();
    delayed.delayed_expansion = true;
    let plain = Env::windows();
    for (value, env) in [
        ("a\"b", &plain),
        ("%PATH%", &plain),
        ("!USERNAME!x", &delayed),
        ("a b\\", &plain),
        ("end\\", &plain),
        ("line1\nline2", &plain),
    ] {
        assert!(
            quote::powershell(value).is_err(),
            "{value:?} should be refused"
        );
        let naive = format!("'\"{}\"'", value.replace('\'', "''"));
        let outcome = run_az(&format!("az probe {naive} --next"), env);
        assert_ne!(
            outcome,
            argv(&["probe", value, "--next"]),
            "{value:?} would pass as {naive}"
        );
    }
}

/// Every value our PowerShell quoting accepts survives all three layers; every value it refuses really
/// would not (the model breaks or changes it with the obvious naive quoting).
#[test]
fn our_powershell_quoting_survives_the_three_layers() {
    let env = ps_env("11111111-2222-3333-4444-555555555555", "Key123");
    let mut accepted = 0;
    for value in HOSTILE {
        match quote::powershell(value) {
            Ok(quoted) => {
                accepted += 1;
                let outcome = run_az(&format!("az probe {quoted} --next"), &env);
                assert_eq!(
                    outcome,
                    argv(&["probe", value, "--next"]),
                    "value {value:?} quoted as {quoted}"
                );
            }
            Err(err) => {
                assert!(
                    value.contains(['"', '%', '!', '\n', '\t']) || value.ends_with('\\'),
                    "refused {value:?} for an unexpected reason: {err}"
                );
            }
        }
    }
    assert!(accepted >= 20, "only {accepted} accepted");
}

/// Words with variables (the shared key, the subscription) through the three layers.
#[test]
fn powershell_words_with_variables_survive() {
    let env = ps_env("11111111-2222-3333-4444-555555555555", "Key123abc");
    let mut accepted = 0;
    for text in HOSTILE {
        for word in [
            Word::from_pieces(vec![
                Piece::Text(format!("pre{text}/")),
                Piece::Var(ShellVar::Subscription),
                Piece::Text(format!("/{text}")),
            ]),
            Word::from_pieces(vec![
                Piece::Text(text.to_string()),
                Piece::Var(ShellVar::Subscription),
            ]),
        ] {
            let expected = word.value_with(&|_| "11111111-2222-3333-4444-555555555555".to_string());
            match quote::powershell_word(&word) {
                Ok(quoted) => {
                    accepted += 1;
                    assert_eq!(
                        run_az(&format!("az probe {quoted}"), &env),
                        argv(&["probe", &expected]),
                        "{quoted}"
                    );
                }
                Err(err) => assert!(
                    text.contains(['"', '%', '!', '\n', '\t']) || text.ends_with('\\'),
                    "refused {text:?}: {err}"
                ),
            }
        }
    }
    assert!(accepted >= 40, "only {accepted} accepted");
    let key = Word::from_pieces(vec![
        Piece::Text("--shared-key=".into()),
        Piece::Var(ShellVar::Env("ER_SHARED_KEY".into())),
    ]);
    let quoted = quote::powershell_word(&key).unwrap();
    assert_eq!(quoted, "\"--shared-key=$env:ER_SHARED_KEY\"");
    assert_eq!(
        run_az(&format!("az x {quoted}"), &env),
        argv(&["x", "--shared-key=Key123abc"])
    );
}
