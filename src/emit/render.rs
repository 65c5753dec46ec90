//! One walk over a [`Script`] for both shells: what a step says, when it stops and when it skips is
//! written once here; [`super::bash`] and [`super::powershell`] supply only their [`Syntax`] (how to
//! quote, call a helper, branch, run `az` and stop on its failure) and their helper library.
//!
//! Every check and every skip condition is a call to a small helper function the block defines (only
//! the helpers a block uses are included), so the two flavours differ in spelling, never in logic.

use super::quote::{QuoteError, Word};
use super::script::{AzCommand, Check, Column, Script, Skip, Step};

/// A helper function a block may define.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Helper {
    Stop,
    ReadCircuit,
    Live,
    Is,
    Exists,
    OptedIn,
    Holds,
    Only,
    New,
    Unchanged,
    VlanFree,
    Ready,
    Still,
    GlobalReach,
    HasConnection,
    VirtualWan,
    Body,
    ReadKey,
    Wait,
    ReadFilters,
    FilterExists,
    FilterHolds,
    FilterOk,
    FilterStill,
}

/// A helper's definition in one shell: its name, the helpers it calls, its text.
pub(super) struct Definition {
    pub helper: Helper,
    pub name: &'static str,
    pub calls: &'static [Helper],
    pub text: &'static str,
}

/// A helper call's lines: its name, head arguments and (for helpers that take one) the list groups.
pub(super) type CallSyntax = fn(&str, &[String], Option<&[Vec<String>]>) -> Vec<String>;

/// How one shell spells the constructs of a block.
pub(super) struct Syntax {
    /// The helper library (in the order the block defines them).
    pub library: &'static [Definition],
    /// A literal string (a message, a helper argument).
    pub lit: fn(&str) -> String,
    /// A helper argument that may hold variables.
    pub arg: fn(&Word) -> Result<String, QuoteError>,
    /// `az` and its arguments quoted for the shell.
    pub command: fn(&AzCommand) -> Result<String, QuoteError>,
    /// A helper call: head arguments, then the list arguments (column, value, ...). `list` is false for
    /// helpers that take no list.
    pub call: CallSyntax,
    pub not: fn(&str) -> String,
    pub and: fn(&str, &str) -> String,
    /// The opening of `if` and `elif` (prefix, suffix around the condition), `else`, the end.
    pub if_: (&'static str, &'static str),
    pub elif: (&'static str, &'static str),
    pub else_: &'static str,
    pub end: &'static str,
    /// A line that prints a literal message.
    pub echo: fn(&str) -> String,
    /// A line that prints text around a variable (`var` is snake_case, e.g. `er_subscription`).
    pub echo_var: fn(&str, &str, &str) -> String,
    /// The value of a variable as a helper argument.
    pub var: fn(&str) -> String,
    /// A condition: the variable is not empty.
    pub non_empty: fn(&str) -> String,
    /// Runs an az line and stops with `fail` (already quoted) when it fails.
    pub run: fn(line: String, fail: String) -> Vec<String>,
    /// Captures an az line's output (trimmed, `\r` removed) into `var`; stops with `fail` on failure.
    pub capture: fn(var: &str, line: String, fail: String) -> Vec<String>,
    /// Stops with the message parts (already quoted) unless `condition` holds.
    pub stop_unless: fn(condition: &str, parts: &[String]) -> Vec<String>,
    /// The lines of the circuit read: capture `er_circuit` (bash) or the lines (PowerShell).
    pub read_circuit: fn(line: String, fail: String) -> Vec<String>,
    /// The lines that put a shared key into the block variable (from its environment variable, else
    /// asked for), using the key-reading helper `read`.
    pub read_key: fn(env: &str, var: &str, read: &str, whose: &str) -> Vec<String>,
    /// The comment lines above the key input.
    pub key_comment: &'static [&'static str],
    /// A wait for a peering's state, with the az line that reads it.
    pub wait: fn(wait: &str, peering: &str, line: String) -> Vec<String>,
    /// One route filter list, kept with the earlier ones by the helper `read` ([`Helper::ReadFilters`]);
    /// stops with `fail` when az fails.
    pub read_filters: fn(read: &str, line: String, fail: String) -> Vec<String>,
}

impl Syntax {
    fn definition(&self, helper: Helper) -> Option<&Definition> {
        self.library.iter().find(|d| d.helper == helper)
    }
}

/// The body of a block, and the helpers it uses.
pub(super) struct Body {
    pub lines: Vec<String>,
    pub used: Vec<Helper>,
}

impl Body {
    /// The definitions of the helpers used, in library order.
    pub fn helpers<'s>(&self, syntax: &'s Syntax) -> Vec<&'s str> {
        syntax
            .library
            .iter()
            .filter(|d| self.used.contains(&d.helper))
            .map(|d| d.text)
            .collect()
    }
}

struct Out<'s> {
    syntax: &'s Syntax,
    lines: Vec<String>,
    used: Vec<Helper>,
    number: usize,
}

impl Out<'_> {
    /// The name of a helper, which the block then defines (with what it calls).
    fn helper(&mut self, helper: Helper) -> &'static str {
        fn need(syntax: &Syntax, helper: Helper, used: &mut Vec<Helper>) {
            if let Some(d) = syntax.definition(helper) {
                for callee in d.calls {
                    need(syntax, *callee, used);
                }
                if !used.contains(&helper) {
                    used.push(helper);
                }
            }
        }
        need(self.syntax, helper, &mut self.used);
        self.syntax
            .definition(helper)
            .map(|d| d.name)
            .unwrap_or_default()
    }
    fn line(&mut self, depth: usize, text: impl AsRef<str>) {
        let text = text.as_ref();
        if text.is_empty() {
            self.lines.push(String::new());
        } else {
            self.lines.push(format!("{}{text}", "  ".repeat(depth)));
        }
    }
    fn lines(&mut self, depth: usize, lines: Vec<String>) {
        for l in lines {
            self.line(depth, l);
        }
    }
    fn comment(&mut self, text: &str) {
        for line in text.lines() {
            self.line(0, format!("# {line}"));
        }
    }
    fn lit(&self, text: &str) -> String {
        (self.syntax.lit)(text)
    }
    fn call(
        &mut self,
        helper: Helper,
        head: &[String],
        list: Option<&[Vec<String>]>,
    ) -> Vec<String> {
        let name = self.helper(helper);
        (self.syntax.call)(name, head, list)
    }
    /// A condition from a helper call: its lines joined (bash continues long calls over lines).
    fn condition(
        &mut self,
        helper: Helper,
        head: &[String],
        list: Option<&[Vec<String>]>,
    ) -> String {
        self.call(helper, head, list).join("\n")
    }
    /// `if` / `elif` lines around a (possibly multi-line) condition.
    fn branch(&mut self, (prefix, suffix): (&str, &str), condition: &str) {
        let parts: Vec<&str> = condition.lines().collect();
        let last = parts.len().saturating_sub(1);
        for (i, part) in parts.iter().enumerate() {
            let mut text = String::new();
            if i == 0 {
                text.push_str(prefix);
            }
            text.push_str(part);
            if i == last {
                text.push_str(suffix);
            }
            self.line(0, text);
        }
    }
}

/// Column values as groups of (name, value) arguments; empty values only when `keep_empty`.
fn pairs(
    syntax: &Syntax,
    columns: &[Column],
    keep_empty: bool,
) -> Result<Vec<Vec<String>>, QuoteError> {
    columns
        .iter()
        .filter(|c| keep_empty || c.value.as_literal().is_none_or(|t| !t.is_empty()))
        .map(|c| Ok(vec![(syntax.lit)(c.name), (syntax.arg)(&c.value)?]))
        .collect()
}

/// Renders the steps of a script.
pub(super) fn body(script: &Script, syntax: &Syntax) -> Result<Body, QuoteError> {
    let mut out = Out {
        syntax,
        lines: Vec::new(),
        used: Vec::new(),
        number: 0,
    };
    for step in &script.steps {
        step_lines(&mut out, step)?;
    }
    Ok(Body {
        lines: out.lines,
        used: out.used,
    })
}

fn step_lines(out: &mut Out, step: &Step) -> Result<(), QuoteError> {
    let s = out.syntax;
    if Script::is_numbered(step) {
        out.number += 1;
    }
    let n = out.number;
    match step {
        Step::Comment(text) => out.comment(text),
        Step::Blank => out.line(0, ""),
        Step::ReadSubscription { command } => {
            out.comment(&format!("Step {n}: read the current subscription once (a route filter's full resource ID needs it)."));
            let fail = out.lit(&format!(
                "Step {n} failed: az could not read the current subscription (az login first)."
            ));
            out.helper(Helper::Stop);
            let lines = (s.capture)("er_subscription", (s.command)(command)?, fail);
            out.lines(0, lines);
            let empty = out.lit(&format!(
                "Step {n}: az account show gave no subscription: sign in with az login first."
            ));
            let present = (s.non_empty)("er_subscription");
            let lines = (s.stop_unless)(&present, &[empty]);
            out.lines(0, lines);
            out.line(
                0,
                (s.echo_var)(
                    &format!("Step {n}: using subscription "),
                    "er_subscription",
                    ".",
                ),
            );
        }
        Step::ReadCircuit {
            command,
            circuit,
            checks,
        } => {
            out.comment(&format!("Step {n}: read circuit {circuit} once: its state and every live peering's values. Nothing is"));
            out.comment("written before the checks below pass.");
            let fail = out.lit(&format!(
                "Step {n} failed: az could not read circuit {circuit} (see its message above)."
            ));
            out.helper(Helper::Stop);
            out.helper(Helper::ReadCircuit);
            let lines = (s.read_circuit)((s.command)(command)?, fail);
            out.lines(0, lines);
            for check in checks {
                check_lines(out, check)?;
            }
            let done = (s.echo)(&format!(
                "Step {n}: circuit {circuit} read; nothing live conflicts with this block."
            ));
            out.line(0, done);
        }
        Step::ReadFilters { reads, checks } => {
            out.comment(&format!("Step {n}: read the route filters of the resource groups this block creates filters in. Nothing is"));
            out.comment("written before the checks below pass.");
            out.helper(Helper::Stop);
            let read = out.helper(Helper::ReadFilters);
            for command in reads {
                let fail = out.lit(&format!(
                    "Step {n} failed: az could not list the route filters (see its message above; the resource group must exist)."
                ));
                let lines = (s.read_filters)(read, (s.command)(command)?, fail);
                out.lines(0, lines);
            }
            for check in checks {
                check_lines(out, check)?;
            }
            out.line(
                0,
                (s.echo)(&format!(
                    "Step {n}: route filters read; nothing there conflicts with this block."
                )),
            );
        }
        Step::ReadKeys(keys) => {
            for line in s.key_comment {
                out.comment(line);
            }
            for key in keys {
                let read = out.helper(Helper::ReadKey);
                let lines = (s.read_key)(
                    &key.env,
                    &key.var.bash_name(),
                    read,
                    &(s.lit)(&key.peerings),
                );
                out.lines(0, lines);
            }
        }
        Step::Run {
            title,
            command,
            skip,
            done,
        } => {
            out.comment(&format!("Step {n}: {title}"));
            let mut opening = s.if_;
            for k in skip {
                let (condition, reason) = skip_condition(out, k)?;
                out.branch(opening, &condition);
                let skipped = (s.echo)(&format!("Step {n}: skipped: {reason}."));
                out.line(1, skipped);
                opening = s.elif;
            }
            let depth = usize::from(!skip.is_empty());
            if !skip.is_empty() {
                out.line(0, s.else_);
            }
            out.helper(Helper::Stop);
            let fail = out.lit(&format!("Step {n} failed ({}): see az's message above. Run the block again once it is fixed: done steps are skipped.", title.trim_end_matches('.')));
            let lines = (s.run)((s.command)(command)?, fail);
            out.lines(depth, lines);
            out.line(depth, (s.echo)(&format!("Step {n}: {done}")));
            if !skip.is_empty() {
                out.line(0, s.end);
            }
        }
        Step::RequireBody { file, peering, key } => {
            out.comment(&format!("Step {n}: check the body file {file}."));
            let head = [
                out.lit(file),
                out.lit(if *key { "key" } else { "" }),
                out.lit(peering),
            ];
            let lines = out.call(Helper::Body, &head, None);
            out.lines(0, lines);
            out.line(0, (s.echo)(&format!("Step {n}: {file} is there.")));
        }
        Step::CheckNoConnections { opt_in, command } => {
            out.comment(&format!(
                "Step {n}: read {} again: no Global Reach connection may be left.",
                opt_in.peering
            ));
            let opted = out.condition(Helper::OptedIn, &[out.lit(&opt_in.env)], None);
            let exists = out.condition(Helper::Exists, &[out.lit(&opt_in.peering)], None);
            out.branch(s.if_, &(s.and)(&opted, &exists));
            out.helper(Helper::Stop);
            let fail = out.lit(&format!(
                "Step {n} failed: az could not read {}.",
                opt_in.peering
            ));
            let lines = (s.capture)("er_left", (s.command)(command)?, fail);
            out.lines(1, lines);
            let none_left = out.condition(Helper::Is, &[(s.var)("er_left"), out.lit("")], None);
            let message = [
                out.lit(&format!(
                    "{} still has Global Reach connections (",
                    opt_in.peering
                )),
                (s.var)("er_left"),
                out.lit("): delete them first."),
            ];
            let lines = (s.stop_unless)(&none_left, &message);
            out.lines(1, lines);
            out.line(
                1,
                (s.echo)(&format!(
                    "Step {n}: {} has no Global Reach connection.",
                    opt_in.peering
                )),
            );
            out.line(0, s.else_);
            out.line(
                1,
                (s.echo)(&format!(
                    "Step {n}: skipped: {} is not deleted.",
                    opt_in.peering
                )),
            );
            out.line(0, s.end);
        }
        Step::Wait { peering, command } => {
            out.comment(&format!("Step {n}: wait until Azure has finished with {peering} (az rest does not wait for the PUT)."));
            let wait = out.helper(Helper::Wait);
            let lines = (s.wait)(wait, &out.lit(peering), (s.command)(command)?);
            out.lines(0, lines);
            out.line(0, (s.echo)(&format!("Step {n}: {peering} is Succeeded.")));
        }
        Step::Later { command, expect } => {
            out.comment(&format!("  {}", (s.command)(command)?));
            for e in expect {
                out.comment(&format!("    {e}"));
            }
        }
    }
    Ok(())
}

fn check_lines(out: &mut Out, check: &Check) -> Result<(), QuoteError> {
    let s = out.syntax;
    let lines = match check {
        Check::Ready { circuit } => out.call(Helper::Ready, &[out.lit(circuit)], None),
        Check::NewOrOurs {
            peering,
            planned,
            created,
            show,
        } => {
            let head = [
                out.lit(peering),
                out.lit(&(s.command)(show)?),
                out.lit(&created.join(" ")),
            ];
            out.call(Helper::New, &head, Some(&pairs(s, planned, false)?))
        }
        Check::Unchanged {
            peering,
            columns,
            before_is,
        } => {
            let after_is = if *before_is == "imported" {
                "planned"
            } else {
                "imported"
            };
            let groups: Result<Vec<Vec<String>>, QuoteError> = columns
                .iter()
                .map(|(c, b, a)| Ok(vec![(s.lit)(c), (s.arg)(b)?, (s.arg)(a)?]))
                .collect();
            let head = [out.lit(peering), out.lit(before_is), out.lit(after_is)];
            out.call(Helper::Unchanged, &head, Some(&groups?))
        }
        Check::VlanFree { peering, vlan } => {
            out.call(Helper::VlanFree, &[out.lit(peering), out.lit(vlan)], None)
        }
        Check::StillHolds {
            opt_in,
            columns,
            source,
        } => {
            let head = [
                out.lit(&opt_in.env),
                out.lit(&opt_in.peering),
                out.lit(source),
            ];
            out.call(Helper::Still, &head, Some(&pairs(s, columns, false)?))
        }
        Check::NoGlobalReach {
            opt_in,
            deleted_first,
        } => {
            let head = [
                out.lit(&opt_in.env),
                out.lit(&opt_in.peering),
                out.lit(&deleted_first.join(" ")),
            ];
            out.call(Helper::GlobalReach, &head, None)
        }
        Check::FilterOk {
            filter,
            location,
            rule,
            communities,
            imported,
            show,
        } => {
            let head = [
                out.lit(filter),
                out.lit(location),
                out.lit(rule),
                out.lit(communities),
                out.lit(imported),
                out.lit(&(s.command)(show)?),
            ];
            out.call(Helper::FilterOk, &head, None)
        }
        Check::FilterStill {
            opt_in,
            filter,
            rule,
            communities,
        } => {
            let head = [
                out.lit(&opt_in.env),
                out.lit(filter),
                out.lit(rule),
                out.lit(communities),
            ];
            out.call(Helper::FilterStill, &head, None)
        }
        Check::FilterThere { filter, message } => {
            out.helper(Helper::Stop);
            let there = out.condition(Helper::FilterExists, &[out.lit(filter)], None);
            (s.stop_unless)(&there, &[out.lit(message)])
        }
        Check::NoVirtualWan { opt_in } => {
            let head = [out.lit(&opt_in.env), out.lit(&opt_in.peering)];
            out.call(Helper::VirtualWan, &head, None)
        }
    };
    out.lines(0, lines);
    Ok(())
}

/// The condition that skips a step, and why.
fn skip_condition(out: &mut Out, skip: &Skip) -> Result<(String, String), QuoteError> {
    let s = out.syntax;
    Ok(match skip {
        Skip::Holds {
            peering,
            columns,
            reason,
        } => {
            let list = pairs(s, columns, true)?;
            (
                out.condition(Helper::Holds, &[out.lit(peering)], Some(&list)),
                reason.clone(),
            )
        }
        Skip::Lacks {
            peering,
            columns,
            reason,
        } => {
            let list = pairs(s, columns, true)?;
            (
                (s.not)(&out.condition(Helper::Holds, &[out.lit(peering)], Some(&list))),
                reason.clone(),
            )
        }
        Skip::NotOptedIn { opt_in } => (
            (s.not)(&out.condition(Helper::OptedIn, &[out.lit(&opt_in.env)], None)),
            format!(
                "{} is kept (opt in with {}=yes to delete it)",
                opt_in.peering, opt_in.env
            ),
        ),
        Skip::Absent { peering, reason } => (
            (s.not)(&out.condition(Helper::Exists, &[out.lit(peering)], None)),
            reason.clone(),
        ),
        Skip::NoConnection {
            peering,
            connection,
        } => (
            (s.not)(&out.condition(
                Helper::HasConnection,
                &[out.lit(peering), out.lit(connection)],
                None,
            )),
            format!("{peering} has no Global Reach connection {connection} (any more)"),
        ),
        Skip::FilterExists { filter, reason } => (
            out.condition(Helper::FilterExists, &[out.lit(filter)], None),
            reason.clone(),
        ),
        Skip::FilterAbsent { filter, reason } => (
            (s.not)(&out.condition(Helper::FilterExists, &[out.lit(filter)], None)),
            reason.clone(),
        ),
        Skip::FilterHolds {
            filter,
            rule,
            communities,
            reason,
        } => (
            out.condition(
                Helper::FilterHolds,
                &[out.lit(filter), out.lit(rule), out.lit(communities)],
                None,
            ),
            reason.clone(),
        ),
    })
}
