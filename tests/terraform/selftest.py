#!/usr/bin/env python3
"""Proves that tests/terraform/check_tf.py can fail: runs it on the hand-written fixtures.

    .venv/bin/python tests/terraform/selftest.py [--verbose]

fixtures/good/ holds a main.tf of the emitter's shape with the ARM goldens and plan.json it is checked
against; check_tf.py must pass it with no failure and nothing skipped. Every other fixtures/<case>/ holds a
main.tf with one defect; the case is checked in a scratch directory holding good's ARM goldens and plan.json
plus the case's own files, and check_tf.py must FAIL it with the message listed in CASES below. Also:
literal-key passes with --allow-key, a directory without main.tf fails, and check_tf.py with no main.tf
anywhere exits non-zero.

One `PASS|FAIL selftest: <case>` line per case; the last line is `selftest: N passed, M failed`; exit
status 1 on any failure.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check_tf  # noqa: E402

FIXTURES = HERE / "fixtures"

# case -> text that must appear in one of check_tf.py's FAIL lines
CASES = {
    "unknown-argument": "unknown argument or block `azurerm_express_route_circuit_peering.microsoft.bandwidth_in_mbps`",
    "wrong-nesting": "unknown argument or block `azurerm_express_route_circuit_peering.microsoft.ipv6.microsoft_peering_config`",
    "block-as-attribute": "`azurerm_express_route_circuit_peering.microsoft.microsoft_peering_config` is a block",
    "wrong-value-vs-arm": "vlan_id = 301 but ARM vlanId = 300",
    "missing-precondition": "microsoft has the provisioning precondition: no lifecycle { precondition",
    "bad-import-id": "ends in peering1",
    "literal-key": "the key of the plan appears in main.tf",
    "unsensitive-key-variable": "variable er_shared_key is not sensitive = true",
    "max-items-exceeded": "`azurerm_route_filter.microsoft_ipv4.rule`: at most 1 block(s), found 2",
    "wrong-literal-type": "`azurerm_express_route_circuit_peering.microsoft.vlan_id` must be a number",
    "missing-required": "missing required `azurerm_express_route_circuit_peering.microsoft.vlan_id`",
    "provider-not-4x": "admits majors [4, 5, 6, 7, 8, 9]",
    "undeclared-variable": "var.er_key is not declared",
    "precondition-wrong-attribute": "precondition reads `circuit_provisioning_state`",
    "communities-vs-arm": 'rule.communities = ["12076:5010", "12076:51004"] but ARM rules[0].properties.communities',
    "route-filter-golden-unmatched": "routefilter-ExchangeWestEurope.arm.json has no azurerm_route_filter",
    "computed-attribute-set": "`azurerm_express_route_circuit_peering.microsoft.azure_asn` is computed (read-only)",
    "disallowed-value": '`azurerm_route_filter.microsoft_ipv4.rule.access` = "Deny" is not one of Allow',
    "import-type-mismatch": "id ends in /peerings/AzurePrivatePeering, the resource's peering_type is 'MicrosoftPeering'",
    "parse-error": "parses as HCL2",
    "key-not-set": "the plan has a shared key for MicrosoftPeering but shared_key is not set",
    "ipv6-route-filter-vs-arm": "ipv6.route_filter_id = \"/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/ExpressRouteResourceGroup/providers/Microsoft.Network/routeFilters/RouteFilterV6\" but ARM",
    "route-filter-id-on-private": "route_filter_id with peering_type 'AzurePrivatePeering'",
}


def assemble(case: str, scratch: Path) -> Path:
    """scratch/<case>/: good's files, then the case's own files over them."""
    d = scratch / case
    d.mkdir()
    for src in (FIXTURES / "good", FIXTURES / case):
        for f in src.iterdir():
            if f.is_file():
                shutil.copy(f, d / f.name)
    return d


def run_check(d: Path, allow_key: bool = False) -> tuple[check_tf.Report, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        r = check_tf.check_dirs([d], allow_key=allow_key, quiet=True)
    return r, out.getvalue()


class Results:
    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        self.passed = 0
        self.failed = 0

    def check(self, ok: bool, label: str, detail: str = "") -> None:
        if ok:
            self.passed += 1
            print(f"PASS selftest: {label}")
        else:
            self.failed += 1
            print(f"FAIL selftest: {label}" + (f": {detail}" if detail else ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--verbose", action="store_true", help="show check_tf.py's FAIL lines for every case")
    args = ap.parse_args()
    R = Results(args.verbose)
    on_disk = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "good")
    R.check(sorted(CASES) == on_disk, "every fixture directory has an expected message and vice versa",
            f"only in CASES: {sorted(set(CASES) - set(on_disk))}; only on disk: {sorted(set(on_disk) - set(CASES))}")
    with tempfile.TemporaryDirectory(prefix="check_tf_selftest.") as tmp:
        scratch = Path(tmp)
        r, out = run_check(FIXTURES / "good")
        R.check(r.failed == 0 and r.skipped == 0 and r.passed > 20,
                f"good passes ({r.passed} checks passed, {r.failed} failed, {r.skipped} skipped)", out.strip())
        for case, expected in sorted(CASES.items()):
            if not (FIXTURES / case).is_dir():
                continue
            d = assemble(case, scratch)
            r, out = run_check(d)
            hit = any(expected in line for line in r.failures)
            R.check(r.failed > 0 and hit, f"{case} fails with: {expected}",
                    "check_tf.py output:\n" + (out.strip() or "(nothing)"))
            if args.verbose:
                print("    " + "\n    ".join(r.failures))
        r, out = run_check(_literal_key_dir(scratch), allow_key=True)
        R.check(r.failed == 0, "literal-key passes with --allow-key", out.strip())
        empty = scratch / "no-main-tf"
        empty.mkdir()
        shutil.copy(FIXTURES / "good" / "plan.json", empty / "plan.json")
        r, out = run_check(empty)
        R.check(any("main.tf exists" in line for line in r.failures), "a directory without main.tf fails", out.strip())
        # check_tf.py with no main.tf anywhere: point its golden tree at an empty directory
        nothing = scratch / "golden"
        nothing.mkdir()
        saved = check_tf.GOLDEN
        check_tf.GOLDEN = nothing
        try:
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                rc = check_tf.main([])
        finally:
            check_tf.GOLDEN = saved
        R.check(rc != 0 and "FAIL check_tf: main.tf files to check" in buf.getvalue(),
                "check_tf.py fails when it finds no main.tf at all", buf.getvalue().strip())
    print(f"selftest: {R.passed} passed, {R.failed} failed")
    return 1 if R.failed else 0


def _literal_key_dir(scratch: Path) -> Path:
    d = scratch / "literal-key-allowed"
    d.mkdir()
    for src in (FIXTURES / "good", FIXTURES / "literal-key"):
        for f in src.iterdir():
            if f.is_file():
                shutil.copy(f, d / f.name)
    return d


if __name__ == "__main__":
    sys.exit(main())
