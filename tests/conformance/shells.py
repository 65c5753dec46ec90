"""Run whole emitted shell blocks in real bash and zsh, with the REAL azure-cli 2.91 as `az`, offline.

    import shells
    with shells.Server():                       # python: $CONFORMANCE_PYTHON or <repo>/.venv/bin/python
        state = shells.new_state(SUB, "RG", "C", peerings=shells.seed_peerings(az_show_json))
        r = shells.run_block("zsh", block_text, state, env={"ER_SHARED_KEY": "k"})
        r.exit_code, r.stdout, r.stderr, r.requests, r.az_calls, r.state

`az` on the shells' PATH is tests/conformance/bin/az, a client of the warm server azd.py, which runs each
invocation in a fork of one warmed azure-cli process against the stateful fake ARM of fake_arm.py (state in
a JSON file per block, shared by all az invocations of that block). Blocks are pasted the way a user pastes
them: the text on the standard input of an interactive shell (bash --norc --noprofile --noediting -i,
zsh -f -i). run_block is thread-safe: blocks may run in parallel (each has its own directory and state).
This module imports no azure code (any Python 3.9+ can import it).
"""
import copy
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)
_write_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ in the source tree
from fake_arm import arm_resource, fault, load_state, new_state, read_log, save_state, seed_peerings  # noqa: E402,F401
sys.dont_write_bytecode = _write_bytecode

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
BIN = os.path.join(HERE, "bin")
AZD = os.path.join(HERE, "azd.py")

# How a paste runs. --noediting: without it, bash's readline echoes every line it reads from a non-terminal
# stdin to stderr (the block's own text would land in stderr). +o promptsp +o promptcr: no zsh
# end-of-line marks in stderr. Neither changes how the text is parsed or run.
SHELLS = {
    "bash": ["bash", "--norc", "--noprofile", "--noediting", "-i"],
    "zsh": ["zsh", "-f", "-i", "+o", "promptsp", "+o", "promptcr"],
}
# Lines an interactive shell without a terminal writes to stderr by itself.
SHELL_NOISE = re.compile(r"^(bash: cannot set terminal process group .*|bash: no job control in this shell|exit)$")
SUBSCRIPTION_RE = re.compile(r"/subscriptions/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
                             r"-[0-9a-fA-F]{12})")


def default_python():
    return os.environ.get("CONFORMANCE_PYTHON") or os.path.join(REPO, ".venv", "bin", "python")


class Server:
    """The warm azure-cli server (azd.py). A context manager; the innermost running one is the default of
    run_block. start() waits until the server has warmed up (about 1-2 s; a first start in a fresh Python
    may take longer while it compiles its byte code)."""

    _stack = []
    _lock = threading.Lock()

    def __init__(self, python=None, workdir=None, startup_timeout=300):
        self.python = python or default_python()
        self._own_workdir = workdir is None
        self.workdir = workdir
        self.startup_timeout = startup_timeout
        self.proc = None
        self.socket = None
        self.log_path = None

    def start(self):
        if self.proc:
            return self
        if not os.path.exists(self.python):
            raise RuntimeError(f"no Python at {self.python} (set CONFORMANCE_PYTHON or create <repo>/.venv)")
        if self.workdir is None:
            self.workdir = tempfile.mkdtemp(prefix="azd-")
        os.makedirs(self.workdir, exist_ok=True)
        self.socket = os.path.join(self.workdir, "azd.sock")
        self.log_path = os.path.join(self.workdir, "azd.log")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "AZ_FAKE", "AZD_"))}
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([self.python, AZD, "--socket", self.socket, "--workdir", self.workdir],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log, env=env,
                                         start_new_session=True)
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + self.startup_timeout
        line = b""
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not sel.select(timeout=left):
                self.stop()
                raise RuntimeError(f"azd did not start within {self.startup_timeout}s: {self.log_tail()}")
            chunk = os.read(self.proc.stdout.fileno(), 4096)
            if not chunk:
                code = self.proc.wait()
                tail = self.log_tail()
                self.proc = None
                raise RuntimeError(f"azd exited with {code} while starting: {tail}")
            line += chunk
        sel.close()
        if not line.startswith(b"azd ready"):
            self.stop()
            raise RuntimeError(f"azd said {line!r}: {self.log_tail()}")
        return self

    def log_tail(self, n=3000):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()[-n:]
        except OSError:
            return ""

    def stop(self):
        if self.proc:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            self.proc.stdout.close()
            self.proc = None
        if self._own_workdir and self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self):
        self.start()
        with Server._lock:
            Server._stack.append(self)
        return self

    def __exit__(self, *exc):
        with Server._lock:
            if self in Server._stack:
                Server._stack.remove(self)
        self.stop()

    @classmethod
    def current(cls):
        with cls._lock:
            return cls._stack[-1] if cls._stack else None


def start_server(python=None, **kwargs):
    """A started Server (call .stop(), or use `with Server(...)`)."""
    return Server(python, **kwargs).start()


class BlockResult:
    """What one block did.

    shell, exit_code (None after a timeout), timed_out, stdout, stderr (raw), stderr_clean (without the
    interactive shell's own job-control / `exit` lines), requests (fake-ARM requests in order, dicts with
    argv, method, host, path, apiVersion, body, status, response), az_calls (argv of every az invocation, in
    order, whether or not it sent a request), az_exits ([(argv, exit code)]), network_attempts (refused
    connection attempts: must be []), state (the fake ARM state after the block), log (every log line),
    workdir (kept only with keep=True), ok (exit 0 and no timeout)."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    @property
    def ok(self):
        return self.exit_code == 0 and not self.timed_out

    @property
    def stderr_clean(self):
        return "\n".join(l for l in self.stderr.split("\n") if not SHELL_NOISE.match(l))

    def requests_of(self, *argv_prefix):
        """The requests sent by az invocations whose argv starts with argv_prefix."""
        n = len(argv_prefix)
        return [r for r in self.requests if list(r.get("argv", []))[:n] == list(argv_prefix)]

    def __repr__(self):
        return (f"BlockResult(shell={self.shell!r}, exit_code={self.exit_code!r}, timed_out={self.timed_out}, "
                f"az_calls={len(self.az_calls)}, requests={len(self.requests)})")


def prepare_state(state, text=""):
    """A copy of `state` with defaults filled in; "extraSubscriptions" (when absent) are the other
    subscriptions the block text names (a route filter in another subscription makes az authenticate to
    it, so the signed-in account must list it, as a real user's does)."""
    st = copy.deepcopy(state)
    st.setdefault("peerings", {})
    st.setdefault("faults", [])
    st.setdefault("updating_gets", 0)
    st.setdefault("create_defaults", True)
    st.setdefault("serviceProviderProvisioningState", "Provisioned")
    st.setdefault("circuitProvisioningState", "Enabled")
    if "extraSubscriptions" not in st:
        own = st["subscription"].lower()
        st["extraSubscriptions"] = sorted({m.lower() for m in SUBSCRIPTION_RE.findall(text)} - {own})
    return st


def run_block(shell, text, state, env=None, timeout=180, *, server=None, files=None, keep=False):
    """Pastes `text` into a fresh interactive `shell` ("bash" or "zsh") whose `az` is the real azure-cli
    against a fake ARM holding `state` (a dict as fake_arm.new_state makes; not modified).

    The shell starts in a fresh temp dir that is also HOME, with PATH=tests/conformance/bin:/usr/bin:/bin,
    TERM=dumb, LANG=C.UTF-8, empty PS1/PS2, AZURE_CONFIG_DIR=$HOME/.azure, plus `env` (e.g. ER_SHARED_KEY).
    `files`: {relative path: str | bytes | JSON-able object} written there first (e.g. peering.json for an
    `az rest --body @peering.json`). After `timeout` seconds the shell's process group is killed and the
    result says timed_out (never a hang). Returns a BlockResult."""
    if shell not in SHELLS:
        raise ValueError(f"shell must be one of {sorted(SHELLS)}")
    server = server or Server.current()
    if server is None or server.proc is None:
        raise RuntimeError("no azd server running: use `with shells.Server():`")
    tmp = tempfile.mkdtemp(prefix=f"block-{shell}-")
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    state_path = os.path.join(tmp, "state.json")
    log_path = os.path.join(tmp, "requests.jsonl")
    save_state(state_path, prepare_state(state, text))
    for rel, content in (files or {}).items():
        path = os.path.join(home, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(content, bytes):
            data = content
        elif isinstance(content, str):
            data = content.encode("utf-8")
        else:
            data = json.dumps(content, indent=2).encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
    full_env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": home, "TERM": "dumb", "LANG": "C.UTF-8", "PS1": "",
                "PS2": "", "AZD_SOCKET": server.socket, "AZ_FAKE_STATE": state_path, "AZ_FAKE_LOG": log_path,
                "AZURE_CONFIG_DIR": os.path.join(home, ".azure")}
    full_env.update({k: str(v) for k, v in (env or {}).items()})
    if not text.endswith("\n"):
        text += "\n"
    proc = subprocess.Popen(SHELLS[shell], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=home, env=full_env, start_new_session=True)
    timed_out = False
    t0 = time.monotonic()
    try:
        out, err = proc.communicate(text.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            # The az server's child of a killed `az` dies when its client disconnects; the pipes then close.
            out, err = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = b"", b"(output lost: the pipes stayed open after the timeout kill)"
    elapsed = time.monotonic() - t0
    log = read_log(log_path)
    result = BlockResult(
        shell=shell, exit_code=None if timed_out else proc.returncode, timed_out=timed_out,
        stdout=out.decode("utf-8", "replace"), stderr=err.decode("utf-8", "replace"),
        requests=[e for e in log if e.get("kind") == "request"],
        az_calls=[e["argv"] for e in log if e.get("kind") == "az"],
        az_exits=[(e["argv"], e["exit"]) for e in log if e.get("kind") == "az-exit"],
        network_attempts=[e for e in log if e.get("kind") == "network"],
        state=load_state(state_path), log=log, elapsed=elapsed, workdir=tmp if keep else None)
    if not keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return result
