"""Self-test of the whole-block infrastructure (azd.py, bin/az, fake_arm.py, shells.py) with the real az 2.91.

    python tests/conformance/selftest.py [--python PY] [--load N] [--fresh N]

In bash AND zsh (in parallel): a block creates a peering, updates it, shows it with --query / -o tsv and
deletes it (state persists across the az invocations); route filters and rules (missing resource group, one
rule, one community per item, fixed region, attach needs the filter, an attached filter is not deleted); a fault makes a PUT fail and `set -e` stops the
block; `updating_gets` makes a wait loop after `az rest` see Updating, then Succeeded; `az rest` with a
relative '{subscriptionId}' URL and --body @file reaches the fake; Global Reach connection show/delete,
list-arp-tables, list-route-tables-summary and list-route-tables succeed; no network access at all.
Then it measures the wall time per az invocation (a sequential loop inside one block) and, with --fresh N,
the time of N fresh-process invocations (fake_arm.py, no server) for comparison; --load N runs N more az
invocations as parallel blocks (2 at a time) and reports the throughput.
Prints `selftest: N passed, M failed`; exit status 1 on any failure.
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import shells  # noqa: E402
from fake_arm import fault, new_state, resource_group, save_state  # noqa: E402

SUB = "aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e"
OTHER_SUB = "11111111-2222-3333-4444-555555555555"
RG = "ExpressRouteResourceGroup"
C = "MyCircuit"
AZ = f"--subscription {SUB} -g {RG} --circuit-name {C}"
PRIVATE = {"peeringType": "AzurePrivatePeering", "peerASN": 65010, "vlanId": 200, "state": "Enabled",
           "primaryPeerAddressPrefix": "192.168.100.128/30", "secondaryPeerAddressPrefix": "192.168.100.132/30"}


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, ok, label, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {label}")
        else:
            self.failed.append(label)
            print(f"FAIL {label}: {detail}")
        return ok


R = Results()


def dump(r):
    return (f"exit={r.exit_code} timed_out={r.timed_out}\n--- stdout\n{r.stdout[-1500:]}\n--- stderr\n"
            f"{r.stderr_clean[-2500:]}\n--- az calls {len(r.az_calls)}: {r.az_exits}")


def common_checks(r, label):
    R.check(not r.network_attempts, f"{label}: no network access", json.dumps(r.network_attempts))
    R.check(len(r.az_exits) == len(r.az_calls), f"{label}: every az invocation reported its exit code",
            dump(r))
    hosts = {q["host"] for q in r.requests}
    R.check(hosts <= {"management.azure.com"}, f"{label}: requests only to ARM", sorted(hosts))


# ---------------------------------------------------------------------------------------------------------

CRUD = f"""bash -s <<'ER_PLANNER'
set -euo pipefail
: "${{ER_SHARED_KEY:?set ER_SHARED_KEY first}}"
circuit_state=$(az network express-route show --subscription {SUB} -g {RG} -n {C} --query '[serviceProviderProvisioningState,circuitProvisioningState]' -o tsv | tr -d '\\r' | tr '\\n' ' ')
echo "circuit=[$circuit_state]"
az network express-route peering create {AZ} --peering-type AzurePrivatePeering --peer-asn 65010 --vlan-id 200 --primary-peer-subnet 192.168.100.128/30 --secondary-peer-subnet 192.168.100.132/30 --shared-key="$ER_SHARED_KEY" -o none
echo "asn=$(az network express-route peering show {AZ} -n AzurePrivatePeering --query peerASN -o tsv | tr -d '\\r')"
az network express-route peering update {AZ} -n AzurePrivatePeering --peer-asn 65020 --set ipv6PeeringConfig.primaryPeerAddressPrefix=fd00:10::/126 --set ipv6PeeringConfig.secondaryPeerAddressPrefix=fd00:10::4/126 --set ipv6PeeringConfig.state=Enabled -o none
az network express-route peering show {AZ} -n AzurePrivatePeering --query '[peerASN,vlanId,provisioningState,ipv6PeeringConfig.state]' -o tsv
echo "null=[$(az network express-route peering show {AZ} -n AzurePrivatePeering --query microsoftPeeringConfig -o tsv)]"
az network express-route peering show {AZ} -n AzurePrivatePeering --query '{{state:state,provisioningState:provisioningState,ipv6State:ipv6PeeringConfig.state}}' -o table
az network express-route peering delete {AZ} -n AzurePrivatePeering
echo "left=$(az network express-route peering list {AZ} --query 'length(@)' -o tsv)"
echo body-done
ER_PLANNER
echo "outer=$?"
"""


def test_crud(shell):
    label = f"{shell}/crud"
    r = shells.run_block(shell, CRUD, new_state(SUB, RG, C), env={"ER_SHARED_KEY": "A1bCD2"})
    lines = r.stdout.splitlines()
    R.check(r.ok, f"{label}: the block exits 0", dump(r))
    R.check(lines[:1] == ["circuit=[Provisioned Enabled ]"], f"{label}: $(az ... -o tsv | tr) captured", lines)
    R.check("asn=65010" in lines, f"{label}: create, then show reads the state back", lines)
    R.check(lines[2:6] == ["65020", "200", "Succeeded", "Enabled"], f"{label}: update persisted (tsv list)",
            lines)
    R.check("null=[]" in lines, f"{label}: -o tsv of a null value prints nothing", lines)
    R.check(any(l.split() == ["State", "ProvisioningState", "Ipv6State"] for l in lines)
            and any(l.split() == ["Enabled", "Succeeded", "Enabled"] for l in lines),
            f"{label}: -o table", lines)
    R.check("left=0" in lines and "body-done" in lines and lines[-1] == "outer=0",
            f"{label}: delete, the heredoc body ran to its end, the outer shell went on", lines)
    R.check(r.state["peerings"] == {}, f"{label}: final state has no peering", r.state["peerings"])
    puts = [q for q in r.requests if q["method"] == "PUT"]
    R.check(len(puts) == 2 and puts[0]["body"]["properties"].get("sharedKey") == "A1bCD2"
            and puts[1]["body"]["properties"]["peerASN"] == 65020
            and puts[1]["body"]["properties"]["primaryPeerAddressPrefix"] == "192.168.100.128/30",
            f"{label}: create PUT carries the key from the env; update PUT = GET + changes",
            json.dumps([p["body"] for p in puts])[:800])
    R.check(len(r.az_calls) == 9 and all(code == 0 for _, code in r.az_exits), f"{label}: 9 az calls, all exit 0",
            r.az_exits)
    R.check(all(q["argv"] in r.az_calls for q in r.requests), f"{label}: every request names its az argv")
    common_checks(r, label)
    return r


FAULT = f"""bash -s <<'ER_PLANNER'
set -euo pipefail
az network express-route peering create {AZ} --peering-type AzurePrivatePeering --peer-asn 65010 --vlan-id 200 --primary-peer-subnet 192.168.100.128/30 --secondary-peer-subnet 192.168.100.132/30 -o none
echo created
az network express-route peering update {AZ} -n AzurePrivatePeering --peer-asn 65020 -o none
echo not-reached
ER_PLANNER
"""


def test_fault(shell):
    label = f"{shell}/fault"
    # The 2nd PUT of the peering (the update) fails with 409: not retried by az.
    state = new_state(SUB, RG, C, faults=[fault("PUT", "/peerings/AzurePrivatePeering", 409, skip=1, count=1,
                                                code="Conflict", message="Simulated conflict")])
    r = shells.run_block(shell, FAULT, state)
    R.check(r.exit_code not in (0, None) and r.stdout.splitlines() == ["created"],
            f"{label}: the 2nd PUT fails, set -e stops the block", dump(r))
    R.check([c for _, c in r.az_exits] == [0, 1], f"{label}: az exits 0 then 1", r.az_exits)
    R.check("Simulated conflict" in r.stderr, f"{label}: az prints the ARM error", r.stderr_clean[-500:])
    R.check(r.state["peerings"]["AzurePrivatePeering"]["peerASN"] == 65010, f"{label}: the failed PUT changed nothing")
    R.check(r.state["faults"][0].get("fired") == 1, f"{label}: the fault fired once", r.state["faults"])
    common_checks(r, label)
    # A 500 on a PUT: az (azure-core RetryPolicy) retries it; count=None fails every retry.
    state = new_state(SUB, RG, C, faults=[fault("PUT", "/peerings/AzurePrivatePeering", 500, skip=1, count=None)])
    r = shells.run_block(shell, FAULT, state)
    retries = len([q for q in r.requests if q["method"] == "PUT"]) - 1
    R.check(r.exit_code not in (0, None) and "not-reached" not in r.stdout,
            f"{label}: a persistent 500 fails the update after az's retries (the update sent {retries} PUTs)", dump(r))
    common_checks(r, label + "-500")
    return retries


ASYNC = f"""( set -euo pipefail
  az rest --method put --url '/subscriptions/{{subscriptionId}}/resourceGroups/{RG}/providers/Microsoft.Network/expressRouteCircuits/{C}/peerings/AzurePrivatePeering?api-version=2024-05-01' --body @peering.json -o none
  while :; do
    s=$(az network express-route peering show {AZ} -n AzurePrivatePeering --query provisioningState -o tsv | tr -d '\\r')
    echo "provisioningState=$s"
    [ "$s" = Succeeded ] && break
    sleep 0.01
  done
  echo "update=$(az network express-route peering update {AZ} -n AzurePrivatePeering --peer-asn 65031 --query provisioningState -o tsv | tr -d '\r')"
)
"""


def test_async(shell):
    label = f"{shell}/async+rest"
    body = {"properties": dict(PRIVATE, peerASN=65030)}
    state = new_state(SUB, RG, C, updating_gets=2)
    r = shells.run_block(shell, ASYNC, state, files={"peering.json": json.dumps(body, indent=2) + "\n"})
    lines = r.stdout.splitlines()
    R.check(r.ok and lines[:3] == ["provisioningState=Updating"] * 2 + ["provisioningState=Succeeded"],
            f"{label}: show after az rest says Updating, Updating, then Succeeded", dump(r))
    upd = r.requests_of("network", "express-route", "peering", "update")
    R.check(lines[3:] == ["update=Succeeded"]
            and [(q["method"], (q["response"] or {}).get("properties", {}).get("provisioningState")) for q in upd]
            == [("GET", "Succeeded"), ("PUT", "Updating"), ("GET", "Updating"), ("GET", "Updating"),
                ("GET", "Succeeded")],
            f"{label}: az's own LRO poller polls a peering update through Updating to Succeeded",
            [(q["method"], q["status"]) for q in upd])
    puts = [q for q in r.requests_of("rest") if q["method"] == "PUT"]
    want_path = (f"/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Network/expressRouteCircuits/{C}"
                 "/peerings/AzurePrivatePeering")
    R.check(len(puts) == 1 and puts[0]["path"] == want_path and puts[0]["apiVersion"] == "2024-05-01"
            and puts[0]["body"] == body and puts[0]["argv"][0] == "rest",
            f"{label}: az rest resolved '{{subscriptionId}}' and sent the file's body", json.dumps(puts)[:600])
    R.check(puts and puts[0]["response"]["properties"]["provisioningState"] == "Updating",
            f"{label}: the PUT response says Updating")
    R.check(r.state["peerings"]["AzurePrivatePeering"]["peerASN"] == 65031
            and r.state["peerings"]["AzurePrivatePeering"]["vlanId"] == 200,
            f"{label}: state holds the body, then the update", r.state["peerings"])
    common_checks(r, label)


GLOBAL_REACH = f"""bash -s <<'ER_PLANNER'
set -euo pipefail
az network express-route peering connection show {AZ} --peering-name AzurePrivatePeering -n GR1 --query '[name,addressPrefix,circuitConnectionStatus]' -o tsv
az network express-route peering connection delete {AZ} --peering-name AzurePrivatePeering -n GR1
echo "connections=$(az network express-route peering connection list {AZ} --peering-name AzurePrivatePeering --query 'length(@)' -o tsv)"
az network express-route list-arp-tables --subscription {SUB} -g {RG} -n {C} --peering-name AzurePrivatePeering --path primary --query 'value[].ipAddress' -o tsv
az network express-route list-route-tables-summary --subscription {SUB} -g {RG} -n {C} --peering-name AzurePrivatePeering --path secondary --query 'value[0].[neighbor,as]' -o tsv
az network express-route list-route-tables --subscription {SUB} -g {RG} -n {C} --peering-name AzurePrivatePeering --path primary -o none
az network express-route list-arp-tables --subscription {SUB} -g {RG} -n {C} --peering-name AzurePrivatePeering --path primary -o table
echo "account=$(az account show --query id -o tsv <&-)"
echo gr-done
ER_PLANNER
"""


def test_global_reach(shell):
    label = f"{shell}/global-reach+tables"
    shown = dict(PRIVATE, name="AzurePrivatePeering", connections=[{
        "name": "GR1", "addressPrefix": "192.168.8.0/29", "circuitConnectionStatus": "Connected",
        "expressRouteCircuitPeering": {"id": f"/subscriptions/{SUB}/resourceGroups/{RG}/providers/Microsoft.Network"
                                             f"/expressRouteCircuits/{C}/peerings/AzurePrivatePeering"},
        "peerExpressRouteCircuitPeering": {"id": f"/subscriptions/{OTHER_SUB}/resourceGroups/RG2/providers/"
                                                 "Microsoft.Network/expressRouteCircuits/C2/peerings/AzurePrivatePeering"},
        "provisioningState": "Succeeded", "etag": 'W/"x"', "resourceGroup": RG,
        "type": "Microsoft.Network/expressRouteCircuits/peerings/connections"}])
    state = new_state(SUB, RG, C, shells.seed_peerings(shown))
    r = shells.run_block(shell, GLOBAL_REACH, state)
    lines = r.stdout.splitlines()
    R.check(r.ok and "gr-done" in lines, f"{label}: the block exits 0", dump(r))
    R.check(lines[:3] == ["GR1", "192.168.8.0/29", "Connected"], f"{label}: connection show", lines)
    R.check("connections=0" in lines and r.state["peerings"]["AzurePrivatePeering"].get("connections") == [],
            f"{label}: connection delete removed it from the state", lines)
    R.check(lines[4:6] == ["192.168.100.129", "192.168.100.130"], f"{label}: list-arp-tables", lines)
    R.check(lines[6:8] == ["192.168.100.133", "65010"], f"{label}: list-route-tables-summary", lines)
    R.check(f"account={SUB}" in lines, f"{label}: az with its stdin closed", lines)
    posts = [q for q in r.requests if q["method"] == "POST"]
    R.check([q["path"].rsplit("/", 2)[-2:] for q in posts] ==
            [["arpTables", "primary"], ["routeTablesSummary", "secondary"], ["routeTables", "primary"],
             ["arpTables", "primary"]], f"{label}: the table POSTs", [q["path"] for q in posts])
    common_checks(r, label)


FILTERS = f"""bash -s <<'ER_PLANNER'
set -uo pipefail
S='--subscription {SUB}'
az network route-filter list $S -g Filters -o none; echo "list-missing-group=$?"
az network route-filter create $S -g {RG} -n F1 -l northeurope -o none; echo "create=$?"
az network route-filter rule create $S -g {RG} --filter-name F1 -n r1 --access Allow --communities 12076:5010 12076:51002 -o none; echo "rule=$?"
az network route-filter rule create $S -g {RG} --filter-name F1 -n r2 --access Allow --communities 12076:5020 -o none; echo "second-rule=$?"
az network route-filter rule create $S -g {RG} --filter-name F1 -n r1 --access Allow --communities 12076:5010,12076:51002 -o none; echo "comma-joined=$?"
az network route-filter create $S -g {RG} -n F1 -l westeurope -o none; echo "other-region=$?"
az network route-filter list $S -g {RG} --query '[].[resourceGroup,name,location,to_string(rules[0].name),to_string(rules[0].communities)]' -o tsv
az network express-route peering create {AZ} --peering-type MicrosoftPeering --peer-asn 65003 --vlan-id 300 --primary-peer-subnet 123.0.0.0/30 --secondary-peer-subnet 123.0.0.4/30 --advertised-public-prefixes 123.1.0.0/24 -o none
az network express-route peering update {AZ} -n MicrosoftPeering --route-filter Nope -o none; echo "attach-missing=$?"
az network express-route peering update {AZ} -n MicrosoftPeering --route-filter F1 -o none; echo "attach=$?"
echo "peerings=$(az network route-filter show $S -g {RG} -n F1 --query 'peerings[].id' -o tsv | sed 's|.*/||')"
az network route-filter delete $S -g {RG} -n F1 -o none; echo "delete-attached=$?"
az network express-route peering update {AZ} -n MicrosoftPeering --remove routeFilter -o none; echo "detach=$?"
az network route-filter delete $S -g {RG} -n F1 -o none; echo "delete=$?"
az network route-filter delete $S -g {RG} -n F1 -o none; echo "delete-again=$?"
echo filters-done
ER_PLANNER
"""


def test_route_filters(shell):
    """Route filters and their rules in the fake: a group that does not exist (404 ResourceGroupNotFound), one
    rule per filter, one community per list item, a filter's region is fixed, a peering can only name a filter
    that exists, and an attached filter cannot be deleted (400 InUseRouteFilterCannotBeDeleted)."""
    label = f"{shell}/route-filters"
    state = new_state(SUB, RG, C, resource_groups=[resource_group(SUB, RG)], route_filter_refs=True)
    r = shells.run_block(shell, FILTERS, state)
    lines = r.stdout.splitlines()
    want = ["list-missing-group=3", "create=0", "rule=0", "second-rule=1", "comma-joined=1", "other-region=1",
            f"{RG}\tF1\tnortheurope\tr1\t[\"12076:5010\",\"12076:51002\"]", "attach-missing=1", "attach=0",
            "peerings=MicrosoftPeering", "delete-attached=1", "detach=0", "delete=0", "delete-again=0",
            "filters-done"]
    R.check(r.exit_code == 0 and lines == want, f"{label}: the answers and exit codes", {"got": lines, "want": want,
                                                                                        "stderr": r.stderr_clean[-1500:]})
    err = r.stderr_clean
    for code in ("ResourceGroupNotFound", "RouteFilterRuleLimitReached", "InvalidRouteFilterRuleCommunity",
                 "InvalidResourceLocation", "InvalidResourceReference", "InUseRouteFilterCannotBeDeleted"):
        R.check(code in err, f"{label}: az prints {code}", err[-1200:])
    rule_put = [q for q in r.requests if q["method"] == "PUT" and q["path"].endswith("/routeFilterRules/r1")]
    R.check(rule_put and rule_put[0]["body"]["properties"]["communities"] == ["12076:5010", "12076:51002"]
            and "routeFilterRuleType" not in rule_put[0]["body"]["properties"],
            f"{label}: az 2.91's rule create: one list item per community, no routeFilterRuleType",
            rule_put and rule_put[0]["body"])
    R.check(r.state.get("routeFilters") == [], f"{label}: the filter is gone at the end", r.state.get("routeFilters"))
    common_checks(r, label)


def server_children(server):
    try:
        with open(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children", encoding="ascii") as f:
            return f.read().split()
    except OSError:
        return []


def test_timeout(server, shell):
    """A block whose az hangs (ARM answers after 120 s) is killed at its timeout, and so is its az."""
    label = f"{shell}/timeout"
    block = (f"az network express-route show {AZ.replace('--circuit-name', '-n')} -o none\n"
             "echo not-reached\n")
    state = new_state(SUB, RG, C, faults=[fault("GET", f"/expressRouteCircuits/{C}", None, delay=120)])
    t0 = time.monotonic()
    r = shells.run_block(shell, block, state, timeout=3)
    took = time.monotonic() - t0
    R.check(r.timed_out and r.exit_code is None and not r.ok and took < 20,
            f"{label}: reported as a timeout after {took:.1f}s, no hang", dump(r))
    deadline = time.monotonic() + 10
    while server_children(server) and time.monotonic() < deadline:
        time.sleep(0.1)
    R.check(not server_children(server), f"{label}: the server's child for the killed az is gone",
            server_children(server))


# ---------------------------------------------------------------------------------------------------------
# Timing.

def timing_block(n):
    return "bash -s <<'ER_PLANNER'\nset -eu\n" + "".join(
        f"az network express-route peering show {AZ} -n AzurePrivatePeering --query peerASN -o tsv >/dev/null\n"
        if i % 2 else f"az network express-route peering update {AZ} -n AzurePrivatePeering --peer-asn {65000 + i} -o none\n"
        for i in range(n)) + "echo timing-done\nER_PLANNER\n"


def measure_daemon(shell, n):
    state = new_state(SUB, RG, C, {"AzurePrivatePeering": PRIVATE})
    t0 = time.monotonic()
    r = shells.run_block(shell, timing_block(n), state, timeout=600)
    wall = time.monotonic() - t0
    R.check(r.ok and len(r.az_calls) == n and all(c == 0 for _, c in r.az_exits),
            f"{shell}/timing: {n} sequential az invocations succeed", dump(r))
    common_checks(r, f"{shell}/timing")
    return wall / n


def measure_fresh(python, n):
    """n az invocations, each in a fresh Python process (fake_arm.py; no server)."""
    with tempfile.TemporaryDirectory(prefix="fresh-") as tmp:
        state = os.path.join(tmp, "state.json")
        save_state(state, new_state(SUB, RG, C, {"AzurePrivatePeering": PRIVATE}))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "AZ_FAKE"))}
        env.update(AZ_FAKE_STATE=state, AZURE_CONFIG_DIR=os.path.join(tmp, "azure"))
        argv = ["network", "express-route", "peering", "show", "--subscription", SUB, "-g", RG, "--circuit-name", C,
                "-n", "AzurePrivatePeering", "--query", "peerASN", "-o", "tsv"]
        cmd = [python, os.path.join(HERE, "fake_arm.py"), *argv]
        subprocess.run(cmd, env=env, capture_output=True, check=False)  # builds this config dir's command index
        t0 = time.monotonic()
        for _ in range(n):
            p = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
            R.check(p.returncode == 0 and p.stdout.strip() == "65010", "fresh process: az peering show", p.stderr[-300:])
        return (time.monotonic() - t0) / n, " ".join(cmd[:2]) + " network express-route peering show ..."


def load(n, per_block=50):
    blocks = [min(per_block, n - i) for i in range(0, n, per_block)]
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda ib: shells.run_block(("bash", "zsh")[ib[0] % 2], timing_block(ib[1]),
                                                            new_state(SUB, RG, C, {"AzurePrivatePeering": PRIVATE}),
                                                            timeout=900),
                                enumerate(blocks)))
    wall = time.monotonic() - t0
    calls = sum(len(r.az_calls) for r in results)
    R.check(all(r.ok for r in results) and calls == n, f"load: {n} az invocations in {len(blocks)} parallel blocks",
            [dump(r) for r in results if not r.ok][:1])
    R.check(not any(r.network_attempts for r in results), "load: no network access")
    return calls, wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=None, help="azure-cli 2.91 Python (default $CONFORMANCE_PYTHON or "
                                                   "<repo>/.venv/bin/python)")
    ap.add_argument("--timing", type=int, default=40, help="sequential az invocations per shell to time")
    ap.add_argument("--fresh", type=int, default=3, help="fresh-process invocations to time (0: skip)")
    ap.add_argument("--load", type=int, default=0, help="az invocations to run as parallel blocks (e.g. 1000)")
    args = ap.parse_args()
    python = args.python or shells.default_python()
    t_start = time.monotonic()
    with shells.Server(python) as server:
        print(f"azd started ({python})")
        t0 = time.monotonic()
        calls = 0
        with concurrent.futures.ThreadPoolExecutor(2) as pool:  # bash and zsh side by side: parallel blocks
            jobs = [pool.submit(fn, shell) for shell in ("bash", "zsh")
                    for fn in (test_crud, test_fault, test_async, test_global_reach, test_route_filters)]
            outs = [j.result() for j in jobs]
        retries = [o for o in outs if isinstance(o, int)]
        functional_wall = time.monotonic() - t0
        for shell in ("bash", "zsh"):
            test_timeout(server, shell)
        per_call = {shell: measure_daemon(shell, args.timing) for shell in ("bash", "zsh")}
        calls += 2 * args.timing
        load_calls, load_wall = load(args.load) if args.load else (0, 0.0)
        if server.proc.poll() is not None:
            R.check(False, "azd still running", server.log_tail())
    fresh = measure_fresh(python, args.fresh) if args.fresh else None
    print()
    print(f"functional blocks (10, bash and zsh, 2 in parallel): {functional_wall:.1f}s wall")
    print(f"az retried a persistent 500 on PUT: the update sent {retries[0] if retries else '?'} PUTs")
    for shell, t in per_call.items():
        print(f"daemon, {shell}: {t * 1000:.0f} ms wall per az invocation ({args.timing} sequential peering "
              f"update/show calls in one block: selftest.py --timing {args.timing})")
    if fresh:
        print(f"fresh process: {fresh[0] * 1000:.0f} ms wall per az invocation ({args.fresh} x `{fresh[1]}`)")
    if load_calls:
        print(f"load: {load_calls} az invocations in {load_wall:.1f}s wall, 2 blocks in parallel "
              f"({load_wall / load_calls * 1000:.0f} ms per invocation; selftest.py --load {args.load})")
    print(f"total {time.monotonic() - t_start:.1f}s")
    print(f"selftest: {R.passed} passed, {len(R.failed)} failed")
    return 1 if R.failed else 0


if __name__ == "__main__":
    sys.exit(main())
