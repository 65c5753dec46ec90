"""azd: a warm azure-cli server for the conformance shells (tests/conformance/bin/az is its client).

    python azd.py --socket /tmp/x/azd.sock [--workdir DIR] [--detach]

Imports azure-cli 2.91 once, installs the fakes of fake_arm.py (fake credential, fake ARM transport, no
network, speed patches), warms itself by running a few commands against a scratch circuit (so the network,
util and profile command modules, the route-filter AAZ modules, the command index and the output formatters
are loaded), then listens on
a Unix socket and prints `azd ready <socket>` on stdout.

Protocol (one connection = one az invocation):
  client -> server: 4-byte big-endian length + JSON {"v": 1, "argv": [...], "cwd": "...", "env": {...}},
                    the client's fds 0, 1, 2 attached (SCM_RIGHTS) to the first bytes;
  server -> client: one JSON line {"exit": N} once az has finished and flushed its output.
Per connection the server forks; the child dup2s the fds to 0/1/2, rebinds sys.stdin/stdout/stderr, chdirs,
replaces its environment with the client's, points azure-cli at the config dir of the request
(AZURE_CONFIG_DIR, created from the state's subscriptions when missing, default <state>.azure) and answers
its HTTP requests from the fake ARM of AZ_FAKE_STATE, logging to AZ_FAKE_LOG (default <state>.log.jsonl).
A client that disconnects early (killed by a timeout) kills its child. Children run in parallel.
The server exits on SIGTERM / SIGINT, and (unless --detach) when the process that started it is gone.
"""
import argparse
import gc
import io
import json
import logging
import os
import signal
import socket
import struct
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

MAX_REQUEST = 16 * 1024 * 1024
EXIT_INFRA = 126  # the request could not be run (no state, bad request): not an az exit code


def log(msg):
    print(f"azd[{os.getpid()}] {time.strftime('%H:%M:%S')} {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------
# Warm-up (in the server process, before any fork).

WARM_SUB = "00000000-0000-0000-0000-00000000beef"


def warm_up(fake_arm, workdir):
    """Runs representative commands once, so children find modules, the command index and AAZ schemas loaded."""
    scratch = os.path.join(workdir, "warm")
    os.makedirs(scratch, exist_ok=True)
    state_path = os.path.join(scratch, "state.json")
    peering = {"peeringType": "AzurePrivatePeering", "peerASN": 65001, "vlanId": 100, "state": "Enabled",
               "primaryPeerAddressPrefix": "10.0.0.0/30", "secondaryPeerAddressPrefix": "10.0.0.4/30"}
    fake_arm.save_state(state_path, fake_arm.new_state(WARM_SUB, "RG", "C", {"AzurePrivatePeering": peering}))
    with open(os.path.join(scratch, "body.json"), "w", encoding="utf-8") as f:
        json.dump({"properties": peering}, f)
    base = ["-g", "RG", "--circuit-name", "C"]
    url = ("/subscriptions/{subscriptionId}/resourceGroups/RG/providers/Microsoft.Network/expressRouteCircuits/C"
           "/peerings/AzurePrivatePeering?api-version=2024-05-01")
    commands = [
        ["network", "express-route", "show", "-g", "RG", "-n", "C"],  # builds the command index (slow, once)
        ["network", "express-route", "show", "-g", "RG", "-n", "C", "--query",
         "[serviceProviderProvisioningState,circuitProvisioningState]", "-o", "tsv"],
        ["network", "express-route", "peering", "update", *base, "-n", "AzurePrivatePeering", "--peer-asn", "65002"],
        ["network", "express-route", "peering", "create", *base, "--peering-type", "MicrosoftPeering",
         "--peer-asn", "65003", "--vlan-id", "300", "--primary-peer-subnet", "123.0.0.0/30",
         "--secondary-peer-subnet", "123.0.0.4/30", "--advertised-public-prefixes", "123.1.0.0/24"],
        ["network", "express-route", "peering", "show", *base, "-n", "AzurePrivatePeering", "--query",
         "{state:state,provisioningState:provisioningState}", "-o", "table"],
        ["network", "express-route", "peering", "list", *base, "-o", "json"],
        ["network", "express-route", "peering", "delete", *base, "-n", "MicrosoftPeering"],
        ["network", "express-route", "peering", "connection", "list", *base, "--peering-name",
         "AzurePrivatePeering"],
        ["network", "express-route", "list-arp-tables", "-g", "RG", "-n", "C", "--peering-name",
         "AzurePrivatePeering", "--path", "primary"],
        ["rest", "--method", "put", "--url", url, "--body", "@body.json"],
        # route filters (preview commands: each also loads its own AAZ module)
        ["network", "route-filter", "list", "-g", "RG", "--query", "[].[resourceGroup,name]", "-o", "tsv"],
        ["network", "route-filter", "create", "-g", "RG", "-n", "F", "-l", "westeurope", "-o", "none"],
        ["network", "route-filter", "rule", "create", "-g", "RG", "--filter-name", "F", "-n", "r", "--access",
         "Allow", "--communities", "12076:5010", "12076:5020", "-o", "none"],
        ["network", "route-filter", "rule", "update", "-g", "RG", "--filter-name", "F", "-n", "r", "--set",
         "communities=[]", "--add", "communities", "12076:5030", "-o", "none"],
        ["network", "route-filter", "show", "-g", "RG", "-n", "F", "--query", "provisioningState", "-o", "tsv"],
        ["network", "route-filter", "delete", "-g", "RG", "-n", "F", "-o", "none"],
        ["account", "show", "--query", "id", "-o", "tsv"],
    ]
    config_dir = os.path.join(scratch, "azure")
    fake_arm.write_config_dir(config_dir, [WARM_SUB])
    fake_arm.point_azure_cli_at(config_dir)
    cwd = os.getcwd()
    os.chdir(scratch)
    try:
        for argv in commands:
            fake_arm.set_current(fake_arm.FakeArm(state_path, os.path.join(scratch, "log.jsonl"), argv))
            out = io.StringIO()
            t0 = time.monotonic()
            code = fake_arm.invoke(argv, out_file=out)
            log(f"warm-up: az {' '.join(argv[:4])} -> {code} in {time.monotonic() - t0:.2f}s")
            if code != 0:
                raise RuntimeError(f"warm-up command failed ({code}): az {' '.join(argv)}")
    finally:
        os.chdir(cwd)
        fake_arm.set_current(None)
    return config_dir


def reset_logging():
    """Drop the console handlers the warm-up configured: knack configures them once per process, at the
    log level of that first command; each child must configure its own (its --debug / --only-show-errors,
    its stderr)."""
    loggers = [logging.getLogger()] + [l for l in logging.Logger.manager.loggerDict.values()
                                       if isinstance(l, logging.Logger)]
    for lg in loggers:
        for h in list(lg.handlers):
            lg.removeHandler(h)


# ---------------------------------------------------------------------------------------------------------
# Per connection (in the forked child).

def recv_request(conn):
    data, fds, _flags, _addr = socket.recv_fds(conn, 65536, 8)
    while len(data) < 4:
        more = conn.recv(65536)
        if not more:
            raise EOFError("short request")
        data += more
    (length,) = struct.unpack(">I", data[:4])
    if length > MAX_REQUEST:
        raise ValueError("request too large")
    while len(data) < 4 + length:
        more = conn.recv(65536)
        if not more:
            raise EOFError("short request")
        data += more
    return json.loads(data[4:4 + length].decode("utf-8")), fds


def rebind_stdio():
    def text(fd, mode):
        raw = io.FileIO(fd, mode, closefd=False)
        if mode == "r":
            return io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8", errors="surrogateescape")
        # stderr: like CPython, backslashreplace; line-buffered on a terminal.
        return io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8",
                                errors="backslashreplace" if fd == 2 else "strict",
                                line_buffering=os.isatty(fd) or fd == 2)
    sys.stdin = sys.__stdin__ = text(0, "r")
    sys.stdout = sys.__stdout__ = text(1, "w")
    sys.stderr = sys.__stderr__ = text(2, "w")


def watch_client(conn, done):
    """The client closing the connection before we answered means it was killed: stop this az now."""
    try:
        while True:
            chunk = conn.recv(1)
            if not chunk:
                break
    except OSError:
        pass
    if not done.is_set():
        os._exit(143)


def serve_child(conn, fake_arm, template_dir):
    code = EXIT_INFRA
    done = threading.Event()
    try:
        req, fds = recv_request(conn)
        if len(fds) < 3:
            raise ValueError(f"expected 3 file descriptors, got {len(fds)}")
        for i, fd in enumerate(fds[:3]):
            os.dup2(fd, i)
        for fd in fds:
            os.close(fd)
        rebind_stdio()
        threading.Thread(target=watch_client, args=(conn, done), daemon=True).start()
        argv = [str(a) for a in req["argv"]]
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in (req.get("env") or {}).items()})
        try:
            os.chdir(req.get("cwd") or "/")
        except OSError as exc:
            print(f"az (conformance shim): cannot enter {req.get('cwd')!r}: {exc}", file=sys.stderr)
            raise SystemExit(EXIT_INFRA)
        state = os.environ.get("AZ_FAKE_STATE")
        if not state or not os.path.exists(state):
            print(f"az (conformance shim): AZ_FAKE_STATE names no state file ({state!r})", file=sys.stderr)
            raise SystemExit(EXIT_INFRA)
        state = os.path.abspath(state)
        log_path = os.path.abspath(os.environ.get("AZ_FAKE_LOG") or state + ".log.jsonl")
        config_dir = os.path.abspath(os.environ.get("AZURE_CONFIG_DIR") or state + ".azure")
        fake_arm.ensure_config_dir(config_dir, state, template_dir)
        fake_arm.point_azure_cli_at(config_dir)
        fake_arm.forbid_network(lambda addr: fake_arm.append_log(
            log_path, {"kind": "network", "argv": argv, "address": addr}))
        fake_arm.set_current(fake_arm.FakeArm(state, log_path, argv))
        fake_arm.append_log(log_path, {"kind": "az", "argv": argv})
        code = fake_arm.invoke(argv, out_file=sys.stdout)
        fake_arm.append_log(log_path, {"kind": "az-exit", "argv": argv, "exit": code})
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else EXIT_INFRA
    except BaseException as exc:  # pylint: disable=broad-except
        try:
            print(f"az (conformance shim): server error: {exc!r}", file=sys.stderr)
        except Exception:  # pylint: disable=broad-except
            pass
        code = EXIT_INFRA
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # pylint: disable=broad-except
                pass
        done.set()
        try:
            conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
        except OSError:
            pass
        os._exit(0)


# ---------------------------------------------------------------------------------------------------------

def reap(_signum=None, _frame=None):
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--socket", required=True)
    ap.add_argument("--workdir", help="scratch directory (default: a new temp dir)")
    ap.add_argument("--detach", action="store_true",
                    help="keep running when the process that started this server exits (default: exit too)")
    args = ap.parse_args()
    workdir = args.workdir or tempfile.mkdtemp(prefix="azd-")
    os.makedirs(workdir, exist_ok=True)
    # Import azure-cli under the warm-up's config dir (its module constants are re-pointed per child anyway).
    os.environ["AZURE_CONFIG_DIR"] = os.path.join(workdir, "warm", "azure")
    os.environ.setdefault("AZURE_CORE_COLLECT_TELEMETRY", "no")
    import fake_arm  # pylint: disable=import-outside-toplevel

    t0 = time.monotonic()
    fake_arm.forbid_network(lambda addr: log(f"refused network access to {addr}"))
    fake_arm.install_fakes()
    template_dir = warm_up(fake_arm, workdir)
    reset_logging()
    if fake_arm.NETWORK_ATTEMPTS:
        log(f"warm-up attempted network access: {fake_arm.NETWORK_ATTEMPTS}")
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    if others:
        log(f"warning: threads alive before forking: {others}")
    gc.collect()
    gc.freeze()  # children share the warm heap copy-on-write; keep the GC from touching it

    if os.path.exists(args.socket):
        os.unlink(args.socket)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(args.socket)
    srv.listen(128)
    signal.signal(signal.SIGCHLD, reap)
    stop = {"now": False}

    def terminate(_signum, _frame):
        stop["now"] = True
        try:
            srv.close()
        finally:
            try:
                os.unlink(args.socket)
            except OSError:
                pass
            os._exit(0)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    log(f"ready in {time.monotonic() - t0:.1f}s on {args.socket}")
    print(f"azd ready {args.socket}", flush=True)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)  # nobody reads our stdout after the ready line
    parent = os.getppid()
    srv.settimeout(1.0)
    while not stop["now"]:
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            if not args.detach and os.getppid() != parent:  # our starter is gone (crashed before stopping us)
                log("parent gone: exiting")
                terminate(None, None)
            continue
        except OSError:
            if stop["now"]:
                break
            raise
        conn.setblocking(True)
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            srv.close()
            try:
                serve_child(conn, fake_arm, template_dir)
            finally:
                os._exit(EXIT_INFRA)
        conn.close()
        reap()


if __name__ == "__main__":
    main()
