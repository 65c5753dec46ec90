"""Conformance of the planner's bash blocks: pasted into REAL bash and zsh, run against the REAL azure-cli 2.91.0
talking to a STATEFUL fake ARM (fake_arm.py through azd.py / shells.py), through live-circuit scenarios.

For each reference plan (create mode: tests/golden/plans/<plan>.json; change mode:
tests/golden/change/<plan>/{live.json, plan.json}) and its golden blocks (tests/golden/<plan>/az.bash,
cleanup.bash, rollback.bash, <Peering>.rest.bash with <Peering>.arm.json), in bash AND zsh:

create mode   1 fresh circuit  2 the same block twice  3 planned peering live with other values  4 planned VLAN
              used by another live peering  5 a 409 on the last PUT, then a re-run  6 circuit not provisioned
              7 clean-up (no opt-in / opt-in / changed by someone else / Global Reach connection left)
              8 the az rest block of each peering (fresh circuit with Updating GETs, again, live conflict)
              9 rollback.bash says there is no rollback
              route filters the plan creates (routeFilterRule): 1/2 cover their steps too; 8-rest-before-filter
              10 the filter exists with another rule / other communities / no rule  11 ... in another region
              12 its resource group does not exist  13 clean-up with the filter's opt-in (and every opt-in),
              twice  14 clean-up: the rule changed / another filter attached  15 routefilter-<NAME>.rest.bash
change mode   1 apply on the live seed  2 apply twice  3 drift of an edited value before applying
              4 clean-up after apply  5 rollback after apply, twice, and on the untouched seed
              6 the az rest block of each peering on the live seed, and again
              route filters the plan manages: 1 and 5 check the rule update; 7 routefilter-<NAME>.rest.bash
plus the regression demos of the seed article's failing az forms.

What each block sends is checked request by request (README.md "Scenarios and checks"; the accepted
differences between az's requests and our ARM bodies are in its table). A failing check is a finding: the
harness never works around an emitted-script bug.

Prints every failure, one summary row per (plan, scenario) with both shells, and as the last line
`conformance: N passed, M failed`; writes target/conformance/summary.json (one row per plan, scenario and
shell: exit code and GET/PUT/DELETE/POST counts); exit status 1 on any failure.

    python tests/conformance/harness.py [--workers 3] [--only PLAN[,PLAN]] [--shells bash,zsh]
"""
import argparse
import concurrent.futures
import copy
import json
import os
import re
import shlex
import sys
import time
import traceback

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import shells  # noqa: E402
from fake_arm import (fault, new_state, resource_group, route_filter, route_filter_id,  # noqa: E402
                      seed_peerings, seed_route_filter)

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
GOLDEN = os.path.join(REPO, "tests", "golden")
CHANGE = os.path.join(GOLDEN, "change")
EXPECTED = os.path.join(REPO, "target", "conformance")
STUB_SUBSCRIPTION = "11111111-2222-3333-4444-555555555555"
API_VERSION = "2024-05-01"
SHELLS = ("bash", "zsh")
BLOCK_TIMEOUT = 150
WRITE_METHODS = ("PUT", "DELETE", "PATCH")

# Server-set or read-only properties (domain.md §9): never compared.
READ_ONLY = {"provisioningState", "azureASN", "primaryAzurePort", "secondaryAzurePort", "gatewayManagerEtag",
             "lastModifiedBy", "stats", "peeredConnections", "expressRouteConnection",
             "advertisedPublicPrefixesState",
             # az prints a sub-resource reference with its resource group (`routeFilter.resourceGroup`);
             # ARM neither needs nor stores it.
             "resourceGroup"}
# Change mode: fields of a live peering the planner does not model (kept by az's update; README).
UNMODELLED = {"legacyMode", "advertisedCommunities"}
# Read-only fields of a Global Reach connection (az's PUT leaves them out, and so does our body).
CONNECTION_READ_ONLY = {"etag", "type", "resourceGroup", "provisioningState", "circuitConnectionStatus"}
# What must never appear in a block's stderr: az rejecting its arguments, a crash, the shell failing to parse.
PARSE_ERRORS = ("unrecognized arguments", "the following arguments are required", "Failed to parse",
                "is not a valid value", "Traceback", "command not found", "no matches found", "bad pattern",
                "parse error", "syntax error", "unbound variable", "bad substitution")
# The circuit-read columns of the blocks (er_fields): the values the drift check can see.
COLUMNS = ("vlanId", "peerASN", "primaryPeerAddressPrefix", "secondaryPeerAddressPrefix",
           "microsoftPeeringConfig.advertisedPublicPrefixes", "microsoftPeeringConfig.customerASN",
           "microsoftPeeringConfig.routingRegistryName", "routeFilter.id",
           "ipv6PeeringConfig.primaryPeerAddressPrefix", "ipv6PeeringConfig.secondaryPeerAddressPrefix",
           "ipv6PeeringConfig.microsoftPeeringConfig.advertisedPublicPrefixes",
           "ipv6PeeringConfig.microsoftPeeringConfig.customerASN",
           "ipv6PeeringConfig.microsoftPeeringConfig.routingRegistryName", "ipv6PeeringConfig.routeFilter.id")


# ---------------------------------------------------------------------------------------------------------
# JSON comparison helpers (the old harness's rules).

def flatten(value, prefix=""):
    """Leaf paths of a JSON object without read-only keys; lists are leaves, an empty nested object too."""
    out = {}
    if isinstance(value, dict):
        for k, v in value.items():
            if k in READ_ONLY:
                continue
            out.update(flatten(v, f"{prefix}{k}."))
        if not value and prefix:
            out[prefix.rstrip(".")] = {}
        return out
    out[prefix.rstrip(".")] = value
    return out


def strip_connection(value):
    if isinstance(value, dict):
        return {k: strip_connection(v) for k, v in value.items() if k not in CONNECTION_READ_ONLY}
    if isinstance(value, list):
        return [strip_connection(v) for v in value]
    return value


def comparable(props):
    """Change mode: leaf paths to compare: no read-only or unmodelled field, no empty value, connections
    without their read-only fields."""
    out = {}
    for k, v in flatten(props or {}).items():
        if any(part in UNMODELLED for part in k.split(".")) or v in (None, [], {}):
            continue
        # az prints an unset customer ASN as 0 (domain.md §9 import: 0 is "not set").
        if k.endswith("customerASN") and v == 0:
            continue
        out[k] = strip_connection(v) if k == "connections" else v
    return out


def same(key, a, b):
    """Equal, route filter IDs ignoring case (README: accepted difference)."""
    if key.endswith("routeFilter.id") and isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    return a == b


def diff_maps(got, want):
    return {k: {"got": got.get(k), "want": want.get(k)} for k in sorted(set(got) | set(want))
            if not same(k, got.get(k), want.get(k))}


def get_path(obj, dotted):
    for part in dotted.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(part)
    return obj


def set_path(obj, dotted, value):
    parts = dotted.split(".")
    for part in parts[:-1]:
        if not isinstance(obj.get(part), dict):
            obj[part] = {}
        obj = obj[part]
    obj[parts[-1]] = value


def js(value, limit=1500):
    text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= limit else text[:limit] + "..."


# ---------------------------------------------------------------------------------------------------------
# Plans.

class Plan:
    """One reference plan: its circuit, our ARM bodies, keys, golden blocks and (change mode) live seed."""

    def __init__(self, name, change):
        self.name = name
        self.change = change
        self.dir = os.path.join(GOLDEN, name)
        if change:
            self.doc = load_json(os.path.join(EXPECTED, name, "plan.json"))
            self.seed = seed_peerings(load_json(os.path.join(CHANGE, name, "live.json")))
        else:
            self.doc = load_json(os.path.join(GOLDEN, "plans", f"{name}.json"))
            self.seed = {}
        circuit = self.doc["circuit"]
        self.has_subscription = bool(circuit.get("subscription"))
        # Azure reports subscription IDs in lower case; the expected bodies assume the stub without one.
        self.subscription = (circuit.get("subscription") or STUB_SUBSCRIPTION).lower()
        self.rg = circuit["resourceGroup"]
        self.circuit = circuit["name"]
        self.peerings = [p["type"] for p in self.doc["peerings"]]
        self.keys = {p["type"]: p.get("sharedKey") or "" for p in self.doc["peerings"]}
        self.expected = {p: load_json(os.path.join(EXPECTED, name, f"{p}.expected.json"))["properties"]
                         for p in self.peerings}
        self.blocks = {}
        for block in ("az", "cleanup", "rollback"):
            self.blocks[block] = read_text(os.path.join(self.dir, f"{block}.bash"))
        self.rest = {p: read_text(os.path.join(self.dir, f"{p}.rest.bash")) for p in self.peerings}
        self.arm = {p: read_text(os.path.join(self.dir, f"{p}.arm.json")) for p in self.peerings}
        # Route filters the plan creates (or, change mode, manages): from the plan's routeFilterRule.
        self.filters = plan_filters(self)
        for f in self.filters:
            f["arm_text"] = read_text(os.path.join(self.dir, f"routefilter-{f['name']}.arm.json"))
            f["arm"] = json.loads(f["arm_text"]) if f["arm_text"] else None
            f["rest"] = read_text(os.path.join(self.dir, f"routefilter-{f['name']}.rest.bash"))
        self.filter_files = sorted(n[len("routefilter-"):-len(".arm.json")] for n in os.listdir(self.dir)
                                   if n.startswith("routefilter-") and n.endswith(".arm.json"))
        # Change mode: the live route filters (az network route-filter show output), when the plan has them.
        self.filter_seed = []
        if change:
            seed_path = os.path.join(CHANGE, name, "filter.json")
            if os.path.exists(seed_path):
                shown = load_json(seed_path)
                self.filter_seed = [seed_route_filter(x) for x in (shown if isinstance(shown, list) else [shown])]

    # the environment a block needs -------------------------------------------------------------------
    def key_env(self):
        """ER_SHARED_KEY when the plan's peerings share one key, else ER_SHARED_KEY_PRIVATE / _MICROSOFT."""
        keys = {p: k for p, k in self.keys.items() if k}
        if not keys:
            return {}
        if len(set(keys.values())) == 1:
            return {"ER_SHARED_KEY": next(iter(keys.values()))}
        return {"ER_SHARED_KEY_" + ("MICROSOFT" if p == "MicrosoftPeering" else "PRIVATE"): k for p, k in keys.items()}

    @staticmethod
    def delete_env(peerings):
        return {f"ER_DELETE_{p.upper()}": "yes" for p in peerings}

    def state(self, peerings=None, **kw):
        """The fake circuit: the plan's subscription, group and name; `peerings` (default: the live seed).
        The signed-in account also lists every other subscription the plan's blocks name (a route filter
        there: az authenticates to it as an auxiliary subscription, as a real user's account must allow;
        the old harness's `capture` did the same)."""
        if self.filters or self.filter_seed:
            # The circuit's resource group and every group a planned filter uses exist; a create-mode plan's
            # peering PUTs must name route filters that exist (change mode: the seed has no filter of
            # another group, e.g. a filter named by full ID).
            kw.setdefault("resource_groups", self.resource_groups())
            kw.setdefault("route_filters", copy.deepcopy(self.filter_seed))
            kw.setdefault("route_filter_refs", not self.change)
        return new_state(self.subscription, self.rg, self.circuit,
                         peerings=copy.deepcopy(self.seed if peerings is None else peerings),
                         extra_subscriptions=self.other_subscriptions(), **kw)

    def created_filters(self):
        """The route filters of this (create-mode) plan as its blocks create them."""
        return [route_filter(self.subscription, f["rg"], f["name"], f["location"], f["rule"], f["communities"])
                for f in self.filters] if not self.change else []

    def resource_groups(self, without=()):
        """The circuit's resource group and those of the planned and seeded filters (all in westeurope: a
        group's region says nothing about its resources'), minus `without` (names, any case)."""
        names = [self.rg] + [f["rg"] for f in self.filters] + [f["resourceGroup"] for f in self.filter_seed]
        out = []
        for n in names:
            if n.lower() not in (x.lower() for x in out) and n.lower() not in (w.lower() for w in without):
                out.append(n)
        return [resource_group(self.subscription, n, "westeurope") for n in out]

    def filter_id(self, f):
        return route_filter_id(self.subscription, f["rg"], f["name"])

    def filter_path(self, f):
        return self.filter_id(f)

    def filter_show(self, f):
        sub = f" --subscription {self.subscription}" if self.has_subscription else ""
        return f"az network route-filter show{sub} -g {shlex.quote(f['rg'])} -n {shlex.quote(f['name'])} -o json"

    def filter_opt_in(self, f):
        """The clean-up's opt-in variable for filter f, as its header names it."""
        m = re.search(r"To delete route filter " + re.escape(f["name"]) + r": change the first line to\s+"
                      r"(ER_DELETE_ROUTEFILTER_\w+)=yes", self.blocks.get("cleanup") or "")
        return m.group(1) if m else None

    def other_subscriptions(self):
        texts = list(self.blocks.values()) + list(self.rest.values())
        subs = {m.lower() for text in texts if text for m in shells.SUBSCRIPTION_RE.findall(text)}
        return sorted(subs - {self.subscription})

    def peering_path(self, p):
        return (f"/subscriptions/{self.subscription}/resourceGroups/{self.rg}/providers/Microsoft.Network"
                f"/expressRouteCircuits/{self.circuit}/peerings/{p}")

    def show_command(self, p):
        sub = f" --subscription {self.subscription}" if self.has_subscription else ""
        return (f"az network express-route peering show{sub} -g {shlex.quote(self.rg)} "
                f"--circuit-name {shlex.quote(self.circuit)} -n {p} -o json")

    # change mode ------------------------------------------------------------------------------------------
    def edited(self, p):
        """A live peering the plan changes (a modelled value or the shared key)."""
        return p in self.seed and p in self.expected and (
            bool(diff_maps(comparable(self.seed[p]), comparable(self.expected[p]))) or bool(self.keys.get(p)))

    def key_only(self, p):
        return p in self.seed and p in self.expected and bool(self.keys.get(p)) and \
            not diff_maps(comparable(self.seed[p]), comparable(self.expected[p]))

    def dropped(self):
        return [p for p in self.seed if p not in self.expected]

    def created(self):
        return [p for p in self.peerings if p not in self.seed]

    def kept(self):
        return [p for p in self.seed if p in self.expected]


def plan_filters(plan):
    """[{name, rg, location, rule, communities, families: [(peering, "ipv4"|"ipv6")]}] of the plan's
    routeFilterRule entries, one per resource group and name (README "Route filters": the group defaults to
    the circuit's, or the one of the filter's ID; the rule name to allow-communities)."""
    out = []
    for p in plan.doc.get("peerings") or []:
        for fam in ("ipv4", "ipv6"):
            cfg = p.get(fam) or {}
            rule = cfg.get("routeFilterRule")
            ref = cfg.get("routeFilter") or ""
            if not isinstance(rule, dict) or not ref:
                continue
            parts = [x for x in ref.split("/") if x]
            if ref.startswith("/") and len(parts) >= 8:
                rg, name = parts[3], parts[7]
            else:
                rg, name = (rule.get("resourceGroup") or plan.rg), ref
            f = next((x for x in out if x["rg"].lower() == rg.lower() and x["name"].lower() == name.lower()), None)
            if f is None:
                f = {"name": name, "rg": rg, "location": rule.get("location"),
                     "rule": rule.get("ruleName") or "allow-communities",
                     "communities": list(rule.get("communities") or []), "families": []}
                out.append(f)
            f["families"].append((p["type"], fam))
    return out


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_text(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return f.read()


def plan_names():
    create = sorted(f[:-5] for f in os.listdir(os.path.join(GOLDEN, "plans")) if f.endswith(".json"))
    change = sorted(n for n in os.listdir(CHANGE) if os.path.exists(os.path.join(CHANGE, n, "live.json"))) \
        if os.path.isdir(CHANGE) else []
    return [(n, False) for n in create] + [(n, True) for n in change]


# ---------------------------------------------------------------------------------------------------------
# Blocks: steps and the az invocations of a run.

STEP_RE = re.compile(r"^# Step (\d+): (.*)$", re.M)
WRITE_LINE_RE = re.compile(r"^\s*az (network express-route peering (?:connection delete|create|update|delete)"
                           r"|network route-filter (?:rule )?(?:create|update|delete)"
                           r"|rest --method (?:put|delete|patch))\b(.*)$", re.M | re.I)


def steps(text):
    """[{n, title, write, peering}] of a block: a write step holds an az line that writes."""
    heads = list(STEP_RE.finditer(text or ""))
    out = []
    for i, m in enumerate(heads):
        section = text[m.end():heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        writes = WRITE_LINE_RE.findall(section)
        peering = None
        if writes:
            kind, rest = writes[0]
            if "route-filter" in kind or (kind.startswith("rest") and "/routeFilters/" in rest):
                pm = None  # a route filter step: no peering
            elif kind.startswith("rest"):
                pm = re.search(r"/peerings/([A-Za-z]+)", rest)
            elif "connection" in kind:
                pm = re.search(r"--peering-name '?([A-Za-z]+)", rest)
            else:
                pm = re.search(r"(?:--peering-type|-n|--name) '?([A-Za-z]+)", rest)
            peering = pm.group(1) if pm else None
        out.append({"n": int(m.group(1)), "title": m.group(2), "write": bool(writes), "peering": peering})
    return out


def write_steps(text):
    return [s for s in steps(text) if s["write"]]


def invocations(r):
    """The az invocations of a run, in order, each with its requests and exit code (a block runs its az
    commands one after the other, so the log is a sequence of az / request... / az-exit)."""
    out = []
    cur = None
    for e in r.log:
        kind = e.get("kind")
        if kind == "az":
            cur = {"argv": e["argv"], "requests": [], "exit": None}
            out.append(cur)
        elif kind == "request":
            if cur is None:
                cur = {"argv": e.get("argv"), "requests": [], "exit": None}
                out.append(cur)
            cur["requests"].append(e)
        elif kind == "az-exit" and cur is not None:
            cur["exit"] = e["exit"]
            cur = None
    return out


def peering_of(argv):
    if argv[:3] == ["network", "express-route", "peering"]:
        for flag in (("--peering-name",) if argv[3:4] == ["connection"] else ()) + ("-n", "--name", "--peering-type"):
            if flag in argv:
                return argv[argv.index(flag) + 1]
    if argv[:1] == ["rest"] and "--url" in argv:
        m = re.search(r"/peerings/([^/?]+)", argv[argv.index("--url") + 1])
        return m.group(1) if m else None
    return None


def kind_of(argv):
    if argv[:4] == ["network", "express-route", "peering", "connection"]:
        return "connection " + (argv[4] if len(argv) > 4 else "")
    if argv[:3] == ["network", "express-route", "peering"] and len(argv) > 3:
        return argv[3]
    return " ".join(argv[:2])


def target_of(q):
    """(peering, connection) a request addresses (None when it is not below /peerings/)."""
    m = re.search(r"/peerings/([^/?]+)(?:/connections/([^/?]+))?$", q["path"])
    return (m.group(1), m.group(2)) if m else (None, None)


def reqs(r, *methods):
    return [q for q in r.requests if not methods or q["method"] in methods]


def writes(r):
    return reqs(r, *WRITE_METHODS)


def counts(r):
    return {m: len(reqs(r, m)) for m in ("GET", "PUT", "DELETE", "POST")}


def short(q):
    peering, conn = target_of(q)
    where = (peering or q["path"].rsplit("/", 1)[-1]) + (f"/connections/{conn}" if conn else "")
    return f"{q['method']} {where} {q['status']}"


def dump(r, n=1500):
    return (f"exit={r.exit_code} timed_out={r.timed_out}\n--- stdout (tail)\n{r.stdout[-n:]}\n--- stderr (tail)\n"
            f"{r.stderr_clean[-n:]}\n--- requests: {[short(q) for q in r.requests]}\n--- az exits: "
            f"{[(' '.join(a[:4]) + (' -n ' + str(peering_of(a)) if peering_of(a) else ''), c) for a, c in r.az_exits]}")


# ---------------------------------------------------------------------------------------------------------
# One task (a plan and a shell, or one az rest block): its checks and summary rows.

class Task:
    def __init__(self, plan, shell):
        self.plan = plan
        self.shell = shell
        self.checks = []  # (ok, label, detail)
        self.rows = []

    def check(self, ok, scenario, what, detail=""):
        self.checks.append((bool(ok), f"{self.plan.name if self.plan else 'demo'} [{scenario}] {self.shell}: {what}",
                            "" if ok else (detail if isinstance(detail, str) else js(detail))))
        return bool(ok)

    def run(self, scenario, text, state, env=None, files=None, az_failures=0, rejected_args=False):
        """Pastes `text`; records the summary row; common checks: no timeout, no network, every az call
        reported, requests only to ARM, no parse / shell error, every az exits 0 but `az_failures`,
        --subscription on every `az network` call when the plan has one."""
        t0 = time.monotonic()
        r = shells.run_block(self.shell, text, state, env=env, files=files, timeout=BLOCK_TIMEOUT)
        r.invs = invocations(r)
        row = {"plan": self.plan.name if self.plan else "demo", "scenario": scenario, "shell": self.shell,
               "seq": len(self.rows),
               "exit": r.exit_code, **counts(r), "az": len(r.az_calls), "seconds": round(time.monotonic() - t0, 2)}
        self.rows.append(row)
        c = lambda ok, what, detail="": self.check(ok, scenario, what, detail)  # noqa: E731
        c(not r.timed_out, "finishes (no timeout)", dump(r))
        c(not r.network_attempts, "no network access", js(r.network_attempts))
        c(len(r.az_exits) == len(r.az_calls), "every az invocation reports its exit code", dump(r))
        c({q["host"] for q in r.requests} <= {"management.azure.com"}, "requests only to ARM",
          sorted({str(q["host"]) for q in r.requests}))
        failed = [(a, code) for a, code in r.az_exits if code != 0]
        c(len(failed) <= az_failures, f"every az call exits 0{f' (but {az_failures} expected failure)' if az_failures else ''}",
          dump(r))
        text_err = r.stderr_clean
        bad = [m for m in PARSE_ERRORS if m in text_err and not (rejected_args and m == "unrecognized arguments")]
        c(not bad, "no parse or shell error in stderr", f"{bad}: {text_err[-1200:]}")
        if self.plan and self.plan.has_subscription:
            sub = self.plan.subscription
            missing = [a for a in r.az_calls if a[:1] == ["network"]
                       and not ("--subscription" in a and a[a.index("--subscription") + 1] == sub)]
            c(not missing, "--subscription on every az network call", js(missing, 600))
        c(not any(a[:2] == ["account", "set"] for a in r.az_calls), "never az account set")
        secrets = [v for k, v in (env or {}).items() if k.startswith("ER_SHARED_KEY") and v]
        c(not any(v in r.stdout or v in r.stderr for v in secrets), "never prints the shared key")
        return r


def clean(state):
    """A state to start the next block from: the fake's bookkeeping and faults dropped."""
    st = copy.deepcopy(state)
    st.pop("pending", None)
    st["faults"] = []
    st["updating_gets"] = 0
    return st


# ---------------------------------------------------------------------------------------------------------
# Request-body checks.

def check_create(t, sc, inv):
    """A create PUT equals our ARM body for the family it creates (README: accepted differences)."""
    plan = t.plan
    argv = inv["argv"]
    p = peering_of(argv)
    label = f"create {p}"
    puts = [q for q in inv["requests"] if q["method"] == "PUT"]
    if not t.check(len(puts) == 1, sc, f"{label}: one PUT", [short(q) for q in inv["requests"]]):
        return
    if not t.check(p in plan.expected, sc, f"{label}: creates a planned peering"):
        return
    got = flatten(puts[0]["body"]["properties"])
    ipv6_only = "--ip-version" in argv
    want = {k: v for k, v in flatten(plan.expected[p]).items()
            if "routeFilter" not in k and (ipv6_only or not k.startswith("ipv6PeeringConfig"))}
    for accepted in ("state", "ipv6PeeringConfig.state"):  # az's create sends no state: ARM defaults it
        if accepted not in got:
            want.pop(accepted, None)
    extra = {k: v for k, v in got.items() if k not in want}
    sent_key = extra.pop("sharedKey", None)
    t.check(sent_key == (plan.keys.get(p) or None), sc, f"{label}: sends the plan's shared key (none without one)",
            repr(sent_key))
    t.check(not diff_maps({k: got.get(k) for k in want}, want), sc, f"{label}: create body equals our ARM body",
            diff_maps({k: got.get(k) for k in want}, want))
    t.check(not extra, sc, f"{label}: create body has nothing else", extra)


def check_add_update(t, sc, inv):
    """An update of a peering this plan creates: one GET, one PUT that keeps every field of the GET and adds
    only values of our ARM body (the IPv6 update adds the whole IPv6 family)."""
    plan = t.plan
    argv = inv["argv"]
    p = peering_of(argv)
    label = f"update {p}"
    puts = [q for q in inv["requests"] if q["method"] == "PUT"]
    gets = [q for q in inv["requests"] if q["method"] == "GET" and target_of(q) == (p, None)]
    # az's LRO poller GETs the peering after the PUT: the update's own read is the GET before the PUT.
    first_put = next((i for i, q in enumerate(inv["requests"]) if q["method"] == "PUT"), None)
    reads = [q for q in inv["requests"][:first_put] if q["method"] == "GET"] if first_put is not None else gets
    if not t.check(len(puts) == 1 and len(reads) == 1, sc, f"{label}: one GET, one PUT",
                   [short(q) for q in inv["requests"]]):
        return
    exp = flatten(plan.expected[p])
    before = flatten(reads[0]["response"]["properties"])
    after = flatten(puts[0]["body"]["properties"])
    lost = {k: v for k, v in before.items() if k not in after}
    t.check(not lost, sc, f"{label}: keeps every field of its GET", lost)
    changed = {k: (before[k], after[k]) for k in before if k in after and not same(k, before[k], after[k])}
    t.check(not changed, sc, f"{label}: changes no existing field", changed)
    added = {k: v for k, v in after.items() if k not in before}
    wrong = {k: {"sent": v, "ours": exp.get(k)} for k, v in added.items() if not same(k, exp.get(k), v)}
    t.check(added and not wrong, sc, f"{label}: adds exactly values of our ARM body", wrong or "adds nothing")
    if "--route-filter" not in argv and not any(a.startswith("ipv6PeeringConfig.routeFilter") for a in argv) \
            and any(a.startswith("ipv6PeeringConfig.") for a in argv):
        want_v6 = {k: v for k, v in exp.items() if k.startswith("ipv6PeeringConfig.") and "routeFilter" not in k}
        t.check(not diff_maps({k: after.get(k) for k in want_v6}, want_v6), sc, f"{label}: sets the whole IPv6 family",
                diff_maps({k: after.get(k) for k in want_v6}, want_v6))


def check_live_update(t, sc, inv, target, key, what="our ARM body"):
    """An update of a live peering: one GET, one PUT; every field that differs between them now holds the
    target's value (or is gone where the target has none); every other field, the unmodelled ones and the
    Global Reach connections included, is kept; the shared key is sent only when `key` (the plan's)."""
    argv = inv["argv"]
    p = peering_of(argv)
    label = f"update {p}"
    puts = [q for q in inv["requests"] if q["method"] == "PUT"]
    first_put = next((i for i, q in enumerate(inv["requests"]) if q["method"] == "PUT"), None)
    reads = [q for q in inv["requests"][:first_put] if q["method"] == "GET"] if first_put is not None else []
    if not t.check(len(puts) == 1 and len(reads) == 1, sc, f"{label}: one GET, one PUT",
                   [short(q) for q in inv["requests"]]):
        return
    exp = comparable(target)
    exp.pop("sharedKey", None)
    before_props = dict(reads[0]["response"]["properties"])
    got_key = before_props.pop("sharedKey", None)
    after_props = dict(puts[0]["body"]["properties"])
    sent_key = after_props.pop("sharedKey", None)
    if key:
        t.check(sent_key == key, sc, f"{label}: sends the plan's shared key", repr(sent_key))
    else:
        t.check(sent_key == got_key, sc, f"{label}: sends no shared key of its own (the plan has none)",
                f"sent {sent_key!r}, the GET had {got_key!r}")
    before = comparable(before_props)
    after = comparable(after_props)
    diff = {k: (before.get(k), after.get(k)) for k in set(before) | set(after) if not same(k, before.get(k), after.get(k))}
    wrong = {k: {"GET": b, "PUT": a, "target": exp.get(k)} for k, (b, a) in diff.items() if not same(k, a, exp.get(k))}
    t.check(diff or (key and sent_key == key), sc, f"{label}: changes something")
    t.check(not wrong, sc, f"{label}: changes exactly toward {what}, keeps every other field", wrong)
    raw_before = flatten(before_props)
    raw_after = flatten(after_props)

    def parent_removed(k):
        parts = k.split(".")
        return any(not any(x == ".".join(parts[:n]) or x.startswith(".".join(parts[:n]) + ".") for x in raw_after)
                   for n in range(1, len(parts)))
    kept = {k: (v, raw_after.get(k)) for k, v in raw_before.items()
            if any(part in UNMODELLED for part in k.split(".")) and raw_after.get(k) != v and not parent_removed(k)}
    t.check(not kept, sc, f"{label}: keeps the fields the planner does not model", kept)


def check_invocations(t, sc, r, rollback=False):
    """Body checks of every writing az invocation of a run."""
    plan = t.plan
    for inv in r.invs:
        argv = inv["argv"] or []
        kind = kind_of(argv)
        p = peering_of(argv)
        if kind == "create":
            check_create(t, sc, inv)
        elif kind == "update" and p in plan.seed:
            target = plan.seed[p] if rollback else plan.expected.get(p, {})
            check_live_update(t, sc, inv, target, None if rollback else plan.keys.get(p),
                              "the imported values" if rollback else "our ARM body")
        elif kind == "update":
            check_add_update(t, sc, inv)
        elif kind == "delete":
            dels = [q for q in inv["requests"] if q["method"] == "DELETE"]
            t.check(len(dels) == 1 and target_of(dels[0]) == (p, None), sc, f"delete {p}: one DELETE",
                    [short(q) for q in inv["requests"]])


def check_final(t, sc, state, peerings=None):
    """The peerings after the block equal our ARM bodies (create mode: every leaf; change mode: comparable
    fields); the shared key is the plan's."""
    plan = t.plan
    live = state["peerings"]
    for p in peerings or plan.peerings:
        if not t.check(p in live, sc, f"{p} exists afterwards", sorted(live)):
            continue
        if plan.change:
            got = comparable(live[p])
            want = comparable(plan.expected[p])
            if p not in plan.seed:
                for accepted in ("state", "ipv6PeeringConfig.state"):
                    if accepted in want and accepted not in got:
                        want.pop(accepted)
        else:
            got = flatten(live[p])
            want = flatten(plan.expected[p])
        got_key = got.pop("sharedKey", None)
        want.pop("sharedKey", None)
        if plan.keys.get(p):
            t.check(got_key == plan.keys[p], sc, f"{p}: the final state has the plan's shared key", repr(got_key))
        t.check(not diff_maps(got, want), sc, f"{p}: the final state equals our ARM body", diff_maps(got, want))


# ---------------------------------------------------------------------------------------------------------
# Create-mode scenarios.

def other_values(plan, p, vlan=3900):
    """Our body for p with another VLAN and other link subnets."""
    props = copy.deepcopy(plan.expected[p])
    props["vlanId"] = vlan
    if props.get("primaryPeerAddressPrefix"):
        props["primaryPeerAddressPrefix"] = "10.99.0.0/30"
        props["secondaryPeerAddressPrefix"] = "10.99.0.4/30"
    v6 = props.get("ipv6PeeringConfig")
    if isinstance(v6, dict) and v6.get("primaryPeerAddressPrefix"):
        v6["primaryPeerAddressPrefix"] = "fd00:99::/126"
        v6["secondaryPeerAddressPrefix"] = "fd00:99::4/126"
    return props


def global_reach_connection(plan, p, name="gr-harness"):
    base = f"/subscriptions/{plan.subscription}/resourceGroups/{plan.rg}/providers/Microsoft.Network/expressRouteCircuits"
    return {"name": name, "id": f"{base}/{plan.circuit}/peerings/{p}/connections/{name}",
            "properties": {"addressPrefix": "10.254.0.0/29",
                           "expressRouteCircuitPeering": {"id": f"{base}/{plan.circuit}/peerings/{p}"},
                           "peerExpressRouteCircuitPeering": {
                               "id": "/subscriptions/bbbb1b1b-cc2c-dd3d-ee4e-ffffff5f5f5f/resourceGroups/OtherRG"
                                     "/providers/Microsoft.Network/expressRouteCircuits/Other/peerings/AzurePrivatePeering"}}}


def no_key(t, text):
    """Without the shared key in the environment and without a terminal, the block stops before any write
    (a user's terminal would be asked; the harness's shells have none, so nothing may hang either)."""
    if not t.plan.key_env():
        return
    sc = "1-no-key"
    r = t.run(sc, text, t.plan.state())
    t.check(r.exit_code not in (0, None), sc, "without the key variable (no terminal): exits non-zero", dump(r))
    t.check(not writes(r), sc, "zero writes", [short(q) for q in writes(r)])
    t.check("shared key" in r.stderr_clean, sc, "stderr says the shared key is missing", r.stderr_clean[-600:])


def create_main(t):
    plan = t.plan
    text = plan.blocks["az"]
    wsteps = write_steps(text)
    env = plan.key_env()

    # 1. fresh circuit.
    sc = "1-fresh"
    r1 = t.run(sc, text, plan.state(), env=env)
    t.check(r1.exit_code == 0, sc, "exits 0", dump(r1))
    t.check(not reqs(r1, "DELETE", "PATCH") and reqs(r1, "PUT"), sc, "writes are only PUTs (no DELETE)",
            [short(q) for q in r1.requests])
    check_invocations(t, sc, r1)
    check_final(t, sc, r1.state)
    no_key(t, text)
    winvs = [i for i in r1.invs if any(q["method"] in WRITE_METHODS for q in i["requests"])]
    t.check(len(winvs) == len(wsteps), sc, f"each of the {len(wsteps)} write steps runs one writing az command",
            [(" ".join(i["argv"][:4]), peering_of(i["argv"])) for i in winvs])
    base = clean(r1.state)

    # 2. the same block again.
    sc = "2-again"
    r2 = t.run(sc, text, base, env=env)
    t.check(r2.exit_code == 0, sc, "exits 0", dump(r2))
    t.check(not writes(r2), sc, "sends no PUT or DELETE", [short(q) for q in writes(r2)])
    not_skipped = [s["n"] for s in wsteps if f"Step {s['n']}: skipped" not in r2.stdout]
    t.check(not not_skipped, sc, "stdout says each write step was skipped", f"steps {not_skipped}:\n{r2.stdout[-1500:]}")

    # 3. the planned peering is already live with other values.
    sc = "3-live-other"
    p = plan.peerings[0]
    r3 = t.run(sc, text, plan.state({p: other_values(plan, p)}), env=env)
    err = r3.stderr_clean
    t.check(r3.exit_code not in (0, None), sc, "exits non-zero", dump(r3))
    t.check(not writes(r3), sc, "zero writes", [short(q) for q in writes(r3)])
    t.check(p in err and "Import it and plan a change" in err, sc,
            f"stderr names {p} and says 'Import it and plan a change'", err[-1200:])
    t.check(plan.show_command(p) in err, sc, "stderr gives the peering show command",
            f"want {plan.show_command(p)!r} in:\n{err[-1200:]}")

    # 4. the planned VLAN is used by another live peering.
    sc = "4-vlan-used"
    vlan = plan.expected[p]["vlanId"]
    public = {"peeringType": "AzurePublicPeering", "peerASN": 65123, "vlanId": vlan, "state": "Enabled",
              "primaryPeerAddressPrefix": "203.0.113.0/30", "secondaryPeerAddressPrefix": "203.0.113.4/30"}
    r4 = t.run(sc, text, plan.state({"AzurePublicPeering": public}), env=env)
    err = r4.stderr_clean
    t.check(r4.exit_code not in (0, None), sc, "exits non-zero", dump(r4))
    t.check(not writes(r4), sc, "zero writes", [short(q) for q in writes(r4)])
    t.check(f"VLAN {vlan}" in err and "AzurePublicPeering" in err, sc,
            f"stderr names VLAN {vlan} and the live AzurePublicPeering", err[-1200:])

    # 5. a failure on the last PUT, then a re-run.
    puts1 = reqs(r1, "PUT")
    if puts1 and wsteps:
        last = puts1[-1]
        lp = target_of(last)[0]
        skip = sum(1 for q in puts1[:-1] if target_of(q)[0] == lp)
        step = wsteps[-1]["n"]
        sc = "5-fail"
        st = plan.state(faults=[fault("PUT", f"/peerings/{lp}", 409, skip=skip, count=1, code="Conflict",
                                      message="Simulated conflict (conformance harness)")])
        r5 = t.run(sc, text, st, env=env, az_failures=1)
        t.check(r5.exit_code not in (0, None), sc, "exits non-zero", dump(r5))
        statuses = [q["status"] for q in reqs(r5, "PUT")]
        # 201: a route filter or rule PUT that creates it (ARM's answer to a create)
        t.check([200 if x == 201 else x for x in statuses] == [200] * (len(puts1) - 1) + [409], sc,
                f"the {len(puts1) - 1} earlier PUT(s) succeed, then the faulted one fails", statuses)
        t.check(not reqs(r5, "DELETE"), sc, "no DELETE")
        t.check(f"Step {step} failed" in r5.stderr_clean, sc, f"stderr says 'Step {step} failed'",
                r5.stderr_clean[-1200:])
        t.check(r5.az_exits and r5.az_exits[-1][1] != 0 and kind_of(r5.az_exits[-1][0]) in ("create", "update"),
                sc, "the failing az call is the last one", dump(r5))
        sc = "5-rerun"
        r5b = t.run(sc, text, clean(r5.state), env=env)
        t.check(r5b.exit_code == 0, sc, "exits 0", dump(r5b))
        w = writes(r5b)
        t.check(len(w) == 1 and w[0]["method"] == "PUT" and target_of(w[0])[0] == lp, sc,
                f"sends only the remaining write (one PUT of {lp})", [short(q) for q in w])
        if len(w) == 1:
            t.check(w[0]["body"] == last["body"], sc, "the remaining PUT is the one the fault stopped",
                    {"rerun": w[0]["body"], "fresh": last["body"]})
        done = [s["n"] for s in wsteps[:-1] if f"Step {s['n']}: skipped" not in r5b.stdout]
        t.check(not done, sc, "stdout says the done write steps were skipped", f"steps {done}")
        check_invocations(t, sc, r5b)
        check_final(t, sc, r5b.state)

    # 6. the circuit is not provisioned.
    sc = "6-not-provisioned"
    r6 = t.run(sc, text, plan.state(service_provider_state="NotProvisioned"), env=env)
    t.check(r6.exit_code not in (0, None), sc, "exits non-zero", dump(r6))
    t.check(not writes(r6), sc, "zero writes", [short(q) for q in writes(r6)])
    t.check("NotProvisioned" in r6.stderr_clean, sc, "stderr says the circuit is NotProvisioned", r6.stderr_clean[-800:])

    # 7. clean-up on the state after 1.
    cleanup = plan.blocks["cleanup"]
    sc = "7-cleanup-keep"
    r7 = t.run(sc, cleanup, base)
    t.check(r7.exit_code == 0, sc, "without opt-in: exits 0", dump(r7))
    t.check(not writes(r7), sc, "without opt-in: zero DELETE (no write)", [short(q) for q in writes(r7)])
    t.check(r7.state["peerings"].keys() == base["peerings"].keys(), sc, "every peering is still there")
    optin = plan.delete_env(plan.peerings)
    sc = "7-cleanup-delete"
    r7b = t.run(sc, cleanup, base, env=optin)
    t.check(r7b.exit_code == 0, sc, "with opt-in: exits 0", dump(r7b))
    dels = [target_of(q) for q in reqs(r7b, "DELETE")]
    t.check(sorted(dels) == sorted((p2, None) for p2 in plan.peerings), sc, "one DELETE per created peering", dels)
    t.check(not reqs(r7b, "PUT", "PATCH"), sc, "no PUT")
    t.check(r7b.state["peerings"] == {}, sc, "the circuit has no peering left", sorted(r7b.state["peerings"]))
    check_invocations(t, sc, r7b)
    sc = "7-cleanup-changed"
    changed = clean(base)
    changed["peerings"][p]["peerASN"] = int(changed["peerings"][p].get("peerASN") or 65000) + 1
    r7c = t.run(sc, cleanup, changed, env=optin)
    t.check(r7c.exit_code not in (0, None), sc, f"with opt-in, {p} changed by someone else: exits non-zero", dump(r7c))
    t.check(not reqs(r7c, "DELETE"), sc, "zero DELETE", [short(q) for q in reqs(r7c, "DELETE")])
    t.check(p in r7c.stderr_clean, sc, f"stderr names {p}", r7c.stderr_clean[-800:])
    if "AzurePrivatePeering" in plan.peerings:
        sc = "7-cleanup-global-reach"
        gr = clean(base)
        gr["peerings"]["AzurePrivatePeering"]["connections"] = [global_reach_connection(plan, "AzurePrivatePeering")]
        r7d = t.run(sc, cleanup, gr, env=optin)
        t.check(r7d.exit_code not in (0, None), sc, "with opt-in, a Global Reach connection left: exits non-zero",
                dump(r7d))
        t.check(not reqs(r7d, "DELETE"), sc, "zero DELETE", [short(q) for q in reqs(r7d, "DELETE")])
        t.check("gr-harness" in r7d.stderr_clean, sc, "stderr names the connection", r7d.stderr_clean[-800:])

    # 9. rollback.bash in create mode.
    sc = "9-rollback"
    r9 = t.run(sc, plan.blocks["rollback"], base)
    t.check(not r9.az_calls, sc, "no az call", r9.az_calls)
    t.check("No rollback" in plan.blocks["rollback"], sc, "the text says there is no rollback",
            plan.blocks["rollback"][:300])
    t.check(r9.exit_code == 0, sc, "pasting it exits 0 (nothing fails)", dump(r9))

    # 10-14. route filters the plan creates.
    if plan.filters or plan.filter_files:
        filter_main(t, r1, base)


def not_a_block(t, sc, text):
    """A golden .bash file that is only a note (no block): pasting it must call no az and fail nothing."""
    r = t.run(sc, text, t.plan.state({}))
    t.check(not r.az_calls, sc, "no az call", r.az_calls)
    t.check(r.exit_code == 0, sc, "pasting it exits 0 (nothing fails)", dump(r))


def rest_body(plan, p):
    """peering.json as the notes tell the user: our body, plus "sharedKey" under "properties" when the plan
    has a key (change mode: always, "" when the key is unchanged)."""
    text = plan.arm[p]
    key = plan.keys.get(p)
    if key or plan.change:
        body = json.loads(text)
        body["properties"]["sharedKey"] = key or ""
        text = json.dumps(body, indent=2) + "\n"
    return text


def rest_before_filter(t, p, text, files):
    """The peering's az rest block pasted before the route filter it names exists (its routefilter-<NAME>
    block not run yet): ARM rejects a reference to a missing filter, so the block must stop before its PUT
    and say which block runs first."""
    plan = t.plan
    names = [f["name"] for f in plan.filters if any(fp == p for fp, _ in f["families"])]
    sc = f"8-rest-before-filter {p}"
    r = t.run(sc, text, plan.state({}), files=files, az_failures=1)
    t.check(r.exit_code not in (0, None), sc, "exits non-zero", dump(r))
    t.check(not writes(r), sc, f"stops before its PUT while route filter {names} does not exist",
            {"writes": [short(q) + " " + str(((q.get('response') or {}).get('error') or {}).get('code', ''))
                        for q in writes(r)], "stderr": r.stderr_clean[-700:]})
    t.check(all(f"routefilter-{n}" in r.stderr_clean for n in names), sc,
            f"stderr names the block to run first (routefilter-<NAME>.rest.bash) for {names}",
            r.stderr_clean[-700:])


def rest_scenarios(t, p):
    plan = t.plan
    text = plan.rest[p]
    pre = "6" if plan.change else "8"
    # A note (no body, so no block) is a here-document too, but runs no command and sets nothing.
    if not text or "set -euo pipefail" not in text:
        t.check(not (plan.arm.get(p) or "").strip(), f"{pre}-rest {p}", "no az rest block only where no body is shown",
                (text or "")[:300])
        if text:
            not_a_block(t, f"{pre}-no-rest {p}", text)
        return
    body_text = rest_body(plan, p)
    body = json.loads(body_text)
    files = {"peering.json": body_text}
    if plan.change:
        expect_put = plan.edited(p) or p not in plan.seed
        start = plan.state(updating_gets=1)
    else:
        expect_put = True
        # The route filters this plan creates exist already (their own az rest blocks ran first).
        start = plan.state({}, updating_gets=2, route_filters=plan.created_filters())
        if any(p == fp for f in plan.filters for fp, _ in f["families"]):
            rest_before_filter(t, p, text, files)
    sc = f"{pre}-rest {p}"
    r = t.run(sc, text, start, files=files)
    t.check(r.exit_code == 0, sc, "exits 0", dump(r))
    puts = reqs(r, "PUT")
    t.check(not reqs(r, "DELETE", "PATCH"), sc, "no DELETE")
    if t.check(len(puts) == (1 if expect_put else 0), sc,
               "exactly one PUT" if expect_put else "no PUT (the live peering already holds every value)",
               [short(q) for q in r.requests]):
        if puts:
            q = puts[0]
            t.check(q["argv"][:1] == ["rest"], sc, "the PUT is az rest's")
            t.check(q["body"] == body, sc, "the PUT body equals peering.json", {"sent": q["body"], "file": body})
            t.check(q["apiVersion"] == API_VERSION and q["path"] == plan.peering_path(p), sc,
                    f"to our URL with api-version {API_VERSION}", f"{q['path']}?api-version={q['apiVersion']}")
            url = q["argv"][q["argv"].index("--url") + 1] if "--url" in q["argv"] else ""
            t.check(url.startswith("/subscriptions/"), sc, "the --url is relative", url)
            after = [x for x in r.requests[r.requests.index(q) + 1:] if x["method"] == "GET" and target_of(x) == (p, None)]
            states = [(x.get("response") or {}).get("properties", {}).get("provisioningState") for x in after]
            n_upd = start["updating_gets"]
            t.check(states == ["Updating"] * n_upd + ["Succeeded"], sc,
                    f"waits: {n_upd} Updating read(s), then Succeeded, then stops", states)
            t.check(f"{p} is Succeeded" in r.stdout, sc, "stdout says it is Succeeded", r.stdout[-600:])
            got = flatten(r.state["peerings"].get(p, {}))
            want = flatten(body["properties"])
            t.check(not diff_maps(got, want), sc, "the peering holds the body", diff_maps(got, want))
    if plan.change:
        got = comparable(r.state["peerings"].get(p, {}))
        got_key = got.pop("sharedKey", None)
        want = comparable(plan.expected[p])
        if plan.keys.get(p):
            t.check(got_key == plan.keys[p], sc, f"{p}: the final state has the plan's shared key", repr(got_key))
        t.check(not diff_maps(got, want), sc, f"{p}: the final state equals our ARM body", diff_maps(got, want))
    sc = f"{pre}-rest-again {p}"
    r2 = t.run(sc, text, clean(r.state), files=files)
    t.check(r2.exit_code == 0, sc, "exits 0", dump(r2))
    if plan.change and p in plan.seed and plan.keys.get(p):
        # A new shared key cannot be read back: the block sends the same body again (README).
        t.check([target_of(q) for q in writes(r2)] == [(p, None)] and reqs(r2, "PUT") == writes(r2), sc,
                "a new shared key: the same PUT again, nothing else", [short(q) for q in writes(r2)])
        t.check(not diff_maps(comparable(r2.state["peerings"].get(p)), comparable(r.state["peerings"].get(p))),
                sc, f"{p}: unchanged by the second run")
    else:
        t.check(not writes(r2), sc, "sends no PUT", [short(q) for q in writes(r2)])
    if not plan.change:
        sc = f"{pre}-rest-conflict {p}"
        r3 = t.run(sc, text, plan.state({p: other_values(plan, p)}, route_filters=plan.created_filters()), files=files)
        t.check(r3.exit_code not in (0, None), sc, "exits non-zero", dump(r3))
        t.check(not writes(r3), sc, "no PUT", [short(q) for q in writes(r3)])
        t.check(p in r3.stderr_clean, sc, f"stderr names {p}", r3.stderr_clean[-800:])


# ---------------------------------------------------------------------------------------------------------
# Route filters the plan creates (README "Route filters"; scenarios 10-16).

FILTER_KEYS = ("access", "communities", "routeFilterRuleType")


def is_filter_path(plan, f, q, rule=None):
    """q addresses filter f (rule=None), one of its rules (rule=True) or the rule named `rule`."""
    base = plan.filter_path(f).lower()
    path = q["path"].rstrip("/").lower()
    if rule is None:
        return path == base
    if rule is True:
        return path.startswith(base + "/routefilterrules/")
    return path == f"{base}/routefilterrules/{str(rule).lower()}"


def live_filter(plan, state, f):
    """Filter f as the fake holds it (None when it does not exist)."""
    return next((x for x in state.get("routeFilters") or [] if x["subscription"].lower() == plan.subscription
                 and x["resourceGroup"].lower() == f["rg"].lower() and x["name"].lower() == f["name"].lower()),
                None)


def filter_arm(entry):
    """A stored filter as its ARM body (location and rules; what routefilter-<NAME>.arm.json holds)."""
    return {"location": entry["location"],
            "properties": {"rules": [{"name": r["name"], "properties": {k: v for k, v in r["properties"].items()
                                                                        if k in FILTER_KEYS}}
                                     for r in entry.get("rules") or []]}}


def family_key(fam):
    return "routeFilter.id" if fam == "ipv4" else "ipv6PeeringConfig.routeFilter.id"


def attached_to(props, fam):
    return get_path(props or {}, family_key(fam))


def other_rule_filter(plan, f, rule="other-rule", communities=("12076:5040",), location=None):
    return route_filter(plan.subscription, f["rg"], f["name"], location or f["location"], rule, communities)


def other_region(location):
    return "eastus2" if str(location).lower() != "eastus2" else "westus3"


def filter_env(plan, f):
    var = plan.filter_opt_in(f)
    return {var: "yes"} if var else {}


def update_read_and_put(inv):
    """(the GET an update read, its PUT) or (None, None)."""
    first_put = next((i for i, q in enumerate(inv["requests"]) if q["method"] == "PUT"), None)
    if first_put is None:
        return None, None
    reads = [q for q in inv["requests"][:first_put] if q["method"] == "GET"]
    return (reads[-1] if reads else None), inv["requests"][first_put]


def only_changed(before_props, after_props, keys):
    """Leaf differences between two peering bodies, other than `keys` (lost, changed or added)."""
    b = {k: v for k, v in flatten(before_props or {}).items() if k not in keys and k != "sharedKey"}
    a = {k: v for k, v in flatten(after_props or {}).items() if k not in keys and k != "sharedKey"}
    return diff_maps(a, b)


def check_filter_fresh(t, sc, r, f):
    """(a) the filter and its rule as az created them, and the attach."""
    plan = t.plan
    label = f"route filter {f['name']}"
    arm = f["arm"]
    if not t.check(arm is not None, sc, f"{label}: routefilter-{f['name']}.arm.json exists"):
        return
    creates = [i for i in r.invs if i["argv"][:3] == ["network", "route-filter", "create"]
               and any(is_filter_path(plan, f, q) for q in i["requests"])]
    rules = [i for i in r.invs if i["argv"][:4] == ["network", "route-filter", "rule", "create"]
             and any(is_filter_path(plan, f, q, True) for q in i["requests"])]
    fputs = [q for q in reqs(r, "PUT") if is_filter_path(plan, f, q)]
    rputs = [q for q in reqs(r, "PUT") if is_filter_path(plan, f, q, True)]
    if not t.check(len(creates) == 1 and len(fputs) == 1, sc, f"{label}: one route-filter create, one PUT of the "
                   "filter", [short(q) for q in fputs]):
        return
    if not t.check(len(rules) == 1 and len(rputs) == 1, sc, f"{label}: one rule create, one PUT of its rule",
                   [short(q) for q in rputs]):
        return
    fbody, rq = fputs[0]["body"] or {}, rputs[0]
    rbody = rq["body"] or {}
    want_rule = arm["properties"]["rules"][0] if arm["properties"].get("rules") else {}
    t.check(len(arm["properties"].get("rules") or []) == 1, sc, f"{label}: our body has one rule",
            arm["properties"].get("rules"))
    t.check(fbody.get("location") == arm["location"], sc, f"{label}: the filter PUT has our location "
            f"{arm['location']}", fbody.get("location"))
    sent_rules = (fbody.get("properties") or {}).get("rules")
    t.check(sent_rules in (None, []), sc, f"{label}: the create PUT carries no rule of its own (the rule follows)",
            sent_rules)
    t.check(not set(fbody) - {"location", "properties", "tags"}, sc, f"{label}: the create PUT has nothing else",
            sorted(fbody))
    rname = rq["path"].rstrip("/").rsplit("/", 1)[-1]
    rprops = rbody.get("properties") or {}
    t.check(rname == want_rule.get("name") and rbody.get("name", rname) == rname, sc,
            f"{label}: the rule PUT is to rule {want_rule.get('name')}", f"{rname} (body name {rbody.get('name')})")
    want_props = want_rule.get("properties") or {}
    t.check(rprops.get("access") == "Allow" == want_props.get("access"), sc, f"{label}: the rule allows (access Allow)",
            rprops.get("access"))
    t.check(rprops.get("communities") == want_props.get("communities") == f["communities"], sc,
            f"{label}: the rule's communities equal ours, in order", {"sent": rprops.get("communities"),
                                                                     "ours": want_props.get("communities"),
                                                                     "plan": f["communities"]})
    comms = rprops.get("communities") or []
    t.check(all(isinstance(c, str) and re.fullmatch(r"\d+:\d+", c) for c in comms)
            and len(comms) == len(f["communities"]), sc,
            f"{label}: az sent each community as its own list item", comms)
    argv = rules[0]["argv"]
    after = argv[argv.index("--communities") + 1:] if "--communities" in argv else []
    after = after[:next((i for i, a in enumerate(after) if a.startswith("-")), len(after))]
    t.check(after == f["communities"], sc, f"{label}: one --communities argument per community", after)
    if "routeFilterRuleType" in rprops:
        t.check(rprops["routeFilterRuleType"] == want_props.get("routeFilterRuleType") == "Community", sc,
                f"{label}: the rule's routeFilterRuleType is Community", rprops["routeFilterRuleType"])
    t.check(not set(rprops) - set(FILTER_KEYS), sc, f"{label}: the rule PUT has no other property", sorted(rprops))
    # az's rule create fills `location` from the RESOURCE GROUP (its argument default), not from the filter.
    if "location" in rbody:
        t.check(str(rbody["location"]).lower() == str(arm["location"]).lower(), sc,
                f"{label}: the rule PUT names the filter's region ({arm['location']}), not another one",
                f"the rule PUT sent location {rbody['location']!r} (az filled it from resource group {f['rg']}, "
                f"whose region is {rbody['location']}); the filter is in {arm['location']}. argv: "
                f"az {' '.join(argv)}")
    effective = {"location": fbody.get("location"),
                 "properties": {"rules": [{"name": rname, "properties": {
                     **{k: v for k, v in rprops.items() if k in FILTER_KEYS},
                     **({} if "routeFilterRuleType" in rprops else
                        {"routeFilterRuleType": want_props.get("routeFilterRuleType")})}}]}}
    t.check(effective == arm, sc, f"{label}: the filter and rule PUTs together equal routefilter-{f['name']}.arm.json"
            " (routeFilterRuleType: ours where az sends none)", {"sent": effective, "ours": arm})
    # The filter as the fake holds it afterwards.
    entry = live_filter(plan, r.state, f)
    if t.check(entry is not None, sc, f"{label}: exists afterwards"):
        t.check(filter_arm(entry) == arm, sc, f"{label}: the final filter equals routefilter-{f['name']}.arm.json",
                {"live": filter_arm(entry), "ours": arm})
    # The attach: the peering names the filter's full ID and keeps every other field.
    fid = plan.filter_id(f)
    for p, fam in f["families"]:
        key = family_key(fam)
        attaches = [i for i in r.invs if kind_of(i["argv"]) == "update" and peering_of(i["argv"]) == p
                    and any(same(key, get_path((q.get("body") or {}).get("properties") or {}, key), fid)
                            for q in i["requests"] if q["method"] == "PUT")]
        if not t.check(len(attaches) == 1, sc, f"{label}: one update attaches it to {p} ({fam})",
                       [" ".join(i["argv"][:6]) for i in attaches]):
            continue
        get, put = update_read_and_put(attaches[0])
        if not t.check(get is not None, sc, f"{label}: the attach to {p} reads the peering first"):
            continue
        before = (get.get("response") or {}).get("properties") or {}
        after = (put.get("body") or {}).get("properties") or {}
        keys = {family_key(x) for pp, x in f["families"] if pp == p} | {"routeFilter.id",
                                                                         "ipv6PeeringConfig.routeFilter.id"}
        t.check(not only_changed(before, after, keys), sc,
                f"{label}: the attach to {p} keeps every other field of the peering (its GET vs its PUT)",
                only_changed(before, after, keys))
        t.check(same(key, attached_to(r.state["peerings"].get(p), fam), fid), sc,
                f"{label}: {p} ends with {key} = the filter's full ID", attached_to(r.state["peerings"].get(p), fam))
        final = r.state["peerings"].get(p) or {}
        t.check(not only_changed(before, final, keys), sc,
                f"{label}: {p} afterwards equals its state before the attach but for the route filter",
                only_changed(before, final, keys))
        order = [r.requests.index(q) for q in (fputs[0], rputs[0], put)]
        t.check(order == sorted(order), sc, f"{label}: created, then its rule, then attached to {p} ({fam})",
                order)


def check_filter_stop(t, sc, r, f, what, must_say):
    t.check(r.exit_code not in (0, None), sc, f"{what}: exits non-zero", dump(r))
    t.check(not writes(r), sc, "zero writes", [short(q) for q in writes(r)])
    err = r.stderr_clean
    missing = [m for m in must_say if m not in err]
    t.check(not missing, sc, f"stderr says {must_say}", f"missing {missing} in:\n{err[-1200:]}")


def filter_main(t, r1, base):
    """Scenarios 10-15 of a create-mode plan that creates route filters (1-fresh and 2-again are the
    plan's own: their body and skip checks cover the filter steps too)."""
    plan = t.plan
    text = plan.blocks["az"]
    env = plan.key_env()
    t.check(sorted(n.lower() for n in plan.filter_files) == sorted(f["name"].lower() for f in plan.filters),
            "1-fresh", "a routefilter-<NAME>.arm.json per planned filter, and no other",
            {"files": plan.filter_files, "planned": [f["name"] for f in plan.filters]})
    # (a) the fresh run: bodies, attach, order.
    for f in plan.filters:
        check_filter_fresh(t, "1-fresh", r1, f)
    cleanup = plan.blocks["cleanup"]
    for f in plan.filters:
        label = f"route filter {f['name']}"
        show = plan.filter_show(f)
        key = f"{f['rg']}/{f['name']}"
        # (c) the filter exists with another rule / the same rule with other communities.
        sc = f"10-filter-other-rule {f['name']}"
        r = t.run(sc, text, plan.state({}, route_filters=[other_rule_filter(plan, f)]), env=env)
        check_filter_stop(t, sc, r, f, f"{label} exists with rule other-rule",
                          [f"route filter {key} already has rule other-rule", "Import it and plan a change", show])
        sc = f"10-filter-other-communities {f['name']}"
        r = t.run(sc, text, plan.state({}, route_filters=[other_rule_filter(plan, f, f["rule"], ["12076:5040"])]),
                  env=env)
        check_filter_stop(t, sc, r, f, f"{label} exists with rule {f['rule']} allowing other communities",
                          [f"route filter {key} already has rule {f['rule']}", "Import it and plan a change", show])
        # the filter exists without a rule (someone created it by hand): only the rule is added.
        sc = f"10-filter-no-rule {f['name']}"
        r = t.run(sc, text, plan.state({}, route_filters=[route_filter(plan.subscription, f["rg"], f["name"],
                                                                       f["location"])]), env=env)
        t.check(r.exit_code == 0, sc, f"{label} exists without a rule: exits 0", dump(r))
        t.check(not [q for q in reqs(r, "PUT") if is_filter_path(plan, f, q)], sc, "no PUT of the filter itself",
                [short(q) for q in reqs(r, "PUT")])
        t.check(len([q for q in reqs(r, "PUT") if is_filter_path(plan, f, q, True)]) == 1, sc, "one PUT of its rule",
                [short(q) for q in reqs(r, "PUT")])
        entry = live_filter(plan, r.state, f)
        t.check(entry is not None and f["arm"] is not None and filter_arm(entry) == f["arm"], sc,
                f"the final filter equals routefilter-{f['name']}.arm.json", entry and filter_arm(entry))
        check_invocations(t, sc, r)
        check_final(t, sc, r.state)
        # (d) the filter exists in another region.
        sc = f"11-filter-other-region {f['name']}"
        region = other_region(f["location"])
        r = t.run(sc, text, plan.state({}, route_filters=[route_filter(plan.subscription, f["rg"], f["name"], region,
                                                                       f["rule"], f["communities"])]), env=env)
        check_filter_stop(t, sc, r, f, f"{label} exists in {region}", [f"route filter {key} is in {region}",
                                                                       f"not {f['location']}"])
        # (e) the filter's resource group does not exist.
        sc = f"12-filter-no-group {f['name']}"
        r = t.run(sc, text, plan.state({}, resource_groups=plan.resource_groups(without=[f["rg"]])), env=env,
                  az_failures=1)
        check_filter_stop(t, sc, r, f, f"resource group {f['rg']} does not exist", ["ResourceGroupNotFound"])
        failed = [a for a, c in r.az_exits if c != 0]
        t.check(failed and failed[0][:3] == ["network", "route-filter", "list"] and "-g" in failed[0]
                and failed[0][failed[0].index("-g") + 1] == f["rg"], sc,
                f"it stops at the read step (az network route-filter list -g {f['rg']} fails)", dump(r))
        t.check(re.search(r"Step \d+ failed: az could not list the route filters", r.stderr_clean), sc,
                "stderr says the route filter read failed", r.stderr_clean[-800:])
        # (f) clean-up.
        var = plan.filter_opt_in(f)
        if not t.check(var, "13-filter-cleanup", f"{label}: the clean-up names its opt-in variable",
                       (cleanup or "")[:600]):
            continue
        t.check(var in (cleanup or "") and "ER_DELETE_ROUTEFILTER_" in var, "13-filter-cleanup",
                f"{label}: opt-in {var}")
        filter_cleanup(t, f, base, {var: "yes"})
    return cleanup


def filter_cleanup(t, f, base, env):
    plan = t.plan
    cleanup = plan.blocks["cleanup"]
    label = f"route filter {f['name']}"
    fid = plan.filter_id(f)
    attached = [(p, fam) for p, fam in f["families"] if same(family_key(fam), attached_to(base["peerings"].get(p), fam), fid)]
    # without opt-in: nothing.
    sc = f"13-filter-cleanup-keep {f['name']}"
    r = t.run(sc, cleanup, base)
    t.check(r.exit_code == 0, sc, "without opt-in: exits 0", dump(r))
    t.check(not writes(r), sc, "without opt-in: no write", [short(q) for q in writes(r)])
    t.check(live_filter(plan, r.state, f) is not None, sc, f"{label} is still there")
    # the filter's opt-in: detach each family, then DELETE the filter.
    sc = f"13-filter-cleanup-delete {f['name']}"
    r = t.run(sc, cleanup, base, env=env)
    t.check(r.exit_code == 0, sc, f"with {list(env)[0]}=yes: exits 0", dump(r))
    check_detach_then_delete(t, sc, r, f, attached, base)
    t.check(sorted(r.state["peerings"]) == sorted(base["peerings"]), sc, "every peering is still there",
            sorted(r.state["peerings"]))
    for p in base["peerings"]:
        keys = {"routeFilter.id", "ipv6PeeringConfig.routeFilter.id"}
        t.check(not only_changed(base["peerings"][p], r.state["peerings"].get(p), keys), sc,
                f"{p} keeps every other field", only_changed(base["peerings"][p], r.state["peerings"].get(p), keys))
    sc = f"13-filter-cleanup-again {f['name']}"
    r2 = t.run(sc, cleanup, clean(r.state), env=env)
    t.check(r2.exit_code == 0, sc, "the same opt-in again: exits 0", dump(r2))
    t.check(not writes(r2), sc, "the same opt-in again: no write", [short(q) for q in writes(r2)])
    # the filter's and every peering's opt-in: detach, delete the filter, delete the peerings.
    sc = f"13-filter-cleanup-all {f['name']}"
    env_all = {**env, **plan.delete_env(plan.peerings)}
    r = t.run(sc, cleanup, base, env=env_all)
    t.check(r.exit_code == 0, sc, "with every opt-in: exits 0", dump(r))
    check_detach_then_delete(t, sc, r, f, attached, base, peerings_deleted=True)
    t.check(r.state["peerings"] == {}, sc, "the circuit has no peering left", sorted(r.state["peerings"]))
    sc = f"13-filter-cleanup-all-again {f['name']}"
    r2 = t.run(sc, cleanup, clean(r.state), env=env_all)
    t.check(r2.exit_code == 0, sc, "every opt-in again: exits 0", dump(r2))
    t.check(not writes(r2), sc, "every opt-in again: no write", [short(q) for q in writes(r2)])
    # someone changed the filter's rule since: nothing is deleted.
    sc = f"14-filter-cleanup-changed {f['name']}"
    changed = clean(base)
    entry = live_filter(plan, changed, f)
    if entry and entry.get("rules"):
        entry["rules"][0]["properties"]["communities"] = ["12076:5040"]
        r = t.run(sc, cleanup, changed, env=env)
        t.check(r.exit_code not in (0, None), sc, "with the opt-in, the rule changed by someone else: exits non-zero",
                dump(r))
        t.check(not writes(r), sc, "zero writes", [short(q) for q in writes(r)])
        t.check(f"route filter {f['rg']}/{f['name']} no longer holds rule" in r.stderr_clean, sc,
                "stderr says the filter no longer holds its rule", r.stderr_clean[-800:])
    # another route filter attached to the peering meanwhile: the clean-up must not detach it.
    sc = f"14-filter-cleanup-foreign {f['name']}"
    foreign = clean(base)
    other = route_filter(plan.subscription, f["rg"], "SomeoneElsesFilter", f["location"], "theirs", ["12076:5040"])
    foreign.setdefault("routeFilters", []).append(other)
    oid = route_filter_id(plan.subscription, f["rg"], "SomeoneElsesFilter")
    p, fam = f["families"][0]
    if p in foreign["peerings"]:
        set_path(foreign["peerings"][p], family_key(fam), oid)
        r = t.run(sc, cleanup, foreign, env=env, az_failures=1)
        removed = []
        for inv in r.invs:
            get, put = update_read_and_put(inv)
            if get is None or put is None:
                continue
            for x in ("ipv4", "ipv6"):
                b = attached_to((get.get("response") or {}).get("properties"), x)
                a = attached_to((put.get("body") or {}).get("properties"), x)
                if b and not same(family_key(x), b, fid) and not same(family_key(x), a, b):
                    removed.append((peering_of(inv["argv"]), x, b, a))
        t.check(not removed, sc, f"{p} ({fam}) holds another filter: the clean-up never detaches a filter it did "
                "not create", {"detached": removed, "requests": [short(q) for q in r.requests if q["method"] != "GET"],
                               "exit": r.exit_code, "stdout": r.stdout[-700:], "stderr": r.stderr_clean[-500:]})
        t.check(same(family_key(fam), attached_to(r.state["peerings"].get(p), fam), oid), sc,
                f"{p} still holds SomeoneElsesFilter afterwards", attached_to(r.state["peerings"].get(p), fam))


def check_detach_then_delete(t, sc, r, f, attached, base, peerings_deleted=False):
    """The writes of a clean-up opted in for filter f: one detach PUT per attached family (removing only that
    family's filter), then one DELETE of the filter; with peerings_deleted, then the peerings' DELETEs."""
    plan = t.plan
    label = f"route filter {f['name']}"
    w = writes(r)
    seq = []
    for q in w:
        if is_filter_path(plan, f, q):
            seq.append(("DELETE-filter" if q["method"] == "DELETE" else q["method"] + "-filter", None))
        elif target_of(q)[0]:
            seq.append((q["method"] + "-peering", target_of(q)[0]))
        else:
            seq.append((q["method"], q["path"]))
    fdel = [i for i, (k, _) in enumerate(seq) if k == "DELETE-filter"]
    if not t.check(len(fdel) == 1, sc, f"{label}: one DELETE of the filter", seq):
        return
    puts = [i for i, (k, _) in enumerate(seq) if k == "PUT-peering"]
    t.check(len(puts) == len(attached) and all(i < fdel[0] for i in puts), sc,
            f"{label}: one detach per attached family {attached}, all before the DELETE", seq)
    t.check(w[fdel[0]]["status"] in (200, 202, 204), sc, f"{label}: the DELETE succeeds (nothing references it)",
            short(w[fdel[0]]))
    peering_dels = [i for i, (k, _) in enumerate(seq) if k == "DELETE-peering"]
    if peerings_deleted:
        t.check(sorted(seq[i][1] for i in peering_dels) == sorted(plan.peerings), sc,
                "then one DELETE per created peering", seq)
    else:
        t.check(not peering_dels, sc, "no peering is deleted", seq)
    t.check(not [k for k, _ in seq if k not in ("PUT-peering", "DELETE-filter", "DELETE-peering")], sc,
            "no other write", seq)
    # each detach removes that family's filter and nothing else.
    fid = plan.filter_id(f)
    removed = []
    for inv in r.invs:
        get, put = update_read_and_put(inv)
        if put is None or not target_of(put)[0]:
            continue
        before = (get.get("response") or {}).get("properties") if get else None
        after = (put.get("body") or {}).get("properties") or {}
        gone = [x for x in ("ipv4", "ipv6") if same(family_key(x), attached_to(before, x), fid)
                and attached_to(after, x) is None]
        removed += [(target_of(put)[0], x) for x in gone]
        keys = {family_key(x) for x in gone}
        t.check(len(gone) == 1 and not only_changed(before, after, keys), sc,
                f"{label}: the detach PUT of {target_of(put)[0]} removes one family's filter, keeps every other field",
                {"removed": gone, "other changes": only_changed(before, after, keys), "argv": inv["argv"]})
    t.check(sorted(removed) == sorted(attached), sc, f"{label}: every attached family is detached", removed)
    t.check(live_filter(plan, r.state, f) is None, sc, f"{label} is gone afterwards")
    for p, fam in attached:
        if p in r.state["peerings"]:
            t.check(attached_to(r.state["peerings"][p], fam) is None, sc, f"{p} ({fam}) has no route filter afterwards",
                    attached_to(r.state["peerings"][p], fam))


def check_filter_rule_update(t, sc, r, f, communities, seed_entry, what):
    """Change mode: the route filter rule update of a run: one GET + one PUT of the rule when its live
    communities differ from `communities` (none otherwise); the PUT keeps the rule's other fields and sends
    exactly `communities`, in order; the filter ends with them."""
    plan = t.plan
    label = f"route filter {f['name']}"
    live_rules = (seed_entry or {}).get("rules") or []
    live = live_rules[0]["properties"].get("communities") if live_rules else None
    rputs = [q for q in reqs(r, "PUT") if is_filter_path(plan, f, q, True)]
    fputs = [q for q in reqs(r, "PUT") if is_filter_path(plan, f, q)]
    t.check(not fputs and not [q for q in reqs(r, "DELETE") if is_filter_path(plan, f, q)
                               or is_filter_path(plan, f, q, True)], sc,
            f"{label}: never re-created or deleted", [short(q) for q in writes(r)])
    if live == communities:
        t.check(not rputs, sc, f"{label}: the rule already holds {what}: no PUT", [short(q) for q in rputs])
        return
    if not t.check(len(rputs) == 1, sc, f"{label}: one PUT of its rule", [short(q) for q in rputs]):
        return
    inv = next(i for i in r.invs if rputs[0] in i["requests"])
    get, put = update_read_and_put(inv)
    t.check(get is not None and is_filter_path(plan, f, get, True), sc, f"{label}: the update reads the rule first",
            [short(q) for q in inv["requests"]])
    props = (put.get("body") or {}).get("properties") or {}
    t.check(props.get("communities") == communities, sc, f"{label}: the rule PUT sends {what}, in order, one item "
            "per community", {"sent": props.get("communities"), "want": communities})
    before = {k: v for k, v in (((get or {}).get("response") or {}).get("properties") or {}).items()
              if k in FILTER_KEYS and k != "communities"}
    kept = {k: v for k, v in props.items() if k in FILTER_KEYS and k != "communities"}
    t.check(before == kept, sc, f"{label}: the rule PUT keeps access and routeFilterRuleType", {"GET": before,
                                                                                            "PUT": kept})
    entry = live_filter(plan, r.state, f)
    got = entry["rules"][0]["properties"].get("communities") if entry and entry.get("rules") else None
    t.check(got == communities, sc, f"{label}: the filter ends with {what}", got)


def filter_rest_scenarios(t, name):
    """(g) routefilter-<NAME>.rest.bash: after saving our body as routefilter-<NAME>.json, one az rest PUT equal
    to it, then the wait until Succeeded; again: no PUT; a conflicting live filter: no PUT."""
    plan = t.plan
    f = next(x for x in plan.filters if x["name"] == name)
    text = f["rest"]
    pre = "7" if plan.change else "15"
    if not text or "set -euo pipefail" not in text:
        sc = f"{pre}-filter-rest {name}"
        t.check(text is not None, sc, f"routefilter-{name}.rest.bash exists")
        if text:
            not_a_block(t, f"{pre}-filter-no-rest {name}", text)
        return
    body_file = f"routefilter-{name}.json"
    t.check(body_file in text, f"{pre}-filter-rest {name}", f"the block reads {body_file}", text[:400])
    body = json.loads(f["arm_text"])
    files = {body_file: f["arm_text"]}
    sc = f"{pre}-filter-rest {name}"
    n_upd = 2
    # create mode: a fresh circuit; change mode: the live seed (the filter as imported)
    r = t.run(sc, text, plan.state(None if plan.change else {}, updating_gets=n_upd), files=files)
    t.check(r.exit_code == 0, sc, "exits 0", dump(r))
    puts = reqs(r, "PUT")
    t.check(not reqs(r, "DELETE", "PATCH"), sc, "no DELETE")
    if t.check(len(puts) == 1, sc, "exactly one PUT", [short(q) for q in r.requests]):
        q = puts[0]
        t.check(q["argv"][:1] == ["rest"], sc, "the PUT is az rest's", q["argv"][:3])
        t.check(q["body"] == body, sc, f"the PUT body equals {body_file}", {"sent": q["body"], "file": body})
        t.check(q["apiVersion"] == API_VERSION and q["path"].lower() == plan.filter_path(f).lower(), sc,
                f"to our URL with api-version {API_VERSION}", f"{q['path']}?api-version={q['apiVersion']}")
        url = q["argv"][q["argv"].index("--url") + 1] if "--url" in q["argv"] else ""
        t.check(url.startswith("/subscriptions/"), sc, "the --url is relative", url)
        after = [x for x in r.requests[r.requests.index(q) + 1:] if x["method"] == "GET" and is_filter_path(plan, f, x)]
        states = [(x.get("response") or {}).get("properties", {}).get("provisioningState") for x in after]
        t.check(states == ["Updating"] * n_upd + ["Succeeded"], sc,
                f"waits: {n_upd} Updating read(s), then Succeeded, then stops", states)
        t.check(all(x["argv"][:3] == ["network", "route-filter", "show"] for x in after), sc,
                "the wait reads with az network route-filter show", [x["argv"][:3] for x in after])
        t.check(f"route filter {name} is Succeeded" in r.stdout, sc, "stdout says it is Succeeded", r.stdout[-600:])
        entry = live_filter(plan, r.state, f)
        t.check(entry is not None and filter_arm(entry) == body, sc, "the filter holds the body",
                entry and filter_arm(entry))
    sc = f"{pre}-filter-rest-again {name}"
    r2 = t.run(sc, text, clean(r.state), files=files)
    t.check(r2.exit_code == 0, sc, "exits 0", dump(r2))
    t.check(not writes(r2), sc, "sends no PUT", [short(q) for q in writes(r2)])
    t.check(re.search(r"Step \d+: skipped", r2.stdout), sc, "stdout says the PUT step was skipped", r2.stdout[-600:])
    sc = f"{pre}-filter-rest-failed {name}"
    failed = route_filter(plan.subscription, f["rg"], name, f["location"], f["rule"], f["communities"])
    failed["provisioningState"] = "Failed"
    r6 = t.run(sc, text, plan.state(None if plan.change else {}, route_filters=[failed]), files=files)
    t.check(r6.exit_code not in (0, None), sc, "the filter holds the rule but is Failed: exits non-zero", dump(r6))
    t.check(not writes(r6), sc, "no PUT", [short(q) for q in writes(r6)])
    t.check(f"route filter {name} as Failed" in r6.stderr_clean, sc, "stderr says the filter is Failed",
            r6.stderr_clean[-600:])
    t.check("az network route-filter show" in r6.stderr_clean and "peering show" not in r6.stderr_clean, sc,
            "stderr points to az network route-filter show (not to a peering)", r6.stderr_clean[-600:])
    sc = f"{pre}-filter-rest-conflict {name}"
    r3 = t.run(sc, text, plan.state(None if plan.change else {}, route_filters=[other_rule_filter(plan, f)]),
               files=files)
    check_filter_stop(t, sc, r3, f, "the filter exists with another rule",
                      [f"route filter {f['rg']}/{name} already has rule other-rule", plan.filter_show(f)])
    sc = f"{pre}-filter-rest-other-region {name}"
    region = other_region(f["location"])
    r4 = t.run(sc, text, plan.state(None if plan.change else {},
                                    route_filters=[route_filter(plan.subscription, f["rg"], name, region)]),
               files=files)
    check_filter_stop(t, sc, r4, f, f"the filter exists in {region}", [f"is in {region}"])
    sc = f"{pre}-filter-rest-no-group {name}"
    r5 = t.run(sc, text, plan.state(None if plan.change else {},
                                    resource_groups=plan.resource_groups(without=[f["rg"]])), files=files,
               az_failures=1)
    check_filter_stop(t, sc, r5, f, f"resource group {f['rg']} does not exist", ["ResourceGroupNotFound"])


# ---------------------------------------------------------------------------------------------------------
# Change-mode scenarios.

def third_value(plan, field, a, b):
    """A value for `field` that is neither a (imported) nor b (planned)."""
    v6 = field.startswith("ipv6PeeringConfig.")
    if field == "vlanId":
        used = {pp.get("vlanId") for pp in plan.seed.values()} | {e.get("vlanId") for e in plan.expected.values()}
        cands = [v for v in range(3901, 4000) if v not in used]
    elif field == "peerASN" or field.endswith("customerASN"):
        cands = [64999, 64998, 64997]
    elif field.endswith("routingRegistryName"):
        cands = ["APNIC", "LACNIC", "RADB"]
    elif field.endswith("advertisedPublicPrefixes"):
        cands = [["2001:db8:99::/48"], ["2001:db8:98::/48"]] if v6 else [["198.51.100.0/24"], ["198.51.101.0/24"]]
    elif field.endswith("routeFilter.id"):
        cands = [f"/subscriptions/{plan.subscription}/resourceGroups/{plan.rg}/providers/Microsoft.Network/"
                 f"routeFilters/Drift{i}" for i in (1, 2)]
    elif field.endswith("primaryPeerAddressPrefix"):
        cands = ["fd00:99::/126", "fd00:98::/126"] if v6 else ["10.99.0.0/30", "10.98.0.0/30"]
    elif field.endswith("secondaryPeerAddressPrefix"):
        cands = ["fd00:99::4/126", "fd00:98::4/126"] if v6 else ["10.99.0.4/30", "10.98.0.4/30"]
    else:
        return None
    return next(c for c in cands if not same(field, c, a) and not same(field, c, b))


def unset(field, v):
    return v in (None, [], {}, "") or (field.endswith("customerASN") and v == 0)


def drift_target(plan):
    """(peering, field, imported, planned) of the first edited column of the first edited live peering."""
    for p in plan.kept():
        if not plan.edited(p):
            continue
        for field in COLUMNS:
            a = get_path(plan.seed[p], field)
            b = get_path(plan.expected[p], field)
            if unset(field, a) and unset(field, b):
                continue
            if not same(field, a, b):
                return p, field, a, b
    return None


def still_target(plan):
    """(peering, field, imported) of a set column of the first live peering the plan keeps as it is."""
    for p in plan.kept():
        if plan.edited(p):
            continue
        for field in COLUMNS:
            a = get_path(plan.seed[p], field)
            if not unset(field, a) and not isinstance(a, list):
                return p, field, a
    return None


def drift_scenario(t, plan, sc, text, env, p, field, value, was):
    """The live `p.field` became `value` since the import: the block stops before any write and says so."""
    seed = copy.deepcopy(plan.seed)
    set_path(seed[p], field, value)
    r = t.run(sc, text, plan.state(seed), env=env)
    err = r.stderr_clean
    t.check(r.exit_code not in (0, None), sc, f"{p}.{field} = {value} ({was}): exits non-zero", dump(r))
    t.check(not writes(r), sc, "zero writes", [short(q) for q in writes(r)])
    t.check(p in err and "changed since it was imported" in err, sc,
            f"stderr says {p} changed since it was imported", err[-1000:])


def change_main(t):
    plan = t.plan
    text = plan.blocks["az"]
    env = plan.key_env()
    wsteps = write_steps(text)

    # 1. apply on the live seed.
    sc = "1-apply"
    r1 = t.run(sc, text, plan.state(), env=env)
    t.check(r1.exit_code == 0, sc, "exits 0", dump(r1))
    t.check(not reqs(r1, "DELETE", "PATCH"), sc, "no DELETE", [short(q) for q in reqs(r1, "DELETE", "PATCH")])
    check_invocations(t, sc, r1)
    for p in plan.seed:
        updates = [i for i in r1.invs if kind_of(i["argv"]) == "update" and peering_of(i["argv"]) == p]
        puts = [q for q in reqs(r1, "PUT") if target_of(q)[0] == p]
        if plan.edited(p):
            t.check(len(updates) == 1 and len(puts) == 1, sc, f"{p} (live, edited): exactly one update, one PUT",
                    [short(q) for q in puts])
        elif p in plan.expected:
            t.check(not puts, sc, f"{p} (live, unchanged): no PUT", [short(q) for q in puts])
        else:
            t.check(not puts and r1.state["peerings"].get(p) == plan.seed[p], sc,
                    f"{p} (live, dropped by the plan): no PUT, left as it is", [short(q) for q in puts])
    check_final(t, sc, r1.state)
    for f in plan.filters:
        check_filter_rule_update(t, sc, r1, f, f["communities"], live_filter(plan, plan.state(), f),
                                 "the planned communities")
    no_key(t, text)
    applied = clean(r1.state)

    # 2. apply twice.
    sc = "2-again"
    r2 = t.run(sc, text, applied, env=env)
    t.check(r2.exit_code == 0, sc, "exits 0", dump(r2))
    t.check(not reqs(r2, "DELETE", "PATCH"), sc, "no DELETE")
    # A live peering that gets a new shared key: the key cannot be read back, so its update step runs
    # every time and must send exactly the same values again.
    key_only = [p for p in plan.peerings if p in plan.seed and plan.keys.get(p)]
    for p in plan.peerings:
        puts = [q for q in reqs(r2, "PUT") if target_of(q)[0] == p]
        if p in key_only:
            ok = len(puts) == 1
            if ok:
                inv = next(i for i in r2.invs if puts[0] in i["requests"])
                check_live_update(t, sc, inv, plan.expected[p], plan.keys[p])
            t.check(ok, sc, f"{p} (a new shared key): its step runs again, one PUT",
                    [short(q) for q in puts])
        else:
            t.check(not puts, sc, f"{p}: no PUT the second time", [short(q) for q in puts])
    # The rule holds the planned communities after run 1: the second run sends no rule PUT.
    for f in plan.filters:
        check_filter_rule_update(t, sc, r2, f, f["communities"], live_filter(plan, applied, f),
                                 "the planned communities")
    skipped = [s["n"] for s in wsteps if s["peering"] not in key_only and f"Step {s['n']}: skipped" not in r2.stdout]
    t.check(not skipped, sc, "stdout says each write step was skipped", f"steps {skipped}:\n{r2.stdout[-1500:]}")
    check_final(t, sc, r2.state)

    # 3. drift: an edited value changed (to a third value) since the import.
    target = drift_target(plan)
    if target:
        p, field, a, b = target
        drift_scenario(t, plan, "3-drift", text, env, p, field, third_value(plan, field, a, b),
                       f"imported {a}, planned {b}")
    # 3b. drift of a live peering the plan keeps as it is: "nothing to run" would leave live different
    # from the plan unnoticed, so the block stops before any write.
    target = still_target(plan)
    if target:
        p, field, a = target
        drift_scenario(t, plan, "3-drift-kept", text, env, p, field, third_value(plan, field, a, a),
                       f"imported and planned {a}")

    # 4. clean-up after apply.
    cleanup = plan.blocks["cleanup"]
    sc = "4-cleanup-keep"
    r4 = t.run(sc, cleanup, applied)
    t.check(r4.exit_code == 0, sc, "without opt-in: exits 0", dump(r4))
    t.check(not writes(r4), sc, "without opt-in: no DELETE (no write)", [short(q) for q in writes(r4)])
    sc = "4-cleanup-delete"
    every = list(dict.fromkeys(list(plan.seed) + plan.peerings))
    r4b = t.run(sc, cleanup, applied, env=plan.delete_env(every))
    t.check(r4b.exit_code == 0, sc, "with opt-in for every peering: exits 0", dump(r4b))
    gone = sorted(plan.dropped() + plan.created())
    peering_dels = [target_of(q)[0] for q in reqs(r4b, "DELETE") if target_of(q)[1] is None]
    t.check(sorted(peering_dels) == gone, sc, f"deletes exactly the dropped and the created peerings {gone}",
            peering_dels)
    t.check(not [p for p in peering_dels if p in plan.kept()], sc, "never a kept live peering")
    t.check(not reqs(r4b, "PUT", "PATCH"), sc, "no PUT")
    t.check(sorted(r4b.state["peerings"]) == sorted(plan.kept()), sc, "the kept live peerings are left",
            sorted(r4b.state["peerings"]))
    for p in plan.dropped():
        conns = [c.get("name") for c in (plan.seed[p].get("connections") or []) if isinstance(c, dict)]
        if not conns:
            continue
        order = [target_of(q) for q in reqs(r4b, "DELETE") if target_of(q)[0] == p]
        t.check(sorted(c for _, c in order[:-1]) == sorted(conns) and order[-1:] == [(p, None)], sc,
                f"{p}: its Global Reach connections {conns} are deleted first", order)
    check_invocations(t, sc, r4b)

    # 5. rollback after apply, twice, and on the untouched seed.
    rollback = plan.blocks["rollback"]
    sc = "5-rollback"
    r5 = t.run(sc, rollback, applied)
    t.check(r5.exit_code == 0, sc, "exits 0", dump(r5))
    t.check(not reqs(r5, "DELETE", "PATCH"), sc, "no DELETE")
    check_invocations(t, sc, r5, rollback=True)
    for p in plan.seed:
        updates = [i for i in r5.invs if kind_of(i["argv"]) == "update" and peering_of(i["argv"]) == p]
        puts = [q for q in reqs(r5, "PUT") if target_of(q)[0] == p]
        if plan.edited(p) and not plan.key_only(p):
            t.check(len(updates) == 1 and len(puts) == 1, sc, f"{p}: one update back", [short(q) for q in puts])
        else:
            t.check(not puts, sc, f"{p}: nothing to restore, no PUT", [short(q) for q in puts])
        if p in r5.state["peerings"]:
            got = comparable(r5.state["peerings"][p])
            got.pop("sharedKey", None)
            want = comparable(plan.seed[p])
            want.pop("sharedKey", None)
            t.check(not diff_maps(got, want), sc, f"{p}: back to the imported values (every modelled field)",
                    diff_maps(got, want))
        else:
            t.check(False, sc, f"{p}: still live", sorted(r5.state["peerings"]))
    for f in plan.filters:
        seed = live_filter(plan, plan.state(), f)
        if seed and seed.get("rules"):
            check_filter_rule_update(t, sc, r5, f, seed["rules"][0]["properties"].get("communities"),
                                     live_filter(plan, applied, f), "the imported communities")
    sc = "5-rollback-again"
    r5b = t.run(sc, rollback, clean(r5.state))
    t.check(r5b.exit_code == 0, sc, "exits 0", dump(r5b))
    t.check(not writes(r5b), sc, "sends no PUT", [short(q) for q in writes(r5b)])
    sc = "5-rollback-seed"
    r5c = t.run(sc, rollback, plan.state())
    t.check(r5c.exit_code == 0, sc, "on the untouched seed: exits 0", dump(r5c))
    t.check(not writes(r5c), sc, "on the untouched seed: sends no PUT", [short(q) for q in writes(r5c)])


# ---------------------------------------------------------------------------------------------------------
# Regression demos (the seed article's az forms against the real CLI, pasted into bash).

DEMO_SUB = STUB_SUBSCRIPTION
DEMO_BASE = "-g ExpressRouteResourceGroup --circuit-name MyCircuit"


def regression_demos(t):
    dual = {"MicrosoftPeering": {
        "peeringType": "MicrosoftPeering", "peerASN": 12345, "vlanId": 300, "state": "Enabled",
        "primaryPeerAddressPrefix": "123.0.0.0/30", "secondaryPeerAddressPrefix": "123.0.0.4/30",
        "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["123.1.0.0/24"], "customerASN": 31337,
                                   "routingRegistryName": "ARIN"},
        "ipv6PeeringConfig": {"primaryPeerAddressPrefix": "2a01:111:f100::/126",
                              "secondaryPeerAddressPrefix": "2a01:111:f100::4/126", "state": "Enabled",
                              "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["2a01:111:f200::/48"],
                                                         "customerASN": 31337, "routingRegistryName": "ARIN"}}}}
    text = "\n".join([
        # HOWTO-CLI: --SharedKey.
        f"az network express-route peering create {DEMO_BASE} --peering-type AzurePrivatePeering --peer-asn 100 "
        "--primary-peer-subnet 10.0.0.0/30 --secondary-peer-subnet 10.0.0.4/30 --vlan-id 200 --SharedKey A1bCD2",
        # HOWTO-CLI: update --peering-type MicrosoftPeering.
        f"az network express-route peering update {DEMO_BASE} --peering-type MicrosoftPeering --peer-asn 100",
        # HOWTO-CLI: show --name AzureMicrosoftPeering.
        f"az network express-route peering show {DEMO_BASE} --name AzureMicrosoftPeering",
        # The documented IPv6 update on a dual-stack peering.
        f"az network express-route peering update {DEMO_BASE} -n MicrosoftPeering --ip-version ipv6 "
        "--primary-peer-subnet 2a01:111:f100::/126 --secondary-peer-subnet 2a01:111:f100::4/126 -o none",
        "echo demos-done", ""])
    sc = "regression"
    r = t.run(sc, text, new_state(DEMO_SUB, "ExpressRouteResourceGroup", "MyCircuit", peerings=dual), az_failures=3,
              rejected_args=True)
    inv = r.invs
    if not t.check(len(inv) == 4 and "demos-done" in r.stdout, sc, "the four demo commands ran", dump(r)):
        return
    err = r.stderr_clean
    t.check(inv[0]["exit"] == 2 and not inv[0]["requests"] and err.count("unrecognized arguments") >= 2, sc,
            "--SharedKey is rejected (exit 2, unrecognized arguments, no request)", dump(r))
    t.check(inv[1]["exit"] == 2 and not inv[1]["requests"], sc,
            "update --peering-type is rejected (exit 2, no request)", dump(r))
    gets = [q for q in inv[2]["requests"] if q["method"] == "GET"]
    t.check(inv[2]["exit"] not in (0, None) and gets and gets[0]["path"].endswith("/peerings/AzureMicrosoftPeering")
            and gets[0]["status"] == 404, sc, "show --name AzureMicrosoftPeering names no peering (404)", dump(r))
    puts = [q for q in inv[3]["requests"] if q["method"] == "PUT"]
    body = puts[0]["body"]["properties"] if puts else {}
    lost = [k for k in ("primaryPeerAddressPrefix", "secondaryPeerAddressPrefix") if k not in body]
    t.check(inv[3]["exit"] == 0 and len(lost) == 2, sc,
            "update --ip-version IPv6 drops the IPv4 settings of a dual-stack peering", js(body))
    t.demo = (f"demo: `update --ip-version ipv6` on a dual-stack peering sent a PUT without IPv4 {lost} "
              f"(and rebuilt ipv6PeeringConfig from its flags): {json.dumps(body, sort_keys=True)}")


# ---------------------------------------------------------------------------------------------------------

def run_task(kind, plan, shell, peering=None):
    t = Task(plan, shell)
    try:
        if kind == "main":
            (change_main if plan.change else create_main)(t)
        elif kind == "rest":
            rest_scenarios(t, peering)
        elif kind == "rest-filter":
            filter_rest_scenarios(t, peering)
        elif kind == "demo":
            regression_demos(t)
    except Exception:  # a harness crash is a failure, never a pass
        t.check(False, kind, "the scenario ran to its end", traceback.format_exc()[-3000:])
    return t


def print_summary(rows, out):
    order = {}
    for r in rows:
        order.setdefault((r["plan"], r["scenario"]), {})[r["shell"]] = r
    width = max((len(f"{p} {s}") for p, s in order), default=20)
    print(f"{'plan scenario':<{width}}  " + "  ".join(f"{sh + ': exit GET/PUT/DEL/POST':<30}" for sh in SHELLS), file=out)
    for (p, s), by_shell in order.items():
        cells = []
        for sh in SHELLS:
            r = by_shell.get(sh)
            cells.append(f"{sh + ':':<5} {str(r['exit']):>4} {r['GET']:>3}/{r['PUT']}/{r['DELETE']}/{r['POST']}"
                         f" {r['seconds']:>5.1f}s" if r else f"{sh + ':':<5}    -")
        print(f"{p + ' ' + s:<{width}}  " + "  ".join(f"{c:<30}" for c in cells), file=out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=3, help="blocks run in parallel (default 3)")
    ap.add_argument("--only", default="", help="comma-separated plan names")
    ap.add_argument("--shells", default=",".join(SHELLS))
    ap.add_argument("--python", default=None, help="azure-cli 2.91 Python (default $CONFORMANCE_PYTHON or "
                                                   "<repo>/.venv/bin/python)")
    args = ap.parse_args()
    t_start = time.monotonic()
    only = {n for n in args.only.split(",") if n}
    shell_list = [s for s in args.shells.split(",") if s]
    plans = []
    load_failures = []
    for name, change in plan_names():
        if only and name not in only:
            continue
        try:
            plans.append(Plan(name, change))
        except Exception as exc:  # a missing input is a failure
            load_failures.append(f"{name}: inputs could not be read: {exc!r}")
    jobs = []
    for plan in plans:
        for shell in shell_list:
            for p in plan.peerings:
                if plan.rest.get(p) is not None:
                    jobs.append(("rest", plan, shell, p))
            for f in plan.filters:
                jobs.append(("rest-filter", plan, shell, f["name"]))
            jobs.append(("main", plan, shell, None))
    # the az rest blocks wait (sleep) for Succeeded: start them first so they overlap the CPU-bound work
    jobs.sort(key=lambda j: not j[0].startswith("rest"))
    jobs.append(("demo", None, "bash", None))
    tasks = []
    try:
        with shells.Server(args.python):
            with concurrent.futures.ThreadPoolExecutor(max(1, args.workers)) as pool:
                futures = [pool.submit(run_task, *j) for j in jobs]
                for f in futures:
                    tasks.append(f.result())
    except Exception as exc:  # the az server did not start: nothing ran
        print(f"conformance: the az server failed: {exc}", file=sys.stderr)
        print("conformance: 0 passed, 1 failed")
        return 1
    wall = time.monotonic() - t_start
    checks = [c for t in tasks for c in t.checks]
    rows = [r for t in tasks for r in t.rows]
    number = lambda s: int(s.split("-")[0]) if s.split("-")[0].isdigit() else 99  # noqa: E731
    rows.sort(key=lambda r: (r["plan"] == "demo", r["plan"], number(r["scenario"]), r["seq"], r["shell"]))
    for r in rows:
        r.pop("seq")
    failed = [(label, detail) for ok, label, detail in checks if not ok] + [(f, "") for f in load_failures]
    passed = sum(1 for ok, _, _ in checks if ok)
    for t in tasks:
        if getattr(t, "demo", None):
            print(t.demo)
    print()
    print_summary(rows, sys.stdout)
    print(f"\n{len(rows)} block runs, {sum(r['az'] for r in rows)} az invocations, {wall:.0f}s wall "
          f"({args.workers} in parallel)")
    os.makedirs(EXPECTED, exist_ok=True)
    with open(os.path.join(EXPECTED, "summary.json"), "w", encoding="utf-8") as f:
        json.dump({"passed": passed, "failed": len(failed), "wall_seconds": round(wall, 1), "rows": rows,
                   "failures": [label for label, _ in failed]}, f, indent=1)
    if failed:
        print(f"\n{len(failed)} FAILED checks:")
        for label, detail in failed:
            print(f"FAIL {label}")
            if detail:
                print("     " + detail.replace("\n", "\n     ")[:4000])
    print(f"conformance: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
