"""A simulated Azure Resource Manager for ONE ExpressRoute circuit (plus resource groups and route filters),
whose whole state lives in a JSON file.

Separate `az` processes (the forked children of azd.py, or az_capture.py's commands) share the circuit by
sharing the file: every request locks it (flock on <state>.lock), reads it, answers, writes it back
(atomically) and appends one line to the JSONL request log.

State (see new_state()):
  {"subscription": GUID, "resourceGroup": "RG", "name": "C",
   "serviceProviderProvisioningState": "Provisioned", "circuitProvisioningState": "Enabled",
   "extraSubscriptions": [GUID...],          # other subscriptions the signed-in account lists
   "peerings": {peeringName: properties},    # ARM `properties` of each peering
   "faults": [{"method": "PUT", "path_suffix": "/peerings/MicrosoftPeering", "skip": 0, "count": 1,
               "status": 500, "code": "...", "message": "...", "delay": 0}],  # count null: every match;
                                             # delay: seconds before the answer (status null: then normal)
   "updating_gets": 0,                       # after a PUT: that many GETs of the peering say Updating
   "create_defaults": true,                  # a PUT creating a peering sets a missing IPv4 `state` (when
                                             # it has IPv4 link prefixes) and ipv6PeeringConfig.state (when
                                             # it has IPv6 ones) to Enabled, as the service does
   "resourceGroups": [{"subscription", "name", "location"}],  # optional; absent: only the circuit's group
                                             # exists ([]: none, to test ResourceGroupNotFound)
   "routeFilters": [{"subscription", "resourceGroup", "name", "location", "tags"?,
                     "rules": [{"name", "properties": {"access", "communities", "routeFilterRuleType"}}],
                     "provisioningState"?}],  # seeded (e.g. "Failed"): answered until a PUT of the filter
   "route_filter_refs": false}               # true: a peering PUT naming a route filter that does not
                                             # exist fails (400 InvalidResourceReference), as ARM does
Server-set values in answers: provisioningState (Succeeded, or Updating as above); advertisedPublicPrefixesState
"Configured" for a Microsoft peering config with prefixes (unless the state holds another value: seed
"ValidationNeeded" to test that); provisioningState and circuitConnectionStatus ("Connected") of Global
Reach connections. Read-only keys sent in a PUT are dropped. The fake keeps its own bookkeeping in the
state too: "pending" (GETs left that say Updating, per peering or route filter) and "matched"/"fired" in each
fault.

Routes (under /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/expressRouteCircuits/{c},
compared case-insensitively, any api-version):
  GET  ''                                     the circuit, peerings as ARM resources
  GET  /peerings                              {"value": [...]}
  GET|PUT|DELETE /peerings/{p}                PUT stores body.properties minus read-only keys (plus the
                                              creation defaults above), answers 200;
                                              GET of a missing peering: 404; DELETE: 200, 204 when missing
  GET  /peerings/{p}/connections              {"value": [...]}
  GET|PUT|DELETE /peerings/{p}/connections/{n}  Global Reach connections, kept in properties.connections
  POST /peerings/{p}/arpTables/{primary|secondary}, /routeTables/{..}, /routeTablesSummary/{..}
Resource groups and route filters (kept per subscription and group; a group that does not exist:
404 ResourceGroupNotFound for everything under it):
  GET  /subscriptions/{sub}/resourcegroups/{rg}       the group (az's `route-filter rule create` reads its
                                                      location when the command has no --location)
  GET  .../resourceGroups/{rg}/providers/Microsoft.Network/routeFilters      {"value": [...]}
  GET|PUT|DELETE .../routeFilters/{f}         PUT (az create: {"location"}; az rest: location + rules) replaces
                                              the filter: location (required; another region than the live
                                              filter's: 400 InvalidResourceLocation), rules (at most one:
                                              400 RouteFilterRuleLimitReached); 201 when it creates it. Answers
                                              carry id, name, type, location, etag, provisioningState
                                              (Succeeded, or Updating as for peerings), rules with their ids,
                                              and `peerings` / `ipv6Peerings`: the circuit's peerings whose
                                              routeFilter.id / ipv6PeeringConfig.routeFilter.id name it.
                                              DELETE: 200, 204 when missing; 400 InUseRouteFilterCannotBeDeleted
                                              while a peering names it (Azure's code; the status is a guess)
  GET  .../routeFilters/{f}/routeFilterRules  {"value": [...]}
  GET|PUT|DELETE .../routeFilterRules/{r}     kept in the filter's "rules". PUT stores access, communities,
                                              routeFilterRuleType (Community when the body has none: az 2.91's
                                              rule create sends none; its `location` is not stored); a second
                                              rule name: 400 RouteFilterRuleLimitReached; access not Allow/Deny,
                                              no community, or a community that is not ASN:value (e.g. a
                                              comma-joined list in one item): 400
  anything else, or any host but management.azure.com: 404.

Log line (JSONL, AZ_FAKE_LOG): {"kind": "request", "argv", "method", "host", "path", "apiVersion", "body",
"status", "response"}; azd.py adds {"kind": "az", "argv"} / {"kind": "az-exit", "argv", "exit"} and
{"kind": "network", "argv", "address"} for a refused connection attempt.

Used as a library by az_capture.py and azd.py; `python fake_arm.py ARGV...` runs ONE az command in a fresh
process against $AZ_FAKE_STATE (for comparisons and debugging; the shells use azd.py).
"""
import copy
import fcntl
import hashlib
import http
import ipaddress
import json
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.parse

TENANT = "00000000-0000-0000-0000-0000000000aa"
ARM_HOST = "management.azure.com"
PEERING_TYPE = "Microsoft.Network/expressRouteCircuits/peerings"
CONNECTION_TYPE = "Microsoft.Network/expressRouteCircuits/peerings/connections"
# Read-only in the peering schema (az 2.91's AAZ schema flags them read_only): ARM ignores them in a PUT.
READ_ONLY_PEERING = ("provisioningState", "lastModifiedBy", "peeredConnections")
READ_ONLY_MS_CONFIG = ("advertisedPublicPrefixesState",)
READ_ONLY_CONNECTION = ("provisioningState", "circuitConnectionStatus")
DEVICE_PATHS = ("primary", "secondary")
FILTER_TYPE = "Microsoft.Network/routeFilters"
RULE_TYPE = "Microsoft.Network/routeFilters/routeFilterRules"
COMMUNITY_RE = re.compile(r"^\d{1,10}:\d{1,10}$")


# ---------------------------------------------------------------------------------------------------------
# State helpers (no azure import: shells.py and the harness use them too).

def new_state(subscription, resource_group, name, peerings=None, *, extra_subscriptions=(), faults=(),
              updating_gets=0, service_provider_state="Provisioned", circuit_state="Enabled",
              create_defaults=True, resource_groups=None, route_filters=(), route_filter_refs=False):
    """A fresh state dict for one circuit. resource_groups: None = only the circuit's group exists (the
    fake's default), else a list of resource_group(...) entries ([] = none exists); route_filters: a list
    of route_filter(...) entries; route_filter_refs: a peering PUT must name route filters that exist."""
    st = {"subscription": subscription, "resourceGroup": resource_group, "name": name,
          "serviceProviderProvisioningState": service_provider_state,
          "circuitProvisioningState": circuit_state,
          "extraSubscriptions": list(extra_subscriptions),
          "peerings": copy.deepcopy(dict(peerings or {})),
          "faults": [dict(f) for f in faults],
          "updating_gets": updating_gets,
          "create_defaults": create_defaults}
    if resource_groups is not None:
        st["resourceGroups"] = [dict(g) for g in resource_groups]
    if route_filters:
        st["routeFilters"] = copy.deepcopy(list(route_filters))
    if route_filter_refs:
        st["route_filter_refs"] = True
    return st


def resource_group(subscription, name, location="westeurope"):
    """One resource group entry of the state's "resourceGroups"."""
    return {"subscription": subscription, "name": name, "location": location}


def route_filter(subscription, resource_group_name, name, location, rule=None, communities=(), access="Allow",
                 rule_type="Community"):
    """One route filter entry of the state's "routeFilters" (rule None: no rule)."""
    rules = []
    if rule:
        props = {"access": access, "communities": list(communities)}
        if rule_type:
            props["routeFilterRuleType"] = rule_type
        rules.append({"name": rule, "properties": props})
    return {"subscription": subscription, "resourceGroup": resource_group_name, "name": name,
            "location": location, "rules": rules}


def route_filter_id(subscription, resource_group_name, name):
    return (f"/subscriptions/{subscription}/resourceGroups/{resource_group_name}/providers/Microsoft.Network"
            f"/routeFilters/{name}")


def seed_route_filter(shown):
    """A route filter entry from what `az network route-filter show` printed (flattened) or raw ARM JSON."""
    if isinstance(shown, str):
        shown = json.loads(shown)
    props = shown.get("properties") if isinstance(shown.get("properties"), dict) else shown
    parts = [p for p in str(shown.get("id") or "").split("/") if p]
    low = [p.lower() for p in parts]
    sub = parts[low.index("subscriptions") + 1] if "subscriptions" in low else None
    rg = parts[low.index("resourcegroups") + 1] if "resourcegroups" in low else shown.get("resourceGroup")
    rules = []
    for r in props.get("rules") or []:
        rp = r.get("properties") if isinstance(r.get("properties"), dict) else r
        rules.append({"name": r.get("name"),
                      "properties": {k: copy.deepcopy(v) for k, v in rp.items()
                                     if k in ("access", "communities", "routeFilterRuleType")}})
    entry = {"subscription": sub, "resourceGroup": rg, "name": shown.get("name"),
             "location": shown.get("location"), "rules": rules}
    if shown.get("tags"):
        entry["tags"] = copy.deepcopy(shown["tags"])
    return entry


def fault(method, path_suffix, status=500, skip=0, count=1, code=None, message=None, delay=None):
    """One fault entry: the (skip+1)-th .. (skip+count)-th request matching method + path suffix get `status`
    (an ARM error body with `code` and `message`). count=None: every matching request after `skip`. method
    "*" matches any method. delay: seconds to wait before answering; with status=None the request is then
    answered normally (a slow ARM)."""
    f = {"method": method, "path_suffix": path_suffix, "skip": skip, "count": count, "status": status}
    if delay:
        f["delay"] = delay
    if code:
        f["code"] = code
    if message:
        f["message"] = message
    return f


def arm_resource(obj):
    """An az-printed (flattened) resource as ARM holds it: envelope fields outside, the rest under properties.
    (Same rule as harness.py `arm_resource`.)"""
    if "properties" in obj:
        props = dict(obj["properties"])
    else:
        props = {k: v for k, v in obj.items() if k not in ("id", "name", "etag", "type", "resourceGroup")}
    if isinstance(props.get("connections"), list):
        props["connections"] = [arm_resource(c) if isinstance(c, dict) else c for c in props["connections"]]
    return {k: v for k, v in {"name": obj.get("name"), "id": obj.get("id"), "etag": obj.get("etag"),
                              "type": obj.get("type"), "properties": props}.items() if v is not None}


def seed_peerings(shown):
    """{peeringName: properties} from what `az network express-route peering show` (one peering),
    `peering list` (a list) or `express-route show` (a circuit) printed, or from raw ARM JSON."""
    if isinstance(shown, str):
        shown = json.loads(shown)
    if isinstance(shown, dict) and ("peerings" in shown or "peerings" in (shown.get("properties") or {})):
        items = shown.get("peerings") or shown["properties"]["peerings"]
    elif isinstance(shown, dict) and isinstance(shown.get("value"), list):
        items = shown["value"]
    elif isinstance(shown, list):
        items = shown
    else:
        items = [shown]
    seed = {}
    for item in items:
        res = arm_resource(item)
        seed[res.get("name") or res["properties"].get("peeringType")] = res["properties"]
    return seed


def load_state(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save_state(path, state):
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".state-", dir=d)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(state, f, indent=1)
    os.replace(tmp, path)


def read_log(path):
    """The JSONL log as a list of dicts (missing file: [])."""
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def subscriptions_of(state):
    subs = [state["subscription"]]
    for s in state.get("extraSubscriptions") or []:
        if s.lower() not in (x.lower() for x in subs):
            subs.append(s)
    return subs


class _Locked:
    """flock on <state>.lock for one read-modify-write."""

    def __init__(self, state_path):
        self.lock_path = state_path + ".lock"

    def __enter__(self):
        self.fd = os.open(self.lock_path, os.O_CREAT | os.O_RDWR, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def append_log(log_path, entry):
    if not log_path:
        return
    line = json.dumps(entry) + "\n"
    fd = os.open(log_path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))  # one write with O_APPEND: lines of parallel writers never mix
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------------------------------------
# The simulated ARM.

def _error(code, message):
    return {"error": {"code": code, "message": message}}


def _status_code_name(status):
    try:
        return http.HTTPStatus(status).phrase.replace(" ", "")
    except ValueError:
        return "Error"


def _etag(value):
    return 'W/"' + hashlib.sha1(json.dumps(value, sort_keys=True).encode()).hexdigest()[:12] + '"'


def _find(mapping, name):
    return next((k for k in mapping if k.lower() == name.lower()), None)


def _strip_ms_config(cfg):
    if isinstance(cfg, dict):
        for k in READ_ONLY_MS_CONFIG:
            cfg.pop(k, None)


def _stored_connection(entry):
    entry = copy.deepcopy(entry)
    props = entry.get("properties")
    if isinstance(props, dict):
        for k in READ_ONLY_CONNECTION:
            props.pop(k, None)
    return entry


def _hosts(prefix):
    """(customer, Microsoft) addresses of a /30 (or /126) link subnet, as ARM's ARP table shows them."""
    try:
        net = ipaddress.ip_network(prefix, strict=False)
    except (TypeError, ValueError):
        return None, None
    return str(net.network_address + 1), str(net.network_address + 2)


class FakeArm:
    """Answers the requests of one az invocation against the state file `state_path`."""

    def __init__(self, state_path, log_path=None, argv=None):
        self.state_path = os.path.abspath(state_path)
        self.log_path = os.path.abspath(log_path) if log_path else None
        self.argv = list(argv or [])

    # ids -----------------------------------------------------------------------------------------------
    @staticmethod
    def circuit_id(state):
        return (f"/subscriptions/{state['subscription']}/resourceGroups/{state['resourceGroup']}"
                f"/providers/Microsoft.Network/expressRouteCircuits/{state['name']}")

    def peering_doc(self, state, name, consume=False):
        props = copy.deepcopy(state["peerings"][name])
        pending = state.setdefault("pending", {})
        if pending.get(name, 0) > 0:
            props["provisioningState"] = "Updating"
            if consume:
                pending[name] -= 1
                if pending[name] <= 0:
                    pending.pop(name)
        else:
            props["provisioningState"] = "Succeeded"
        for cfg in (props.get("microsoftPeeringConfig"),
                    (props.get("ipv6PeeringConfig") or {}).get("microsoftPeeringConfig")):
            if isinstance(cfg, dict) and cfg.get("advertisedPublicPrefixes") \
                    and "advertisedPublicPrefixesState" not in cfg:
                cfg["advertisedPublicPrefixesState"] = "Configured"
        if isinstance(props.get("connections"), list):
            # Embedded: only the server-set fields are added (an id the seed lacks would be re-sent by az).
            props["connections"] = [self.connection_doc(state, name, c, embedded=True) if isinstance(c, dict)
                                    else c for c in props["connections"]]
        doc = {"id": f"{self.circuit_id(state)}/peerings/{name}", "name": name, "etag": None,
               "type": PEERING_TYPE, "properties": props}
        doc["etag"] = _etag(state["peerings"][name])
        return doc

    def connection_doc(self, state, peering, entry, embedded=False):
        doc = copy.deepcopy(entry)
        name = doc.get("name")
        if not embedded:
            doc.setdefault("id", f"{self.circuit_id(state)}/peerings/{peering}/connections/{name}")
        doc.setdefault("etag", _etag(entry))
        doc.setdefault("type", CONNECTION_TYPE)
        props = doc.setdefault("properties", {})
        props.setdefault("provisioningState", "Succeeded")
        props.setdefault("circuitConnectionStatus", "Connected")
        return doc

    def circuit_doc(self, state):
        return {
            "id": self.circuit_id(state), "name": state["name"], "type": "Microsoft.Network/expressRouteCircuits",
            "location": state.get("location", "westeurope"), "etag": _etag(state["peerings"]),
            "sku": state.get("sku", {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"}),
            "properties": {
                "provisioningState": "Succeeded",
                "serviceProviderProvisioningState": state.get("serviceProviderProvisioningState", "Provisioned"),
                "circuitProvisioningState": state.get("circuitProvisioningState", "Enabled"),
                "serviceKey": "00000000-0000-0000-0000-00000000c1c1",
                "serviceProviderProperties": {"serviceProviderName": "Equinix", "peeringLocation": "Amsterdam",
                                              "bandwidthInMbps": 1000},
                "allowClassicOperations": False, "globalReachEnabled": False, "authorizations": [],
                "peerings": [self.peering_doc(state, n) for n in state["peerings"]],
            }}

    # entry point ---------------------------------------------------------------------------------------
    def handle(self, method, url, body):
        """(status, payload or None). Logs the request."""
        method = method.upper()
        parsed = urllib.parse.urlparse(url)
        path = urllib.parse.unquote(parsed.path)
        query = urllib.parse.parse_qs(parsed.query)
        entry = {"kind": "request", "argv": self.argv, "method": method, "host": parsed.hostname, "path": path,
                 "apiVersion": (query.get("api-version") or [None])[0], "body": body}
        with _Locked(self.state_path):
            state = load_state(self.state_path)
            before = json.dumps(state, sort_keys=True)
            delay, status, payload = self._fault(state, method, path)
            if json.dumps(state, sort_keys=True) != before:
                save_state(self.state_path, state)
        if delay:
            time.sleep(delay)  # outside the lock: other requests of this circuit go on meanwhile
        with _Locked(self.state_path):
            state = load_state(self.state_path)
            before = json.dumps(state, sort_keys=True)
            if status is None:
                status, payload = self._route(state, method, parsed.hostname, path, body)
            if json.dumps(state, sort_keys=True) != before:
                save_state(self.state_path, state)
            entry["status"] = status
            entry["response"] = payload
            append_log(self.log_path, entry)
        return status, payload

    def _fault(self, state, method, path):
        """(delay seconds, status, payload) of the first fault that fires (status None: answer normally)."""
        for f in state.get("faults") or []:
            fm = (f.get("method") or "*").upper()
            if fm not in ("*", method) or not path.lower().endswith((f.get("path_suffix") or "").lower()):
                continue
            f["matched"] = f.get("matched", 0) + 1
            count = f.get("count", 1)
            if f["matched"] > f.get("skip", 0) and (count is None or f.get("fired", 0) < count):
                f["fired"] = f.get("fired", 0) + 1
                delay = float(f.get("delay") or 0)
                if f.get("status", 500) is None:
                    return delay, None, None
                status = int(f.get("status", 500))
                code = f.get("code") or _status_code_name(status)
                return delay, status, _error(code, f.get("message") or
                                             f"Simulated fault ({status}) for {method} {path}")
        return 0, None, None

    def _route(self, state, method, host, path, body):
        if host != ARM_HOST:
            return 404, _error("NotFound", f"conformance fake ARM: unexpected host {host}")
        base = self.circuit_id(state).lower()
        lower = path.rstrip("/").lower()
        if lower != base and not lower.startswith(base + "/"):
            return self._outside_circuit(state, method, path, body)
        rest = [s for s in path.rstrip("/")[len(base):].split("/") if s]
        kinds = [s.lower() for s in rest[0::2]]
        if not rest:
            if method == "GET":
                return 200, self.circuit_doc(state)
            return 405, _error("MethodNotAllowed", f"conformance fake ARM: {method} on the circuit")
        if kinds[0] != "peerings":
            return 404, _error("NotFound", f"conformance fake ARM: no fixture for {path}")
        if len(rest) == 1:
            if method == "GET":
                return 200, {"value": [self.peering_doc(state, n) for n in state["peerings"]]}
            return 405, _error("MethodNotAllowed", f"conformance fake ARM: {method} {path}")
        name = rest[1]
        existing = _find(state["peerings"], name)
        if len(rest) == 2:
            return self._peering(state, method, name, existing, body)
        if existing is None:
            return 404, _error("ResourceNotFound" if method == "GET" else "ParentResourceNotFound",
                               f"Peering {name} of circuit {state['name']} not found.")
        if kinds[1] == "connections" and len(rest) in (3, 4):
            return self._connection(state, method, existing, rest[3] if len(rest) == 4 else None, body)
        if kinds[1] in ("arptables", "routetables", "routetablessummary") and len(rest) == 4 and method == "POST":
            if rest[3].lower() not in DEVICE_PATHS:
                return 400, _error("InvalidDevicePath", f"Device path {rest[3]} is not primary or secondary.")
            return 200, self._tables(state, existing, kinds[1], rest[3].lower())
        return 404, _error("NotFound", f"conformance fake ARM: no fixture for {method} {path}")

    def _peering(self, state, method, name, existing, body):
        if method == "GET":
            if existing is None:
                return 404, _error("NotFound", f"Peering {name} not found.")
            return 200, self.peering_doc(state, existing, consume=True)
        if method == "PUT":
            key = existing or name
            props = copy.deepcopy((body or {}).get("properties") or {}) if isinstance(body, dict) else {}
            for k in READ_ONLY_PEERING:
                props.pop(k, None)
            _strip_ms_config(props.get("microsoftPeeringConfig"))
            _strip_ms_config((props.get("ipv6PeeringConfig") or {}).get("microsoftPeeringConfig")
                             if isinstance(props.get("ipv6PeeringConfig"), dict) else None)
            if isinstance(props.get("connections"), list):
                props["connections"] = [_stored_connection(c) if isinstance(c, dict) else c
                                        for c in props["connections"]]
            if state.get("route_filter_refs"):
                # ARM (NRP) checks references: a peering cannot name a route filter that does not exist.
                for ref in (props.get("routeFilter"), (props.get("ipv6PeeringConfig") or {}).get("routeFilter")
                            if isinstance(props.get("ipv6PeeringConfig"), dict) else None):
                    rid = ref.get("id") if isinstance(ref, dict) else None
                    if rid and self._filter_by_id(state, rid) is None:
                        return 400, _error("InvalidResourceReference",
                                           f"Resource {rid} referenced by resource {self.circuit_id(state)}"
                                           f"/peerings/{key} was not found. Please make sure that the referenced "
                                           "resource exists, and that both resources are in the same region.")
            if existing is None and state.get("create_defaults", True):
                # A new peering: the service enables what the body configures but leaves unset (az's create
                # sends no `state`, nor an IPv6 state with --ip-version IPv6).
                if props.get("primaryPeerAddressPrefix") and "state" not in props:
                    props["state"] = "Enabled"
                v6 = props.get("ipv6PeeringConfig")
                if isinstance(v6, dict) and v6.get("primaryPeerAddressPrefix") and "state" not in v6:
                    v6["state"] = "Enabled"
            state["peerings"][key] = props
            pending = state.setdefault("pending", {})
            pending.pop(key, None)
            if int(state.get("updating_gets") or 0) > 0:
                pending[key] = int(state["updating_gets"])
            return 200, self.peering_doc(state, key)
        if method == "DELETE":
            if existing is None:
                return 204, None
            del state["peerings"][existing]
            state.setdefault("pending", {}).pop(existing, None)
            return 200, None
        return 405, _error("MethodNotAllowed", f"conformance fake ARM: {method} on a peering")

    def _connection(self, state, method, peering, name, body):
        props = state["peerings"][peering]
        conns = props.get("connections")
        if not isinstance(conns, list):
            conns = []
        idx = next((i for i, c in enumerate(conns)
                    if isinstance(c, dict) and str(c.get("name", "")).lower() == (name or "").lower()), None)
        if name is None:
            if method == "GET":
                return 200, {"value": [self.connection_doc(state, peering, c) for c in conns if isinstance(c, dict)]}
            return 405, _error("MethodNotAllowed", f"conformance fake ARM: {method} on connections")
        if method == "GET":
            if idx is None:
                return 404, _error("NotFound", f"Connection {name} of peering {peering} not found.")
            return 200, self.connection_doc(state, peering, conns[idx])
        if method == "PUT":
            cprops = copy.deepcopy((body or {}).get("properties") or {}) if isinstance(body, dict) else {}
            entry = _stored_connection({"name": conns[idx]["name"] if idx is not None else name,
                                        "id": f"{self.circuit_id(state)}/peerings/{peering}/connections/"
                                              f"{conns[idx]['name'] if idx is not None else name}",
                                        "properties": cprops})
            if idx is None:
                conns.append(entry)
            else:
                conns[idx] = entry
            props["connections"] = conns
            return 200, self.connection_doc(state, peering, entry)
        if method == "DELETE":
            if idx is None:
                return 204, None
            del conns[idx]
            props["connections"] = conns
            return 200, None
        return 405, _error("MethodNotAllowed", f"conformance fake ARM: {method} on a connection")

    # resource groups and route filters ---------------------------------------------------------------
    @staticmethod
    def resource_groups(state):
        """The resource groups that exist: the state's "resourceGroups", or (absent) the circuit's."""
        if "resourceGroups" in state:
            return state["resourceGroups"]
        return [resource_group(state["subscription"], state["resourceGroup"], state.get("location", "westeurope"))]

    def _group(self, state, sub, rg):
        return next((g for g in self.resource_groups(state)
                     if g["subscription"].lower() == sub.lower() and g["name"].lower() == rg.lower()), None)

    @staticmethod
    def _filters(state):
        return state.setdefault("routeFilters", [])

    def _filter(self, state, sub, rg, name):
        return next((f for f in self._filters(state) if f["subscription"].lower() == sub.lower()
                     and f["resourceGroup"].lower() == rg.lower() and f["name"].lower() == name.lower()), None)

    def _filter_by_id(self, state, rid):
        parts = [p for p in str(rid).split("/") if p]
        low = [p.lower() for p in parts]
        if len(parts) != 8 or low[0] != "subscriptions" or low[2] != "resourcegroups" \
                or low[4:7] != ["providers", "microsoft.network", "routefilters"]:
            return None
        return self._filter(state, parts[1], parts[3], parts[7])

    @staticmethod
    def _filter_key(f):
        return f"routeFilter:{f['subscription']}/{f['resourceGroup']}/{f['name']}".lower()

    def _attached(self, state, f):
        """(IPv4 peering ids, IPv6 peering ids) of this circuit whose routeFilter.id names filter f."""
        fid = route_filter_id(f["subscription"], f["resourceGroup"], f["name"]).lower()
        v4, v6 = [], []
        for name, props in state["peerings"].items():
            pid = f"{self.circuit_id(state)}/peerings/{name}"
            if str((props.get("routeFilter") or {}).get("id", "")).lower() == fid:
                v4.append(pid)
            v6cfg = props.get("ipv6PeeringConfig")
            if isinstance(v6cfg, dict) and str((v6cfg.get("routeFilter") or {}).get("id", "")).lower() == fid:
                v6.append(pid)
        return v4, v6

    def rule_doc(self, f, rule, embedded=False):
        fid = route_filter_id(f["subscription"], f["resourceGroup"], f["name"])
        props = copy.deepcopy(rule.get("properties") or {})
        props["provisioningState"] = "Succeeded"
        doc = {"id": f"{fid}/routeFilterRules/{rule['name']}", "name": rule["name"], "etag": _etag(rule),
               "properties": props}
        if not embedded:
            doc["type"] = RULE_TYPE
        return doc

    def filter_doc(self, state, f, consume=False):
        pending = state.setdefault("pending", {})
        key = self._filter_key(f)
        if pending.get(key, 0) > 0:
            prov = "Updating"
            if consume:
                pending[key] -= 1
                if pending[key] <= 0:
                    pending.pop(key)
        else:
            prov = f.get("provisioningState") or "Succeeded"  # a seeded state (e.g. Failed) until a PUT
        v4, v6 = self._attached(state, f)
        doc = {"id": route_filter_id(f["subscription"], f["resourceGroup"], f["name"]), "name": f["name"],
               "type": FILTER_TYPE, "location": f["location"], "etag": _etag(f),
               "properties": {"provisioningState": prov,
                              "rules": [self.rule_doc(f, r, embedded=True) for r in f.get("rules") or []],
                              "peerings": [{"id": i} for i in v4], "ipv6Peerings": [{"id": i} for i in v6]}}
        if f.get("tags"):
            doc["tags"] = copy.deepcopy(f["tags"])
        return doc

    @staticmethod
    def _check_rule(fid, name, props):
        """An ARM error for an invalid rule, else None (Azure: one Allow rule of BGP communities)."""
        if not isinstance(props, dict):
            return _error("InvalidRequestFormat", f"Route filter rule {name} of {fid} has no properties.")
        if props.get("access") not in ("Allow", "Deny"):
            return _error("InvalidRequestFormat", f"Route filter rule {name}: access {props.get('access')!r} "
                                                  "is not Allow or Deny.")
        comms = props.get("communities")
        if not isinstance(comms, list) or not comms:
            return _error("InvalidRequestFormat", f"Route filter rule {name} of {fid} has no communities.")
        for c in comms:
            if not isinstance(c, str) or not COMMUNITY_RE.match(c):
                # The message Azure gives for a comma-joined list in one item (azure-docs PR #31228).
                return _error("InvalidRouteFilterRuleCommunity",
                              f"Community name {c} of route filter rule {fid}/routeFilterRules/{name} is "
                              "invalid. The name must contain colon (:).")
        if props.get("routeFilterRuleType", "Community") != "Community":
            return _error("InvalidRequestFormat", f"Route filter rule {name}: routeFilterRuleType "
                                                  f"{props.get('routeFilterRuleType')!r} is not Community.")
        return None

    @staticmethod
    def _stored_rule(name, props):
        stored = {k: copy.deepcopy(v) for k, v in props.items() if k in ("access", "communities",
                                                                         "routeFilterRuleType")}
        # az 2.91's `route-filter rule create` sends no routeFilterRuleType (its argument schema has none);
        # the service answers with "Community", its only value (azure-cli recording test_network_route_filter).
        stored.setdefault("routeFilterRuleType", "Community")
        return {"name": name, "properties": stored}

    def _outside_circuit(self, state, method, path, body):
        """Resource groups, route filters and their rules (anything else: 404)."""
        parts = [p for p in path.rstrip("/").split("/") if p]
        low = [p.lower() for p in parts]
        nofix = (404, _error("NotFound", f"conformance fake ARM: no fixture for {method} {path}"))
        if len(parts) < 4 or low[0] != "subscriptions" or low[2] != "resourcegroups":
            return nofix
        sub, rg = parts[1], parts[3]
        group = self._group(state, sub, rg)
        if len(parts) == 4:
            if method != "GET":
                return 405, _error("MethodNotAllowed", f"conformance fake ARM: {method} on a resource group")
            if group is None:
                return 404, _error("ResourceGroupNotFound", f"Resource group '{rg}' could not be found.")
            return 200, {"id": f"/subscriptions/{group['subscription']}/resourceGroups/{group['name']}",
                         "name": group["name"], "type": "Microsoft.Resources/resourceGroups",
                         "location": group.get("location", "westeurope"),
                         "properties": {"provisioningState": "Succeeded"}}
        if low[4:7] != ["providers", "microsoft.network", "routefilters"] or len(parts) not in (7, 8, 9, 10):
            return nofix
        if group is None:
            return 404, _error("ResourceGroupNotFound", f"Resource group '{rg}' could not be found.")
        if len(parts) == 7:
            if method != "GET":
                return 405, _error("MethodNotAllowed", f"conformance fake ARM: {method} {path}")
            return 200, {"value": [self.filter_doc(state, f) for f in self._filters(state)
                                   if f["subscription"].lower() == sub.lower()
                                   and f["resourceGroup"].lower() == rg.lower()]}
        name = parts[7]
        f = self._filter(state, sub, rg, name)
        fid = route_filter_id(group["subscription"], group["name"], f["name"] if f else name)
        if len(parts) == 8:
            return self._route_filter(state, method, group, name, f, fid, body)
        if low[8] != "routefilterrules":
            return nofix
        if f is None:
            return 404, _error("ResourceNotFound" if method == "GET" else "ParentResourceNotFound",
                               f"The Resource 'Microsoft.Network/routeFilters/{name}' under resource group "
                               f"'{rg}' was not found.")
        rules = f.setdefault("rules", [])
        if len(parts) == 9:
            if method != "GET":
                return 405, _error("MethodNotAllowed", f"conformance fake ARM: {method} {path}")
            return 200, {"value": [self.rule_doc(f, r) for r in rules]}
        rname = parts[9]
        idx = next((i for i, r in enumerate(rules) if r["name"].lower() == rname.lower()), None)
        if method == "GET":
            if idx is None:
                return 404, _error("NotFound", f"Route filter rule {rname} of {fid} not found.")
            return 200, self.rule_doc(f, rules[idx])
        if method == "PUT":
            props = (body or {}).get("properties") if isinstance(body, dict) else None
            err = self._check_rule(fid, rname, props)
            if err:
                return 400, err
            if idx is None and rules:
                return 400, _error("RouteFilterRuleLimitReached",  # the fake's code: Azure allows one rule
                                   f"Route filter {fid} already has rule {rules[0]['name']}: a route filter "
                                   "can have only one rule.")
            entry = self._stored_rule(rules[idx]["name"] if idx is not None else rname, props)
            if idx is None:
                rules.append(entry)
            else:
                rules[idx] = entry
            return (201 if idx is None else 200), self.rule_doc(f, entry)
        if method == "DELETE":
            if idx is None:
                return 204, None
            del rules[idx]
            return 200, None
        return 405, _error("MethodNotAllowed", f"conformance fake ARM: {method} on a route filter rule")

    def _route_filter(self, state, method, group, name, f, fid, body):
        if method == "GET":
            if f is None:
                return 404, _error("ResourceNotFound", f"The Resource 'Microsoft.Network/routeFilters/{name}' "
                                                       f"under resource group '{group['name']}' was not found.")
            return 200, self.filter_doc(state, f, consume=True)
        if method == "PUT":
            body = body if isinstance(body, dict) else {}
            location = body.get("location")
            if not location:
                return 400, _error("LocationRequired", "The location property is required for this definition.")
            if f is not None and str(f["location"]).lower() != str(location).lower():
                return 400, _error("InvalidResourceLocation",
                                   f"The resource '{f['name']}' already exists in location '{f['location']}' in "
                                   f"resource group '{group['name']}'. A resource with the same name cannot be "
                                   f"created in location '{location}'. Please select a new resource name.")
            props = body.get("properties") if isinstance(body.get("properties"), dict) else {}
            rules = props.get("rules") or []
            if not isinstance(rules, list) or len(rules) > 1:
                return 400, _error("RouteFilterRuleLimitReached",  # the fake's code: Azure allows one rule
                                   f"Route filter {fid}: a route filter can have only one rule.")
            stored = []
            for r in rules:
                rname = (r or {}).get("name") if isinstance(r, dict) else None
                if not rname:
                    return 400, _error("InvalidRequestFormat", f"A rule of route filter {fid} has no name.")
                err = self._check_rule(fid, rname, r.get("properties"))
                if err:
                    return 400, err
                stored.append(self._stored_rule(rname, r["properties"]))
            # A PUT replaces the filter: rules the body does not name are gone.
            entry = {"subscription": group["subscription"], "resourceGroup": group["name"],
                     "name": f["name"] if f else name, "location": f["location"] if f else location,
                     "rules": stored}
            if body.get("tags"):
                entry["tags"] = copy.deepcopy(body["tags"])
            filters = self._filters(state)
            if f is None:
                filters.append(entry)
            else:
                filters[filters.index(f)] = entry
            pending = state.setdefault("pending", {})
            pending.pop(self._filter_key(entry), None)
            if int(state.get("updating_gets") or 0) > 0:
                pending[self._filter_key(entry)] = int(state["updating_gets"])
            return (201 if f is None else 200), self.filter_doc(state, entry)
        if method == "DELETE":
            if f is None:
                return 204, None
            v4, v6 = self._attached(state, f)
            if v4 or v6:
                # Azure's code (ExpressRoute troubleshooting guide "Route filter issues"); the status is the
                # fake's choice (400, as NRP's validation errors).
                return 400, _error("InUseRouteFilterCannotBeDeleted",
                                   f"RouteFilter {f['name']} is in use by ExpressRouteBgpPeering "
                                   f"{(v4 + v6)[0]}.")
            self._filters(state).remove(f)
            state.setdefault("pending", {}).pop(self._filter_key(f), None)
            return 200, None
        return 405, _error("MethodNotAllowed", f"conformance fake ARM: {method} on a route filter")

    def _tables(self, state, peering, kind, device):
        props = state["peerings"][peering]
        prefix = props.get("primaryPeerAddressPrefix" if device == "primary" else "secondaryPeerAddressPrefix")
        customer, microsoft = _hosts(prefix)
        if customer is None:  # no IPv4 link: nothing learned on this device
            return {"value": []}
        asn = props.get("peerASN") or 65000
        if kind == "arptables":
            return {"value": [
                {"age": 0, "interface": "On-Prem", "ipAddress": customer, "macAddress": "00:00:5e:00:53:01"},
                {"age": 0, "interface": "Microsoft", "ipAddress": microsoft, "macAddress": "00:00:5e:00:53:02"}]}
        if kind == "routetablessummary":
            return {"value": [{"neighbor": customer, "v": 4, "as": asn, "upDown": "1d02h", "statePfxRcd": "1"}]}
        return {"value": [{"network": "10.0.0.0/16", "nextHop": customer, "locPrf": "", "weight": 0,
                           "path": str(asn)}]}


# ---------------------------------------------------------------------------------------------------------
# Wiring azure-cli to the fake (call inside a process that imports azure-cli).

NETWORK_ATTEMPTS = []
_current = {"arm": None, "on_network_attempt": None}


def set_current(arm):
    """The FakeArm that answers this process's requests from now on."""
    _current["arm"] = arm


def forbid_network(on_attempt=None):
    """Any real connection attempt is recorded and refused: the proof that nothing touches the network."""
    import socket
    _current["on_network_attempt"] = on_attempt

    def refuse(self, address, *args, **kwargs):
        NETWORK_ATTEMPTS.append(repr(address))
        if _current["on_network_attempt"]:
            _current["on_network_attempt"](repr(address))
        raise OSError(f"conformance harness: network access refused ({address!r})")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = lambda address, *a, **k: refuse(None, address)


class FakeMsalCredential:
    def acquire_token(self, scopes, **kwargs):
        return {"access_token": "fake-token", "token_type": "Bearer", "expires_in": 3600}


def install_fakes():
    """Fake credential, fake transport (answers from the current FakeArm) and the speed patches:
    - LongRunningOperation._delay (azure-cli sleeps 0.5 s per long-running op, even when the poller is
      already done) waits 2 ms instead (a plain no-op would spin against the poller thread for the GIL);
    - azure-core's transport sleep (LRO polling interval, retry back-off) is a no-op. Note: a Retry-After: 0
      header would NOT help: azure-core treats a 0 delay as absent and falls back to its 30 s default."""
    import io
    import requests
    import urllib3
    from azure.cli.core._profile import Profile
    from azure.cli.core.commands import LongRunningOperation
    from azure.core.pipeline.transport import HttpTransport

    Profile._create_credential = lambda self, account, tenant_id=None, client_id=None: FakeMsalCredential()
    LongRunningOperation._delay = lambda self: time.sleep(0.002)
    HttpTransport.sleep = lambda self, duration: None

    def send(adapter, request, **kwargs):
        body = request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8")
        try:
            parsed_body = json.loads(body) if body else None
        except ValueError:
            parsed_body = body
        arm = _current["arm"]
        if arm is None:
            status, payload = 404, _error("NotFound", "conformance fake ARM: no state for this process")
        else:
            status, payload = arm.handle(request.method, request.url, parsed_body)
        data = json.dumps(payload).encode("utf-8") if payload is not None else b""
        headers = {"Content-Type": "application/json; charset=utf-8", "Content-Length": str(len(data)),
                   "x-ms-request-id": "00000000-0000-0000-0000-00000000feed"}
        response = requests.Response()
        response.status_code = status
        response.headers = requests.structures.CaseInsensitiveDict(headers)
        response.raw = urllib3.response.HTTPResponse(body=io.BytesIO(data), headers=headers, status=status,
                                                     preload_content=False, decode_content=False)
        response._content = data
        response.request = request
        response.url = request.url
        try:
            response.reason = http.HTTPStatus(status).phrase
        except ValueError:
            response.reason = "Error"
        response.encoding = "utf-8"
        return response

    requests.adapters.HTTPAdapter.send = send


CONFIG_FILE = ("[core]\ncollect_telemetry = no\nfirst_run = no\nsurvey_message = no\nno_color = yes\n"
               "[auto-upgrade]\nenable = no\n")


def write_config_dir(config_dir, subscriptions, template_dir=None):
    """An AZURE_CONFIG_DIR signed in to `subscriptions` (the first is the default); copies the command index
    (and the version check) of `template_dir`, so az does not rebuild its index by loading every module."""
    os.makedirs(config_dir, exist_ok=True)
    profile = {
        "installationId": "00000000-0000-0000-0000-000000000001",
        "subscriptions": [{
            "id": sub, "name": f"conformance-{i}", "state": "Enabled", "isDefault": i == 0,
            "tenantId": TENANT, "homeTenantId": TENANT, "environmentName": "AzureCloud",
            "managedByTenants": [], "user": {"name": "tester@example.com", "type": "user"},
        } for i, sub in enumerate(subscriptions)],
    }
    if template_dir:
        for name in ("commandIndex.json", "versionCheck.json"):
            src = os.path.join(template_dir, name)
            if os.path.exists(src):
                shutil.copyfile(src, os.path.join(config_dir, name))
    with open(os.path.join(config_dir, "config"), "w", encoding="utf-8") as f:
        f.write(CONFIG_FILE)
    # azureProfile.json last: its presence marks the directory as ready.
    tmp = os.path.join(config_dir, ".azureProfile.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(profile, f)
    os.replace(tmp, os.path.join(config_dir, "azureProfile.json"))


def ensure_config_dir(config_dir, state_path, template_dir=None):
    """Creates the config dir from the state's subscriptions unless it has an azureProfile.json already."""
    if os.path.exists(os.path.join(config_dir, "azureProfile.json")):
        return
    with _Locked(state_path):
        if not os.path.exists(os.path.join(config_dir, "azureProfile.json")):
            write_config_dir(config_dir, subscriptions_of(load_state(state_path)), template_dir)


def point_azure_cli_at(config_dir):
    """azure-cli keeps its config dir in module constants computed at import: re-point them (in a process that
    imported azure-cli under another AZURE_CONFIG_DIR)."""
    import azure.cli.core._config as core_config
    import azure.cli.core.cloud as cloud
    import azure.cli.core.intercept_survey as survey
    import azure.cli.core.extension as extension
    from knack.config import CLIConfig
    os.environ["AZURE_CONFIG_DIR"] = config_dir
    core_config.GLOBAL_CONFIG_DIR = config_dir
    core_config.GLOBAL_CONFIG_PATH = os.path.join(config_dir, core_config.CONFIG_FILE_NAME)
    cloud.GLOBAL_CONFIG_DIR = config_dir
    cloud.CLOUD_CONFIG_FILE = os.path.join(config_dir, "clouds.config")
    survey.GLOBAL_CONFIG_DIR = config_dir
    survey.GLOBAL_SURVEY_NOTE_PATH = os.path.join(config_dir, survey.SURVEY_NOTE_NAME)
    extension.az_config = CLIConfig(config_dir=config_dir, config_env_var_prefix=core_config.ENV_VAR_PREFIX)
    if not os.environ.get("AZURE_EXTENSION_DIR"):
        extension.EXTENSIONS_DIR = os.path.join(config_dir, "cliextensions")


def invoke(argv, out_file=None):
    """az ARGV in this process; the exit code (argparse's SystemExit -> its code)."""
    from azure.cli.core import get_default_cli
    try:
        return get_default_cli().invoke(list(argv), out_file=out_file or sys.stdout)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        return 130


def main(argv):
    """One az command in this fresh process: AZ_FAKE_STATE, AZ_FAKE_LOG, AZURE_CONFIG_DIR as in azd.py."""
    state = os.environ.get("AZ_FAKE_STATE")
    if not state:
        print("fake_arm.py: set AZ_FAKE_STATE to the state file", file=sys.stderr)
        return 126
    log = os.environ.get("AZ_FAKE_LOG") or state + ".log.jsonl"
    config_dir = os.environ.get("AZURE_CONFIG_DIR") or state + ".azure"
    ensure_config_dir(config_dir, state)
    os.environ["AZURE_CONFIG_DIR"] = config_dir
    forbid_network(lambda addr: append_log(log, {"kind": "network", "argv": argv, "address": addr}))
    install_fakes()
    set_current(FakeArm(state, log, argv))
    append_log(log, {"kind": "az", "argv": argv})
    code = invoke(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    append_log(log, {"kind": "az-exit", "argv": argv, "exit": code})
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
