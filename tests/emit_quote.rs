//! The quoting layer and the step renderer, proven against real bash: hostile values go straight into
//! the quoting functions and crafted steps (the validator never lets them through a plan).
#![cfg(not(target_arch = "wasm32"))]

#[path = "emit_support.rs"]
mod support;

use peering_planner::emit::quote::{self, Piece, ShellVar, Word};
use peering_planner::emit::script::{Arg, AzCommand, Check, KeyInput, Script, Skip, Step};
use peering_planner::emit::{bash, powershell};
use support::{run_bash, HOSTILE, STUB_SUBSCRIPTION};

#[track_caller]
fn check_table(f: fn(&str) -> Result<String, quote::QuoteError>, rows: &[(&str, &str)]) {
    for (input, expected) in rows {
        assert_eq!(f(input).unwrap(), *expected, "input {input:?}");
    }
}

#[test]
fn bash_quoting_table() {
    check_table(
        quote::bash,
        &[
            ("10.0.0.0/30", "10.0.0.0/30"),
            ("fd00:10::/126", "fd00:10::/126"),
            ("AzurePrivatePeering", "AzurePrivatePeering"),
            (
                "ipv6PeeringConfig.state=Enabled",
                "ipv6PeeringConfig.state=Enabled",
            ),
            ("rg(x).prod", "'rg(x).prod'"),
            ("x=[]", "'x=[]'"),
            ("@peering.json", "'@peering.json'"),
            ("a'b", r"'a'\''b'"),
            ("", "''"),
            ("$(id)", "'$(id)'"),
            ("[a,b]", "'[a,b]'"),
            ("https://h/p?api-version=1", "'https://h/p?api-version=1'"),
            ("1e5", "'1e5'"),
        ],
    );
    assert!(quote::bash("a\0b").is_err());
}

#[test]
fn powershell_quoting_table() {
    check_table(
        quote::powershell,
        &[
            ("10.0.0.0/30", "10.0.0.0/30"),
            ("fd00:10::/126", "fd00:10::/126"),
            ("65010", "65010"),
            ("rg(x).prod", "'\"rg(x).prod\"'"),
            ("x=[]", "'x=[]'"),
            ("@peering.json", "'@peering.json'"),
            ("a'b", "'a''b'"),
            ("", "'\"\"'"),
            ("$(id)", "'\"$(id)\"'"),
            ("{state:state}", "'{state:state}'"),
            ("a b", "'a b'"),
            ("a&b", "'\"a&b\"'"),
            ("1e5", "'1e5'"),
        ],
    );
    for refused in [
        "a\"b",
        "%PATH%",
        "--%",
        "!x",
        "end\\",
        "line1\nline2",
        "tab\there",
    ] {
        let err = quote::powershell(refused).unwrap_err();
        assert!(!err.reason.is_empty(), "{refused:?}");
    }
}

#[test]
fn word_rendering_with_variables() {
    let key = Word::from_pieces(vec![
        Piece::Text("--shared-key=".into()),
        Piece::Var(ShellVar::Key(String::new())),
    ]);
    assert_eq!(quote::bash_word(&key).unwrap(), "--shared-key=\"$er_key\"");
    assert_eq!(
        quote::powershell_word(&key).unwrap(),
        "\"--shared-key=$erKey\""
    );
    let private = ShellVar::Key("private".into());
    assert_eq!(private.bash_name(), "er_key_private");
    assert_eq!(private.powershell_name(), "erKeyPrivate");
    let id = Word::from_pieces(vec![
        Piece::Text("ipv6PeeringConfig.routeFilter.id=/subscriptions/".into()),
        Piece::Var(ShellVar::Subscription),
        Piece::Text(
            "/resourceGroups/rg(x).prod/providers/Microsoft.Network/routeFilters/rf6".into(),
        ),
    ]);
    assert_eq!(
        quote::bash_word(&id).unwrap(),
        "\"ipv6PeeringConfig.routeFilter.id=/subscriptions/$er_subscription/resourceGroups/rg(x).prod/providers/Microsoft.Network/routeFilters/rf6\""
    );
    assert_eq!(
        quote::powershell_word(&id).unwrap(),
        "\"`\"ipv6PeeringConfig.routeFilter.id=/subscriptions/$erSubscription/resourceGroups/rg(x).prod/providers/Microsoft.Network/routeFilters/rf6`\"\""
    );
}

/// Every hostile value, quoted for bash, reaches `az` byte for byte.
#[test]
fn bash_quoting_survives_real_bash() {
    let mut script = String::from("( set -euo pipefail\n");
    for value in HOSTILE {
        script.push_str(&format!("  az x {}\n", quote::bash(value).unwrap()));
    }
    script.push_str(")\n");
    let run = run_bash(&script, &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let got: Vec<String> = run.calls.iter().map(|c| c[1].clone()).collect();
    assert_eq!(
        got,
        HOSTILE.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    );
}

fn key_input() -> KeyInput {
    KeyInput {
        env: "ER_SHARED_KEY".into(),
        var: ShellVar::Key(String::new()),
        peerings: "AzurePrivatePeering".into(),
    }
}

fn circuit_read(checks: Vec<Check>) -> Step {
    Step::ReadCircuit {
        command: AzCommand::new(&["network", "express-route", "show"]).opt("-n", "c"),
        circuit: "c".into(),
        checks,
    }
}

/// The renderer with crafted steps: hostile text in words (around variables too), hostile values in
/// the variables at run time, the circuit read, the subscription read and the key input.
#[test]
fn bash_step_renderer_survives_real_bash() {
    let mut steps = vec![
        Step::ReadSubscription {
            command: AzCommand::new(&["account", "show"]),
        },
        circuit_read(vec![Check::Ready {
            circuit: "c".into(),
        }]),
        Step::ReadKeys(vec![key_input()]),
    ];
    let mut expected: Vec<Vec<String>> = vec![
        vec!["account".into(), "show".into()],
        vec![
            "network".into(),
            "express-route".into(),
            "show".into(),
            "-n".into(),
            "c".into(),
        ],
    ];
    let key_value = "-$(id);`x` '\"%PATH%\" ~ *";
    for value in HOSTILE.iter().filter(|v| !v.starts_with(['-', '@'])) {
        let words = vec![
            Word::text(*value),
            Word::from_pieces(vec![
                Piece::Text(format!("pre{value}")),
                Piece::Var(ShellVar::Subscription),
                Piece::Text(format!("{value}post")),
            ]),
        ];
        let mut command = AzCommand::new(&["probe"]);
        for w in &words {
            command = command.push(Arg::Value(w.clone()));
        }
        command = command.joined(
            "--shared-key",
            Word::from_pieces(vec![Piece::Var(ShellVar::Key(String::new()))]),
        );
        steps.push(Step::Comment(format!("probe {value}")));
        steps.push(Step::Run {
            title: format!("probe {value}"),
            command,
            skip: Vec::new(),
            done: format!("probed {value}"),
        });
        expected.push(vec![
            "probe".into(),
            value.to_string(),
            format!("pre{value}{STUB_SUBSCRIPTION}{value}post"),
            format!("--shared-key={key_value}"),
        ]);
    }
    let script = Script {
        header: vec!["hostile $(id)\nsecond `line`".into()],
        steps,
    };
    let text = bash::render(&script).unwrap();
    let run = run_bash(&text, &[("ER_SHARED_KEY", key_value)]);
    assert_eq!(run.status, 0, "{}\n{text}", run.stderr);
    assert_eq!(run.calls, expected);
    // The key never reaches the commands' environment: the block unsets the exported variable.
    assert!(text.contains("unset ER_SHARED_KEY"), "{text}");
}

#[test]
fn bash_circuit_check_stops_the_block_before_any_write() {
    let script = Script {
        header: vec![],
        steps: vec![
            circuit_read(vec![Check::Ready {
                circuit: "ckt1".into(),
            }]),
            Step::Run {
                title: "never".into(),
                command: AzCommand::new(&["never"]),
                skip: Vec::new(),
                done: "never".into(),
            },
        ],
    };
    let text = bash::render(&script).unwrap();
    let run = run_bash(
        &format!("{text}echo after-block\n"),
        &[("AZ_STUB_CIRCUIT_STATE", "NotProvisioned Enabled")],
    );
    assert_eq!(run.calls.len(), 1);
    assert!(
        run.stderr.contains("circuit ckt1 is not ready"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("NotProvisioned Enabled"),
        "{}",
        run.stderr
    );
    // The block's bash ended, the user's shell did not: the line after the block still runs.
    assert!(run.stdout.contains("after-block"));
}

#[test]
fn bash_skip_conditions_are_tested_in_order() {
    let opt_in = peering_planner::emit::script::OptIn::for_peering("AzurePrivatePeering");
    let script = Script {
        header: vec![],
        steps: vec![
            circuit_read(Vec::new()),
            Step::Run {
                title: "delete".into(),
                command: AzCommand::new(&["delete-probe"]),
                skip: vec![
                    Skip::NotOptedIn {
                        opt_in: opt_in.clone(),
                    },
                    Skip::Absent {
                        peering: "AzurePrivatePeering".into(),
                        reason: "AzurePrivatePeering does not exist".into(),
                    },
                ],
                done: "deleted".into(),
            },
        ],
    };
    let text = bash::render(&script).unwrap();
    // Not opted in: skipped before anything else is asked.
    let run = run_bash(&text, &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.calls.len(), 1);
    assert!(
        run.stdout.contains("skipped: AzurePrivatePeering is kept"),
        "{}",
        run.stdout
    );
    // Opted in, but the stub's circuit has no peering: skipped as absent.
    let run = run_bash(&text, &[("ER_DELETE_AZUREPRIVATEPEERING", "yes")]);
    assert_eq!(run.calls.len(), 1);
    assert!(run.stdout.contains("does not exist"), "{}", run.stdout);
    // Anything but "yes" is no.
    let run = run_bash(&text, &[("ER_DELETE_AZUREPRIVATEPEERING", "YES please")]);
    assert!(run.stdout.contains("is kept"), "{}", run.stdout);
}

#[test]
fn bash_missing_shared_key_stops_the_block() {
    let script = Script {
        header: vec![],
        steps: vec![
            Step::ReadKeys(vec![key_input()]),
            Step::Run {
                title: "never".into(),
                command: AzCommand::new(&["never"]),
                skip: Vec::new(),
                done: "never".into(),
            },
        ],
    };
    let run = run_bash(&bash::render(&script).unwrap(), &[]);
    assert_ne!(run.status, 0);
    assert!(run.calls.is_empty());
    assert!(
        run.stderr
            .contains("no terminal to ask for the shared key of AzurePrivatePeering"),
        "{}",
        run.stderr
    );
}

#[test]
fn command_layer_refuses_values_az_would_misread() {
    for bad in ["-x", "--", "@file", "@"] {
        let cmd = AzCommand::new(&["probe"]).push(Arg::Value(Word::text(bad)));
        let err = bash::command_line(&cmd).unwrap_err();
        assert!(
            err.reason.contains('-') || err.reason.contains('@'),
            "{bad}: {err}"
        );
        assert!(powershell::command_line(&cmd).is_err());
    }
    // A leading '-' is fine in the --flag=value form, a leading '@' never.
    let ok = AzCommand::new(&["probe"]).joined("--shared-key", Word::text("-abc"));
    assert_eq!(
        bash::command_line(&ok).unwrap(),
        "az probe --shared-key=-abc"
    );
    let bad = AzCommand::new(&["probe"]).joined("--shared-key", Word::text("@abc"));
    assert!(bash::command_line(&bad).is_err());
    // A deliberate file reference.
    let file = AzCommand::new(&["rest"])
        .flag("--body")
        .push(Arg::FileRef("peering.json".into()));
    assert_eq!(
        bash::command_line(&file).unwrap(),
        "az rest --body '@peering.json'"
    );
    assert_eq!(
        powershell::command_line(&file).unwrap(),
        "az rest --body '@peering.json'"
    );
}
