//! A model of the three parsing layers an `az` argument passes in Windows PowerShell (az is `az.cmd`):
//! 1. PowerShell: tokenizing, quotes, variables, then the legacy native-argument join (5.1; 7.x keeps it
//!    for .cmd files), which wraps an argument in `"` only when it has whitespace outside quotes and passes
//!    embedded `"` raw;
//! 2. cmd.exe: `%NAME%` expansion (inside quotes too), quote state, and the metacharacters that break an
//!    unquoted argument (`& | < > ^`, and `( )` because az.cmd expands `%*` inside an `IF (...)` block);
//! 3. the Microsoft C runtime's argv split (backslash and `""` rules).
//!
//! The model is checked against the published examples (azure-cli `doc/quoting-issues-with-powershell.md`,
//! issues 28692, 14783 and 16431 with their workarounds), then used to prove that every value our
//! PowerShell quoting emits arrives intact, and that the values it refuses would not.

#[path = "emit_support.rs"]
mod support;

use peering_planner::emit::quote::{self, Piece, ShellVar, Word};
use std::collections::HashMap;

/// What a run of the model ends with.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// The argv Python receives after the program name.
    Argv(Vec<String>),
    /// A layer broke the command (which layer, why).
    Broken(&'static str, String),
}

struct Env {
    /// PowerShell variables (`$sub`) and environment variables (`$env:X`, cmd `%X%`).
    ps_vars: HashMap<String, String>,
    env: HashMap<String, String>,
    /// cmd.exe with delayed expansion enabled (registry `DelayedExpansion`, off by default).
    delayed_expansion: bool,
}

impl Env {
    fn windows() -> Env {
        let mut env = HashMap::new();
        env.insert(
            "PATH".to_string(),
            r"C:\Windows\system32;C:\Windows".to_string(),
        );
        env.insert("USERNAME".to_string(), "alice".to_string());
        Env {
            ps_vars: HashMap::new(),
            env,
            delayed_expansion: false,
        }
    }
}

// ---------- layer 1: PowerShell ----------

/// Parses the arguments of a native command line (the text after `az `) into the strings PowerShell
/// passes, or `Err` for constructs the model does not support (which our output must not use either).
/// Returns the argument list and, when `--%` was used, the verbatim rest of the line.
fn powershell_args(line: &str, env: &Env) -> Result<(Vec<String>, Option<String>), String> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut args = Vec::new();
    loop {
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        if i >= chars.len() {
            return Ok((args, None));
        }
        match chars[i] {
            '\'' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err("unterminated single quote".into()),
                        Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                            s.push('\'');
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(c) => {
                            s.push(*c);
                            i += 1;
                        }
                    }
                }
                end_of_token(&chars, i)?;
                args.push(s);
            }
            '"' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err("unterminated double quote".into()),
                        Some('`') => {
                            let next = *chars.get(i + 1).ok_or("dangling backtick")?;
                            s.push(match next {
                                'n' => '\n',
                                't' => '\t',
                                '0' => '\0',
                                other => other,
                            });
                            i += 2;
                        }
                        Some('"') if chars.get(i + 1) == Some(&'"') => {
                            s.push('"');
                            i += 2;
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some('$') => {
                            let (name, next) = variable_name(&chars, i + 1)?;
                            i = next;
                            let value = if let Some(var) = name.strip_prefix("env:") {
                                env.env.get(var).cloned().unwrap_or_default()
                            } else {
                                env.ps_vars
                                    .get(&name)
                                    .cloned()
                                    .ok_or(format!("undefined ${name}"))?
                            };
                            s.push_str(&value);
                        }
                        Some(c) => {
                            s.push(*c);
                            i += 1;
                        }
                    }
                }
                end_of_token(&chars, i)?;
                args.push(s);
            }
            _ => {
                let start = i;
                while i < chars.len() && chars[i] != ' ' {
                    i += 1;
                }
                let token: String = chars[start..i].iter().collect();
                if token == "--%" {
                    let rest: String = chars[i..].iter().collect();
                    return Ok((args, Some(rest.trim_start().to_string())));
                }
                // Bare tokens: only what is plainly literal in argument mode.
                if let Some(c) = token.chars().find(|c| "$'\"`;(){}@#|&<>,[]".contains(*c)) {
                    return Err(format!(
                        "bare token {token:?} holds PowerShell metacharacter {c:?}"
                    ));
                }
                if token.starts_with(|c: char| c.is_ascii_digit())
                    && !token.chars().all(|c| c.is_ascii_digit())
                    && !token.contains('/')
                    && !token.contains(':')
                {
                    return Err(format!("bare token {token:?} may be parsed as a number"));
                }
                args.push(token);
            }
        }
    }
}

fn end_of_token(chars: &[char], i: usize) -> Result<(), String> {
    match chars.get(i) {
        None | Some(' ') => Ok(()),
        Some(c) => Err(format!(
            "text {c:?} right after a closing quote starts a new argument"
        )),
    }
}

fn variable_name(chars: &[char], mut i: usize) -> Result<(String, usize), String> {
    if chars.get(i) == Some(&'{') {
        let start = i + 1;
        while chars.get(i) != Some(&'}') {
            i += 1;
            if i >= chars.len() {
                return Err("unterminated ${".into());
            }
        }
        return Ok((chars[start..i].iter().collect(), i + 1));
    }
    let start = i;
    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == ':') {
        i += 1;
    }
    if i == start {
        return Err("a bare $ in a double-quoted string".into());
    }
    Ok((chars[start..i].iter().collect(), i))
}

/// PowerShell's legacy native-argument join: an empty argument is dropped (5.1), an argument with
/// whitespace outside quote pairs is wrapped in `"`, embedded quotes are passed raw.
fn legacy_join(args: &[String]) -> String {
    let mut parts = Vec::new();
    for arg in args {
        if arg.is_empty() {
            continue;
        }
        let mut in_quotes = false;
        let mut needs_quotes = false;
        for c in arg.chars() {
            if c == '"' {
                in_quotes = !in_quotes;
            } else if c.is_whitespace() && !in_quotes {
                needs_quotes = true;
            }
        }
        if needs_quotes {
            parts.push(format!("\"{arg}\""));
        } else {
            parts.push(arg.clone());
        }
    }
    parts.join(" ")
}

// ---------- layer 2: cmd.exe running az.cmd ----------

fn cmd_exe(line: &str, env: &Env) -> Result<String, String> {
    // %NAME% of a defined variable expands anywhere, inside quotes too; an undefined one stays.
    let mut expanded = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('%') {
        expanded.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('%') {
            Some(end) if env.env.contains_key(&after[..end].to_uppercase()) => {
                expanded.push_str(&env.env[&after[..end].to_uppercase()]);
                rest = &after[end + 1..];
            }
            _ => {
                expanded.push('%');
                rest = after;
            }
        }
    }
    expanded.push_str(rest);
    if env.delayed_expansion {
        // !NAME! of a defined variable expands; every other '!' is removed.
        let mut out = String::new();
        let mut rest = expanded.as_str();
        while let Some(start) = rest.find('!') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            match after.find('!') {
                Some(end) if env.env.contains_key(&after[..end].to_uppercase()) => {
                    out.push_str(&env.env[&after[..end].to_uppercase()]);
                    rest = &after[end + 1..];
                }
                _ => rest = after,
            }
        }
        out.push_str(rest);
        expanded = out;
    }
    if expanded.contains(['\n', '\r']) {
        return Err("a line break ends the cmd.exe command".into());
    }
    let mut in_quotes = false;
    for c in expanded.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '&' | '|' | '<' | '>' | '^' | '(' | ')' if !in_quotes => {
                return Err(format!("unquoted {c:?} is a cmd.exe operator"));
            }
            _ => {}
        }
    }
    Ok(expanded)
}

// ---------- layer 3: the C runtime's argv split ----------

fn crt_split(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut args = Vec::new();
    let mut i = 0;
    loop {
        while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t') {
            i += 1;
        }
        if i >= chars.len() {
            return args;
        }
        let mut arg = String::new();
        let mut in_quotes = false;
        while i < chars.len() {
            let c = chars[i];
            if (c == ' ' || c == '\t') && !in_quotes {
                break;
            }
            if c == '\\' {
                let mut n = 0;
                while i < chars.len() && chars[i] == '\\' {
                    n += 1;
                    i += 1;
                }
                if chars.get(i) == Some(&'"') {
                    arg.push_str(&"\\".repeat(n / 2));
                    if n % 2 == 1 {
                        arg.push('"');
                        i += 1;
                    }
                } else {
                    arg.push_str(&"\\".repeat(n));
                }
                continue;
            }
            if c == '"' {
                if in_quotes && chars.get(i + 1) == Some(&'"') {
                    arg.push('"');
                    i += 2;
                    continue;
                }
                in_quotes = !in_quotes;
                i += 1;
                continue;
            }
            arg.push(c);
            i += 1;
        }
        args.push(arg);
    }
}

/// The whole chain for `az <line>` typed in Windows PowerShell.
fn run_az(line: &str, env: &Env) -> Outcome {
    let rest = line.strip_prefix("az ").expect("an az line");
    let (args, verbatim) = match powershell_args(rest, env) {
        Ok(x) => x,
        Err(e) => return Outcome::Broken("PowerShell", e),
    };
    let mut joined = legacy_join(&args);
    if let Some(v) = verbatim {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(&v);
    }
    match cmd_exe(&joined, env) {
        Ok(text) => Outcome::Argv(crt_split(&text)),
        Err(e) => Outcome::Broken("cmd.exe", e),
    }
}

/// `python.exe ...` from PowerShell: no cmd.exe layer.
fn run_exe(line: &str, env: &Env) -> Outcome {
    let (args, _) = powershell_args(line, env).unwrap();
    Outcome::Argv(crt_split(&legacy_join(&args)))
}

fn argv(items: &[&str]) -> Outcome {
    Outcome::Argv(items.iter().map(|s| s.to_string()).collect())
}

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

fn ps_env(sub: &str, key: &str) -> Env {
    let mut env = Env::windows();
    env.ps_vars.insert("sub".into(), sub.into());
    env.env.insert("ER_SHARED_KEY".into(), key.into());
    env
}

const HOSTILE: &[&str] = &[
    "; rm -rf ~",
    "$(id)",
    "`id`",
    "${HOME}",
    "a'b",
    "'",
    "\"quoted\"",
    "line1\nline2",
    "%PATH%",
    "a&b",
    "a|b",
    "a>b<c",
    "rg(x).prod",
    ")",
    "(",
    "-leading-dash",
    "@file.json",
    "*",
    "~",
    "!x",
    "a\\b",
    "ünïcødé-名前",
    "a b  c",
    " ",
    "",
    "#comment",
    "[]",
    "{a,b}",
    "x=[]",
    "1e5",
    "0x10",
    "--%",
    "^caret",
    "a,b",
    "x;y",
    "& calc",
    "'\"a&b\"'",
    "trailing\\",
    "tab\there",
];

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
    for text in [
        "rg(x).prod",
        "plain",
        "a b",
        "x=[]",
        "$(id)",
        "`tick`",
        "a&b",
    ] {
        let word = Word::from_pieces(vec![
            Piece::Text(format!("pre{text}/")),
            Piece::Var(ShellVar::Subscription),
            Piece::Text(format!("/{text}")),
        ]);
        let quoted = quote::powershell_word(&word).unwrap();
        let expected = format!("pre{text}/11111111-2222-3333-4444-555555555555/{text}");
        assert_eq!(
            run_az(&format!("az probe {quoted}"), &env),
            argv(&["probe", &expected]),
            "{quoted}"
        );
    }
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

/// Public helper for the plan-level tests: every `az` line of a PowerShell block through the model.
pub fn az_lines_through_model(script: &str, sub: &str, key: &str) -> Vec<Vec<String>> {
    let env = ps_env(sub, key);
    let mut out = Vec::new();
    for line in script.lines() {
        let line = line.trim_start();
        let az = if let Some(pos) = line.find("az ") {
            // `$sub = az ...` and `$circuitState = (az ...) -join ' '` carry the command after a prefix.
            let tail = &line[pos..];
            if !(line.starts_with("az ")
                || line.starts_with("$sub = az ")
                || line.starts_with("$circuitState = (az "))
            {
                continue;
            }
            tail.trim_end_matches(") -join ' '").to_string()
        } else {
            continue;
        };
        match run_az(&az, &env) {
            Outcome::Argv(a) => out.push(a),
            Outcome::Broken(layer, why) => panic!("{layer} breaks {az}: {why}"),
        }
    }
    out
}
