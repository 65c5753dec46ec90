"""Runs real azure-cli 2.91.0 commands offline and records the HTTP requests they build.

Input (stdin, JSON): {"subscription": GUID, "extraSubscriptions": [GUID...],  # also in the account
                      "circuit": {"resourceGroup", "name"},
                      "peerings": {name: properties, ...}   # optional seed state
                      "commands": [[argv...], ...]}
Output (stdout, JSON): one record per command: argv, exit code, stdout, stderr, requests
(method, path, api-version, body, the GET responses), and the final simulated peering state.

Technique (domain.md §8): throw-away AZURE_CONFIG_DIR with a one-subscription azureProfile.json, a fake
credential (Profile._create_credential), and requests.adapters.HTTPAdapter.send replaced by the simulated
ARM of fake_arm.py (state in a throw-away JSON file), which keeps the peerings of one circuit across the
commands of a session. All commands run in this one process, sequentially. Nothing touches the network.
(tests/conformance/shells.py runs whole shell blocks against the same fake, with one az process per
invocation.)
"""
import contextlib
import io
import json
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fake_arm  # noqa: E402

# The keys of a request in a record (the log lines of fake_arm.py carry more).
REQUEST_KEYS = ("method", "path", "apiVersion", "body", "status", "response")


class SwitchableStream(io.TextIOBase):
    def __init__(self):
        self.target = io.StringIO()

    def write(self, text):
        return self.target.write(text)

    def isatty(self):
        return False


def main():
    spec = json.load(sys.stdin)
    tmp = tempfile.mkdtemp(prefix="az-conformance-")
    config_dir = os.path.join(tmp, "azure")
    fake_arm.write_config_dir(config_dir, [spec["subscription"], *spec.get("extraSubscriptions", [])])
    os.environ["AZURE_CONFIG_DIR"] = config_dir
    os.environ["AZURE_CORE_COLLECT_TELEMETRY"] = "no"
    os.environ["AZURE_CORE_NO_COLOR"] = "true"
    state_path = os.path.join(tmp, "state.json")
    log_path = os.path.join(tmp, "requests.jsonl")
    # create_defaults off: a created peering holds exactly what az sent (the harness's accepted differences).
    fake_arm.save_state(state_path, fake_arm.new_state(
        spec["subscription"], spec["circuit"]["resourceGroup"], spec["circuit"]["name"], spec.get("peerings"),
        extra_subscriptions=spec.get("extraSubscriptions", []), create_defaults=False))
    fake_arm.forbid_network()
    fake_arm.install_fakes()

    # knack's logging handlers keep the stream they saw first: give them one that switches per command.
    stderr = SwitchableStream()
    records = []
    for argv in spec["commands"]:
        start = len(fake_arm.read_log(log_path))
        fake_arm.set_current(fake_arm.FakeArm(state_path, log_path, argv))
        out, err = io.StringIO(), io.StringIO()
        stderr.target = err
        with contextlib.redirect_stderr(stderr):
            code = fake_arm.invoke(argv, out_file=out)
        requests = [{k: e.get(k) for k in REQUEST_KEYS}
                    for e in fake_arm.read_log(log_path)[start:] if e.get("kind") == "request"]
        records.append({"argv": argv, "exit": code, "stdout": out.getvalue(), "stderr": err.getvalue(),
                        "requests": requests})
    final = fake_arm.load_state(state_path)["peerings"]
    json.dump({"records": records, "final": final, "networkAttempts": fake_arm.NETWORK_ATTEMPTS}, sys.stdout,
              indent=1)


if __name__ == "__main__":
    main()
