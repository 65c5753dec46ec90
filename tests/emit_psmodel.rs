//! A model of the parsing layers an `az` argument passes when a PowerShell block runs it.
//!
//! Windows PowerShell 5.1 on Windows (the original model, still what [`run_az`] means; az is `az.cmd`):
//! 1. PowerShell: tokenizing, quotes, variables, then the legacy native-argument join, which wraps an
//!    argument in `"` only when it has whitespace outside quotes and passes embedded `"` raw;
//! 2. cmd.exe: `%NAME%` expansion (inside quotes too), quote state, and the metacharacters that break an
//!    unquoted argument (`& | < > ^`, and `( )` because az.cmd expands `%*` inside an `IF (...)` block);
//! 3. the Microsoft C runtime's argv split (backslash and `""` rules).
//!
//! PowerShell 7.3+ ([`Host::Pwsh7Windows`], [`Host::Pwsh7Unix`]) adds `$PSNativeCommandArgumentPassing`
//! ([`Mode`]): `Legacy` builds one argument string (ProcessStartInfo.Arguments) as above, `Standard` hands
//! each argument to .NET separately (ProcessStartInfo.ArgumentList), `Windows` is `Standard` except for
//! batch files and a few programs, which get `Legacy`. On Windows the argument list is pasted back into a
//! command line by .NET (PasteArguments), and a `.cmd` still goes through cmd.exe; on Linux/macOS there
//! is no cmd.exe (az is a bash script), the list becomes argv as is, and a `Legacy` string is split by
//! .NET's own C-runtime-like parser. [`run_block`] runs every `az` line of a whole block, honouring a
//! `$PSNativeCommandArgumentPassing = '...'` assignment made in the block.
//!
//! Included with `#[path]` by the tests that use it. The model is checked against the published examples
//! (azure-cli `doc/quoting-issues-with-powershell.md`, issues 28692, 14783 and 16431 with their
//! workarounds; PowerShell-Docs about_Parsing 7.4; PowerShell's own NativeCommandArguments.Tests.ps1),
//! then used to prove that every value our PowerShell quoting emits arrives intact, and that the values it
//! refuses would not.
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)]

use std::collections::HashMap;

/// What a run of the model ends with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The argv the program receives after its name (for az: what Python receives).
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

    /// An environment variable, looked up like Windows does (case-insensitively).
    fn env_var(&self, name: &str) -> Option<&String> {
        self.env.get(name).or_else(|| {
            self.env
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })
    }
}

// ---------- hosts and modes ----------

/// `$PSNativeCommandArgumentPassing` (PowerShell 7.3+). Source: MicrosoftDocs/PowerShell-Docs
/// `reference/7.4/Microsoft.PowerShell.Core/About/about_Preference_Variables.md` (section
/// `$PSNativeCommandArgumentPassing`) and `.../about_Parsing.md` ("Passing arguments that contain quote
/// characters"): the default is `Windows` on Windows and `Standard` elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// "`Legacy` is the historic behavior": one argument string (ProcessStartInfo.Arguments).
    Legacy,
    /// Each argument passed separately (ProcessStartInfo.ArgumentList).
    Standard,
    /// `Standard`, except `Legacy` for cmd.exe, cscript.exe, find.exe, sqlcmd.exe, wscript.exe and files
    /// ending in `.bat`, `.cmd`, `.js`, `.vbs`, `.wsf` (so `az.cmd` gets `Legacy`).
    Windows,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Legacy, Mode::Standard, Mode::Windows];

    fn parse(text: &str) -> Option<Mode> {
        Mode::ALL
            .into_iter()
            .find(|m| format!("{m:?}").eq_ignore_ascii_case(text))
    }
}

/// Where the block is pasted. For the PowerShell 7 hosts the mode is the one the user's session has
/// (its default, or what their profile set globally); a block can override it for itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Host {
    /// Windows PowerShell 5.1: always the legacy string; `$PSNativeCommandArgumentPassing` means nothing.
    WindowsPowerShell51,
    /// PowerShell 7.3+ on Windows (default mode `Windows`); az is `az.cmd`, run through cmd.exe.
    Pwsh7Windows(Mode),
    /// PowerShell 7.3+ on Linux/macOS (default mode `Standard`); az is a bash script, no cmd.exe.
    Pwsh7Unix(Mode),
}

impl Host {
    /// Every host with every global mode a user may have set.
    pub const ALL: [Host; 7] = [
        Host::WindowsPowerShell51,
        Host::Pwsh7Windows(Mode::Windows),
        Host::Pwsh7Windows(Mode::Standard),
        Host::Pwsh7Windows(Mode::Legacy),
        Host::Pwsh7Unix(Mode::Standard),
        Host::Pwsh7Unix(Mode::Windows),
        Host::Pwsh7Unix(Mode::Legacy),
    ];

    /// The mode in effect, `None` for Windows PowerShell 5.1.
    pub fn mode(self) -> Option<Mode> {
        match self {
            Host::WindowsPowerShell51 => None,
            Host::Pwsh7Windows(m) | Host::Pwsh7Unix(m) => Some(m),
        }
    }

    /// The same host with another mode in effect (5.1 stays 5.1).
    pub fn with_mode(self, mode: Mode) -> Host {
        match self {
            Host::WindowsPowerShell51 => Host::WindowsPowerShell51,
            Host::Pwsh7Windows(_) => Host::Pwsh7Windows(mode),
            Host::Pwsh7Unix(_) => Host::Pwsh7Unix(mode),
        }
    }

    pub fn is_windows(self) -> bool {
        !matches!(self, Host::Pwsh7Unix(_))
    }
}

/// The program a line runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// `az`: `az.cmd` on Windows (a batch file, run by cmd.exe: Azure/azure-cli
    /// `build_scripts/windows/scripts/az_msi.cmd`), an extension-less bash script on Linux/macOS.
    Az,
    /// A native executable (`python.exe`, PowerShell's `TestExe`): no cmd.exe layer.
    Exe,
}

/// How the arguments reach the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passing {
    /// One string, ProcessStartInfo.Arguments.
    Legacy,
    /// ProcessStartInfo.ArgumentList.
    ArgumentList,
}

/// PowerShell/PowerShell `src/System.Management.Automation/engine/NativeCommandProcessor.cs`,
/// `UseSpecialArgumentPassing`: `Legacy => true, Windows => ShouldUseLegacyPassingStyle(filePath),
/// _ => false`; `ShouldUseLegacyPassingStyle` checks the file's extension and name against the lists in
/// about_Preference_Variables. `/usr/bin/az` has no listed extension, so on Linux/macOS `Windows` mode is
/// `Standard` for az.
pub fn effective_passing(host: Host, program: Program) -> Passing {
    match host.mode() {
        None | Some(Mode::Legacy) => Passing::Legacy,
        Some(Mode::Standard) => Passing::ArgumentList,
        Some(Mode::Windows) => {
            if host.is_windows() && program == Program::Az {
                Passing::Legacy
            } else {
                Passing::ArgumentList
            }
        }
    }
}

// ---------- layer 1: PowerShell ----------

/// One argument as PowerShell's parser hands it to the native-command binder.
#[derive(Debug, Clone)]
struct PsArg {
    value: String,
    /// The token was a single- or double-quoted string (`usedQuotes` in the binder): not globbed on Unix.
    used_quotes: bool,
}

/// Parses the arguments of a native command line (the text after the program name) into the strings
/// PowerShell passes, or `Err` for constructs the model does not support (which our output must not use
/// either). A bare `--%` yields the marker `--%` followed by the rest of the line as one argument, as
/// PowerShell's parser does.
fn powershell_args(line: &str, env: &Env) -> Result<Vec<PsArg>, String> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut args = Vec::new();
    loop {
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        if i >= chars.len() {
            return Ok(args);
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
                args.push(PsArg {
                    value: s,
                    used_quotes: true,
                });
            }
            '"' => {
                let (s, next) = double_quoted(&chars, i + 1, env)?;
                i = next;
                end_of_token(&chars, i)?;
                args.push(PsArg {
                    value: s,
                    used_quotes: true,
                });
            }
            '$' => {
                // A bare variable: `$a` passes the variable's value (about_Parsing's `TestExe -echoargs $a`).
                let (name, next) = variable_name(&chars, i + 1)?;
                i = next;
                end_of_token(&chars, i)?;
                args.push(PsArg {
                    value: variable_value(&name, env)?,
                    used_quotes: false,
                });
            }
            _ => {
                // A bare word; it may hold double-quoted parts (`e" "f` is the one argument `e f`,
                // about_Parsing 7.4; `a"b c"d` is `ab cd`, PowerShell's NativeCommandArguments.Tests.ps1).
                let mut raw = String::new();
                let mut value = String::new();
                let mut quoted_part = false;
                while i < chars.len() && chars[i] != ' ' {
                    if chars[i] == '"' {
                        let (s, next) = double_quoted(&chars, i + 1, env)?;
                        value.push_str(&s);
                        i = next;
                        quoted_part = true;
                    } else {
                        raw.push(chars[i]);
                        value.push(chars[i]);
                        i += 1;
                    }
                }
                if value == "--%" && !quoted_part {
                    let rest: String = chars[i..].iter().collect();
                    args.push(PsArg {
                        value,
                        used_quotes: false,
                    });
                    let rest = rest.trim_start().to_string();
                    if !rest.is_empty() {
                        args.push(PsArg {
                            value: rest,
                            used_quotes: false,
                        });
                    }
                    return Ok(args);
                }
                // Bare tokens: only what is plainly literal in argument mode.
                if let Some(c) = raw.chars().find(|c| "$'`;(){}@#|&<>,[]".contains(*c)) {
                    return Err(format!(
                        "bare token {value:?} holds PowerShell metacharacter {c:?}"
                    ));
                }
                if !quoted_part
                    && raw.starts_with(|c: char| c.is_ascii_digit())
                    && !raw.chars().all(|c| c.is_ascii_digit())
                    && !raw.contains('/')
                    && !raw.contains(':')
                {
                    return Err(format!("bare token {raw:?} may be parsed as a number"));
                }
                args.push(PsArg {
                    value,
                    used_quotes: false,
                });
            }
        }
    }
}

/// The rest of an expandable string after its opening `"`; returns the value and the index after the
/// closing quote.
fn double_quoted(chars: &[char], mut i: usize, env: &Env) -> Result<(String, usize), String> {
    let mut s = String::new();
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
            Some('"') => return Ok((s, i + 1)),
            Some('$') => {
                let (name, next) = variable_name(chars, i + 1)?;
                i = next;
                s.push_str(&variable_value(&name, env)?);
            }
            Some(c) => {
                s.push(*c);
                i += 1;
            }
        }
    }
}

fn variable_value(name: &str, env: &Env) -> Result<String, String> {
    if name.len() > 4 && name[..4].eq_ignore_ascii_case("env:") {
        return Ok(env.env_var(&name[4..]).cloned().unwrap_or_default());
    }
    env.ps_vars
        .get(name)
        .cloned()
        .ok_or(format!("undefined ${name}"))
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

/// Which PowerShell builds the legacy string.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edition {
    /// Windows PowerShell 5.1 (closed source; behaviour as documented by the tests and issues cited below).
    Desktop,
    /// PowerShell 7.x.
    Core,
}

/// `NeedQuotes`: does the legacy join wrap this argument in `"`? PowerShell/PowerShell
/// `src/System.Management.Automation/engine/NativeCommandParameterBinder.cs`: whitespace outside quote
/// pairs; in 7.x a `"` right after a backslash does not count as a quote (`followingBackslash`).
/// Windows PowerShell 5.1 counts every `"`: PowerShell's `NativeCommandArguments.Tests.ps1` notes that
/// passing `'a\"b c\"d'` "was broken in PowerShell 5.0 and 5.1".
fn need_quotes(arg: &str, edition: Edition) -> bool {
    let mut quotes = 0;
    let mut following_backslash = false;
    let mut need = false;
    for c in arg.chars() {
        if c == '"' && !(edition == Edition::Core && following_backslash) {
            quotes += 1;
        } else if c.is_whitespace() && quotes % 2 == 0 {
            need = true;
        }
        following_backslash = c == '\\';
    }
    need
}

/// Both things PowerShell's native-command binder builds (`NativeCommandParameterBinder.BindParameters`
/// and `AppendOneNativeArgument`, file cited at [`need_quotes`]): the legacy string and the argument list.
struct Bound {
    arguments: String,
    argument_list: Vec<String>,
}

fn bind(args: &[PsArg], host: Host, env: &Env) -> Result<Bound, String> {
    let edition = match host {
        Host::WindowsPowerShell51 => Edition::Desktop,
        _ => Edition::Core,
    };
    let mut arguments = String::new();
    let mut argument_list = Vec::new();
    let mut saw_verbatim_marker = false;
    for (n, a) in args.iter().enumerate() {
        if n > 0 {
            arguments.push(' ');
        }
        // The binder compares the *value* with `--%`, so even a quoted '--%' is swallowed and turns the
        // rest into verbatim text (PowerShell/PowerShell#11608).
        if a.value.eq_ignore_ascii_case("--%") {
            saw_verbatim_marker = true;
            continue;
        }
        let arg = &a.value;
        if !arg.is_empty() {
            if saw_verbatim_marker {
                // `Environment.ExpandEnvironmentVariables`, appended raw; the list gets it split on spaces.
                let expanded = expand_percent_vars(arg, env);
                arguments.push_str(&expanded);
                argument_list.extend(
                    expanded
                        .split(' ')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
            } else if need_quotes(arg, edition) {
                arguments.push('"');
                arguments.push_str(arg);
                if edition == Edition::Core {
                    // 7.x doubles the trailing backslashes so they do not escape the closing quote
                    // (PowerShell/PowerShell#4965); Windows PowerShell 5.1 does not, even in 7.x's
                    // `Legacy` mode this differs from 5.1 (PowerShell/PowerShell#26432).
                    let trailing = arg.chars().rev().take_while(|c| *c == '\\').count();
                    arguments.push_str(&"\\".repeat(trailing));
                }
                arguments.push('"');
                argument_list.push(arg.clone());
            } else {
                if !host.is_windows() && !a.used_quotes {
                    // `PossiblyGlobArg` (#if UNIX): an unquoted argument with wildcards is expanded against
                    // the file system, `~` and `~/…` become the home directory. Not modelled: refuse.
                    if arg.contains(['*', '?', '[', ']']) {
                        return Err(format!(
                            "bare {arg:?} would be globbed by pwsh on Linux/macOS"
                        ));
                    }
                    if arg == "~" || arg.starts_with("~/") {
                        return Err(format!(
                            "bare {arg:?} would become the home directory in pwsh on Linux/macOS"
                        ));
                    }
                }
                arguments.push_str(arg);
                argument_list.push(arg.clone());
            }
        } else if host.mode().is_some_and(|m| m != Mode::Legacy) {
            // Empty strings are kept in the list ("add empty strings to arglist"), dropped from the string
            // (about_Parsing 7.4: "Empty strings as arguments are now preserved"). Note the test is on the
            // preference, not the per-file choice: `Windows` mode still drops them for az.cmd.
            argument_list.push(String::new());
        }
    }
    Ok(Bound {
        arguments,
        argument_list,
    })
}

/// `%NAME%` of a defined variable replaced, the rest left as is (after `--%`; about_Parsing: "`%<name>%`
/// tokens are invariably expanded. If `<name>` doesn't refer to a defined environment variable the token
/// is passed through as-is").
fn expand_percent_vars(text: &str, env: &Env) -> String {
    let mut expanded = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('%') {
        expanded.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after
            .find('%')
            .and_then(|end| Some((end, env.env_var(&after[..end])?)))
        {
            Some((end, value)) => {
                expanded.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                expanded.push('%');
                rest = after;
            }
        }
    }
    expanded.push_str(rest);
    expanded
}

/// The Windows PowerShell 5.1 legacy join (kept for reference: [`bind`] does this and more).
fn legacy_join(args: &[String]) -> String {
    let mut parts = Vec::new();
    for arg in args {
        if arg.is_empty() {
            continue;
        }
        if need_quotes(arg, Edition::Desktop) {
            parts.push(format!("\"{arg}\""));
        } else {
            parts.push(arg.clone());
        }
    }
    parts.join(" ")
}

// ---------- .NET: the argument list pasted into a Windows command line ----------

/// dotnet/runtime `src/libraries/System.Private.CoreLib/src/System/PasteArguments.cs`, `AppendArgument`:
/// an argument is left bare when it is non-empty and has no whitespace or `"`; otherwise it is wrapped in
/// `"`, each `"` becomes `\"`, and backslashes before a `"` or before the closing quote are doubled.
fn paste_arguments(list: &[String]) -> String {
    let mut out = String::new();
    for arg in list {
        if !out.is_empty() {
            out.push(' ');
        }
        if !arg.is_empty() && !arg.chars().any(|c| c.is_whitespace() || c == '"') {
            out.push_str(arg);
            continue;
        }
        out.push('"');
        let chars: Vec<char> = arg.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c == '\\' {
                let mut n = 1;
                while i < chars.len() && chars[i] == '\\' {
                    n += 1;
                    i += 1;
                }
                if i == chars.len() {
                    out.push_str(&"\\".repeat(n * 2));
                } else if chars[i] == '"' {
                    out.push_str(&"\\".repeat(n * 2 + 1));
                    out.push('"');
                    i += 1;
                } else {
                    out.push_str(&"\\".repeat(n));
                }
                continue;
            }
            if c == '"' {
                out.push_str("\\\"");
                continue;
            }
            out.push(c);
        }
        out.push('"');
    }
    out
}

// ---------- layer 2: cmd.exe running az.cmd ----------

fn cmd_exe(line: &str, env: &Env) -> Result<String, String> {
    // %NAME% of a defined variable expands anywhere, inside quotes too; an undefined one stays.
    let mut expanded = expand_percent_vars(line, env);
    if env.delayed_expansion {
        // !NAME! of a defined variable expands; every other '!' is removed.
        let mut out = String::new();
        let mut rest = expanded.as_str();
        while let Some(start) = rest.find('!') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            match after
                .find('!')
                .and_then(|end| Some((end, env.env_var(&after[..end])?)))
            {
                Some((end, value)) => {
                    out.push_str(value);
                    rest = &after[end + 1..];
                }
                None => rest = after,
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
            // cmd.exe knows no backslash escape: every `"` toggles its quote state.
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

/// .NET on Linux/macOS turns a ProcessStartInfo.Arguments string into argv with
/// `ParseArgumentsIntoList` (dotnet/runtime
/// `src/libraries/System.Diagnostics.Process/src/System/Diagnostics/Process.Unix.cs`, called from
/// `ParseArgv` when `Arguments` is set). Its rules are the C runtime's: split on space/tab outside quotes,
/// `2N` backslashes + `"` give N backslashes and a quote toggle, `2N+1` give N and a literal `"`, and `""`
/// inside quotes is a literal `"` ("compatible with CRT and .NET Framework"). That is exactly
/// [`crt_split`].
fn parse_arguments_into_list(arguments: &str) -> Vec<String> {
    crt_split(arguments)
}

// ---------- the whole chain ----------

/// `program <args>` typed in `host` (the host's mode is the one in effect for this command).
pub fn run_in(host: Host, program: Program, args: &str, env: &Env) -> Outcome {
    let ps_args = match powershell_args(args, env) {
        Ok(x) => x,
        Err(e) => return Outcome::Broken("PowerShell", e),
    };
    let bound = match bind(&ps_args, host, env) {
        Ok(b) => b,
        Err(e) => return Outcome::Broken("PowerShell", e),
    };
    let passing = effective_passing(host, program);
    if !host.is_windows() {
        // No cmd.exe: the bash script `az` passes "$@" on to Python unchanged.
        return Outcome::Argv(match passing {
            Passing::Legacy => parse_arguments_into_list(&bound.arguments),
            Passing::ArgumentList => bound.argument_list,
        });
    }
    let command_line = match passing {
        Passing::Legacy => bound.arguments,
        Passing::ArgumentList => paste_arguments(&bound.argument_list),
    };
    match program {
        Program::Exe => Outcome::Argv(crt_split(&command_line)),
        // A batch file is run by cmd.exe whatever .NET passed (a `.cmd` always gets the cmd layer).
        Program::Az => match cmd_exe(&command_line, env) {
            Ok(text) => Outcome::Argv(crt_split(&text)),
            Err(e) => Outcome::Broken("cmd.exe", e),
        },
    }
}

/// `az <args>` typed in `host`; `line` starts with `az `.
pub fn run_az_in(host: Host, line: &str, env: &Env) -> Outcome {
    let rest = line
        .strip_prefix("az ")
        .or_else(|| (line == "az").then_some(""))
        .expect("an az line");
    run_in(host, Program::Az, rest, env)
}

/// The whole chain for `az <line>` typed in Windows PowerShell 5.1.
pub fn run_az(line: &str, env: &Env) -> Outcome {
    run_az_in(Host::WindowsPowerShell51, line, env)
}

/// `python.exe ...` from Windows PowerShell 5.1: no cmd.exe layer.
pub fn run_exe(line: &str, env: &Env) -> Outcome {
    match run_in(Host::WindowsPowerShell51, Program::Exe, line, env) {
        Outcome::Broken(layer, why) => panic!("{layer} rejects {line}: {why}"),
        argv => argv,
    }
}

pub fn argv(items: &[&str]) -> Outcome {
    Outcome::Argv(items.iter().map(|s| s.to_string()).collect())
}

/// The variables a block defines: the subscription it read and the key it read (`$erSubscription`,
/// `$erKey`), and the environment variable the key comes from.
pub fn ps_env(sub: &str, key: &str) -> Env {
    let mut env = Env::windows();
    env.ps_vars.insert("erSubscription".into(), sub.into());
    env.ps_vars.insert("erKey".into(), key.into());
    env.env.insert("ER_SHARED_KEY".into(), key.into());
    env
}

// ---------- whole blocks ----------

/// One `az` invocation found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AzCall {
    /// 1-based line number in the block.
    pub line_no: usize,
    /// The command as run (`az ...`, without an assignment, parentheses or trailing pipeline).
    pub command: String,
    /// `$PSNativeCommandArgumentPassing` in effect for it (`None` in Windows PowerShell 5.1).
    pub mode: Option<Mode>,
    pub passing: Passing,
    pub outcome: Outcome,
}

/// A piece of one line of PowerShell code, quotes and comments taken into account.
enum Piece {
    Code(String),
    /// `{`; `scope` when it opens a script block invoked with `&` (a new scope, about_Scopes). The
    /// braces of `if`/`else`/`foreach`/`try` are statement blocks and create no scope.
    Open {
        scope: bool,
    },
    Close,
}

fn split_code(line: &str) -> Result<Vec<Piece>, String> {
    #[derive(PartialEq)]
    enum Q {
        No,
        Single,
        Double,
    }
    let chars: Vec<char> = line.chars().collect();
    let mut pieces = Vec::new();
    let mut buf = String::new();
    let mut q = Q::No;
    let mut i = 0;
    let flush = |buf: &mut String, pieces: &mut Vec<Piece>| {
        if !buf.trim().is_empty() {
            pieces.push(Piece::Code(buf.trim().to_string()));
        }
        buf.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        match q {
            Q::Single => {
                buf.push(c);
                if c == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        buf.push('\'');
                        i += 1;
                    } else {
                        q = Q::No;
                    }
                }
            }
            Q::Double => {
                buf.push(c);
                if c == '`' {
                    if let Some(n) = chars.get(i + 1) {
                        buf.push(*n);
                        i += 1;
                    }
                } else if c == '"' {
                    if chars.get(i + 1) == Some(&'"') {
                        buf.push('"');
                        i += 1;
                    } else {
                        q = Q::No;
                    }
                }
            }
            Q::No => match c {
                '\'' => {
                    q = Q::Single;
                    buf.push(c);
                }
                '"' => {
                    q = Q::Double;
                    buf.push(c);
                }
                '`' => {
                    let n = chars
                        .get(i + 1)
                        .ok_or("a backtick line continuation is not modelled")?;
                    buf.push(c);
                    buf.push(*n);
                    i += 1;
                }
                '#' if buf.is_empty() || buf.ends_with(|p: char| p.is_whitespace()) => break,
                '$' if chars.get(i + 1) == Some(&'{') => {
                    // `${name}` outside quotes: a variable, not a block.
                    while i < chars.len() && chars[i] != '}' {
                        buf.push(chars[i]);
                        i += 1;
                    }
                    if i < chars.len() {
                        buf.push('}');
                    }
                }
                '{' => {
                    let scope = buf.trim_end().ends_with('&');
                    if scope {
                        let keep = buf.trim_end().trim_end_matches('&').to_string();
                        buf = keep;
                    }
                    flush(&mut buf, &mut pieces);
                    pieces.push(Piece::Open { scope });
                }
                '}' => {
                    flush(&mut buf, &mut pieces);
                    pieces.push(Piece::Close);
                }
                ';' => flush(&mut buf, &mut pieces),
                _ => buf.push(c),
            },
        }
        i += 1;
    }
    if q != Q::No {
        return Err("a string that spans lines is not modelled".into());
    }
    flush(&mut buf, &mut pieces);
    Ok(pieces)
}

/// `$PSNativeCommandArgumentPassing = 'X'` (any case, `'` or `"`, optional `global:`/`script:`/`local:`).
/// Returns whether it targets the global scope, and the mode.
fn mode_assignment(stmt: &str) -> Option<Result<(bool, Mode), String>> {
    let s = stmt.strip_prefix('$')?;
    let (global, name_rest) = match s.split_once(':') {
        Some((scope, rest))
            if ["global", "script", "local"]
                .iter()
                .any(|p| p.eq_ignore_ascii_case(scope)) =>
        {
            (scope.eq_ignore_ascii_case("global"), rest)
        }
        _ => (false, s),
    };
    const NAME: &str = "PSNativeCommandArgumentPassing";
    if name_rest.len() < NAME.len() || !name_rest[..NAME.len()].eq_ignore_ascii_case(NAME) {
        return None;
    }
    let rest = name_rest[NAME.len()..].trim_start().strip_prefix('=')?;
    let value = rest.trim();
    let inner = value
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .or_else(|| value.strip_prefix('"').and_then(|v| v.strip_suffix('"')));
    Some(match inner.and_then(Mode::parse) {
        Some(mode) => Ok((global, mode)),
        None => Err(format!(
            "$PSNativeCommandArgumentPassing = {value}: only a quoted Legacy/Standard/Windows is modelled"
        )),
    })
}

/// The `az` command of a statement: `az ...`, `$x = az ...`, `$x = (az ...) ...`, `$x = @(az ...)`,
/// with any trailing ` | ...` pipeline cut off.
fn az_command(stmt: &str) -> Option<String> {
    let body = if stmt.starts_with("az ") || stmt == "az" {
        stmt
    } else {
        let s = stmt.strip_prefix('$')?;
        let name_len = s.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))?;
        if name_len == 0 {
            return None;
        }
        let rest = s[name_len..].trim_start().strip_prefix('=')?;
        if rest.starts_with('=') {
            return None;
        }
        let rest = rest.trim_start();
        match rest.strip_prefix("@(").or_else(|| rest.strip_prefix('(')) {
            Some(r) => r.trim_start(),
            None => rest,
        }
    };
    if !(body.starts_with("az ") || body == "az") {
        return None;
    }
    // Cut at the first `|` or unmatched `)` outside quotes.
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut end = body.len();
    let mut prev_backtick = false;
    for (idx, c) in body.char_indices() {
        if let Some(qc) = quote {
            if qc == '"' && c == '`' && !prev_backtick {
                prev_backtick = true;
                continue;
            }
            if c == qc && !prev_backtick {
                quote = None;
            }
            prev_backtick = false;
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = idx;
                break;
            }
            ')' => depth -= 1,
            '|' if depth == 0 => {
                end = idx;
                break;
            }
            _ => {}
        }
    }
    Some(body[..end].trim_end().to_string())
}

/// Every `az` invocation of a PowerShell block, in order, run through the model for `host` (whose mode is
/// the user's global one). A `$PSNativeCommandArgumentPassing = '...'` assignment in the block applies to
/// the az lines after it in the same scope and in the scopes inside it (preference variables are
/// dynamically scoped: about_Preference_Variables, "Changes to preference variables apply only in the
/// scope they are made and any child scopes thereof"; the binder reads it with
/// `Context.GetVariableValue(SpecialVariables.NativeArgumentPassingVarPath, ...)`, an ordinary scoped
/// lookup, `NativeCommandParameterBinder.cs`). Only `& { ... }` opens a scope here; statement blocks
/// (`if`, `else`, ...) do not. Windows PowerShell 5.1 ignores the variable. Conditions are not evaluated:
/// every az line is run. `Err` for a block the model cannot read (unbalanced braces, line continuations,
/// strings spanning lines).
pub fn run_block(script: &str, host: Host, env: &Env) -> Result<Vec<AzCall>, String> {
    struct Frame {
        scope: bool,
        mode: Option<Mode>,
    }
    let mut frames: Vec<Frame> = Vec::new();
    let mut top_level: Option<Mode> = None;
    let mut calls = Vec::new();
    for (n, line) in script.lines().enumerate() {
        let line_no = n + 1;
        let pieces = split_code(line).map_err(|e| format!("line {line_no}: {e}"))?;
        for piece in pieces {
            match piece {
                Piece::Open { scope } => frames.push(Frame { scope, mode: None }),
                Piece::Close => {
                    frames
                        .pop()
                        .ok_or(format!("line {line_no}: unbalanced '}}'"))?;
                }
                Piece::Code(stmt) => {
                    if let Some(assignment) = mode_assignment(&stmt) {
                        let (global, mode) =
                            assignment.map_err(|e| format!("line {line_no}: {e}"))?;
                        match frames.iter_mut().rev().find(|f| f.scope) {
                            Some(frame) if !global => frame.mode = Some(mode),
                            _ => top_level = Some(mode),
                        }
                    } else if let Some(command) = az_command(&stmt) {
                        let mode = host.mode().map(|global| {
                            frames
                                .iter()
                                .rev()
                                .filter(|f| f.scope)
                                .find_map(|f| f.mode)
                                .or(top_level)
                                .unwrap_or(global)
                        });
                        let effective = match mode {
                            Some(m) => host.with_mode(m),
                            None => host,
                        };
                        calls.push(AzCall {
                            line_no,
                            passing: effective_passing(effective, Program::Az),
                            outcome: run_az_in(effective, &command, env),
                            command,
                            mode,
                        });
                    }
                }
            }
        }
    }
    if !frames.is_empty() {
        return Err(format!("{} unclosed '{{'", frames.len()));
    }
    Ok(calls)
}

/// The argv of every `az` line of a block in `host`, or `Err` naming the first line a layer breaks.
pub fn block_argvs(script: &str, host: Host, env: &Env) -> Result<Vec<Vec<String>>, String> {
    run_block(script, host, env)?
        .into_iter()
        .map(|call| match call.outcome {
            Outcome::Argv(a) => Ok(a),
            Outcome::Broken(layer, why) => Err(format!(
                "{host:?}, line {}: {layer} breaks {}: {why}",
                call.line_no, call.command
            )),
        })
        .collect()
}

/// Public helper for the plan-level tests: every `az` line of a PowerShell block through the model
/// (Windows PowerShell 5.1).
pub fn az_lines_through_model(
    script: &str,
    sub: &str,
    vars: &[(String, String)],
) -> Vec<Vec<String>> {
    let mut env = ps_env(sub, "");
    for (name, value) in vars {
        env.env.insert(name.clone(), value.clone());
    }
    block_argvs(script, Host::WindowsPowerShell51, &env).unwrap_or_else(|e| panic!("{e}"))
}
