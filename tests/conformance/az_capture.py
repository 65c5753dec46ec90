"""Runs real azure-cli 2.91.0 commands offline and records the HTTP requests they build.

Input (stdin, JSON): {"subscription": GUID, "extraSubscriptions": [GUID...],  # also in the account
                      "circuit": {"resourceGroup", "name"},
                      "peerings": {name: properties, ...}   # optional seed state
                      "commands": [[argv...], ...]}
Output (stdout, JSON): one record per command: argv, exit code, stdout, stderr, requests
(method, path, api-version, body, the GET responses), and the final simulated peering state.

Technique (domain.md §8): throw-away AZURE_CONFIG_DIR with a one-subscription azureProfile.json, a fake
credential (Profile._create_credential), and requests.adapters.HTTPAdapter.send replaced by a simulated
ARM that keeps the peerings of one circuit across the commands of a session. Nothing touches the network.
"""
import contextlib
import copy
import io
import json
import os
import sys
import tempfile
import urllib.parse

TENANT = "00000000-0000-0000-0000-0000000000aa"


def setup_config_dir(subscription, extra_subscriptions=()):
    config_dir = tempfile.mkdtemp(prefix="az-conformance-")
    profile = {
        "installationId": "00000000-0000-0000-0000-000000000001",
        "subscriptions": [{
            "id": sub, "name": f"conformance-{i}", "state": "Enabled", "isDefault": i == 0,
            "tenantId": TENANT, "homeTenantId": TENANT, "environmentName": "AzureCloud",
            "managedByTenants": [], "user": {"name": "tester@example.com", "type": "user"},
        } for i, sub in enumerate([subscription, *extra_subscriptions])],
    }
    with open(os.path.join(config_dir, "azureProfile.json"), "w", encoding="utf-8") as f:
        json.dump(profile, f)
    with open(os.path.join(config_dir, "config"), "w", encoding="utf-8") as f:
        f.write("[core]\ncollect_telemetry = no\nfirst_run = no\nsurvey_message = no\n"
                "[auto-upgrade]\nenable = no\n")
    os.environ["AZURE_CONFIG_DIR"] = config_dir
    os.environ["AZURE_CORE_COLLECT_TELEMETRY"] = "no"
    os.environ["AZURE_CORE_NO_COLOR"] = "true"


class FakeMsalCredential:
    def acquire_token(self, scopes, **kwargs):
        return {"access_token": "fake-token", "token_type": "Bearer", "expires_in": 3600}


class SimulatedArm:
    """A circuit and its peerings, as ARM would answer (GET/PUT/DELETE)."""

    def __init__(self, subscription, circuit, peerings):
        self.subscription = subscription
        self.rg = circuit["resourceGroup"]
        self.circuit = circuit["name"]
        self.peerings = {k: copy.deepcopy(v) for k, v in (peerings or {}).items()}
        self.log = []

    def circuit_id(self):
        return (f"/subscriptions/{self.subscription}/resourceGroups/{self.rg}"
                f"/providers/Microsoft.Network/expressRouteCircuits/{self.circuit}")

    def peering_doc(self, name):
        props = copy.deepcopy(self.peerings[name])
        props["provisioningState"] = "Succeeded"
        return {"id": f"{self.circuit_id()}/peerings/{name}", "name": name, "etag": 'W/"1"',
                "type": "Microsoft.Network/expressRouteCircuits/peerings", "properties": props}

    def handle(self, method, url, body):
        parsed = urllib.parse.urlparse(url)
        path = urllib.parse.unquote(parsed.path)
        query = urllib.parse.parse_qs(parsed.query)
        entry = {"method": method, "path": path, "apiVersion": (query.get("api-version") or [None])[0],
                 "body": body}
        self.log.append(entry)
        lower = path.lower()
        cid = self.circuit_id().lower()
        if parsed.hostname != "management.azure.com":
            return self.respond(entry, 404, {"error": {"code": "NotFound", "message": "unexpected host"}})
        if lower == cid and method == "GET":
            return self.respond(entry, 200, {
                "id": self.circuit_id(), "name": self.circuit, "location": "westeurope",
                "type": "Microsoft.Network/expressRouteCircuits",
                "sku": {"name": "Standard_MeteredData", "tier": "Standard", "family": "MeteredData"},
                "properties": {"serviceProviderProvisioningState": "Provisioned",
                               "circuitProvisioningState": "Enabled", "provisioningState": "Succeeded",
                               "peerings": [self.peering_doc(n) for n in self.peerings]}})
        if lower.startswith(cid + "/peerings/"):
            name = path.split("/")[-1]
            existing = next((n for n in self.peerings if n.lower() == name.lower()), None)
            if method == "GET":
                if existing is None:
                    return self.respond(entry, 404, {"error": {"code": "NotFound",
                                                               "message": f"Peering {name} not found."}})
                return self.respond(entry, 200, self.peering_doc(existing))
            if method == "PUT":
                self.peerings[existing or name] = copy.deepcopy((body or {}).get("properties", {}))
                return self.respond(entry, 200, self.peering_doc(existing or name))
            if method == "DELETE":
                self.peerings.pop(existing, None)
                return self.respond(entry, 200, None)
        return self.respond(entry, 404, {"error": {"code": "NotFound", "message": f"no fixture for {path}"}})

    @staticmethod
    def respond(entry, status, payload):
        entry["status"] = status
        entry["response"] = payload
        return status, payload


NETWORK_ATTEMPTS = []


def forbid_network():
    """Any real connection attempt is recorded and refused: the proof that nothing touches the network."""
    import socket

    def refuse(self, address, *args, **kwargs):
        NETWORK_ATTEMPTS.append(repr(address))
        raise OSError(f"conformance harness: network access refused ({address!r})")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = lambda address, *a, **k: refuse(None, address)


def install_fakes(arm):
    import requests
    import urllib3
    from azure.cli.core._profile import Profile

    Profile._create_credential = lambda self, account, tenant_id=None, client_id=None: FakeMsalCredential()

    def send(adapter, request, **kwargs):
        body = request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8")
        parsed_body = json.loads(body) if body else None
        status, payload = arm.handle(request.method, request.url, parsed_body)
        data = json.dumps(payload).encode("utf-8") if payload is not None else b""
        headers = {"Content-Type": "application/json", "Content-Length": str(len(data))}
        response = requests.Response()
        response.status_code = status
        response.headers = requests.structures.CaseInsensitiveDict(headers)
        response.raw = urllib3.response.HTTPResponse(body=io.BytesIO(data), headers=headers, status=status,
                                                     preload_content=False, decode_content=False)
        response._content = data
        response.request = request
        response.url = request.url
        response.reason = "OK" if status < 300 else "Not Found"
        return response

    requests.adapters.HTTPAdapter.send = send


class SwitchableStream(io.TextIOBase):
    def __init__(self):
        self.target = io.StringIO()

    def write(self, text):
        return self.target.write(text)

    def isatty(self):
        return False


def main():
    spec = json.load(sys.stdin)
    setup_config_dir(spec["subscription"], spec.get("extraSubscriptions", []))
    arm = SimulatedArm(spec["subscription"], spec["circuit"], spec.get("peerings"))
    forbid_network()
    install_fakes(arm)
    from azure.cli.core import get_default_cli

    # knack's logging handlers keep the stream they saw first: give them one that switches per command.
    stderr = SwitchableStream()
    records = []
    for argv in spec["commands"]:
        start = len(arm.log)
        out, err = io.StringIO(), io.StringIO()
        stderr.target = err
        with contextlib.redirect_stderr(stderr):
            try:
                code = get_default_cli().invoke(argv, out_file=out)
            except SystemExit as exc:  # argparse errors
                code = exc.code if isinstance(exc.code, int) else 1
        records.append({"argv": argv, "exit": code, "stdout": out.getvalue(), "stderr": err.getvalue(),
                        "requests": arm.log[start:]})
    json.dump({"records": records, "final": arm.peerings, "networkAttempts": NETWORK_ATTEMPTS}, sys.stdout,
              indent=1)


if __name__ == "__main__":
    main()
