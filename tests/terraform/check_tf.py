#!/usr/bin/env python3
"""Checks the planner's Terraform output (tests/golden/<plan>/main.tf) with a real HCL2 parser and the
azurerm 4.x schema (tests/terraform/azurerm-schema.json, transcribed from the provider's source).

    .venv/bin/python tests/terraform/check_tf.py [--allow-key] [--quiet] [--schema FILE] [DIR ...]

DIR defaults to every tests/golden/*/ that has a main.tf; finding no main.tf at all is a failure (a check
that checks nothing must not pass). For each DIR/main.tf:

1. it parses with python-hcl2 8.1.4 (hcl2.loads);
2. every `resource`, `data` and `provider` block, with all nested blocks and arguments, against the schema:
   no unknown argument or block, no computed-only attribute set, every required one present, literals of
   the right type (number/bool/string/list), block-vs-attribute nesting, min/max items, allowed values,
   string lengths and formats; Terraform's own blocks (terraform, variable, import, lifecycle, timeouts,
   output, locals) by their known arguments;
3. Terraform structure: exactly one `terraform` block whose required_providers.azurerm has
   source = "hashicorp/azurerm" and a version constraint admitting 4.x and nothing else; required_version
   excluding Terraform releases without the blocks used (import: 1.5, precondition: 1.2); every var.NAME
   declared; every variable named *shared_key* (and every variable a shared_key reads) sensitive = true;
   every reference to a resource or data source names a declared one and an attribute of its schema;
   every import names a declared resource and a resource ID ending in /peerings/<its peering_type> or
   /routeFilters/<its name> (never /peerings/peering1);
4. every azurerm_express_route_circuit_peering has lifecycle { precondition { ... } } whose condition
   compares data.azurerm_express_route_circuit.<N>.service_provider_provisioning_state with "Provisioned";
5. the values equal the ARM goldens of the same directory: <PeeringType>.arm.json for each peering,
   routefilter-<name>.arm.json for each route filter, and every ARM golden has its Terraform resource;
6. no shared key of the plan (tests/golden/plans/<dir>.json, tests/golden/change/<dir>/plan.json, or a
   plan.json inside DIR) appears in main.tf, shared_key is never a literal, and a peering whose plan has a
   key sets shared_key. With --allow-key (a file generated with "Put the shared key into the outputs"
   ticked) the key may appear, and a literal shared_key must equal the plan's key.

One `PASS|FAIL|SKIP <dir>: <check>` line per check (--quiet: FAIL and SKIP only); the last line is
`check_tf: N passed, M failed` (", K skipped" when some were skipped); exit status 1 on any failure.

How python-hcl2 8.1.4 represents values (hcl2.loads with SerializationOptions(with_comments=False)), which
is what `Value` below decodes:
- a quoted string keeps its quotes and its escapes as written: `name = "a\\"b"` gives '"a\\\\"b"';
  a template with interpolation stays quoted too: '"/subscriptions/${var.s}/x"';
- any other expression is wrapped in ${...}: `x = var.k` gives '${var.k}', `x = a == "b"` gives
  '${a == "b"}', `to = azurerm_x.y` gives '${azurerm_x.y}'; a bare keyword such as `type = string` is
  left bare ('string');
- numbers are int/float, true/false are bool, null is None, [..] a list, {..} a dict (an object);
- a block is a list of dicts, each with "__is_block__": True (an attribute holding a list of objects has
  no such marker); block labels keep their quotes: resource "a" "b" gives {'"a"': {'"b"': {...}}}.

Where "absent" and "empty" meet (decided here, against the provider's code, azurerm-schema.json _notes):
customer_asn absent == 0 == ARM customerASN absent; routing_registry_name absent == "NONE" == ARM
routingRegistryName absent; advertised_communities absent == [] == ARM advertisedCommunities absent or [];
ipv4_enabled absent == true; ipv6.enabled absent == true == ARM ipv6PeeringConfig.state absent; an ARM body
without a top-level state (IPv6-only) needs ipv4_enabled = false (the service reports Disabled). ARM
legacyMode 0 is ignored (no azurerm argument; the provider never sends it); any other legacyMode fails.
ARM `connections` is ignored (azurerm re-sends the live Global Reach connections itself). An empty ARM
golden (the planner showed no body) makes the value comparison SKIP.

Sources of the schema: see azurerm-schema.json `_source` (hashicorp/terraform-provider-azurerm,
internal/services/network/express_route_circuit_peering_resource.go @ 1944d1a0, route_filter_resource.go
@ 0027f606, express_route_circuit_data_source.go @ 1944d1a0, internal/provider/provider.go @ 4cadd2fb).
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import re
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
GOLDEN = REPO / "tests" / "golden"
SCHEMA_FILE = HERE / "azurerm-schema.json"

PEERING = "azurerm_express_route_circuit_peering"
ROUTE_FILTER = "azurerm_route_filter"
CIRCUIT_DS = "azurerm_express_route_circuit"
# The data-source attribute the precondition must read (azurerm-schema.json _notes).
PROVISIONING_ATTR = "service_provider_provisioning_state"

SUB_RE = r"[^/]+"
PEERING_ID_RE = re.compile(
    r"^/subscriptions/(?P<sub>[^/]+)/resourceGroups/(?P<rg>[^/]+)/providers/Microsoft\.Network/"
    r"expressRouteCircuits/(?P<circuit>[^/]+)/peerings/(?P<peering>[^/]+)$"
)
ROUTE_FILTER_ID_RE = re.compile(
    r"^/subscriptions/(?P<sub>[^/]+)/resourceGroups/(?P<rg>[^/]+)/providers/Microsoft\.Network/"
    r"routeFilters/(?P<name>[^/]+)$"
)
NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
VAR_REF = re.compile(r"(?<![\w.])var\.(" + NAME + r")")
# `data.TYPE.NAME.ATTR` or `TYPE.NAME.ATTR` / `TYPE.NAME` (a resource address in import `to`)
DATA_REF = re.compile(r"(?<![\w.])data\.(azurerm_\w+)\.(" + NAME + r")(?:\.(\w+))?")
RES_REF = re.compile(r"(?<![\w.])(azurerm_\w+)\.(" + NAME + r")(?:\.(\w+))?")

META_RESOURCE = {"count", "for_each", "depends_on", "provider", "lifecycle"}
LIFECYCLE_ARGS = {"create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by"}
CONDITION_ARGS = {"condition", "error_message"}
VARIABLE_ARGS = {"description", "type", "default", "sensitive", "nullable", "ephemeral", "validation"}
OUTPUT_ARGS = {"value", "description", "sensitive", "depends_on", "ephemeral", "precondition"}
TOP_LEVEL = {"terraform", "provider", "variable", "locals", "output", "resource", "data", "import",
             "moved", "removed", "check", "module"}
TERRAFORM_ARGS = {"required_version", "required_providers", "backend", "cloud", "experiments",
                  "provider_meta"}


# --------------------------------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------------------------------


class Report:
    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures: list[str] = []

    def check(self, ok: bool, label: str, detail: str | list[str] = "") -> bool:
        if isinstance(detail, list):
            detail = "; ".join(detail)
        if ok:
            self.passed += 1
            if not self.quiet:
                print(f"PASS {label}")
        else:
            self.failed += 1
            line = f"FAIL {label}" + (f": {detail}" if detail else "")
            self.failures.append(line)
            print(line)
        return ok

    def skip(self, label: str, why: str) -> None:
        self.skipped += 1
        print(f"SKIP {label}: {why}")

    def summary(self) -> str:
        line = f"check_tf: {self.passed} passed, {self.failed} failed"
        if self.skipped:
            line += f", {self.skipped} skipped"
        return line


# --------------------------------------------------------------------------------------------------
# python-hcl2 values
# --------------------------------------------------------------------------------------------------


class Value:
    """One value as python-hcl2 8.1.4 serialises it, decoded (see the module docstring).

    kind: string (a literal, .value decoded), template (a quoted string with ${...}; .text is the raw
    quoted text), expr (.text without the ${}), number, bool, null, list, object, block."""

    def __init__(self, raw):
        self.raw = raw
        self.value = None
        self.text = ""
        if raw is None:
            self.kind = "null"
        elif isinstance(raw, bool):
            self.kind, self.value = "bool", raw
        elif isinstance(raw, (int, float)):
            self.kind, self.value = "number", raw
        elif isinstance(raw, list):
            if raw and all(isinstance(x, dict) and x.get("__is_block__") is True for x in raw):
                self.kind = "block"
            else:
                self.kind = "list"
            self.value = raw
        elif isinstance(raw, dict):
            self.kind, self.value = ("block" if raw.get("__is_block__") is True else "object"), raw
        elif isinstance(raw, str):
            if len(raw) >= 2 and raw[0] == '"' and raw[-1] == '"':
                decoded, interpolated = decode_string(raw[1:-1])
                if interpolated:
                    self.kind, self.text = "template", raw[1:-1]
                else:
                    self.kind, self.value = "string", decoded
            elif raw.startswith("<<"):
                body = raw.split("\n", 1)[1] if "\n" in raw else ""
                body = body.rsplit("\n", 1)[0] if "\n" in body else ""
                decoded, interpolated = decode_string(body, heredoc=True)
                if interpolated:
                    self.kind, self.text = "template", body
                else:
                    self.kind, self.value = "string", decoded
            elif raw.startswith("${") and raw.endswith("}"):
                self.kind, self.text = "expr", raw[2:-1].strip()
            else:
                self.kind, self.text = "expr", raw  # a bare keyword (type = string)
        else:
            self.kind, self.value = "unknown", raw

    @property
    def literal(self) -> bool:
        return self.kind in ("string", "number", "bool")

    def describe(self) -> str:
        if self.kind == "string":
            return json.dumps(self.value)
        if self.kind in ("number", "bool"):
            return json.dumps(self.value)
        if self.kind == "expr":
            return self.text
        if self.kind == "template":
            return '"' + self.text + '"'
        return self.kind


def decode_string(s: str, heredoc: bool = False) -> tuple[str, bool]:
    """Decodes an HCL quoted-string body; returns (text, has_interpolation)."""
    out: list[str] = []
    i = 0
    interpolated = False
    while i < len(s):
        c = s[i]
        if c == "\\" and not heredoc and i + 1 < len(s):
            n = s[i + 1]
            simple = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
            if n in simple:
                out.append(simple[n])
                i += 2
                continue
            if n in "uU":
                width = 4 if n == "u" else 8
                digits = s[i + 2 : i + 2 + width]
                if len(digits) == width and all(d in "0123456789abcdefABCDEF" for d in digits):
                    out.append(chr(int(digits, 16)))
                    i += 2 + width
                    continue
            out.append(c)
            i += 1
            continue
        if c in "$%" and s.startswith(c + c + "{", i):  # $${ and %%{ are literal ${ and %{
            out.append(c + "{")
            i += 3
            continue
        if c in "$%" and s.startswith(c + "{", i):
            interpolated = True
        out.append(c)
        i += 1
    return "".join(out), interpolated


def interpolations(text: str) -> list[str]:
    """The ${...} parts of a template body (brace-matched, quotes respected)."""
    parts = []
    i = 0
    while i < len(text):
        if text.startswith("$${", i):
            i += 3
            continue
        if text.startswith("${", i):
            depth, j, quote = 1, i + 2, False
            while j < len(text) and depth:
                ch = text[j]
                if quote:
                    if ch == "\\":
                        j += 1
                    elif ch == '"':
                        quote = False
                elif ch == '"':
                    quote = True
                elif ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                j += 1
            parts.append(text[i + 2 : j - 1])
            i = j
            continue
        i += 1
    return parts


def expression_texts(raw) -> list[str]:
    """Every expression text inside a value (recursively): what references can hide in."""
    out: list[str] = []
    if isinstance(raw, dict):
        for k, v in raw.items():
            if k.startswith("__"):
                continue
            out.extend(expression_texts(v))
    elif isinstance(raw, list):
        for v in raw:
            out.extend(expression_texts(v))
    elif isinstance(raw, str):
        v = Value(raw)
        if v.kind == "expr":
            out.append(v.text)
        elif v.kind == "template":
            out.extend(interpolations(v.text))
    return out


# Names an expression may start a reference with (Terraform's reference roots and keywords).
ROOT_NAMES = {"var", "local", "data", "module", "each", "count", "path", "terraform", "self", "null", "true",
              "false"}


def bare_names(text: str) -> list[str]:
    """The names in an expression that start a reference: not inside a string, not after `.`, not a
    function call, not an object key. An expression with a `for` is skipped (its loop names are local)."""
    blanked = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    if re.search(r"(?<![\w.])for\s", blanked):
        return []
    out = []
    depth = 0
    for m in re.finditer(r"[{}]|(?<![\w.])([A-Za-z_][\w-]*)", blanked):
        if m.group(0) == "{":
            depth += 1
            continue
        if m.group(0) == "}":
            depth -= 1
            continue
        after = blanked[m.end():]
        if re.match(r"\s*\(", after):
            continue  # a function call
        if depth > 0 and re.match(r"\s*(=(?!=)|:)", after):
            continue  # an object key
        if re.match(r"\d", m.group(1)):
            continue
        out.append(m.group(1))
    return out


def without_keyword_args(raw):
    """A copy without the arguments whose expressions are keywords or bare attribute names, not references:
    variable `type`, lifecycle `ignore_changes`, the `provider` meta-argument."""
    if isinstance(raw, dict):
        return {k: without_keyword_args(v) for k, v in raw.items()
                if not (k in ("type", "ignore_changes", "provider") and not isinstance(v, (list, dict)) or
                        k == "ignore_changes")}
    if isinstance(raw, list):
        return [without_keyword_args(v) for v in raw]
    return raw


def unquote(label: str) -> str:
    return label[1:-1] if len(label) >= 2 and label[0] == '"' and label[-1] == '"' else label


def args_of(body: dict) -> dict:
    return {k: v for k, v in body.items() if not k.startswith("__")}


def blocks_of(body: dict, name: str) -> list[dict]:
    v = body.get(name)
    if isinstance(v, list):
        return [b for b in v if isinstance(b, dict) and b.get("__is_block__") is True]
    return []


def lit(body: dict, name: str, default=None):
    """The literal value of an argument, `default` when absent or null, None for a non-literal."""
    if name not in body:
        return default
    v = Value(body[name])
    if v.kind == "null":
        return default
    if v.literal:
        return v.value
    if v.kind == "list" and all(Value(x).literal for x in v.value):
        return [Value(x).value for x in v.value]
    return None


# --------------------------------------------------------------------------------------------------
# the parsed file
# --------------------------------------------------------------------------------------------------


class TfFile:
    def __init__(self, doc: dict) -> None:
        self.doc = doc
        self.terraform: list[dict] = []
        self.providers: list[tuple[str, dict]] = []
        self.variables: dict[str, dict] = {}
        self.resources: dict[tuple[str, str], dict] = {}
        self.data: dict[tuple[str, str], dict] = {}
        self.imports: list[dict] = []
        self.outputs: dict[str, dict] = {}
        self.problems: list[str] = []
        for key, val in doc.items():
            if key.startswith("__"):
                continue
            if key not in TOP_LEVEL:
                self.problems.append(f"unknown top-level block or argument `{key}`")
                continue
            items = val if isinstance(val, list) else [val]
            for item in items:
                if not isinstance(item, dict):
                    self.problems.append(f"`{key}` is not a block")
                    continue
                if key in ("terraform", "import", "locals", "moved", "removed"):
                    if item.get("__is_block__") is not True:
                        self.problems.append(f"`{key}` is not a block")
                    if key == "terraform":
                        self.terraform.append(item)
                    elif key == "import":
                        self.imports.append(item)
                    continue
                for l1, b1 in args_of(item).items():
                    if key in ("resource", "data"):
                        for l2, b2 in args_of(b1).items():
                            addr = (unquote(l1), unquote(l2))
                            table = self.resources if key == "resource" else self.data
                            if addr in table:
                                self.problems.append(f"duplicate {key} {addr[0]}.{addr[1]}")
                            table[addr] = b2
                    elif key == "provider":
                        self.providers.append((unquote(l1), b1))
                    elif key == "variable":
                        name = unquote(l1)
                        if name in self.variables:
                            self.problems.append(f"duplicate variable {name}")
                        self.variables[name] = b1
                    elif key == "output":
                        self.outputs[unquote(l1)] = b1

    def resolve(self, raw, depth: int = 0):
        """(known, value) of an argument value: literals, and references to literal arguments of blocks
        declared in this file (data.T.N.attr, T.N.attr)."""
        v = Value(raw)
        if v.literal:
            return True, v.value
        if v.kind != "expr" or depth > 4:
            return False, None
        m = re.fullmatch(r"data\.(\w+)\.(" + NAME + r")\.(\w+)", v.text)
        if m:
            body = self.data.get((m.group(1), m.group(2)))
            if body is not None and m.group(3) in body:
                return self.resolve(body[m.group(3)], depth + 1)
            return False, None
        m = re.fullmatch(r"(azurerm_\w+)\.(" + NAME + r")\.(\w+)", v.text)
        if m:
            body = self.resources.get((m.group(1), m.group(2)))
            if body is not None and m.group(3) in body:
                return self.resolve(body[m.group(3)], depth + 1)
        return False, None

    def provider_subscription(self):
        for name, body in self.providers:
            if name == "azurerm" and "alias" not in body:
                return self.resolve(body["subscription_id"]) if "subscription_id" in body else (False, None)
        return False, None


# --------------------------------------------------------------------------------------------------
# schema validation
# --------------------------------------------------------------------------------------------------


def check_literal(v: Value, s: dict, path: str, errs: list[str]) -> None:
    t = s.get("type", "string")
    if v.kind in ("expr", "null"):
        return  # a reference/expression: its type is Terraform's business
    if t == "string":
        if v.kind == "template":
            return
        if v.kind != "string":
            errs.append(f"`{path}` must be a string, got {v.kind} {v.describe()}")
            return
        check_string(v.value, s, path, errs)
    elif t == "number":
        if v.kind != "number":
            errs.append(f"`{path}` must be a number, got {v.kind} {v.describe()}")
        elif s.get("int") and not isinstance(v.value, int):
            errs.append(f"`{path}` must be a whole number, got {v.describe()}")
    elif t == "bool":
        if v.kind != "bool":
            errs.append(f"`{path}` must be true or false, got {v.kind} {v.describe()}")
    elif t == "list(string)":
        if v.kind != "list":
            errs.append(f"`{path}` must be a list of strings, got {v.kind} {v.describe()}")
            return
        items = [Value(x) for x in v.value]
        if "min_items" in s and len(items) < s["min_items"]:
            errs.append(f"`{path}` needs at least {s['min_items']} item(s), has {len(items)}")
        if "max_items" in s and len(items) > s["max_items"]:
            errs.append(f"`{path}` takes at most {s['max_items']} item(s), has {len(items)}")
        for i, item in enumerate(items):
            if item.kind in ("expr", "template"):
                continue
            if item.kind != "string":
                errs.append(f"`{path}[{i}]` must be a string, got {item.kind} {item.describe()}")
                continue
            if s.get("item_not_empty") and item.value == "":
                errs.append(f"`{path}[{i}]` must not be empty")
            if s.get("item_format") == "cidr":
                try:
                    ipaddress.ip_network(item.value, strict=False)
                    if "/" not in item.value:
                        raise ValueError
                except ValueError:
                    errs.append(f"`{path}[{i}]` must be a CIDR, got {item.describe()}")
    elif t == "map(string)":
        if v.kind != "object":
            errs.append(f"`{path}` must be a map, got {v.kind} {v.describe()}")
    else:  # list(object) and friends: computed only here
        pass


def check_string(value: str, s: dict, path: str, errs: list[str]) -> None:
    if "allowed_values" in s and value not in s["allowed_values"]:
        errs.append(f"`{path}` = {json.dumps(value)} is not one of {', '.join(s['allowed_values'])}")
    if s.get("not_empty") and value == "":
        errs.append(f"`{path}` must not be empty")
    if "string_length" in s:
        lo, hi = s["string_length"]
        if not lo <= len(value) <= hi:
            errs.append(f"`{path}` must be {lo}-{hi} characters long, is {len(value)}")
    if s.get("format") == "route_filter_id" and not ROUTE_FILTER_ID_RE.match(value):
        errs.append(f"`{path}` = {json.dumps(value)} is not a route filter ID "
                    "(/subscriptions/S/resourceGroups/RG/providers/Microsoft.Network/routeFilters/NAME)")


def computed_only(s: dict) -> bool:
    return bool(s.get("computed")) and not s.get("required") and not s.get("optional")


def validate_body(body: dict, arguments: dict, path: str, errs: list[str], *, meta: set[str] = frozenset(),
                  timeouts: list[str] | None = None) -> None:
    for key, raw in args_of(body).items():
        here = f"{path}.{key}"
        v = Value(raw)
        if key in meta:
            continue
        if key == "timeouts" and timeouts is not None:
            if v.kind != "block":
                errs.append(f"`{here}` is a block: write `timeouts {{ ... }}`")
                continue
            if len(v.value) > 1:
                errs.append(f"`{here}`: at most 1 block, found {len(v.value)}")
            for b in v.value:
                for k, tv in args_of(b).items():
                    if k not in timeouts:
                        errs.append(f"unknown argument `{here}.{k}` (timeouts: {', '.join(timeouts)})")
                    else:
                        check_literal(Value(tv), {"type": "string"}, f"{here}.{k}", errs)
            continue
        s = arguments.get(key)
        if s is None:
            errs.append(f"unknown argument or block `{here}`")
            continue
        if computed_only(s):
            errs.append(f"`{here}` is computed (read-only): it cannot be set")
            continue
        if s["kind"] == "block":
            if v.kind == "block":
                items = v.value
            elif s.get("config_mode_attr") and v.kind == "list" and all(isinstance(x, dict) for x in v.value):
                items = v.value  # attribute syntax `rule = [{...}]` (SchemaConfigModeAttr)
            elif s.get("config_mode_attr") and v.kind in ("expr", "null"):
                continue
            else:
                errs.append(f"`{here}` is a block: write `{key} {{ ... }}`, not `{key} = {v.describe()}`")
                continue
            if "max_items" in s and len(items) > s["max_items"]:
                errs.append(f"`{here}`: at most {s['max_items']} block(s), found {len(items)}")
            if "min_items" in s and len(items) < s["min_items"]:
                errs.append(f"`{here}`: at least {s['min_items']} block(s), found {len(items)}")
            for i, b in enumerate(items):
                sub = here if len(items) == 1 else f"{here}[{i}]"
                validate_body(b, s.get("arguments", {}), sub, errs)
        else:
            if v.kind == "block":
                errs.append(f"`{here}` is an attribute, not a block: write `{key} = ...`")
                continue
            check_literal(v, s, here, errs)
    for key, s in arguments.items():
        if s.get("required") and Value(body.get(key)).kind == "null":
            errs.append(f"missing required `{path}.{key}`")
        if s["kind"] == "block" and s.get("min_items") and key not in body:
            errs.append(f"missing required block `{path}.{key}`")
    for key, s in arguments.items():
        if key in body and Value(body[key]).kind != "null":
            for other in s.get("required_with", []):
                if Value(body.get(other)).kind == "null":
                    errs.append(f"`{path}.{key}` requires `{path}.{other}`")


def validate_lifecycle(body: dict, path: str, errs: list[str], data: bool = False) -> None:
    allowed = (set() if data else LIFECYCLE_ARGS) | {"precondition", "postcondition"}
    v = Value(body.get("lifecycle"))
    if v.kind == "null":
        return
    if v.kind != "block":
        errs.append(f"`{path}.lifecycle` is a block")
        return
    for lc in v.value:
        for k, raw in args_of(lc).items():
            if k not in allowed:
                errs.append(f"unknown argument or block `{path}.lifecycle.{k}`")
            elif k in ("precondition", "postcondition"):
                cv = Value(raw)
                if cv.kind != "block":
                    errs.append(f"`{path}.lifecycle.{k}` is a block")
                    continue
                for cond in cv.value:
                    for ck in args_of(cond):
                        if ck not in CONDITION_ARGS:
                            errs.append(f"unknown argument `{path}.lifecycle.{k}.{ck}`")
                    for ck in CONDITION_ARGS:
                        if Value(cond.get(ck)).kind == "null":
                            errs.append(f"missing required `{path}.lifecycle.{k}.{ck}`")


# --------------------------------------------------------------------------------------------------
# version constraints (hashicorp/go-version semantics, evaluated on a grid of versions)
# --------------------------------------------------------------------------------------------------


def parse_constraints(text: str):
    out = []
    for part in text.split(","):
        m = re.fullmatch(r"\s*(~>|>=|<=|!=|>|<|=)?\s*v?(\d+(?:\.\d+){0,2})\s*", part)
        if not m:
            return None
        segs = [int(x) for x in m.group(2).split(".")]
        out.append((m.group(1) or "=", segs))
    return out


def satisfies(version: tuple[int, int, int], constraints) -> bool:
    for op, segs in constraints:
        c = tuple(segs + [0] * (3 - len(segs)))
        if op == "=" and version != c:
            return False
        if op == "!=" and version == c:
            return False
        if op == ">" and not version > c:
            return False
        if op == ">=" and not version >= c:
            return False
        if op == "<" and not version < c:
            return False
        if op == "<=" and not version <= c:
            return False
        if op == "~>":
            if version < c:
                return False
            if version[: len(segs) - 1] != tuple(segs[: len(segs) - 1]):
                return False
    return True


GRID = [(a, b, c) for a in range(0, 10) for b in list(range(0, 131)) + [999, 9999] for c in (0, 1, 5, 99)]


def admitted(constraints) -> list[tuple[int, int, int]]:
    return [v for v in GRID if satisfies(v, constraints)]


# --------------------------------------------------------------------------------------------------
# the plan (shared keys, circuit)
# --------------------------------------------------------------------------------------------------


def find_plan(d: Path):
    for p in (d / "plan.json", GOLDEN / "plans" / f"{d.name}.json", GOLDEN / "change" / d.name / "plan.json"):
        if p.is_file():
            return p
    return None


def collect_keys(obj, out: list[str]) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "sharedKey" and isinstance(v, str) and v:
                out.append(v)
            else:
                collect_keys(v, out)
    elif isinstance(obj, list):
        for v in obj:
            collect_keys(v, out)


def plan_keys_by_type(plan: dict) -> dict[str, str]:
    out = {}
    for p in plan.get("peerings", []) or []:
        if isinstance(p, dict) and p.get("sharedKey"):
            out[p.get("type", "")] = p["sharedKey"]
    return out


def plan_circuit(d: Path, plan: dict) -> dict:
    c = plan.get("circuit") if isinstance(plan.get("circuit"), dict) else {}
    out = {"subscription": c.get("subscription") or "", "resourceGroup": c.get("resourceGroup") or "",
           "name": c.get("name") or ""}
    live = d / "live.json" if (d / "live.json").is_file() else GOLDEN / "change" / d.name / "live.json"
    if not out["name"] and live.is_file():
        try:
            items = json.loads(live.read_text())
            for item in items if isinstance(items, list) else [items]:
                m = PEERING_ID_RE.match(item.get("id", "")) if isinstance(item, dict) else None
                if m:
                    out = {"subscription": m.group("sub"), "resourceGroup": m.group("rg"), "name": m.group("circuit")}
                    break
        except (ValueError, OSError):
            pass
    return out


# --------------------------------------------------------------------------------------------------
# checks of one file
# --------------------------------------------------------------------------------------------------


class Checker:
    def __init__(self, schema: dict, report: Report, allow_key: bool) -> None:
        self.schema = schema
        self.r = report
        self.allow_key = allow_key

    # ---- entry point
    def run(self, d: Path) -> None:
        name = d.name
        tf_path = d / "main.tf"
        text = tf_path.read_text() if tf_path.is_file() else None
        if not self.r.check(text is not None, f"{name}: main.tf exists", f"no {tf_path}"):
            return
        try:
            import hcl2  # python-hcl2 8.1.4 (scripts/setup.sh)
            from hcl2 import SerializationOptions
        except ImportError as e:  # pragma: no cover - environment
            self.r.check(False, f"{name}: python-hcl2 is importable", f"{e} (run with .venv/bin/python)")
            return
        try:
            doc = hcl2.loads(text, serialization_options=SerializationOptions(with_comments=False))
        except Exception as e:  # noqa: BLE001 - any parse error fails
            self.r.check(False, f"{name}: parses as HCL2", f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
            return
        self.r.check(True, f"{name}: parses as HCL2")
        tf = TfFile(doc)
        self.r.check(not tf.problems, f"{name}: top-level blocks", tf.problems)

        self.check_terraform_block(name, tf)
        self.check_provider(name, tf)
        self.check_data_sources(name, tf)
        self.check_resources_schema(name, tf)
        self.check_variables(name, tf)
        self.check_references(name, tf)
        self.check_imports(name, tf)
        for (rtype, rname), body in sorted(tf.resources.items()):
            if rtype == PEERING:
                self.check_peering_rules(name, tf, rname, body)
                self.check_precondition(name, tf, rname, body)
        self.check_against_arm(name, d, tf)
        self.check_keys(name, d, tf, text)

    # ---- terraform block
    def check_terraform_block(self, name: str, tf: TfFile) -> None:
        errs: list[str] = []
        if len(tf.terraform) != 1:
            errs.append(f"{len(tf.terraform)} terraform blocks, need exactly 1")
        for tb in tf.terraform:
            for k in args_of(tb):
                if k not in TERRAFORM_ARGS:
                    errs.append(f"unknown argument or block `terraform.{k}`")
        rp_blocks = [b for tb in tf.terraform for b in blocks_of(tb, "required_providers")]
        azurerm = None
        if len(rp_blocks) != 1:
            errs.append(f"{len(rp_blocks)} required_providers blocks, need exactly 1")
        else:
            azurerm = rp_blocks[0].get("azurerm")
        if rp_blocks and not isinstance(azurerm, dict):
            errs.append("required_providers has no `azurerm = { source = ..., version = ... }`")
        self.r.check(not errs, f"{name}: one terraform block with required_providers.azurerm", errs)
        if not isinstance(azurerm, dict):
            return
        src = Value(azurerm.get("source"))
        self.r.check(src.kind == "string" and src.value == "hashicorp/azurerm",
                     f"{name}: required_providers.azurerm.source is \"hashicorp/azurerm\"", f"source = {src.describe()}")
        ver = Value(azurerm.get("version"))
        detail = ""
        ok = False
        if ver.kind != "string":
            detail = f"version = {ver.describe()} (need a literal constraint such as \"~> 4.0\")"
        else:
            cons = parse_constraints(ver.value)
            if cons is None:
                detail = f"cannot parse version constraint {json.dumps(ver.value)}"
            else:
                adm = admitted(cons)
                majors = sorted({v[0] for v in adm})
                ok = majors == [4]
                detail = (f"{json.dumps(ver.value)} admits majors {majors or 'none'}; need 4.x only "
                          "(e.g. \"~> 4.0\"; \"~> 4\" admits 5.x)")
        self.r.check(ok, f"{name}: azurerm version constraint means 4.x", detail)
        # required_version: the blocks used need Terraform >= 1.5 (import) / 1.2 (precondition)
        need = (1, 5, 0) if tf.imports else (1, 2, 0)
        rv = [tb.get("required_version") for tb in tf.terraform if "required_version" in tb]
        detail = ""
        ok = False
        if not rv:
            detail = f"no required_version (this file needs Terraform >= {'.'.join(map(str, need))})"
        else:
            v = Value(rv[0])
            cons = parse_constraints(v.value) if v.kind == "string" else None
            if cons is None:
                detail = f"cannot parse required_version {v.describe()}"
            else:
                adm = admitted(cons)
                ok = bool(adm) and min(adm) >= need
                detail = (f"required_version {json.dumps(v.value)} admits {'.'.join(map(str, min(adm))) if adm else 'nothing'}; "
                          f"this file needs >= {'.'.join(map(str, need))} ({'import blocks' if tf.imports else 'lifecycle preconditions'})")
        self.r.check(ok, f"{name}: required_version excludes Terraform without the blocks used", detail)

    # ---- provider
    def check_provider(self, name: str, tf: TfFile) -> None:
        errs: list[str] = []
        spec = self.schema["provider"]
        defaults = [b for n, b in tf.providers if n == "azurerm" and "alias" not in b]
        if len(defaults) != 1:
            errs.append(f"{len(defaults)} default provider \"azurerm\" blocks, need exactly 1")
        for pname, body in tf.providers:
            if pname not in spec:
                errs.append(f"provider \"{pname}\" is not in the schema")
                continue
            validate_body(body, spec[pname]["arguments"], f"provider.{pname}", errs)
            for fb in blocks_of(body, "features"):
                if args_of(fb):
                    errs.append("provider.azurerm.features must be empty here (its sub-blocks are not in the schema)")
        self.r.check(not errs, f"{name}: provider \"azurerm\" block against the schema", errs)

    # ---- data sources
    def check_data_sources(self, name: str, tf: TfFile) -> None:
        errs: list[str] = []
        spec = self.schema["data_sources"]
        if not any(t == CIRCUIT_DS for t, _ in tf.data):
            errs.append(f"no data \"{CIRCUIT_DS}\" (the precondition needs it)")
        for (t, n), body in sorted(tf.data.items()):
            if t not in spec:
                errs.append(f"data source {t} is not in the schema")
                continue
            validate_body(body, spec[t]["arguments"], f"data.{t}.{n}", errs, meta=META_RESOURCE,
                          timeouts=spec[t].get("timeouts"))
            validate_lifecycle(body, f"data.{t}.{n}", errs, data=True)
        self.r.check(not errs, f"{name}: data blocks against the schema", errs)

    # ---- resources
    def check_resources_schema(self, name: str, tf: TfFile) -> None:
        spec = self.schema["resources"]
        if not tf.resources:
            self.r.check(False, f"{name}: resource blocks", "no resource at all")
        for (t, n), body in sorted(tf.resources.items()):
            errs: list[str] = []
            if t not in spec:
                errs.append(f"resource type {t} is not in the schema")
            else:
                validate_body(body, spec[t]["arguments"], f"{t}.{n}", errs, meta=META_RESOURCE,
                              timeouts=spec[t].get("timeouts"))
                validate_lifecycle(body, f"{t}.{n}", errs)
            self.r.check(not errs, f"{name}: {t}.{n} against the schema", errs)

    # ---- variables
    def check_variables(self, name: str, tf: TfFile) -> None:
        errs: list[str] = []
        for vname, body in sorted(tf.variables.items()):
            for k, raw in args_of(body).items():
                if k not in VARIABLE_ARGS:
                    errs.append(f"unknown argument `variable.{vname}.{k}`")
                if k == "validation":
                    for vb in blocks_of(body, "validation"):
                        for ck in args_of(vb):
                            if ck not in CONDITION_ARGS:
                                errs.append(f"unknown argument `variable.{vname}.validation.{ck}`")
                        for ck in CONDITION_ARGS:
                            if Value(vb.get(ck)).kind == "null":
                                errs.append(f"missing `variable.{vname}.validation.{ck}`")
        self.r.check(not errs, f"{name}: variable blocks", errs)
        used = {m for t in expression_texts(tf.doc) for m in VAR_REF.findall(t)}
        undeclared = sorted(used - set(tf.variables))
        self.r.check(not undeclared, f"{name}: every var.NAME used is declared",
                     [f"var.{u} is not declared" for u in undeclared])
        key_vars = {v for v in tf.variables if "shared_key" in v}
        for (t, n), body in tf.resources.items():
            if t == PEERING and "shared_key" in body:
                key_vars |= {m for x in expression_texts({"k": body["shared_key"]}) for m in VAR_REF.findall(x)}
        bad = sorted(v for v in key_vars if v in tf.variables and lit(tf.variables[v], "sensitive") is not True)
        self.r.check(not bad, f"{name}: shared-key variables are sensitive = true",
                     [f"variable {b} is not sensitive = true" for b in bad])

    # ---- references to resources and data sources
    def check_references(self, name: str, tf: TfFile) -> None:
        errs: list[str] = []
        texts = expression_texts(without_keyword_args({k: v for k, v in tf.doc.items() if k != "import"}))
        for text in texts:
            for t, n, attr in DATA_REF.findall(text):
                body = tf.data.get((t, n))
                if body is None:
                    errs.append(f"data.{t}.{n} is not declared")
                elif attr and t in self.schema["data_sources"] and attr not in self.schema["data_sources"][t]["arguments"]:
                    errs.append(f"data.{t}.{n}.{attr}: {t} has no attribute `{attr}`")
            stripped = DATA_REF.sub("", text)
            for t, n, attr in RES_REF.findall(stripped):
                body = tf.resources.get((t, n))
                if body is None:
                    errs.append(f"{t}.{n} is not declared")
                elif attr and t in self.schema["resources"] and attr not in self.schema["resources"][t]["arguments"]:
                    errs.append(f"{t}.{n}.{attr}: {t} has no attribute `{attr}`")
            for ident in bare_names(text):
                if ident not in ROOT_NAMES and not any(ident == t for t, _ in tf.resources):
                    errs.append(f"`{ident}` in `{text}` is no variable, resource, data source or keyword")
        self.r.check(not errs, f"{name}: references name declared blocks and schema attributes", sorted(set(errs)))

    # ---- import blocks
    def check_imports(self, name: str, tf: TfFile) -> None:
        if not tf.imports:
            return
        seen: set[str] = set()
        sub_known, sub = tf.provider_subscription()
        for i, ib in enumerate(tf.imports):
            errs: list[str] = []
            for k in args_of(ib):
                if k not in ("to", "id", "provider", "for_each", "identity"):
                    errs.append(f"unknown argument `import.{k}`")
            to = Value(ib.get("to"))
            idv = Value(ib.get("id"))
            label = f"import #{i + 1}"
            m = re.fullmatch(r"(azurerm_\w+)\.(" + NAME + r")", to.text) if to.kind == "expr" else None
            target = None
            if not m:
                errs.append(f"`to` = {to.describe()} is not a resource address")
            else:
                label = f"import of {m.group(1)}.{m.group(2)}"
                target = (m.group(1), m.group(2))
                if target not in tf.resources:
                    errs.append(f"`to` names {m.group(1)}.{m.group(2)}, which is not declared")
                if f"{m.group(1)}.{m.group(2)}" in seen:
                    errs.append("a second import of the same resource")
                seen.add(f"{m.group(1)}.{m.group(2)}")
            if idv.kind != "string":
                errs.append(f"`id` = {idv.describe()} is not a literal resource ID")
            else:
                rid = idv.value
                if rid.rstrip("/").endswith("peering1"):
                    errs.append(f"id {rid} ends in peering1 (the provider docs' example; no such peering exists: "
                                "the last segment is the peering type)")
                body = tf.resources.get(target) if target else None
                if target and target[0] == PEERING and body is not None:
                    pm = PEERING_ID_RE.match(rid)
                    if not pm:
                        errs.append(f"id {rid} is not /subscriptions/S/resourceGroups/RG/providers/Microsoft.Network/"
                                    "expressRouteCircuits/C/peerings/TYPE")
                    else:
                        ptype = lit(body, "peering_type")
                        if pm.group("peering") != ptype:
                            errs.append(f"id ends in /peerings/{pm.group('peering')}, the resource's peering_type is {ptype!r}")
                        for arg, grp in (("resource_group_name", "rg"), ("express_route_circuit_name", "circuit")):
                            known, val = tf.resolve(body.get(arg))
                            if known and val != pm.group(grp):
                                errs.append(f"id has {grp} {pm.group(grp)!r}, the resource's {arg} is {val!r}")
                        if sub_known and sub and pm.group("sub").lower() != str(sub).lower():
                            errs.append(f"id has subscription {pm.group('sub')}, the provider's is {sub}")
                elif target and target[0] == ROUTE_FILTER and body is not None:
                    fm = ROUTE_FILTER_ID_RE.match(rid)
                    if not fm:
                        errs.append(f"id {rid} is not /subscriptions/S/resourceGroups/RG/providers/Microsoft.Network/routeFilters/NAME")
                    else:
                        known, rf_name = tf.resolve(body.get("name"))
                        if not known or fm.group("name") != rf_name:
                            errs.append(f"id ends in /routeFilters/{fm.group('name')}, the resource's name is {rf_name!r}")
                        known, rg = tf.resolve(body.get("resource_group_name"))
                        if known and rg != fm.group("rg"):
                            errs.append(f"id has resource group {fm.group('rg')!r}, the resource's is {rg!r}")
                        if sub_known and sub and fm.group("sub").lower() != str(sub).lower():
                            errs.append(f"id has subscription {fm.group('sub')}, the provider's is {sub}")
                elif target and target in tf.resources:
                    errs.append(f"import of {target[0]}, which this check does not know")
            self.r.check(not errs, f"{name}: {label}", errs)

    # ---- runtime rules of the peering resource (Create/Update errors in the provider)
    def check_peering_rules(self, name: str, tf: TfFile, rname: str, body: dict) -> None:
        errs: list[str] = []
        ptype = lit(body, "peering_type")
        has = lambda k: Value(body.get(k)).kind != "null"  # noqa: E731
        if has("route_filter_id") and ptype != "MicrosoftPeering":
            errs.append(f"route_filter_id with peering_type {ptype!r}: azurerm allows it only for MicrosoftPeering")
        if has("ipv6") and ptype == "AzurePublicPeering":
            errs.append("ipv6 with AzurePublicPeering: azurerm rejects it")
        if has("microsoft_peering_config") and ptype != "MicrosoftPeering":
            errs.append(f"microsoft_peering_config with peering_type {ptype!r} (it is only for MicrosoftPeering)")
        if ptype == "MicrosoftPeering":
            if has("primary_peer_address_prefix") and not has("microsoft_peering_config"):
                errs.append("MicrosoftPeering with IPv4 prefixes needs microsoft_peering_config")
            if has("microsoft_peering_config") and not (has("primary_peer_address_prefix") and has("secondary_peer_address_prefix")):
                errs.append("microsoft_peering_config needs primary_ and secondary_peer_address_prefix")
        for b in blocks_of(body, "ipv6"):
            if "microsoft_peering" in b and ptype != "MicrosoftPeering":
                errs.append(f"ipv6.microsoft_peering with peering_type {ptype!r}")
            if "route_filter_id" in b and ptype != "MicrosoftPeering":
                errs.append(f"ipv6.route_filter_id with peering_type {ptype!r}")
        self.r.check(not errs, f"{name}: {PEERING}.{rname} provider rules", errs)

    # ---- precondition
    def check_precondition(self, name: str, tf: TfFile, rname: str, body: dict) -> None:
        errs: list[str] = []
        conds = [c for lc in blocks_of(body, "lifecycle") for c in blocks_of(lc, "precondition")]
        found = False
        for c in conds:
            cv = Value(c.get("condition"))
            if cv.kind != "expr":
                continue
            ref = r"data\.(" + CIRCUIT_DS + r")\.(" + NAME + r")\.(\w+)"
            m = re.fullmatch(r"\s*" + ref + r'\s*==\s*"Provisioned"\s*', cv.text) or \
                re.fullmatch(r'\s*"Provisioned"\s*==\s*' + ref + r"\s*", cv.text)
            if not m:
                continue
            if (m.group(1), m.group(2)) not in tf.data:
                errs.append(f"precondition reads data.{m.group(1)}.{m.group(2)}, which is not declared")
            elif m.group(3) != PROVISIONING_ATTR:
                errs.append(f"precondition reads `{m.group(3)}`; the data source's attribute is `{PROVISIONING_ATTR}`")
            else:
                em = Value(c.get("error_message"))
                if em.kind not in ("string", "template") or (em.kind == "string" and not em.value.strip()):
                    errs.append("precondition has no error_message")
                else:
                    found = True
        if not found and not errs:
            errs.append(f"no lifecycle {{ precondition {{ condition = data.{CIRCUIT_DS}.<name>.{PROVISIONING_ATTR} "
                        "== \"Provisioned\" }}")
        self.r.check(found and not errs, f"{name}: {PEERING}.{rname} has the provisioning precondition", errs)

    # ---- ARM goldens
    def check_against_arm(self, name: str, d: Path, tf: TfFile) -> None:
        peering_files = {p.name[: -len(".arm.json")]: p for p in d.glob("*.arm.json") if not p.name.startswith("routefilter-")}
        rf_files = {p.name[len("routefilter-") : -len(".arm.json")]: p for p in d.glob("routefilter-*.arm.json")}
        peerings = {n: b for (t, n), b in tf.resources.items() if t == PEERING}
        filters = {n: b for (t, n), b in tf.resources.items() if t == ROUTE_FILTER}

        by_type: dict[str, str] = {}
        for rname, body in sorted(peerings.items()):
            ptype = lit(body, "peering_type")
            label = f"{name}: {PEERING}.{rname} equals {ptype}.arm.json"
            if not isinstance(ptype, str):
                self.r.check(False, label, "peering_type is not a literal")
                continue
            if ptype in by_type:
                self.r.check(False, label, f"two peering resources of type {ptype} ({by_type[ptype]}, {rname})")
                continue
            by_type[ptype] = rname
            arm_path = peering_files.get(ptype)
            if arm_path is None:
                self.r.check(False, label, f"no {ptype}.arm.json in {d.name}/ to compare with")
                continue
            arm = load_arm(arm_path)
            if arm is None:
                self.r.skip(label, f"{arm_path.name} is empty (the planner shows no ARM body); values not compared")
                continue
            if arm is False:
                self.r.check(False, label, f"{arm_path.name} is not JSON")
                continue
            ok, errs = compare_peering(tf, body, arm)
            self.r.check(ok, label, errs)
        missing = sorted(set(peering_files) - set(by_type))
        self.r.check(not missing, f"{name}: every peering ARM golden has its Terraform resource",
                     [f"{m}.arm.json has no {PEERING} with peering_type = \"{m}\"" for m in missing])

        by_name: dict[str, str] = {}
        for rname, body in sorted(filters.items()):
            known, fname = tf.resolve(body.get("name"))
            label = f"{name}: {ROUTE_FILTER}.{rname} equals routefilter-{fname}.arm.json"
            if not known:
                self.r.check(False, label, "name is not a literal")
                continue
            by_name[fname] = rname
            arm_path = rf_files.get(fname)
            if arm_path is None:
                self.r.check(False, label, f"no routefilter-{fname}.arm.json in {d.name}/ to compare with")
                continue
            arm = load_arm(arm_path)
            if arm is None:
                self.r.skip(label, f"{arm_path.name} is empty; values not compared")
                continue
            if arm is False:
                self.r.check(False, label, f"{arm_path.name} is not JSON")
                continue
            ok, errs = compare_route_filter(tf, body, arm)
            self.r.check(ok, label, errs)
        missing = sorted(set(rf_files) - set(by_name))
        self.r.check(not missing, f"{name}: every route filter ARM golden has its Terraform resource",
                     [f"routefilter-{m}.arm.json has no {ROUTE_FILTER} named \"{m}\"" for m in missing])

    # ---- shared keys
    def check_keys(self, name: str, d: Path, tf: TfFile, text: str) -> None:
        plan_path = find_plan(d)
        if not self.r.check(plan_path is not None, f"{name}: the plan is found (for its shared keys)",
                            f"none of {d}/plan.json, tests/golden/plans/{d.name}.json, tests/golden/change/{d.name}/plan.json"):
            return
        try:
            plan = json.loads(plan_path.read_text())
        except ValueError as e:
            self.r.check(False, f"{name}: the plan is JSON", f"{plan_path}: {e}")
            return
        keys: list[str] = []
        collect_keys(plan, keys)
        by_type = plan_keys_by_type(plan)
        if not self.allow_key:
            leaked = sorted({k for k in keys if k in text})
            self.r.check(not leaked, f"{name}: no shared key of the plan in main.tf ({len(set(keys))} key(s) looked for)",
                         [f"the key of the plan appears in main.tf ({len(k)} characters, starts {k[:2]!r})" for k in leaked])
        errs: list[str] = []
        for (t, n), body in sorted(tf.resources.items()):
            if t != PEERING:
                continue
            ptype = lit(body, "peering_type")
            v = Value(body.get("shared_key"))
            want = by_type.get(ptype) if isinstance(ptype, str) else None
            if v.kind == "string":
                if not self.allow_key:
                    errs.append(f"{n}: shared_key is a literal string (use a sensitive variable)")
                elif want is not None and v.value != want:
                    errs.append(f"{n}: shared_key literal differs from the plan's key for {ptype}")
            elif v.kind == "template":
                errs.append(f"{n}: shared_key is a string template (use a sensitive variable)")
            elif v.kind == "null" and want:
                errs.append(f"{n}: the plan has a shared key for {ptype} but shared_key is not set "
                            "(the key would never reach Azure)")
            elif v.kind == "expr" and not VAR_REF.search(v.text):
                errs.append(f"{n}: shared_key = {v.text} reads no variable")
        self.r.check(not errs, f"{name}: shared_key comes from a sensitive variable where the plan has a key", errs)
        c = plan_circuit(d, plan)
        cerrs: list[str] = []
        circuits = [b for (t, _), b in tf.data.items() if t == CIRCUIT_DS]
        for b in circuits:
            for arg, key in (("name", "name"), ("resource_group_name", "resourceGroup")):
                known, val = tf.resolve(b.get(arg))
                if c[key] and known and val != c[key]:
                    cerrs.append(f"data {CIRCUIT_DS}.{arg} is {val!r}, the plan's circuit has {c[key]!r}")
        known, sub = tf.provider_subscription()
        if c["subscription"] and known and str(sub).lower() != c["subscription"].lower():
            cerrs.append(f"provider subscription_id is {sub!r}, the plan's is {c['subscription']!r}")
        if c["subscription"] and not known:
            cerrs.append("the plan names a subscription but provider.azurerm.subscription_id is not set to it")
        if c["name"] or c["subscription"]:
            self.r.check(not cerrs, f"{name}: circuit and subscription equal the plan's", cerrs)


# --------------------------------------------------------------------------------------------------
# value comparison against the ARM goldens
# --------------------------------------------------------------------------------------------------


def load_arm(path: Path):
    text = path.read_text()
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return False


PEERING_PROPS = {"peeringType", "peerASN", "vlanId", "primaryPeerAddressPrefix", "secondaryPeerAddressPrefix",
                 "state", "sharedKey", "microsoftPeeringConfig", "routeFilter", "ipv6PeeringConfig", "connections"}
MS_PROPS = {"advertisedPublicPrefixes", "customerASN", "routingRegistryName", "advertisedCommunities", "legacyMode"}
IPV6_PROPS = {"primaryPeerAddressPrefix", "secondaryPeerAddressPrefix", "state", "microsoftPeeringConfig", "routeFilter"}


def tf_value(tf: TfFile, body: dict, key: str, default=None):
    """(known, value): the literal (or resolvable reference) of an argument; `default` when absent/null."""
    if body is None or Value(body.get(key)).kind == "null":
        return True, default
    raw = body[key]
    v = Value(raw)
    if v.kind == "list":
        vals = []
        for x in v.value:
            k, y = tf.resolve(x)
            if not k:
                return False, v.describe()
            vals.append(y)
        return True, vals
    known, val = tf.resolve(raw)
    return (True, val) if known else (False, v.describe())


def compare_scalar(errs: list[str], tf: TfFile, body, key: str, path: str, expected, arm_name: str, default=None) -> None:
    known, got = tf_value(tf, body, key, default)
    if not known:
        errs.append(f"{path} = {got} cannot be compared with ARM {arm_name} = {json.dumps(expected)}")
    elif got != expected:
        errs.append(f"{path} = {json.dumps(got)} but ARM {arm_name} = {json.dumps(expected)}")


def compare_ms_config(errs: list[str], tf: TfFile, block, arm_cfg, path: str, arm_path: str) -> None:
    if arm_cfg is None and block is None:
        return
    if arm_cfg is None:
        errs.append(f"{path} is set but ARM has no {arm_path}")
        return
    if block is None:
        errs.append(f"ARM has {arm_path} but Terraform has no {path} block")
        return
    for k in sorted(set(arm_cfg) - MS_PROPS):
        errs.append(f"ARM {arm_path}.{k} has no azurerm argument")
    compare_scalar(errs, tf, block, "advertised_public_prefixes", f"{path}.advertised_public_prefixes",
                   arm_cfg.get("advertisedPublicPrefixes"), f"{arm_path}.advertisedPublicPrefixes")
    compare_scalar(errs, tf, block, "customer_asn", f"{path}.customer_asn", arm_cfg.get("customerASN", 0),
                   f"{arm_path}.customerASN", default=0)
    compare_scalar(errs, tf, block, "routing_registry_name", f"{path}.routing_registry_name",
                   arm_cfg.get("routingRegistryName", "NONE"), f"{arm_path}.routingRegistryName", default="NONE")
    compare_scalar(errs, tf, block, "advertised_communities", f"{path}.advertised_communities",
                   arm_cfg.get("advertisedCommunities") or [], f"{arm_path}.advertisedCommunities", default=[])
    legacy = arm_cfg.get("legacyMode", 0)
    if legacy not in (0, None):
        errs.append(f"ARM {arm_path}.legacyMode = {legacy}: azurerm has no argument for it")


def compare_route_filter_ref(errs: list[str], tf: TfFile, body, key: str, path: str, arm_rf, arm_path: str) -> None:
    arm_id = arm_rf.get("id") if isinstance(arm_rf, dict) else None
    v = Value(body.get(key)) if body is not None else Value(None)
    if arm_id is None and v.kind == "null":
        return
    if arm_id is None:
        errs.append(f"{path} is set but ARM has no {arm_path}")
        return
    if v.kind == "null":
        errs.append(f"ARM {arm_path}.id = {arm_id} but Terraform has no {path}")
        return
    am = ROUTE_FILTER_ID_RE.match(arm_id)
    if v.kind == "string":
        if v.value != arm_id:
            errs.append(f"{path} = {json.dumps(v.value)} but ARM {arm_path}.id = {json.dumps(arm_id)}")
        return
    if v.kind == "expr":
        m = re.fullmatch(ROUTE_FILTER + r"\.(" + NAME + r")\.id", v.text)
        if not m:
            errs.append(f"{path} = {v.text} cannot be compared with ARM {arm_path}.id")
            return
        rf = tf.resources.get((ROUTE_FILTER, m.group(1)))
        if rf is None:
            errs.append(f"{path} refers to {ROUTE_FILTER}.{m.group(1)}, which is not declared")
            return
        known, rf_name = tf.resolve(rf.get("name"))
        if not am or not known or rf_name != am.group("name"):
            errs.append(f"{path} refers to route filter {rf_name!r} but ARM {arm_path}.id = {arm_id}")
            return
        known, rg = tf.resolve(rf.get("resource_group_name"))
        if known and rg != am.group("rg"):
            errs.append(f"{path}: route filter {rf_name!r} is in resource group {rg!r}, ARM's in {am.group('rg')!r}")
        known, sub = tf.provider_subscription()
        if known and sub and str(sub).lower() != am.group("sub").lower():
            errs.append(f"{path}: route filter {rf_name!r} is in the provider's subscription {sub}, ARM's is {am.group('sub')}")
        return
    if v.kind == "template":
        # each ${...} stands for one unknown path segment unless it resolves here
        pattern = ""
        rest = v.text
        for part in interpolations(v.text):
            before, rest = rest.split("${" + part + "}", 1)
            pattern += re.escape(decode_string(before)[0])
            known, val = tf.resolve("${" + part + "}")
            pattern += re.escape(str(val)) if known else SUB_RE
        pattern += re.escape(decode_string(rest)[0])
        if not re.fullmatch(pattern, arm_id):
            errs.append(f"{path} = \"{v.text}\" does not match ARM {arm_path}.id = {arm_id}")
        return
    errs.append(f"{path} = {v.describe()} cannot be compared with ARM {arm_path}.id")


def compare_peering(tf: TfFile, body: dict, arm: dict) -> tuple[bool, list[str]]:
    errs: list[str] = []
    props = arm.get("properties") if isinstance(arm, dict) else None
    if not isinstance(props, dict):
        return False, ["ARM body has no properties object"]
    for k in sorted(set(arm) - {"properties"}):
        errs.append(f"ARM top-level {k} has no azurerm counterpart")
    for k in sorted(set(props) - PEERING_PROPS):
        errs.append(f"ARM properties.{k} has no azurerm argument")
    compare_scalar(errs, tf, body, "peering_type", "peering_type", props.get("peeringType"), "peeringType")
    compare_scalar(errs, tf, body, "vlan_id", "vlan_id", props.get("vlanId"), "vlanId")
    compare_scalar(errs, tf, body, "peer_asn", "peer_asn", props.get("peerASN"), "peerASN")
    # ipv4_enabled <-> state; an IPv6-only body has no state (the service reports Disabled)
    want_ipv4 = props.get("state") == "Enabled" if "state" in props else False
    compare_scalar(errs, tf, body, "ipv4_enabled", "ipv4_enabled", want_ipv4,
                   f"state ({props.get('state', 'absent: IPv6-only')})", default=True)
    compare_scalar(errs, tf, body, "primary_peer_address_prefix", "primary_peer_address_prefix",
                   props.get("primaryPeerAddressPrefix"), "primaryPeerAddressPrefix")
    compare_scalar(errs, tf, body, "secondary_peer_address_prefix", "secondary_peer_address_prefix",
                   props.get("secondaryPeerAddressPrefix"), "secondaryPeerAddressPrefix")
    if "sharedKey" in props:
        v = Value(body.get("shared_key"))
        if v.kind == "null":
            errs.append("ARM has sharedKey but Terraform has no shared_key")
        elif v.kind == "string" and v.value != props["sharedKey"]:
            errs.append("shared_key differs from ARM sharedKey")
    ms_blocks = blocks_of(body, "microsoft_peering_config")
    compare_ms_config(errs, tf, ms_blocks[0] if ms_blocks else None, props.get("microsoftPeeringConfig"),
                      "microsoft_peering_config", "microsoftPeeringConfig")
    compare_route_filter_ref(errs, tf, body, "route_filter_id", "route_filter_id", props.get("routeFilter"), "routeFilter")
    v6 = blocks_of(body, "ipv6")
    arm6 = props.get("ipv6PeeringConfig")
    if v6 and arm6 is None:
        errs.append("ipv6 is set but ARM has no ipv6PeeringConfig")
    elif arm6 is not None and not v6:
        errs.append("ARM has ipv6PeeringConfig but Terraform has no ipv6 block")
    elif v6:
        b6 = v6[0]
        for k in sorted(set(arm6) - IPV6_PROPS):
            errs.append(f"ARM ipv6PeeringConfig.{k} has no azurerm argument")
        compare_scalar(errs, tf, b6, "primary_peer_address_prefix", "ipv6.primary_peer_address_prefix",
                       arm6.get("primaryPeerAddressPrefix"), "ipv6PeeringConfig.primaryPeerAddressPrefix")
        compare_scalar(errs, tf, b6, "secondary_peer_address_prefix", "ipv6.secondary_peer_address_prefix",
                       arm6.get("secondaryPeerAddressPrefix"), "ipv6PeeringConfig.secondaryPeerAddressPrefix")
        compare_scalar(errs, tf, b6, "enabled", "ipv6.enabled", arm6.get("state", "Enabled") == "Enabled",
                       f"ipv6PeeringConfig.state ({arm6.get('state', 'absent')})", default=True)
        ms6 = blocks_of(b6, "microsoft_peering")
        compare_ms_config(errs, tf, ms6[0] if ms6 else None, arm6.get("microsoftPeeringConfig"),
                          "ipv6.microsoft_peering", "ipv6PeeringConfig.microsoftPeeringConfig")
        compare_route_filter_ref(errs, tf, b6, "route_filter_id", "ipv6.route_filter_id", arm6.get("routeFilter"),
                                 "ipv6PeeringConfig.routeFilter")
    return not errs, errs


def normalise_location(s) -> str:
    return str(s).replace(" ", "").lower()


def compare_route_filter(tf: TfFile, body: dict, arm: dict) -> tuple[bool, list[str]]:
    errs: list[str] = []
    if not isinstance(arm, dict):
        return False, ["ARM route filter is not an object"]
    for k in sorted(set(arm) - {"location", "properties", "tags"}):
        errs.append(f"ARM route filter {k} has no azurerm counterpart")
    known, loc = tf.resolve(body.get("location"))
    if not known:
        errs.append(f"location = {Value(body.get('location')).describe()} cannot be compared with ARM location")
    elif normalise_location(loc) != normalise_location(arm.get("location")):
        errs.append(f"location = {json.dumps(loc)} but ARM location = {json.dumps(arm.get('location'))}")
    if arm.get("tags"):
        compare_scalar(errs, tf, body, "tags", "tags", arm["tags"], "tags")
    props = arm.get("properties") or {}
    for k in sorted(set(props) - {"rules"}):
        errs.append(f"ARM properties.{k} has no azurerm argument")
    rules = props.get("rules") or []
    v = Value(body.get("rule"))
    tf_rules = v.value if v.kind in ("block", "list") else []
    if len(tf_rules) != len(rules):
        errs.append(f"{len(tf_rules)} rule block(s) but ARM has {len(rules)} rule(s)")
    for i, (tr, ar) in enumerate(zip(tf_rules, rules)):
        ap = ar.get("properties") or {}
        p = "rule" if len(rules) == 1 else f"rule[{i}]"
        for k in sorted(set(ar) - {"name", "properties"}):
            errs.append(f"ARM rules[{i}].{k} has no azurerm argument")
        for k in sorted(set(ap) - {"access", "communities", "routeFilterRuleType"}):
            errs.append(f"ARM rules[{i}].properties.{k} has no azurerm argument")
        compare_scalar(errs, tf, tr, "name", f"{p}.name", ar.get("name"), f"rules[{i}].name")
        compare_scalar(errs, tf, tr, "access", f"{p}.access", ap.get("access"), f"rules[{i}].properties.access")
        compare_scalar(errs, tf, tr, "rule_type", f"{p}.rule_type", ap.get("routeFilterRuleType"),
                       f"rules[{i}].properties.routeFilterRuleType")
        compare_scalar(errs, tf, tr, "communities", f"{p}.communities", ap.get("communities"),
                       f"rules[{i}].properties.communities")
    return not errs, errs


# --------------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------------


def default_dirs() -> list[Path]:
    return sorted(p.parent for p in GOLDEN.glob("*/main.tf"))


def check_dirs(dirs: list[Path], *, allow_key: bool = False, quiet: bool = False, schema_file: Path = SCHEMA_FILE,
               report: Report | None = None) -> Report:
    """Checks each DIR/main.tf; returns the report (importable: selftest.py uses it)."""
    r = report or Report(quiet)
    schema = json.loads(Path(schema_file).read_text())
    checker = Checker(schema, r, allow_key)
    for d in dirs:
        checker.run(Path(d))
    return r


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path, help="directories holding a main.tf (default: every tests/golden/*/ with one)")
    ap.add_argument("--allow-key", action="store_true",
                    help="the file was generated with the shared key ticked: the plan's key may appear")
    ap.add_argument("--quiet", action="store_true", help="print FAIL and SKIP lines only (and the summary)")
    ap.add_argument("--schema", type=Path, default=SCHEMA_FILE)
    args = ap.parse_args(argv)
    dirs = args.dirs or default_dirs()
    r = Report(args.quiet)
    r.check(bool(dirs), "check_tf: main.tf files to check",
            f"no main.tf under {GOLDEN}/*/ (the Terraform goldens are written by "
            "UPDATE_GOLDEN=1 cargo test --test emit_golden); a check that checks nothing does not pass")
    check_dirs(dirs, allow_key=args.allow_key, schema_file=args.schema, report=r)
    print(r.summary())
    return 0 if r.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
