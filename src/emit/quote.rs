//! Shell quoting for the emitted commands (§7 "safe to paste", §8 "values that need no quoting").
//!
//! One argument of an `az` command line is a [`Word`]: literal text, possibly with shell variables in it
//! (the shared key read at the top of the block, §6; the subscription read at run time, §7). Each shell renders a
//! word so that the program receives exactly the intended text:
//!
//! - **bash** (the blocks run in bash even when pasted into zsh): bare when the text is in the safe
//!   charset, otherwise single quotes; variables in double quotes (`--shared-key="$er_key"`).
//! - **PowerShell** with legacy native-argument passing, which every block sets for itself
//!   (`$PSNativeCommandArgumentPassing = 'Legacy'`): on Windows the word passes PowerShell, then cmd.exe
//!   (az is a batch file), then the C runtime's argv split; in pwsh on Linux/macOS .NET splits the same
//!   joined line with the same rules and there is no cmd.exe. Bare when safe; single quotes for
//!   PowerShell metacharacters; `'"…"'` when cmd.exe metacharacters need cmd's own quotes (azure-cli
//!   `doc/quoting-issues-with-powershell.md`); variables in a double-quoted string.
//!
//! Text no quoting can carry through all three layers (`"`, `%`, `!`, `\`, control characters) is refused
//! with a reason instead of being emitted broken.

use std::fmt;

/// A variable the script defines at run time. Both live only inside the block (§6: the key is never
/// exported to the commands it runs, and is unset at the end).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ShellVar {
    /// A BGP shared key (§6), read from an environment variable or asked for: `er_key` /
    /// `er_key_private` in bash, `$erKey` / `$erKeyPrivate` in PowerShell. The text is the suffix
    /// (`""`, `"private"`, `"microsoft"`).
    Key(String),
    /// The subscription ID the script reads with `az account show` when the plan has none (§7).
    Subscription,
}

impl ShellVar {
    /// The bash variable name (`er_key`, `er_subscription`).
    pub fn bash_name(&self) -> String {
        match self {
            ShellVar::Key(suffix) if suffix.is_empty() => "er_key".to_string(),
            ShellVar::Key(suffix) => format!("er_key_{suffix}"),
            ShellVar::Subscription => "er_subscription".to_string(),
        }
    }

    /// The PowerShell variable name without `$` (`erKey`, `erKeyPrivate`, `erSubscription`).
    pub fn powershell_name(&self) -> String {
        match self {
            ShellVar::Key(suffix) => {
                let mut name = String::from("erKey");
                let mut chars = suffix.chars();
                if let Some(first) = chars.next() {
                    name.push(first.to_ascii_uppercase());
                    name.extend(chars);
                }
                name
            }
            ShellVar::Subscription => "erSubscription".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Var(ShellVar),
}

/// One argument of a command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub pieces: Vec<Piece>,
}

impl Word {
    pub fn text(text: impl Into<String>) -> Word {
        Word {
            pieces: vec![Piece::Text(text.into())],
        }
    }

    pub fn from_pieces(pieces: Vec<Piece>) -> Word {
        Word { pieces }
    }

    /// The argument the program receives once the variables hold `resolve(var)`.
    pub fn value_with(&self, resolve: &dyn Fn(&ShellVar) -> String) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Var(v) => resolve(v),
            })
            .collect()
    }

    /// The literal text pieces, without the variables.
    pub fn texts(&self) -> Vec<&str> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t.as_str()),
                Piece::Var(_) => None,
            })
            .collect()
    }

    /// The literal text, when the word has no variable.
    pub fn as_literal(&self) -> Option<String> {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Var(_) => return None,
            }
        }
        Some(out)
    }
}

/// Why a value cannot be emitted for a shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteError {
    pub value: String,
    pub reason: String,
}

impl fmt::Display for QuoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot quote {:?} safely: {}", self.value, self.reason)
    }
}

impl std::error::Error for QuoteError {}

fn refuse(value: &str, reason: impl Into<String>) -> QuoteError {
    QuoteError {
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// §8: characters that are byte-identical and correct unquoted in bash, zsh, PowerShell 5.1/7 and cmd.
pub fn is_safe_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '/' | '=' | '-')
}

/// §8: a value that needs no quoting in any shell. A leading `-` is allowed here (option names); whether a
/// *value* may start with `-` or `@` is the command layer's business (argparse and az's `@file`).
pub fn is_safe_bare(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(is_safe_char)
        && !text.starts_with('@')
        && !powershell_reads_as_number(text)
}

/// PowerShell parses a bare argument that looks like a number (`1e5`, `0x10`, `1kb`, `5d`) as a number
/// and passes its value, not the text. Plain digits are the same either way; anything else starting like
/// a number gets quoted.
fn powershell_reads_as_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let starts_numeric = body.starts_with(|c: char| c.is_ascii_digit())
        || (body.starts_with('.') && body[1..].starts_with(|c: char| c.is_ascii_digit()));
    if !starts_numeric || text.starts_with("--") {
        return false;
    }
    let plain_digits = body.chars().all(|c| c.is_ascii_digit());
    // CIDRs and addresses (`10.0.0.0/30`, `fd00:10::/126`) contain `/` or `:` and are never numbers.
    !(plain_digits || text.contains('/') || text.contains(':'))
}

/// Quotes one literal argument for bash. Everything except NUL can be carried (in single quotes).
pub fn bash(value: &str) -> Result<String, QuoteError> {
    if value.contains('\0') {
        return Err(refuse(
            value,
            "a NUL byte cannot be part of a command-line argument",
        ));
    }
    if is_safe_bare(value) {
        return Ok(value.to_string());
    }
    Ok(bash_single_quoted(value))
}

fn bash_single_quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// Inside bash double quotes only `$`, `` ` ``, `"`, `\` are special, and `!` in an interactive shell
/// (history expansion).
fn bash_double_quote_safe(text: &str) -> bool {
    !text.contains(['$', '`', '"', '\\', '!', '\0'])
}

/// Renders a word for bash. Variables are expanded in double quotes, never word-split or globbed.
pub fn bash_word(word: &Word) -> Result<String, QuoteError> {
    if let Some(text) = word.as_literal() {
        return bash(&text);
    }
    let texts = word.texts();
    if texts.iter().any(|t| t.contains('\0')) {
        return Err(refuse(
            &texts.concat(),
            "a NUL byte cannot be part of a command-line argument",
        ));
    }
    // `--shared-key="$er_key"`: safe text bare, variable quoted at the end.
    let only_last_is_var = matches!(word.pieces.last(), Some(Piece::Var(_)))
        && word.pieces[..word.pieces.len() - 1]
            .iter()
            .all(|p| matches!(p, Piece::Text(t) if t.chars().all(is_safe_char)));
    let mut out = String::new();
    if only_last_is_var {
        for p in &word.pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Var(v) => {
                    out.push_str(&format!("\"${}\"", v.bash_name()));
                }
            }
        }
        return Ok(out);
    }
    if texts.iter().all(|t| bash_double_quote_safe(t)) {
        out.push('"');
        for (i, p) in word.pieces.iter().enumerate() {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Var(v) => {
                    let next_is_ident = matches!(word.pieces.get(i + 1),
                        Some(Piece::Text(t)) if t.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
                    if next_is_ident {
                        out.push_str(&format!("${{{}}}", v.bash_name()));
                    } else {
                        out.push_str(&format!("${}", v.bash_name()));
                    }
                }
            }
        }
        out.push('"');
        return Ok(out);
    }
    // Fallback: concatenate single-quoted text and double-quoted variables.
    for p in &word.pieces {
        match p {
            Piece::Text(t) if t.is_empty() => {}
            Piece::Text(t) => out.push_str(&bash_single_quoted(t)),
            Piece::Var(v) => out.push_str(&format!("\"${{{}}}\"", v.bash_name())),
        }
    }
    Ok(out)
}

/// cmd.exe treats these as operators outside double quotes; `(` `)` break because az.cmd expands `%*`
/// inside a parenthesised `IF` block (azure-cli issues 28692, 14783, 16431).
fn is_cmd_meta(c: char) -> bool {
    matches!(c, '&' | '|' | '<' | '>' | '^' | '(' | ')')
}

/// Text that cannot pass PowerShell + cmd.exe + the C runtime intact, whatever the quoting.
fn powershell_refusal(text: &str) -> Option<&'static str> {
    if text.contains('"') {
        return Some("a double quote does not survive Windows PowerShell's legacy argument passing and cmd.exe");
    }
    if text.contains('%') {
        return Some("cmd.exe expands %NAME% even inside double quotes, and has no escape for % on a command line");
    }
    if text.contains('!') {
        return Some("cmd.exe with delayed expansion enabled expands !NAME!");
    }
    if text.ends_with('\\') {
        return Some(
            "a trailing backslash escapes the closing quote in the C runtime's argument split",
        );
    }
    if text.chars().any(|c| c.is_control()) {
        return Some(
            "control characters (newline, tab, NUL) end or corrupt a cmd.exe command line",
        );
    }
    None
}

/// Quotes one literal argument for Windows PowerShell calling `az.cmd`.
pub fn powershell(value: &str) -> Result<String, QuoteError> {
    powershell_word(&Word::text(value))
}

/// Renders a word for Windows PowerShell calling `az.cmd` (three parsing layers, see the module docs).
pub fn powershell_word(word: &Word) -> Result<String, QuoteError> {
    let all_text = word.texts().concat();
    if let Some(reason) = powershell_refusal(&all_text) {
        return Err(refuse(&all_text, reason));
    }
    let needs_cmd_quotes = all_text.chars().any(is_cmd_meta);
    match word.as_literal() {
        Some(text) => {
            if text.is_empty() {
                // Windows PowerShell drops an empty argument; cmd and the C runtime turn `""` into "".
                return Ok("'\"\"'".to_string());
            }
            if is_safe_bare(&text) && text != "--%" {
                return Ok(text);
            }
            let escaped = text.replace('\'', "''");
            if needs_cmd_quotes {
                Ok(format!("'\"{escaped}\"'"))
            } else {
                // Whitespace is fine here: the legacy join wraps an argument containing whitespace in
                // double quotes itself.
                Ok(format!("'{escaped}'"))
            }
        }
        None => {
            // A variable needs an expandable (double-quoted) string: "--shared-key=$erKey".
            let mut out = String::from("\"");
            if needs_cmd_quotes {
                out.push_str("`\"");
            }
            for (i, p) in word.pieces.iter().enumerate() {
                match p {
                    Piece::Text(t) => {
                        for c in t.chars() {
                            match c {
                                '`' => out.push_str("``"),
                                '$' => out.push_str("`$"),
                                _ => out.push(c),
                            }
                        }
                    }
                    Piece::Var(v) => {
                        let next_continues_name = matches!(word.pieces.get(i + 1),
                            Some(Piece::Text(t)) if t.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':' || c == '?'));
                        if next_continues_name {
                            out.push_str(&format!("${{{}}}", v.powershell_name()));
                        } else {
                            out.push_str(&format!("${}", v.powershell_name()));
                        }
                    }
                }
            }
            if needs_cmd_quotes {
                out.push_str("`\"");
            }
            out.push('"');
            Ok(out)
        }
    }
}

/// A PowerShell string expression for PowerShell itself (a function argument or a message, never a
/// native command's argument): single-quoted text (`'` doubled) joined with variables by `+`.
pub fn powershell_string(word: &Word) -> String {
    if let Some(text) = word.as_literal() {
        return format!("'{}'", text.replace('\'', "''"));
    }
    let parts: Vec<String> = word
        .pieces
        .iter()
        .filter(|p| !matches!(p, Piece::Text(t) if t.is_empty()))
        .map(|p| match p {
            Piece::Text(t) => format!("'{}'", t.replace('\'', "''")),
            Piece::Var(v) => format!("${}", v.powershell_name()),
        })
        .collect();
    format!("({})", parts.join(" + "))
}

/// A bash word for bash itself (a function argument or a message): the same as an argument of a
/// command, since bash has no second parsing layer.
pub fn bash_string(word: &Word) -> Result<String, QuoteError> {
    if word.as_literal().is_some_and(|t| t.is_empty()) {
        return Ok("''".to_string());
    }
    bash_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_values_stay_bare_in_both_shells() {
        for v in [
            "10.0.0.0/30",
            "fd00:10::/126",
            "65010",
            "AzurePrivatePeering",
            "rg.prod",
            "--vlan-id",
        ] {
            assert_eq!(bash(v).unwrap(), v);
            assert_eq!(powershell(v).unwrap(), v);
        }
    }

    #[test]
    fn numeric_looking_words_are_quoted_for_powershell() {
        assert_eq!(powershell("1e5").unwrap(), "'1e5'");
        assert_eq!(powershell("0x10").unwrap(), "'0x10'");
        assert_eq!(powershell("65010").unwrap(), "65010");
        assert_eq!(powershell("10.0.0.0/30").unwrap(), "10.0.0.0/30");
    }
}
