"""Conformance of the planner's outputs against the real Azure CLI 2.91.0 (offline).

For each reference plan (tests/golden/plans/<plan>.json) and its golden outputs (tests/golden/<plan>/):
1. run az.bash / cleanup.bash / the az rest line through real bash with `az` replaced by a function that
   records its argv (this proves the bash text too);
2. run every recorded command through the real CLI (az_capture.py: fake credential, simulated ARM);
3. check: every command parses and succeeds; the create PUT equals our ARM body for that family; every
   update PUT keeps all fields its GET returned and adds only values of our ARM body; the final simulated
   peering equals our ARM body (modulo the accepted differences of README.md); `az rest` sends our body
   byte for byte; the clean-up deletes every peering;
4. regression demos: the seed article's failing forms are rejected or name nothing, and the documented
   `update --ip-version IPv6` drops IPv4 from a dual-stack peering.
Prints `conformance: N passed, M failed` and exits non-zero on any failure.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
GOLDEN = os.path.join(REPO, "tests", "golden")
EXPECTED = os.path.join(REPO, "target", "conformance")
PYTHON = os.path.join(REPO, ".venv", "bin", "python")
STUB_SUBSCRIPTION = "11111111-2222-3333-4444-555555555555"

# Server-set or read-only properties (domain.md §9): never compared.
READ_ONLY = {"provisioningState", "azureASN", "primaryAzurePort", "secondaryAzurePort", "gatewayManagerEtag",
             "lastModifiedBy", "stats", "peeredConnections", "expressRouteConnection",
             "advertisedPublicPrefixesState"}

ERROR_MARKERS = ("unrecognized arguments", "Failed to parse", "is not a valid value", "Traceback",
                 "the following arguments are required", "ERROR:")

AZ_STUB = r'''
az() {
  { printf '%s\0' "$#"; printf '%s\0' "$@"; } >> "$AZ_LOG"
  if [ "$1" = account ] && [ "$2" = show ]; then
    printf '%s\n' "$AZ_STUB_SUBSCRIPTION"
  elif [ "$1" = network ] && [ "$2" = express-route ] && [ "$3" = show ]; then
    printf 'Provisioned\nEnabled\n'
  fi
}
'''


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, ok, label, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed.append(f"{label}: {detail}")
            print(f"FAIL {label}: {detail}", file=sys.stderr)
        return ok


def run_bash(script, env):
    with tempfile.TemporaryDirectory(prefix="conformance-bash-") as tmp:
        log = os.path.join(tmp, "az.log")
        path = os.path.join(tmp, "script.bash")
        with open(path, "w", encoding="utf-8") as f:
            f.write(AZ_STUB + script)
        full_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "AZ_LOG": log,
                    "AZ_STUB_SUBSCRIPTION": STUB_SUBSCRIPTION}
        full_env.update(env)
        proc = subprocess.run(["bash", "--noprofile", "--norc", path], env=full_env, capture_output=True,
                              text=True, check=False)
        calls = []
        if os.path.exists(log):
            fields = open(log, "rb").read().split(b"\0")
            i = 0
            while i < len(fields) and fields[i]:
                n = int(fields[i])
                calls.append([x.decode("utf-8") for x in fields[i + 1:i + 1 + n]])
                i += 1 + n
        return proc.returncode, proc.stderr, calls


def capture(subscription, circuit, commands, peerings=None, cwd=None):
    # A route filter in another subscription: az authenticates to it as an auxiliary subscription, so the
    # account must know it (as a real user's `az account list` would).
    others = sorted({m.lower() for argv in commands for a in argv
                     for m in re.findall(r"/subscriptions/([0-9a-fA-F-]{36})", a)} - {subscription.lower()})
    spec = {"subscription": subscription, "extraSubscriptions": others, "circuit": circuit,
            "commands": commands, "peerings": peerings or {}}
    proc = subprocess.run([PYTHON, os.path.join(HERE, "az_capture.py")], input=json.dumps(spec),
                          capture_output=True, text=True, check=False, cwd=cwd)
    if proc.returncode != 0:
        raise RuntimeError(f"az_capture failed: {proc.stderr[-2000:]}")
    out = json.loads(proc.stdout)
    RESULTS.check(not out["networkAttempts"], "no network access", json.dumps(out["networkAttempts"]))
    # A capture that stops early (a crash after some commands) must fail, not pass on fewer records.
    sent = [list(argv) for argv in commands]
    got = [rec["argv"] for rec in out["records"]]
    RESULTS.check(got == sent, f"the capture recorded all {len(sent)} commands sent",
                  f"{len(got)} records for {len(sent)} commands")
    return out


def flatten(value, prefix=""):
    """Leaf paths of a JSON object; lists are leaves."""
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


def arm_requests(record, method=None):
    return [r for r in record["requests"]
            if r["path"].startswith("/subscriptions/") and (method is None or r["method"] == method)]


def key_env(doc):
    env = {}
    for p in doc["peerings"]:
        key = p.get("sharedKey") or ""
        if key:
            env["ER_SHARED_KEY"] = key
            env["ER_SHARED_KEY_" + ("MICROSOFT" if p["type"] == "MicrosoftPeering" else "PRIVATE")] = key
    return env


def describe(argv):
    return " ".join(argv[:5]) + (f" -n {argv[argv.index('-n') + 1]}" if "-n" in argv else "") + \
        (f" --peering-type {argv[argv.index('--peering-type') + 1]}" if "--peering-type" in argv else "")


def peering_of(argv):
    for flag in ("-n", "--peering-type"):
        if flag in argv and argv[0:3] == ["network", "express-route", "peering"]:
            return argv[argv.index(flag) + 1]
    return None


# Change mode: fields of a live peering the planner does not model (kept by az's update, absent from our
# body; README "accepted differences").
UNMODELLED = {"legacyMode", "advertisedCommunities"}
# Read-only fields of a Global Reach connection (az's PUT leaves them out, and so does our body).
CONNECTION_READ_ONLY = {"etag", "type", "resourceGroup", "provisioningState", "circuitConnectionStatus"}
CHANGE = os.path.join(GOLDEN, "change")


def change_names():
    if not os.path.isdir(CHANGE):
        return []
    return sorted(n for n in os.listdir(CHANGE) if os.path.exists(os.path.join(CHANGE, n, "live.json")))


def strip_connection(value):
    if isinstance(value, dict):
        return {k: strip_connection(v) for k, v in value.items() if k not in CONNECTION_READ_ONLY}
    if isinstance(value, list):
        return [strip_connection(v) for v in value]
    return value


def arm_resource(obj):
    """An az-printed (flattened) resource as ARM holds it: envelope fields outside, the rest under properties."""
    if "properties" in obj:
        props = dict(obj["properties"])
    else:
        props = {k: v for k, v in obj.items() if k not in ("id", "name", "etag", "type", "resourceGroup")}
    if isinstance(props.get("connections"), list):
        props["connections"] = [arm_resource(c) if isinstance(c, dict) else c for c in props["connections"]]
    return {k: v for k, v in {"name": obj.get("name"), "id": obj.get("id"), "etag": obj.get("etag"),
                              "type": obj.get("type"), "properties": props}.items() if v is not None}


def live_seed(name):
    """The simulated circuit's peerings before the change script, straight from live.json (what az printed)."""
    live = json.load(open(os.path.join(CHANGE, name, "live.json"), encoding="utf-8"))
    if isinstance(live, dict) and ("peerings" in live or "peerings" in live.get("properties", {})):
        items = live.get("peerings") or live["properties"]["peerings"]
    elif isinstance(live, list):
        items = live
    else:
        items = [live]
    seed = {}
    for item in items:
        res = arm_resource(item)
        seed[res["properties"].get("peeringType") or res["name"]] = res["properties"]
    return seed


def comparable(props):
    """Change mode: leaf paths to compare: no read-only or unmodelled field, no empty value, connections
    without their read-only fields."""
    flat = flatten(props)
    out = {}
    for k, v in flat.items():
        if any(part in UNMODELLED for part in k.split(".")) or v in (None, [], {}):
            continue
        out[k] = strip_connection(v) if k == "connections" else v
    return out


def check_plan(res, name):
    change = name in change_names()
    if change:
        doc = json.load(open(os.path.join(EXPECTED, name, "plan.json"), encoding="utf-8"))
        seed = live_seed(name)
    else:
        doc = json.load(open(os.path.join(GOLDEN, "plans", f"{name}.json"), encoding="utf-8"))
        seed = {}
    plan_dir = os.path.join(GOLDEN, name)
    # Azure reports subscription IDs in lower case; the plan may hold any case (the planner emits lower).
    subscription = (doc["circuit"].get("subscription") or STUB_SUBSCRIPTION).lower()
    circuit = {"resourceGroup": doc["circuit"]["resourceGroup"], "name": doc["circuit"]["name"]}
    keys = {p["type"]: p.get("sharedKey") or "" for p in doc["peerings"]}
    expected = {}
    for p in doc["peerings"]:
        path = os.path.join(EXPECTED, name, f"{p['type']}.expected.json")
        expected[p["type"]] = json.load(open(path, encoding="utf-8"))["properties"]

    # 1. bash text -> argv.
    code, err, main_calls = run_bash(open(os.path.join(plan_dir, "az.bash"), encoding="utf-8").read(), key_env(doc))
    res.check(code == 0 and main_calls, f"{name}: az.bash runs in bash", err)
    code, err, cleanup_calls = run_bash(open(os.path.join(plan_dir, "cleanup.bash"), encoding="utf-8").read(), {})
    res.check(code == 0 and (cleanup_calls or change), f"{name}: cleanup.bash runs in bash", err)
    res.check(all(c[3] == "delete" for c in cleanup_calls), f"{name}: clean-up only deletes", cleanup_calls)
    res.check(not any("delete" in c for c in main_calls), f"{name}: main script never deletes")
    if doc["circuit"].get("subscription"):
        res.check(all("--subscription" in c and c[c.index("--subscription") + 1] == subscription
                      for c in main_calls + cleanup_calls if c[0] == "network"),
                  f"{name}: --subscription on every command")

    # 2. the real CLI, one session: the main script, then the clean-up.
    session = capture(subscription, circuit, main_calls + cleanup_calls, peerings=seed)
    records = session["records"]
    state = {}
    for i, rec in enumerate(records):
        argv = rec["argv"]
        label = f"{name}: az {describe(argv)}"
        text = rec["stderr"]
        res.check(rec["exit"] == 0 and not any(m in text for m in ERROR_MARKERS), f"{label} parses and succeeds",
                  f"exit {rec['exit']}: {text[-600:]}")
        peering = peering_of(argv)
        puts = arm_requests(rec, "PUT")
        gets = arm_requests(rec, "GET")
        if argv[:4] == ["network", "express-route", "peering", "create"]:
            exp = expected[peering]
            ipv6_only = "--ip-version" in argv
            res.check(len(puts) == 1, f"{label}: one PUT")
            if not puts:
                continue
            got = flatten(puts[0]["body"]["properties"])
            want = {k: v for k, v in flatten(exp).items()
                    if not k.startswith("routeFilter") and "routeFilter" not in k
                    and (ipv6_only or not k.startswith("ipv6PeeringConfig"))}
            # Accepted: az's create sends no `state` (ARM defaults it to Enabled); the IPv6 state likewise.
            for accepted in ("state", "ipv6PeeringConfig.state"):
                if accepted not in got:
                    want.pop(accepted, None)
            extra = {k: v for k, v in got.items() if k not in want}
            if keys.get(peering):
                res.check(extra.pop("sharedKey", None) == keys[peering], f"{label}: sends the shared key")
            res.check({k: got.get(k) for k in want} == want, f"{label}: create body equals our ARM body",
                      json.dumps({k: (got.get(k), v) for k, v in want.items() if got.get(k) != v}))
            res.check(not extra, f"{label}: create body has nothing else", json.dumps(extra))
        elif argv[:4] == ["network", "express-route", "peering", "update"] and change and peering in seed:
            # Change mode: the PUT is the GET with exactly the intended changes: every field that differs
            # now holds our ARM body's value (or is gone where our body has none).
            res.check(len(puts) == 1 and len(gets) == 1, f"{label}: one GET, one PUT")
            if not puts or not gets:
                continue
            exp = comparable(expected[peering])
            before = comparable(gets[0]["response"]["properties"])
            after_props = dict(puts[0]["body"]["properties"])
            sent_key = after_props.pop("sharedKey", None)
            after = comparable(after_props)
            res.check(sent_key == (keys.get(peering) or None), f"{label}: sends the shared key only when typed",
                      repr(sent_key))
            diff = {k: (before.get(k), after.get(k)) for k in set(before) | set(after) if before.get(k) != after.get(k)}
            wrong = {k: (b, a, exp.get(k)) for k, (b, a) in diff.items() if a != exp.get(k)}
            res.check(diff or sent_key, f"{label}: changes something", "")
            res.check(not wrong, f"{label}: changes exactly toward our ARM body, keeps every other field",
                      json.dumps(wrong))
            raw_before = flatten(gets[0]["response"]["properties"])
            raw_after = flatten(after_props)
            def parent_removed(k):
                parts = k.split(".")
                return any(not any(x == ".".join(parts[:n]) or x.startswith(".".join(parts[:n]) + ".")
                                   for x in raw_after) for n in range(1, len(parts)))
            kept = {k: (v, raw_after.get(k)) for k, v in raw_before.items()
                    if any(p in UNMODELLED for p in k.split(".")) and raw_after.get(k) != v and not parent_removed(k)}
            res.check(not kept, f"{label}: keeps the fields the planner does not model", json.dumps(kept))
        elif argv[:4] == ["network", "express-route", "peering", "update"]:
            exp = flatten(expected[peering])
            res.check(len(puts) == 1 and len(gets) == 1, f"{label}: one GET, one PUT")
            if not puts or not gets:
                continue
            before = flatten(gets[0]["response"]["properties"])
            after = flatten(puts[0]["body"]["properties"])
            lost = {k: v for k, v in before.items() if k not in after}
            res.check(not lost, f"{label}: keeps every field of its GET", json.dumps(lost))
            changed = {k: (before[k], after[k]) for k in before if k in after and before[k] != after[k]}
            res.check(not changed, f"{label}: changes no existing field", json.dumps(changed))
            added = {k: v for k, v in after.items() if k not in before}
            wrong = {k: (v, exp.get(k)) for k, v in added.items() if exp.get(k) != v}
            res.check(added and not wrong, f"{label}: adds exactly values of our ARM body", json.dumps(wrong))
            if "--route-filter" not in argv and not any(a.startswith("ipv6PeeringConfig.routeFilter") for a in argv):
                want_v6 = {k: v for k, v in exp.items()
                           if k.startswith("ipv6PeeringConfig.") and "routeFilter" not in k}
                res.check({k: after.get(k) for k in want_v6} == want_v6, f"{label}: sets the whole IPv6 family",
                          json.dumps({k: (after.get(k), v) for k, v in want_v6.items() if after.get(k) != v}))
        elif argv[:4] == ["network", "express-route", "peering", "delete"]:
            dels = arm_requests(rec, "DELETE")
            res.check(len(dels) == 1 and dels[0]["path"].endswith(f"/peerings/{peering}"), f"{label}: one DELETE")
        # state after the main script (before the clean-up).
        if i == len(main_calls) - 1:
            state = json.loads(json.dumps(capture_state(records, i, seed)))

    # 3. final state of the main script vs our ARM body.
    if change:
        for peering, live in seed.items():
            if peering not in expected:
                res.check(not any(peering_of(c) == peering and c[3] == "update" for c in main_calls)
                          and state.get(peering) == live,
                          f"{name}/{peering}: a live peering the plan drops is left as it is")
            elif not any(peering_of(c) == peering and c[3] == "update" for c in main_calls):
                res.check(state.get(peering) == live, f"{name}/{peering}: unchanged peering: no PUT at all")
        kept = sorted(p for p in seed if p in expected)
        res.check(sorted(session["final"]) == kept, f"{name}: clean-up deletes the dropped and the new peerings only",
                  json.dumps(sorted(session["final"])))
    for peering, exp in expected.items():
        if change:
            got = comparable(state.get(peering, {}))
            got_key = got.pop("sharedKey", None)
            if keys.get(peering):
                res.check(got_key == keys[peering], f"{name}/{peering}: final state has the shared key")
            want = comparable(exp)
            if peering not in seed:
                # Created by this plan: the same accepted difference as without a baseline (no state sent).
                for accepted in ("state", "ipv6PeeringConfig.state"):
                    if accepted in want and accepted not in got:
                        want.pop(accepted)
            res.check(got == want, f"{name}/{peering}: final state equals our ARM body (live seed + change)",
                      json.dumps({"missing": {k: v for k, v in want.items() if got.get(k) != v},
                                  "extra": {k: v for k, v in got.items() if want.get(k) != v}}))
            continue
        got = flatten(state.get(peering, {}))
        want = flatten(exp)
        # Accepted: az's create sends no state (ARM defaults it to Enabled); for an IPv6-only peering,
        # `create --ip-version IPv6` sends no ipv6PeeringConfig.state either.
        for accepted in ("state", "ipv6PeeringConfig.state"):
            if accepted in want and accepted not in got:
                want.pop(accepted)
        got_key = got.pop("sharedKey", None)
        if keys.get(peering):
            res.check(got_key == keys[peering], f"{name}/{peering}: final state has the shared key")
        res.check(got == want, f"{name}/{peering}: final state equals our ARM body",
                  json.dumps({"missing": {k: v for k, v in want.items() if got.get(k) != v},
                              "extra": {k: v for k, v in got.items() if want.get(k) != v}}))
    if not change:
        res.check(session["final"] == {}, f"{name}: clean-up deleted every peering", json.dumps(session["final"]))

    # 4. az rest with our body: byte for byte.
    for peering, exp in expected.items():
        rest_path = os.path.join(plan_dir, f"{peering}.rest.txt")
        rest = open(rest_path, encoding="utf-8").read()
        line = next((l for l in rest.splitlines() if l.startswith("az rest ")), None)
        if not doc["circuit"].get("subscription"):
            res.check(line is None and "(none" in rest, f"{name}/{peering}: no REST line without subscription")
            continue
        code, err, calls = run_bash(line + "\n", {})
        res.check(code == 0 and len(calls) == 1, f"{name}/{peering}: az rest line runs in bash", err)
        body_text = open(os.path.join(plan_dir, f"{peering}.arm.json"), encoding="utf-8").read()
        with tempfile.TemporaryDirectory(prefix="conformance-rest-") as tmp:
            with open(os.path.join(tmp, "peering.json"), "w", encoding="utf-8") as f:
                f.write(body_text)
            out = capture(subscription, circuit, calls, cwd=tmp)
        rec = out["records"][0]
        puts = arm_requests(rec, "PUT")
        res.check(rec["exit"] == 0 and len(puts) == 1, f"{name}/{peering}: az rest sends one PUT", rec["stderr"][-400:])
        if puts:
            res.check(puts[0]["body"] == json.loads(body_text), f"{name}/{peering}: az rest body is our body")
            res.check(puts[0]["apiVersion"] == "2024-05-01"
                      and puts[0]["path"].endswith(f"/expressRouteCircuits/{circuit['name']}/peerings/{peering}")
                      and f"/resourceGroups/{circuit['resourceGroup']}/" in puts[0]["path"],
                      f"{name}/{peering}: az rest URL", puts[0]["path"])


def capture_state(records, last_index, seed=None):
    """The peerings as the simulated ARM held them after record `last_index` (replayed from the PUTs)."""
    state = json.loads(json.dumps(seed or {}))
    for rec in records[:last_index + 1]:
        for r in arm_requests(rec):
            name = r["path"].split("/")[-1]
            if "/peerings/" not in r["path"]:
                continue
            if r["method"] == "PUT":
                state[name] = r["body"]["properties"]
            elif r["method"] == "DELETE":
                state.pop(name, None)
    return state


def regression_demos(res):
    sub = STUB_SUBSCRIPTION
    circuit = {"resourceGroup": "ExpressRouteResourceGroup", "name": "MyCircuit"}
    base = ["-g", "ExpressRouteResourceGroup", "--circuit-name", "MyCircuit"]
    dual = {"MicrosoftPeering": {
        "peeringType": "MicrosoftPeering", "peerASN": 12345, "vlanId": 300, "state": "Enabled",
        "primaryPeerAddressPrefix": "123.0.0.0/30", "secondaryPeerAddressPrefix": "123.0.0.4/30",
        "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["123.1.0.0/24"], "customerASN": 31337,
                                   "routingRegistryName": "ARIN"},
        "ipv6PeeringConfig": {"primaryPeerAddressPrefix": "2a01:111:f100::/126",
                              "secondaryPeerAddressPrefix": "2a01:111:f100::4/126", "state": "Enabled",
                              "microsoftPeeringConfig": {"advertisedPublicPrefixes": ["2a01:111:f200::/48"],
                                                         "customerASN": 31337, "routingRegistryName": "ARIN"}}}}
    commands = [
        # HOWTO-CLI: --SharedKey.
        ["network", "express-route", "peering", "create", *base, "--peering-type", "AzurePrivatePeering",
         "--peer-asn", "100", "--primary-peer-subnet", "10.0.0.0/30", "--secondary-peer-subnet", "10.0.0.4/30",
         "--vlan-id", "200", "--SharedKey", "A1bCD2"],
        # HOWTO-CLI: update --peering-type MicrosoftPeering.
        ["network", "express-route", "peering", "update", *base, "--peering-type", "MicrosoftPeering",
         "--peer-asn", "100"],
        # HOWTO-CLI: show --name AzureMicrosoftPeering.
        ["network", "express-route", "peering", "show", *base, "--name", "AzureMicrosoftPeering"],
        # The documented IPv6 update on a dual-stack peering.
        ["network", "express-route", "peering", "update", *base, "-n", "MicrosoftPeering", "--ip-version", "ipv6",
         "--primary-peer-subnet", "2a01:111:f100::/126", "--secondary-peer-subnet", "2a01:111:f100::4/126"],
    ]
    out = capture(sub, circuit, commands, peerings=dual)
    r = out["records"]
    res.check(r[0]["exit"] == 2 and "unrecognized arguments" in r[0]["stderr"] and not arm_requests(r[0]),
              "regression: --SharedKey is rejected", r[0]["stderr"][-300:])
    res.check(r[1]["exit"] == 2 and "unrecognized arguments" in r[1]["stderr"] and not arm_requests(r[1]),
              "regression: update --peering-type is rejected", r[1]["stderr"][-300:])
    gets = arm_requests(r[2], "GET")
    res.check(r[2]["exit"] != 0 and gets and gets[0]["path"].endswith("/peerings/AzureMicrosoftPeering")
              and gets[0]["status"] == 404, "regression: show --name AzureMicrosoftPeering names no peering",
              r[2]["stderr"][-300:])
    puts = arm_requests(r[3], "PUT")
    body = puts[0]["body"]["properties"] if puts else {}
    lost = [k for k in ("primaryPeerAddressPrefix", "secondaryPeerAddressPrefix") if k not in body]
    res.check(r[3]["exit"] == 0 and len(lost) == 2,
              "regression: update --ip-version IPv6 drops the IPv4 settings of a dual-stack peering",
              json.dumps(body))
    print(f"demo: `update --ip-version ipv6` on a dual-stack peering sent a PUT without IPv4 {lost} "
          f"(and rebuilt ipv6PeeringConfig from its flags): {json.dumps(body, sort_keys=True)}")


RESULTS = Results()


def main():
    res = RESULTS
    names = sorted([f[:-5] for f in os.listdir(os.path.join(GOLDEN, "plans")) if f.endswith(".json")]
                   + change_names())
    for name in names:
        check_plan(res, name)
    regression_demos(res)
    print(f"conformance: {res.passed} passed, {len(res.failed)} failed")
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
