//! Checks the model of Windows PowerShell -> cmd.exe -> C runtime (see `emit_psmodel.rs`) against the
//! published examples, then proves our PowerShell quoting with it. The second half does the same for
//! PowerShell 7.3+ on Windows and Linux/macOS in each `$PSNativeCommandArgumentPassing` mode, and proves
//! that a block forcing `Legacy` delivers every word of our quoting in every host.
#![cfg(not(target_arch = "wasm32"))]

#[path = "emit_support.rs"]
mod support;

#[path = "emit_psmodel.rs"]
mod psmodel;

use peering_planner::emit::quote::{self, Piece, ShellVar, Word};
use psmodel::*;
use psmodel::{Host::*, Mode::*};
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
        Piece::Var(ShellVar::Key(String::new())),
    ]);
    let quoted = quote::powershell_word(&key).unwrap();
    assert_eq!(quoted, "\"--shared-key=$erKey\"");
    assert_eq!(
        run_az(&format!("az x {quoted}"), &env),
        argv(&["x", "--shared-key=Key123abc"])
    );
}

// ---------- PowerShell 7.3+ and `$PSNativeCommandArgumentPassing` ----------

/// Which way the arguments go, per host, global mode and program. about_Preference_Variables 7.4:
/// `Windows` mode uses `Legacy` for `.cmd` files; `UseSpecialArgumentPassing` in PowerShell's
/// NativeCommandProcessor.cs. On Linux/macOS az is an extension-less script, so `Windows` = `Standard`.
#[test]
fn passing_style_per_host_mode_and_program() {
    let (legacy, list) = (Passing::Legacy, Passing::ArgumentList);
    for (host, az, exe) in [
        (WindowsPowerShell51, legacy, legacy),
        (Pwsh7Windows(Windows), legacy, list),
        (Pwsh7Windows(Standard), list, list),
        (Pwsh7Windows(Legacy), legacy, legacy),
        (Pwsh7Unix(Standard), list, list),
        (Pwsh7Unix(Windows), list, list),
        (Pwsh7Unix(Legacy), legacy, legacy),
    ] {
        assert_eq!(effective_passing(host, Program::Az), az, "{host:?} az");
        assert_eq!(effective_passing(host, Program::Exe), exe, "{host:?} exe");
    }
}

fn testexe_env() -> Env {
    let mut env = Env::windows();
    env.ps_vars.insert("a".into(), "a\" \"b".into());
    env.env
        .insert("ProgramFiles(x86)".into(), r"C:\Program Files (x86)".into());
    env
}

/// MicrosoftDocs/PowerShell-Docs `reference/7.4/Microsoft.PowerShell.Core/About/about_Parsing.md`,
/// "Passing arguments that contain quote characters" (TestExe is an .exe: no cmd.exe layer).
#[test]
fn about_parsing_examples_per_mode() {
    let env = testexe_env();
    let path = r#""C:\Program Files (x86)\Microsoft\""#;
    let new_style = [
        Pwsh7Windows(Windows),
        Pwsh7Windows(Standard),
        Pwsh7Unix(Standard),
        Pwsh7Unix(Windows),
    ];
    for host in new_style {
        // "Literal or expandable strings with embedded quotes the quotes are now preserved".
        assert_eq!(
            run_in(host, Program::Exe, r#"-echoargs $a 'c" "d' e" "f"#, &env),
            argv(&["-echoargs", "a\" \"b", "c\" \"d", "e f"]),
            "{host:?}"
        );
        // "Empty strings as arguments are now preserved".
        assert_eq!(
            run_in(host, Program::Exe, "-echoargs '' a b ''", &env),
            argv(&["-echoargs", "", "a", "b", ""]),
            "{host:?}"
        );
        // "In Windows or Standard mode, the following examples produce the expected results".
        for line in [
            r##"-echoargs """${Env:ProgramFiles(x86)}\Microsoft\""""##,
            r##"-echoargs '"C:\Program Files (x86)\Microsoft\"'"##,
        ] {
            assert_eq!(
                run_in(host, Program::Exe, line, &env),
                argv(&["-echoargs", path]),
                "{host:?}: {line}"
            );
        }
    }
    // "To get the same results in Legacy mode, you must escape the quotes or use the stop-parsing token"
    // (`--%` "is only intended for use native commands on Windows platforms").
    for line in [
        r##"-echoargs """""${Env:ProgramFiles(x86)}\Microsoft\\""""""##,
        r##"-echoargs "\""C:\Program Files (x86)\Microsoft\\""""##,
        r##"-echoargs --% ""\""C:\Program Files (x86)\Microsoft\\"\""""##,
        r##"-echoargs --% """C:\Program Files (x86)\Microsoft\\"""##,
        r##"-echoargs --% """%ProgramFiles(x86)%\Microsoft\\"""##,
    ] {
        assert_eq!(
            run_in(Pwsh7Windows(Legacy), Program::Exe, line, &env),
            argv(&["-echoargs", path]),
            "{line}"
        );
    }
    for host in [Pwsh7Windows(Legacy), Pwsh7Unix(Legacy), WindowsPowerShell51] {
        // ... and the new-style spelling loses its quotes there.
        assert_ne!(
            run_in(
                host,
                Program::Exe,
                r##"-echoargs '"C:\Program Files (x86)\Microsoft\"'"##,
                &env
            ),
            argv(&["-echoargs", path]),
            "{host:?}"
        );
        // The legacy string drops empty arguments.
        assert_eq!(
            run_in(host, Program::Exe, "-echoargs '' a b ''", &env),
            argv(&["-echoargs", "a", "b"]),
            "{host:?}"
        );
    }
}

/// PowerShell/PowerShell `test/powershell/Language/Scripting/NativeExecution/NativeCommandArguments.Tests.ps1`
/// runs the same cases with `$PSNativeCommandArgumentPassing` = `Standard` and `Legacy`, on every CI
/// platform (no Windows-only skip): on Linux/macOS the legacy string is split by .NET's
/// `ParseArgumentsIntoList`, and the expectations are the same.
#[test]
fn powershell_test_suite_cases_per_mode() {
    let mut env = Env::windows();
    env.ps_vars.insert("a".into(), "a\"b c\"d".into());
    let cases_both = [
        (
            r#"-echoargs '.\test 1\' ".\test 2\""#,
            vec!["-echoargs", r".\test 1\", r".\test 2\"],
        ),
        (
            r#"-echoargs '.\test 1\\' ".\test 2\\""#,
            vec!["-echoargs", r".\test 1\\", r".\test 2\\"],
        ),
    ];
    for host in [Pwsh7Windows(Legacy), Pwsh7Unix(Legacy)] {
        assert_eq!(
            run_in(
                host,
                Program::Exe,
                r#"-echoargs $a 'a"b c"d' a"b c"d"#,
                &env
            ),
            argv(&["-echoargs", "ab cd", "ab cd", "ab cd"]),
            "{host:?}"
        );
        assert_eq!(
            run_in(
                host,
                Program::Exe,
                r#"-echoargs 'a\"b c\"d' "a\`"b c\`"d""#,
                &env
            ),
            argv(&["-echoargs", "a\"b c\"d", "a\"b c\"d"]),
            "{host:?}"
        );
        for (line, expected) in &cases_both {
            assert_eq!(
                run_in(host, Program::Exe, line, &env),
                argv(expected),
                "{host:?}: {line}"
            );
        }
    }
    for host in [
        Pwsh7Windows(Standard),
        Pwsh7Windows(Windows),
        Pwsh7Unix(Standard),
        Pwsh7Unix(Windows),
    ] {
        assert_eq!(
            run_in(
                host,
                Program::Exe,
                r#"-echoargs $a 'a"b c"d' a"b c"d"#,
                &env
            ),
            argv(&["-echoargs", "a\"b c\"d", "a\"b c\"d", "ab cd"]),
            "{host:?}"
        );
        assert_eq!(
            run_in(
                host,
                Program::Exe,
                r#"-echoargs 'a\"b c\"d' "a\`"b c\`"d""#,
                &env
            ),
            argv(&["-echoargs", r#"a\"b c\"d"#, r#"a\"b c\"d"#]),
            "{host:?}"
        );
        for (line, expected) in &cases_both {
            assert_eq!(
                run_in(host, Program::Exe, line, &env),
                argv(expected),
                "{host:?}: {line}"
            );
        }
    }
    // "This functionality was broken in PowerShell 5.0 and 5.1": 5.1 counts the escaped quotes as
    // quotes and does not wrap the argument, and it does not double a trailing backslash
    // (PowerShell/PowerShell#26432: 5.1 passes `"a b\"`).
    assert_ne!(
        run_in(
            WindowsPowerShell51,
            Program::Exe,
            r#"-echoargs 'a\"b c\"d'"#,
            &env
        ),
        argv(&["-echoargs", "a\"b c\"d"])
    );
    assert_eq!(
        run_in(WindowsPowerShell51, Program::Exe, r"-echoargs 'a b\'", &env),
        argv(&["-echoargs", "a b\""])
    );
}

/// The azure-cli doc's examples (and the issues') behave in pwsh 7.3+ on Windows exactly as in Windows
/// PowerShell 5.1, in the default `Windows` mode (az.cmd falls back to `Legacy`) and in `Legacy`.
#[test]
fn pwsh7_windows_default_mode_runs_az_like_windows_powershell() {
    let env = Env::windows();
    let lines = [
        "az \"a&b\" --debug",
        "az 'https://graph.microsoft.com/v1.0/me/events?$orderby=createdDateTime&$skip=20' --debug",
        "az '\"a&b\"' --debug",
        "az \"`\"a&b`\"\" --debug",
        "az \"\"\"a&b\"\"\" --debug",
        "az \"a&b \" --debug",
        "az --% \"a&b\" --debug",
        "az '{\"key\": \"value\"}' --debug",
        "az '{\\\"key\\\": \\\"value\\\"}' --debug",
        "az \"{\\`\"key\\`\": \\`\"value\\`\"}\" --debug",
        "az \"{\\\"\"key\\\"\": \\\"\"value\\\"\"}\" --debug",
        "az --% \"{\\\"key\\\": \\\"value\\\"}\" --debug",
        "az login --service-principal -u \"app\" -p \")\" --tenant \"t\"",
        "az login --username u --password '\"+SybA?;E)UWYsn12\"'",
        "az keyvault secret set --value '123\")\"*+0323'",
        "az '\"%USERNAME%\"'",
    ];
    for host in [Pwsh7Windows(Windows), Pwsh7Windows(Legacy)] {
        for line in lines {
            assert_eq!(
                run_az_in(host, line, &env),
                run_az(line, &env),
                "{host:?}: {line}"
            );
        }
    }
    // Azure/git-ape#130: on Windows with PowerShell 7.x, `az version --query '"azure-cli"'` hands
    // az the query `azure-cli` without its quotes (the legacy passing for az.cmd).
    assert_eq!(
        run_az_in(
            Pwsh7Windows(Windows),
            "az version --query '\"azure-cli\"' -o tsv",
            &env
        ),
        argv(&["version", "--query", "azure-cli", "-o", "tsv"])
    );
    // In `Standard` mode the doc's fix breaks: .NET pastes `"\"a&b\""`, cmd.exe knows no `\"`, so its
    // quoting ends at the second `"` and `&` is bare again (no published example; model consequence).
    assert!(broken(
        &run_az_in(Pwsh7Windows(Standard), "az '\"a&b\"' --debug", &env),
        "cmd.exe"
    ));
    // Python (an .exe) keeps the quotes in the new modes: the doc's "Double quotes are lost" is 5.1/Legacy.
    assert_eq!(
        run_in(
            Pwsh7Windows(Windows),
            Program::Exe,
            "-c \"import sys; print(sys.argv[1])\" '\"some quoted text\"'",
            &env
        ),
        argv(&[
            "-c",
            "import sys; print(sys.argv[1])",
            "\"some quoted text\""
        ])
    );
}

/// A block: `& { ... }` with `$ErrorActionPreference = 'Stop'`, optionally forcing `Legacy`, one checked
/// az line per command.
fn block(commands: &[String], force_legacy: bool) -> String {
    let mut s = String::from("& { $ErrorActionPreference = 'Stop'\n");
    if force_legacy {
        s.push_str("  $PSNativeCommandArgumentPassing = 'Legacy'\n");
    }
    for (n, c) in commands.iter().enumerate() {
        s.push_str(&format!(
            "  {c}\n  if ($LASTEXITCODE) {{ throw \"step {} failed\" }}\n",
            n + 1
        ));
    }
    s.push_str("}\n");
    s
}

/// `'"rg(x)"'` (the Windows spelling for a value with a cmd.exe metacharacter) arrives as `rg(x)` in
/// every host once the block forces `Legacy`; without the override it is wrong in `Standard` mode.
#[test]
fn forcing_legacy_makes_the_cmd_quoting_portable() {
    let env = Env::windows();
    let cmd = ["az group show -n '\"rg(x)\"'".to_string()];
    let wanted = vec![vec![
        "group".to_string(),
        "show".into(),
        "-n".into(),
        "rg(x)".into(),
    ]];
    for host in Host::ALL {
        assert_eq!(
            block_argvs(&block(&cmd, true), host, &env),
            Ok(wanted.clone()),
            "{host:?}"
        );
    }
    // Without the override:
    for host in [
        WindowsPowerShell51,
        Pwsh7Windows(Windows),
        Pwsh7Windows(Legacy),
        Pwsh7Unix(Legacy),
    ] {
        assert_eq!(
            block_argvs(&block(&cmd, false), host, &env),
            Ok(wanted.clone())
        );
    }
    // Linux/macOS, Standard (the default) or Windows mode: the list goes to argv as is, quotes included.
    for host in [Pwsh7Unix(Standard), Pwsh7Unix(Windows)] {
        assert_eq!(
            block_argvs(&block(&cmd, false), host, &env),
            Ok(vec![vec![
                "group".to_string(),
                "show".into(),
                "-n".into(),
                "\"rg(x)\"".into()
            ]]),
            "{host:?}"
        );
    }
    // Windows, Standard set globally: .NET pastes `"\"rg(x)\""` for az.cmd; cmd.exe reads `"\"` as an
    // opening and a closing quote, so `rg(x)` is bare and `(` breaks the az.cmd `IF (...)` block.
    let calls = run_block(&block(&cmd, false), Pwsh7Windows(Standard), &env).unwrap();
    assert_eq!(calls[0].passing, Passing::ArgumentList);
    assert!(
        broken(&calls[0].outcome, "cmd.exe"),
        "{:?}",
        calls[0].outcome
    );
    // There, a value without a cmd metacharacter arrives with the quotes (the C runtime honours `\"`) ...
    assert_eq!(
        run_az_in(Pwsh7Windows(Standard), "az x '\"rg x\"'", &env),
        argv(&["x", "\"rg x\""])
    );
    // ... and the bare spelling breaks as well: no spelling without the override works for `(`.
    assert!(broken(
        &run_az_in(Pwsh7Windows(Standard), "az x 'rg(x)'", &env),
        "cmd.exe"
    ));
}

/// The override is scoped like any preference variable, and Windows PowerShell 5.1 ignores it.
#[test]
fn block_override_follows_scopes() {
    let env = Env::windows();
    // Set in an inner script block that has ended: not in effect for the later line.
    let script = "& {\n  & { $PSNativeCommandArgumentPassing = 'Legacy' }\n  az x '\"a b\"'\n}\n";
    let calls = run_block(script, Pwsh7Unix(Standard), &env).unwrap();
    assert_eq!(calls[0].mode, Some(Standard));
    assert_eq!(calls[0].outcome, argv(&["x", "\"a b\""]));
    // Set in the enclosing script block: in effect inside `if` braces and nested script blocks.
    let script = "& { $ErrorActionPreference = 'Stop'; $PSNativeCommandArgumentPassing = 'Legacy'\n  if ($x) {\n    az x '\"a b\"'\n  } else {\n    & { az y '\"c\"' }\n  }\n}\n";
    let calls = run_block(script, Pwsh7Unix(Standard), &env).unwrap();
    assert_eq!(
        calls.iter().map(|c| c.mode).collect::<Vec<_>>(),
        vec![Some(Legacy), Some(Legacy)]
    );
    assert_eq!(calls[0].outcome, argv(&["x", "a b"]));
    assert_eq!(calls[1].outcome, argv(&["y", "c"]));
    // Only the lines after the assignment.
    let script =
        "& {\n  az x '\"c\"'\n  $PSNativeCommandArgumentPassing = 'Legacy'\n  az y '\"c\"'\n}\n";
    let calls = run_block(script, Pwsh7Unix(Standard), &env).unwrap();
    assert_eq!(calls[0].outcome, argv(&["x", "\"c\""]));
    assert_eq!(calls[1].outcome, argv(&["y", "c"]));
    // Windows PowerShell 5.1 has no such variable: the assignment changes nothing.
    let calls = run_block(
        &block(&["az x '\"a&b\"'".into()], true),
        WindowsPowerShell51,
        &env,
    )
    .unwrap();
    assert_eq!(calls[0].mode, None);
    assert_eq!(calls[0].outcome, argv(&["x", "a&b"]));
}

/// The statement shapes the planned blocks use: assignments, `@(...)`, a trailing pipeline, `if`/`else`
/// braces on their own lines, variables from the Env.
#[test]
fn block_helper_reads_the_planned_shapes() {
    let mut env = ps_env("11111111-2222-3333-4444-555555555555", "envKey");
    env.ps_vars.insert("erSharedKey".into(), "Key-123".into());
    env.ps_vars
        .insert("sub".into(), "11111111-2222-3333-4444-555555555555".into());
    let script = r#"# Windows PowerShell 5.1 and PowerShell 7 (Windows, Linux, macOS).
& { $ErrorActionPreference = 'Stop'; $PSNativeCommandArgumentPassing = 'Legacy'
  $secure = Read-Host 'BGP shared key' -AsSecureString
  $erSharedKey = (New-Object System.Net.NetworkCredential('', $secure)).Password
  $sub = az account show --query id -o tsv
  if ($LASTEXITCODE) { throw "step 1 failed" }
  $state = @(az network express-route show --subscription "$sub" -g '"Net_(West).EU-01"' -n ckt --query '[a,b]' -o tsv) | Select-Object -First 2
  if ($state -ne 'x') {
    az network express-route peering create -g '"Net_(West).EU-01"' "--shared-key=$erSharedKey" | Out-Null
  }
  else {
    $null = az network express-route peering show -g rg -n "p-$sub" --query '{s:state}'
  }
  $joined = (az x "--k=$env:ER_SHARED_KEY") -join ' '
}
"#;
    let expected: Vec<Vec<String>> = [
        vec!["account", "show", "--query", "id", "-o", "tsv"],
        vec![
            "network",
            "express-route",
            "show",
            "--subscription",
            "11111111-2222-3333-4444-555555555555",
            "-g",
            "Net_(West).EU-01",
            "-n",
            "ckt",
            "--query",
            "[a,b]",
            "-o",
            "tsv",
        ],
        vec![
            "network",
            "express-route",
            "peering",
            "create",
            "-g",
            "Net_(West).EU-01",
            "--shared-key=Key-123",
        ],
        vec![
            "network",
            "express-route",
            "peering",
            "show",
            "-g",
            "rg",
            "-n",
            "p-11111111-2222-3333-4444-555555555555",
            "--query",
            "{s:state}",
        ],
        vec!["x", "--k=envKey"],
    ]
    .iter()
    .map(|v| v.iter().map(|s| s.to_string()).collect())
    .collect();
    for host in Host::ALL {
        assert_eq!(
            block_argvs(script, host, &env),
            Ok(expected.clone()),
            "{host:?}"
        );
    }
    assert!(run_block("& {\n  az x\n", WindowsPowerShell51, &env).is_err());
    assert!(run_block("az x `\n  --y\n", WindowsPowerShell51, &env).is_err());
}

/// Every word `quote::powershell_word` produces (literal, with the subscription variable, the shared-key
/// form) delivers its text in every host, with every global mode, when the block forces `Legacy`.
#[test]
fn every_powershell_word_arrives_in_every_host_when_legacy_is_forced() {
    let sub = "11111111-2222-3333-4444-555555555555";
    let env = ps_env(sub, "Key123abc");
    let mut commands = Vec::new();
    let mut expected = Vec::new();
    let mut push = |word: Word| {
        let value = word.value_with(&|v| match v {
            ShellVar::Subscription => sub.to_string(),
            ShellVar::Key(_) => "Key123abc".to_string(),
        });
        if let Ok(quoted) = quote::powershell_word(&word) {
            commands.push(format!("az probe {quoted} --next"));
            expected.push(vec!["probe".to_string(), value, "--next".to_string()]);
        }
    };
    for text in HOSTILE {
        push(Word::text(*text));
        push(Word::from_pieces(vec![
            Piece::Text(format!("pre{text}/")),
            Piece::Var(ShellVar::Subscription),
            Piece::Text(format!("/{text}")),
        ]));
        push(Word::from_pieces(vec![
            Piece::Text(text.to_string()),
            Piece::Var(ShellVar::Subscription),
        ]));
    }
    push(Word::from_pieces(vec![
        Piece::Text("--shared-key=".into()),
        Piece::Var(ShellVar::Key(String::new())),
    ]));
    assert!(
        commands.len() >= 60,
        "only {} words accepted",
        commands.len()
    );
    let script = block(&commands, true);
    for host in Host::ALL {
        let calls = run_block(&script, host, &env).unwrap();
        assert_eq!(calls.len(), expected.len());
        for ((call, want), command) in calls.iter().zip(&expected).zip(&commands) {
            assert_eq!(
                call.outcome,
                Outcome::Argv(want.clone()),
                "{host:?}: {command}"
            );
            assert_eq!(call.passing, Passing::Legacy, "{host:?}: {command}");
        }
    }
}

/// The names-parens golden PowerShell block (resource group `Net_(West).EU-01`) sets Legacy passing
/// for itself, so every host receives what Windows PowerShell 5.1 receives. Without that line, pwsh on
/// Linux/macOS would pass the cmd.exe quotes on to az and PowerShell 7 on Windows in Standard mode
/// would break the line in cmd.exe: the line is what makes the block portable.
#[test]
fn golden_block_with_the_override_is_portable() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/names-parens-subscription/az.ps1"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let env = ps_env("unused", "Key123abc");
    let baseline = block_argvs(&text, WindowsPowerShell51, &env).unwrap();
    assert!(baseline.len() >= 4);
    assert!(baseline
        .iter()
        .any(|a| a.contains(&"Net_(West).EU-01".to_string())));
    for host in Host::ALL {
        assert_eq!(
            block_argvs(&text, host, &env),
            Ok(baseline.clone()),
            "{host:?}"
        );
    }
    let without = text.replacen("  $PSNativeCommandArgumentPassing = 'Legacy'\n", "", 1);
    assert_ne!(without, text, "the block sets the passing mode");
    let linux = block_argvs(&without, Pwsh7Unix(Standard), &env).unwrap();
    assert!(linux
        .iter()
        .any(|a| a.contains(&"\"Net_(West).EU-01\"".to_string())));
    assert!(block_argvs(&without, Pwsh7Windows(Standard), &env).is_err());
}
