//! A model of the three parsing layers an `az` argument passes in Windows PowerShell (az is `az.cmd`):
//! 1. PowerShell: tokenizing, quotes, variables, then the legacy native-argument join (5.1; 7.x keeps it
//!    for .cmd files), which wraps an argument in `"` only when it has whitespace outside quotes and passes
//!    embedded `"` raw;
//! 2. cmd.exe: `%NAME%` expansion (inside quotes too), quote state, and the metacharacters that break an
//!    unquoted argument (`& | < > ^`, and `( )` because az.cmd expands `%*` inside an `IF (...)` block);
//! 3. the Microsoft C runtime's argv split (backslash and `""` rules).
//!
//! Included with `#[path]` by the tests that use it. The model is checked against the published examples (azure-cli `doc/quoting-issues-with-powershell.md`,
//! issues 28692, 14783 and 16431 with their workarounds), then used to prove that every value our
//! PowerShell quoting emits arrives intact, and that the values it refuses would not.
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)]

use std::collections::HashMap;

/// What a run of the model ends with.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The argv Python receives after the program name.
    Argv(Vec<String>),
    /// A layer broke the command (which layer, why).
    Broken(&'static str, String),
}

pub struct Env {
    /// PowerShell variables (`$sub`) and environment variables (`$env:X`, cmd `%X%`).
    pub ps_vars: HashMap<String, String>,
    pub env: HashMap<String, String>,
    /// cmd.exe with delayed expansion enabled (registry `DelayedExpansion`, off by default).
    pub delayed_expansion: bool,
}

impl Env {
    pub fn windows() -> Env {
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
pub fn run_az(line: &str, env: &Env) -> Outcome {
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
pub fn run_exe(line: &str, env: &Env) -> Outcome {
    let (args, _) = powershell_args(line, env).unwrap();
    Outcome::Argv(crt_split(&legacy_join(&args)))
}

pub fn argv(items: &[&str]) -> Outcome {
    Outcome::Argv(items.iter().map(|s| s.to_string()).collect())
}

pub fn ps_env(sub: &str, key: &str) -> Env {
    let mut env = Env::windows();
    env.ps_vars.insert("sub".into(), sub.into());
    env.env.insert("ER_SHARED_KEY".into(), key.into());
    env
}

/// Public helper for the plan-level tests: every `az` line of a PowerShell block through the model.
pub fn az_lines_through_model(
    script: &str,
    sub: &str,
    vars: &[(String, String)],
) -> Vec<Vec<String>> {
    let mut env = ps_env(sub, "");
    for (name, value) in vars {
        env.env.insert(name.clone(), value.clone());
    }
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
