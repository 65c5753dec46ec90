#!/usr/bin/env python3
"""Real-BGP test of the generated FRR router configs (tests/router/README.md).

For every reference plan under target/router/<NAME>/ (written by `cargo test --test emit_golden`):
plan.json, frr-primary.conf, frr-secondary.conf. For each router it

  1. derives the expected facts from plan.json itself (link subnets, addresses, VLAN, peer ASN, key,
     BFD, the prefixes the router must advertise) -- never from the generator's code;
  2. checks the config text creates the VLAN sub-interface (`ip link add ... type vlan ... id N`);
  3. builds two network namespaces, CE (our router) and MSEE (a simulated Microsoft edge), joined by
     one veth pair per sub-interface (the CE end named exactly like the config's sub-interface: the
     kernel here has no 802.1Q), loads the config VERBATIM into FRR 8.4 (zebra, staticd, bgpd, bfdd)
     in the CE namespace and a harness-generated AS 12076 config into FRR in the MSEE namespace;
  4. waits until every planned session is Established and asserts sessions, BFD (IPv4 only, 300 ms x 3),
     the exact prefix set the MSEE received from the CE (and its AS path / next hop), and that the CE
     received the MSEE's prefix;
  5. negative: for some keyed plans, runs the MSEE with a wrong MD5 key and asserts the keyed sessions
     never come up.

Python 3.11 standard library only. Needs root, `ip netns`, FRR from Debian (/usr/lib/frr, /usr/bin/vtysh).
Everything it creates is named `ert-<pid>-<n>-{c,m}` and removed at the end, also on failure or Ctrl-C.
"""

from __future__ import annotations

import argparse
import atexit
import concurrent.futures
import dataclasses
import ipaddress
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

FRR_BIN = Path("/usr/lib/frr")
VTYSH = "/usr/bin/vtysh"
DAEMONS = ["zebra", "staticd", "bgpd", "bfdd"]  # start order; zebra first
FRR_ETC = Path("/etc/frr")
FRR_RUN = Path("/var/run/frr")
MICROSOFT_AS = 12076
BFD_INTERVAL_MS = 300
BFD_MULTIPLIER = 3
IFNAMSIZ = 15  # usable characters of a Linux interface name
MSEE_ROUTER_ID = "198.19.255.254"

STOP = threading.Event()  # set on Ctrl-C / SIGTERM: every wait loop gives up
PREFIX = f"ert-{os.getpid()}"
_counter = 0
_counter_lock = threading.Lock()
_live_resources: dict[str, "Lab"] = {}  # namespace base name -> lab, for the last-resort cleanup
_live_lock = threading.Lock()


class Fatal(Exception):
    """The environment cannot run the test at all."""


class Aborted(Exception):
    """Ctrl-C / SIGTERM while a test was running."""


# --------------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------------


def run(cmd: list[str], check: bool = True, timeout: float = 30, input: str | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, input=input)
    if check and proc.returncode != 0:
        raise RuntimeError(f"command failed (rc {proc.returncode}): {' '.join(cmd)}\n{proc.stdout}{proc.stderr}")
    return proc


def next_id() -> str:
    global _counter
    with _counter_lock:
        _counter += 1
        return f"{PREFIX}-{_counter}"


def sleep(seconds: float) -> None:
    if STOP.wait(seconds):
        raise Aborted()


def canon(net: ipaddress._BaseNetwork) -> str:
    return net.with_prefixlen  # lower-case, compressed IPv6


# --------------------------------------------------------------------------------------------------
# the plan: expected facts, derived here from plan.json (domain.md §2, §3, §4, §6, §10, §11.1)
# --------------------------------------------------------------------------------------------------


class PlanError(Exception):
    pass


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def parse_asn(value) -> int:
    """asplain (`65010`) or asdot (`3.10` = 3*65536+10), domain.md §4."""
    text = text_of(value)
    if re.fullmatch(r"\d+", text):
        asn = int(text)
    elif m := re.fullmatch(r"(\d+)\.(\d+)", text):
        hi, lo = int(m.group(1)), int(m.group(2))
        if hi > 65535 or lo > 65535:
            raise PlanError(f"peerAsn {text!r}: asdot half above 65535")
        asn = hi * 65536 + lo
    else:
        raise PlanError(f"peerAsn {text!r} is not an ASN")
    if not 1 <= asn <= 4294967294:
        raise PlanError(f"peerAsn {text!r} out of range")
    return asn


def parse_tag(value, what: str) -> int:
    """VLAN / S-tag: decimal digits, leading zeros allowed (`0200` = 200), 1-4094 (domain.md §3)."""
    text = text_of(value)
    if not re.fullmatch(r"\d+", text) or not 1 <= int(text) <= 4094:
        raise PlanError(f"{what} {text!r} is not a VLAN ID 1-4094")
    return int(text)


def parse_bool(value, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = text_of(value).lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    return default


@dataclasses.dataclass
class Session:
    peering: str  # AzurePrivatePeering / MicrosoftPeering
    short: str  # private / microsoft
    family: str  # ipv4 / ipv6
    link: str  # primary / secondary
    subnet: ipaddress._BaseNetwork
    ours: ipaddress._BaseAddress
    msee: ipaddress._BaseAddress
    peer_asn: int
    key: str
    bfd: bool  # BFD expected on this session
    advertise: list[str]  # canonical prefixes our router must advertise, exactly
    ifname: str
    msee_prefix: str = ""  # the MSEE's own prefix for this session (set by the lab)

    @property
    def label(self) -> str:
        return f"{self.short}/{self.family}"

    @property
    def afi(self) -> str:
        return "ipv4" if self.family == "ipv4" else "ipv6"


@dataclasses.dataclass
class SubInterface:
    peering: str
    parent: str
    stag: int | None
    vlan: int
    name: str
    sessions: list[Session]


@dataclasses.dataclass
class Expected:
    link: str
    bfd: bool
    encapsulation: str
    parent: str
    stag: int | None
    interfaces: list[SubInterface]
    sessions: list[Session]
    plan_networks: list[ipaddress._BaseNetwork]  # everything the plan names, to keep the MSEE's prefixes apart
    max_prefix: int | None  # routers.maxPrefix when set (inbound limit per session)


def expected_facts(plan: dict, link: str) -> Expected:
    if not isinstance(plan, dict) or not isinstance(plan.get("peerings"), list):
        raise PlanError("plan.json has no peerings list")
    routers = plan.get("routers")
    if not isinstance(routers, dict):
        routers = {}
    max_text = text_of(routers.get("maxPrefix"))
    max_prefix = int(max_text) if re.fullmatch(r"\d+", max_text) else None
    encapsulation = text_of(routers.get("encapsulation")).lower() or "dot1q"
    if encapsulation not in ("dot1q", "qinq"):
        raise PlanError(f"routers.encapsulation {encapsulation!r} is neither dot1q nor qinq")
    stag = parse_tag(routers.get("sTag"), "routers.sTag") if encapsulation == "qinq" else None
    bfd = parse_bool(routers.get("bfd"), True)
    # The plan's interface names apply to the vendor it picked (or to all when it picked none); an FRR
    # config of a plan for another vendor keeps FRR's default name (README "Router configs").
    vendor = text_of(routers.get("vendor")).lower()
    named = text_of(routers.get(f"{link}Interface")) if vendor in ("", "frr") else ""
    parent = named or "eth1"

    plan_networks: list[ipaddress._BaseNetwork] = []
    for v in plan.get("vnetAddressSpaces") or []:
        try:
            plan_networks.append(ipaddress.ip_network(text_of(v), strict=False))
        except ValueError:
            pass

    interfaces: list[SubInterface] = []
    sessions: list[Session] = []
    for index, peering in enumerate(plan["peerings"]):
        if not isinstance(peering, dict):
            raise PlanError(f"peerings/{index} is not an object")
        ptype = text_of(peering.get("type"))
        if ptype == "AzurePrivatePeering":
            short, list_key = "private", "onPremisesPrefixes"
        elif ptype == "MicrosoftPeering":
            short, list_key = "microsoft", "advertisedPrefixes"
        else:
            raise PlanError(f"peerings/{index}: type {ptype!r} gets no router config")
        asn = parse_asn(peering.get("peerAsn"))
        vlan = parse_tag(peering.get("vlanId"), f"peerings/{index}/vlanId")
        key = "" if peering.get("sharedKey") is None else str(peering.get("sharedKey"))  # never trimmed (§6)
        name = f"{parent}.{stag}.{vlan}" if stag is not None else f"{parent}.{vlan}"
        sub = SubInterface(ptype, parent, stag, vlan, name, [])
        for family, plen in (("ipv4", 30), ("ipv6", 126)):
            fam = peering.get(family)
            if not isinstance(fam, dict):
                continue  # absent or null: not configured (§11.1)
            try:
                subnet = ipaddress.ip_network(text_of(fam.get(link)), strict=True)
                for other in ("primary", "secondary"):
                    plan_networks.append(ipaddress.ip_network(text_of(fam.get(other)), strict=True))
            except ValueError as e:
                raise PlanError(f"peerings/{index}/{family}/{link}: {e}") from None
            if subnet.prefixlen != plen or (subnet.version == 4) != (family == "ipv4"):
                raise PlanError(f"peerings/{index}/{family}/{link} {subnet} is not a /{plen}")
            advertise: list[str] = []
            for p in fam.get(list_key) or []:
                try:
                    net = ipaddress.ip_network(text_of(p), strict=True)
                except ValueError as e:
                    raise PlanError(f"peerings/{index}/{family}/{list_key}: {e}") from None
                if (net.version == 4) != (family == "ipv4"):
                    raise PlanError(f"peerings/{index}/{family}/{list_key}: {net} is the other family")
                plan_networks.append(net)
                if canon(net) not in advertise:  # duplicates: the first is kept (§5)
                    advertise.append(canon(net))
            for other_key in ("advertisedPrefixes", "onPremisesPrefixes"):
                for p in fam.get(other_key) or []:
                    try:
                        plan_networks.append(ipaddress.ip_network(text_of(p), strict=False))
                    except ValueError:
                        pass
            s = Session(
                peering=ptype,
                short=short,
                family=family,
                link=link,
                subnet=subnet,
                ours=subnet.network_address + 1,
                msee=subnet.network_address + 2,
                peer_asn=asn,
                key=key,
                bfd=bfd and family == "ipv4",
                advertise=advertise,
                ifname=name,
            )
            sub.sessions.append(s)
            sessions.append(s)
        if not sub.sessions:
            raise PlanError(f"peerings/{index}: no address family configured")
        interfaces.append(sub)
    if not sessions:
        raise PlanError("the plan has no peering")
    return Expected(link, bfd, encapsulation, parent, stag, interfaces, sessions, plan_networks, max_prefix)


def assign_msee_prefixes(exp: Expected) -> None:
    """One prefix of the MSEE's own per session, overlapping nothing the plan names."""

    def clash(net, o) -> bool:
        # a shorter aggregate of the plan (a VNet /8, an advertised default route) around the MSEE's
        # prefix is harmless; anything equal, inside it or partly overlapping is not
        if net.version != o.version or not net.overlaps(o):
            return False
        return not (o.prefixlen < net.prefixlen and net.subnet_of(o))

    def free(candidates):
        for net in candidates:
            if any(clash(net, o) for o in exp.plan_networks) or any(net.overlaps(t) for t in taken):
                continue
            taken.append(net)
            return canon(net)
        raise PlanError("no free prefix for the simulated MSEE")

    taken: list[ipaddress._BaseNetwork] = []
    for s in exp.sessions:
        if s.family == "ipv4":
            s.msee_prefix = free(ipaddress.ip_network(f"198.18.{i}.0/24") for i in range(256))
        else:
            s.msee_prefix = free(ipaddress.ip_network(f"2001:db8:e{i:03x}::/48") for i in range(4096))


# --------------------------------------------------------------------------------------------------
# config text checks
# --------------------------------------------------------------------------------------------------

IP_LINK_RE = re.compile(r"^!\s*(?:sudo\s+)?ip link add link (\S+) name (\S+) type vlan\b(.*?)\bid (\d+)\s*$")


def check_config_text(conf: str, exp: Expected, report) -> None:
    lines = conf.splitlines()
    adds = []
    for line in lines:
        m = IP_LINK_RE.match(line.strip())
        if m:
            adds.append((m.group(1), m.group(2), m.group(3), int(m.group(4)), line.strip()))
    stanzas = interface_stanzas(lines)
    # pasted in order, the commented commands must work: each `ip link add` creates a new name
    names = [a[1] for a in adds]
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        lines_dup = [a[4] for a in adds if a[1] in dups]
        report(False, f"config text: the commented commands create {', '.join(dups)} more than once; pasted in "
               f"order, the second `ip link add` fails (RTNETLINK answers: File exists): " + " | ".join(lines_dup))
    for sub in exp.interfaces:
        what = f"{sub.peering} sub-interface {sub.name}"
        if len(sub.name) > IFNAMSIZ:
            report(False, f"config text: {what}: the name has {len(sub.name)} characters, Linux allows {IFNAMSIZ}")
        if sub.stag is None:
            want_parent = sub.parent
            found = [a for a in adds if a[1] == sub.name]
            ok = any(a[0] == want_parent and a[3] == sub.vlan and "802.1ad" not in a[2] for a in found)
            detail = f"`ip link add link {want_parent} name {sub.name} type vlan id {sub.vlan}`"
        else:
            outer = f"{sub.parent}.{sub.stag}"
            found = [a for a in adds if a[1] in (sub.name, outer)]
            ok_outer = any(a[0] == sub.parent and a[1] == outer and a[3] == sub.stag and "802.1ad" in a[2] for a in found)
            ok_inner = any(a[0] == outer and a[1] == sub.name and a[3] == sub.vlan and "802.1ad" not in a[2] for a in found)
            ok = ok_outer and ok_inner
            detail = (
                f"`ip link add link {sub.parent} name {outer} type vlan proto 802.1ad id {sub.stag}` and "
                f"`ip link add link {outer} name {sub.name} type vlan [proto 802.1Q] id {sub.vlan}`"
            )
        if ok:
            report(True, f"config text: {what} (VLAN {sub.vlan}{'' if sub.stag is None else f', S-tag {sub.stag}'}) created by {detail}")
        else:
            got = "; ".join(a[4] for a in found) or "no `ip link add ... name " + sub.name + "` line"
            report(False, f"config text: {what}: expected a comment line {detail}; found: {got}")
        stanza = stanzas.get(sub.name)
        if stanza is None:
            report(False, f"config text: no `interface {sub.name}` stanza (have: {', '.join(stanzas) or 'none'})")
            continue
        want = set()
        for s in sub.sessions:
            want.add(f"{'ip' if s.family == 'ipv4' else 'ipv6'} address {s.ours}/{s.subnet.prefixlen}")
        got = {l.strip() for l in stanza if re.match(r"\s*ipv?6? address ", l)}
        if want == got:
            report(True, f"config text: `interface {sub.name}` carries {', '.join(sorted(want))}")
        else:
            report(False, f"config text: `interface {sub.name}` addresses {sorted(got)}, expected {sorted(want)}")


def interface_stanzas(lines: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for line in lines:
        m = re.match(r"^interface (\S+)", line)
        if m:
            current = m.group(1)
            out[current] = []
            continue
        if current is not None:
            if line.strip() in ("exit", "!") or (line and not line[0].isspace()):
                current = None
            else:
                out[current].append(line)
    return out


# --------------------------------------------------------------------------------------------------
# the simulated Microsoft edge (MSEE) config
# --------------------------------------------------------------------------------------------------


def msee_config(exp: Expected, wrong_key: bool) -> str:
    out = [
        "frr version 8.4",
        "frr defaults traditional",
        f"hostname msee-{exp.link}",
        "!",
    ]
    for s in exp.sessions:
        out.append(f"{'ip' if s.family == 'ipv4' else 'ipv6'} route {s.msee_prefix} blackhole")
    out += [
        "!",
        "bfd",
        " profile msee",
        f"  detect-multiplier {BFD_MULTIPLIER}",
        f"  receive-interval {BFD_INTERVAL_MS}",
        f"  transmit-interval {BFD_INTERVAL_MS}",
        " exit",
        "exit",
        "!",
        f"router bgp {MICROSOFT_AS}",
        f" bgp router-id {MSEE_ROUTER_ID}",
        " no bgp default ipv4-unicast",
        " no bgp ebgp-requires-policy",
    ]
    for s in exp.sessions:
        out.append(f" neighbor {s.ours} remote-as {s.peer_asn}")
        out.append(f" neighbor {s.ours} timers connect 2")
        if s.key:
            out.append(f" neighbor {s.ours} password {s.key + 'Wrong' if wrong_key else s.key}")
        if s.bfd:
            out.append(f" neighbor {s.ours} bfd profile msee")
    for afi in ("ipv4", "ipv6"):
        fam = [s for s in exp.sessions if s.family == afi]
        if not fam:
            continue
        out.append(f" address-family {afi} unicast")
        for i, s in enumerate(exp.sessions):
            if s.family != afi:
                continue
            out.append(f"  network {s.msee_prefix}")
            out.append(f"  neighbor {s.ours} activate")
            # accept whatever the CE sends, even a path with 12076 in it (a leak of what the MSEE sent on
            # another session must show up, not be dropped by loop detection)
            out.append(f"  neighbor {s.ours} allowas-in")
            out.append(f"  neighbor {s.ours} soft-reconfiguration inbound")
            out.append(f"  neighbor {s.ours} route-map MSEE-IN in")
            out.append(f"  neighbor {s.ours} route-map MSEE-OUT-{i} out")
        out.append(" exit-address-family")
    out += ["exit", "!", "route-map MSEE-IN permit 10", "exit", "!"]
    for i, s in enumerate(exp.sessions):
        kw = "ip" if s.family == "ipv4" else "ipv6"
        out.append(f"{kw} prefix-list MSEE-OWN-{i} seq 5 permit {s.msee_prefix}")
        out.append(f"route-map MSEE-OUT-{i} permit 10")
        out.append(f" match {kw} address prefix-list MSEE-OWN-{i}")
        out.append("exit")
    out += ["!", "end", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------------------------------
# the lab: two namespaces, veths, two FRR instances
# --------------------------------------------------------------------------------------------------


class FrrInstance:
    def __init__(self, ns: str, tmp: Path):
        self.ns = ns  # netns name == FRR pathspace
        self.etc = FRR_ETC / ns
        self.run_dir = FRR_RUN / ns
        self.logdir = tmp / ns
        self.started = False

    def prepare(self, conf_text: str) -> Path:
        for d in (self.etc, self.run_dir, self.logdir):
            d.mkdir(parents=True, exist_ok=True)
            shutil.chown(d, "frr", "frr")
        # vtysh -N reads <pathspace>/vtysh.conf; Debian's /etc/frr/vtysh.conf has just this line
        vtysh_conf = self.etc / "vtysh.conf"
        vtysh_conf.write_text("service integrated-vtysh-config\n")
        conf = self.etc / "frr.conf"
        conf.write_text(conf_text)
        for f in (vtysh_conf, conf):
            shutil.chown(f, "frr", "frr")
            f.chmod(0o640)
        return conf

    def start(self) -> None:
        self.started = True
        for d in DAEMONS:
            cmd = [
                "ip", "netns", "exec", self.ns, str(FRR_BIN / d), "-d", "-N", self.ns, "-P", "0",
                "--log", f"file:{self.logdir / (d + '.log')}", "--log-level", "info",
            ]
            run(cmd, timeout=20)
        deadline = time.monotonic() + 15
        while True:
            missing = [d for d in DAEMONS if not (self.run_dir / f"{d}.vty").exists()]
            if not missing:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"FRR in {self.ns}: no vty socket for {', '.join(missing)}")
            sleep(0.1)

    def vtysh(self, *commands: str, timeout: float = 20) -> subprocess.CompletedProcess:
        cmd = [VTYSH, "-N", self.ns]
        for c in commands:
            cmd += ["-c", c]
        return run(cmd, check=False, timeout=timeout)

    def json(self, *commands: str) -> list:
        """Runs the commands in one vtysh call; returns one parsed JSON value (or None) per command."""
        proc = self.vtysh(*commands)
        values = split_json(proc.stdout, len(commands))
        if values is None:  # fall back to one call per command
            values = []
            for c in commands:
                p = self.vtysh(c)
                try:
                    values.append(json.loads(p.stdout))
                except ValueError:
                    values.append(None)
        return values

    def pids(self) -> list[int]:
        pids = set()
        for d in DAEMONS:
            try:
                pids.add(int((self.run_dir / f"{d}.pid").read_text().strip()))
            except (OSError, ValueError):
                pass
        proc = subprocess.run(["ip", "netns", "pids", self.ns], capture_output=True, text=True)
        for tok in proc.stdout.split():
            if tok.isdigit():
                pids.add(int(tok))
        return sorted(pids)

    def log_tail(self, daemon: str, n: int = 12) -> list[str]:
        try:
            lines = (self.logdir / f"{daemon}.log").read_text(errors="replace").splitlines()
        except OSError:
            return []
        return lines[-n:]


def split_json(text: str, count: int):
    dec = json.JSONDecoder()
    values, pos = [], 0
    try:
        for _ in range(count):
            while pos < len(text) and text[pos].isspace():
                pos += 1
            v, pos = dec.raw_decode(text, pos)
            values.append(v)
    except ValueError:
        return None
    if text[pos:].strip():
        return None
    return values


def kill_pids(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in alive if pid_alive(p)]
    for pid in alive:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


class Lab:
    """CE + MSEE namespaces for one router of one plan; `close()` removes everything."""

    def __init__(self, exp: Expected):
        self.base = next_id()
        self.ce_ns = f"{self.base}-c"
        self.ms_ns = f"{self.base}-m"
        self.exp = exp
        self.tmp = Path(tempfile.mkdtemp(prefix=f"{self.base}-"))
        shutil.chown(self.tmp, "frr", "frr")
        self.ce = FrrInstance(self.ce_ns, self.tmp)
        self.ms = FrrInstance(self.ms_ns, self.tmp)
        self.netns_made: list[str] = []
        self.closed = False
        with _live_lock:
            _live_resources[self.base] = self

    def build_network(self) -> None:
        for ns in (self.ce_ns, self.ms_ns):
            run(["ip", "netns", "add", ns])
            self.netns_made.append(ns)
            run(["ip", "-n", ns, "link", "set", "lo", "up"])
            # IPv6 addresses usable at once (no duplicate address detection) for interfaces made later
            run(["ip", "netns", "exec", ns, "sysctl", "-q", "-w",
                 "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0"])
        for k, sub in enumerate(self.exp.interfaces):
            ms_if = f"m{k}"
            run(["ip", "-n", self.ce_ns, "link", "add", "name", sub.name, "type", "veth",
                 "peer", "name", ms_if, "netns", self.ms_ns])
            run(["ip", "-n", self.ce_ns, "link", "set", sub.name, "up"])
            run(["ip", "-n", self.ms_ns, "link", "set", ms_if, "up"])
            for s in sub.sessions:
                cmd = ["ip", "-n", self.ms_ns, "addr", "add", f"{s.msee}/{s.subnet.prefixlen}", "dev", ms_if]
                if s.family == "ipv6":
                    cmd.append("nodad")
                run(cmd)
        # the on-premises networks / advertised public prefixes: blackhole routes in the CE's kernel
        done = set()
        for s in self.exp.sessions:
            for p in s.advertise:
                if p in done:
                    continue
                done.add(p)
                run(["ip", "-n", self.ce_ns, "-6" if s.family == "ipv6" else "-4", "route", "add", "blackhole", p])

    def close(self) -> list[str]:
        problems = []
        if self.closed:
            return problems
        self.closed = True
        for inst in (self.ce, self.ms):
            if inst.ns in self.netns_made or inst.started:
                kill_pids(inst.pids())
        for ns in self.netns_made:
            p = subprocess.run(["ip", "netns", "del", ns], capture_output=True, text=True)
            if p.returncode != 0:
                problems.append(f"ip netns del {ns}: {p.stderr.strip()}")
        for d in (self.ce.etc, self.ms.etc, self.ce.run_dir, self.ms.run_dir, self.tmp):
            shutil.rmtree(d, ignore_errors=True)
        with _live_lock:
            _live_resources.pop(self.base, None)
        return problems


def cleanup_all() -> None:
    with _live_lock:
        labs = list(_live_resources.values())
    for lab in labs:
        try:
            lab.close()
        except Exception as e:  # noqa: BLE001 - last resort, keep going
            print(f"cleanup {lab.base}: {e}", file=sys.stderr)


# --------------------------------------------------------------------------------------------------
# loading configs
# --------------------------------------------------------------------------------------------------

ERROR_LINE_RE = re.compile(r"(%|unknown command|error|warning|invalid|failed|not found|ambiguous)", re.I)


def load_config(inst: FrrInstance, conf_text: str, report, who: str) -> bool:
    conf = inst.prepare(conf_text)
    dry = run([VTYSH, "-N", inst.ns, "-C", "-f", str(conf)], check=False)
    dry_out = (dry.stdout + dry.stderr).strip()
    bad_dry = [l for l in dry_out.splitlines() if ERROR_LINE_RE.search(l)]
    if dry.returncode != 0 or bad_dry:
        report(False, f"{who}: `vtysh -C -f frr.conf` (dry run) rc {dry.returncode}: " + " | ".join(dry_out.splitlines()[:12]))
        return False
    inst.start()
    boot = run([VTYSH, "-N", inst.ns, "-b"], check=False, timeout=60)
    out = (boot.stdout + boot.stderr).strip()
    bad = [l for l in out.splitlines() if ERROR_LINE_RE.search(l)]
    if boot.returncode != 0 or bad:
        report(False, f"{who}: `vtysh -b` rc {boot.returncode}: " + " | ".join((bad or out.splitlines())[:12]))
        where = locate_rejected(inst, conf_text)
        if where:
            report(False, f"{who}: {where}")
        return False
    report(True, f"{who}: FRR accepted the config (vtysh -C dry run and vtysh -b: no error)")
    return True


PROMPT_RE = re.compile(r"^[\w.-]+(?:\([\w-]+\))?# ?(.*)$")


def locate_rejected(inst: FrrInstance, conf_text: str) -> str | None:
    """`vtysh -b` names the error, not the line: replay the config with `vtysh -E -c ...` (which stops
    at the first failing command and echoes each one) to find the first line FRR rejects."""
    lines = conf_text.splitlines()
    cmds = [l for l in lines if l.strip() and not l.lstrip().startswith(("!", "#"))
            and not l.startswith(("frr version", "frr defaults", "end"))]
    args = [VTYSH, "-N", inst.ns, "-E", "-c", "configure terminal"]
    for c in cmds:
        args += ["-c", c]
    p = run(args, check=False, timeout=60)
    last_cmd = None
    for line in (p.stdout + p.stderr).splitlines():
        m = PROMPT_RE.match(line)
        if m:
            last_cmd = m.group(1)
        elif line.startswith("%") and last_cmd is not None:
            numbers = [str(i + 1) for i, l in enumerate(lines) if l.strip() == last_cmd.strip()]
            return (f"first line FRR rejects (replayed with vtysh -E): line {'/'.join(numbers) or '?'} "
                    f"`{last_cmd.strip()}` -> {line.strip()}")
    return None


# --------------------------------------------------------------------------------------------------
# observing both routers
# --------------------------------------------------------------------------------------------------


def addr_key(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return text


def neighbors_of(data) -> dict:
    if not isinstance(data, dict):
        return {}
    return {addr_key(k): v for k, v in data.items() if isinstance(v, dict) and ("bgpState" in v or "remoteAs" in v)}


def bfd_peers_of(data) -> dict:
    if not isinstance(data, list):
        return {}
    return {addr_key(p.get("peer", "")): p for p in data if isinstance(p, dict)}


def routes_of(data) -> dict:
    """prefix -> list of paths, from `show bgp <afi> unicast neighbors X routes json` (accepted routes) or
    `... received-routes json` (Adj-RIB-In before policy; one path object per prefix, normalised here)."""
    if not isinstance(data, dict):
        return {}
    routes = data.get("routes")
    if isinstance(data.get("receivedRoutes"), dict):
        routes = {
            k: [{"path": v.get("path"), "nexthops": [{"ip": v.get("nextHop") or v.get("nextHopGlobal")}]}]
            for k, v in data["receivedRoutes"].items()
            if isinstance(v, dict)
        }
    if not isinstance(routes, dict):
        return {}
    out = {}
    for k, v in routes.items():
        try:
            key = canon(ipaddress.ip_network(k, strict=False))
        except ValueError:
            key = k
        out[key] = v if isinstance(v, list) else [v]
    return out


@dataclasses.dataclass
class Snapshot:
    ce_nbr: dict
    ms_nbr: dict
    ce_bfd: dict
    ms_bfd: dict
    ms_routes: dict  # session index -> routes the MSEE received from the CE (Adj-RIB-In, pre-policy)
    ce_routes: dict  # session index -> routes the CE received from the MSEE


def snapshot(lab: Lab) -> Snapshot:
    sessions = lab.exp.sessions
    ms_cmds = ["show bgp neighbors json", "show bfd peers json"]
    # everything the CE sent, before any policy of the MSEE (soft-reconfiguration inbound keeps it)
    ms_cmds += [f"show bgp {s.afi} unicast neighbors {s.ours} received-routes json" for s in sessions]
    ce_cmds = ["show bgp neighbors json", "show bfd peers json"]
    ce_cmds += [f"show bgp {s.afi} unicast neighbors {s.msee} routes json" for s in sessions]
    ms = lab.ms.json(*ms_cmds)
    ce = lab.ce.json(*ce_cmds)
    return Snapshot(
        ce_nbr=neighbors_of(ce[0]),
        ms_nbr=neighbors_of(ms[0]),
        ce_bfd=bfd_peers_of(ce[1]),
        ms_bfd=bfd_peers_of(ms[1]),
        ms_routes={i: routes_of(v) for i, v in enumerate(ms[2:])},
        ce_routes={i: routes_of(v) for i, v in enumerate(ce[2:])},
    )


def established(nbr: dict, addr) -> bool:
    return nbr.get(str(addr), {}).get("bgpState") == "Established"


def eor_received(nbr: dict, addr, afi: str) -> bool:
    """End-of-RIB for the family received from that neighbour: its initial updates are complete. FRR
    sends it (graceful-restart helper is on by default); without GR information, do not wait for it."""
    gr = nbr.get(str(addr), {}).get("gracefulRestartInfo")
    if not isinstance(gr, dict):
        return True
    return bool(gr.get("endOfRibRecv", {}).get(f"{afi}Unicast"))


def sessions_ready(lab: Lab, snap: Snapshot) -> bool:
    """Every session Established, BFD up where expected, both initial updates complete (End-of-RIB)."""
    for s in lab.exp.sessions:
        if not (established(snap.ce_nbr, s.msee) and established(snap.ms_nbr, s.ours)):
            return False
        if s.bfd:
            if snap.ce_bfd.get(str(s.msee), {}).get("status") != "up":
                return False
            if snap.ms_bfd.get(str(s.ours), {}).get("status") != "up":
                return False
        if not (eor_received(snap.ms_nbr, s.ours, s.afi) and eor_received(snap.ce_nbr, s.msee, s.afi)):
            return False
    return True


def all_good(lab: Lab, snap: Snapshot) -> bool:
    if not sessions_ready(lab, snap):
        return False
    for i, s in enumerate(lab.exp.sessions):
        if set(snap.ms_routes.get(i, {})) != set(s.advertise):
            return False
        if s.msee_prefix not in snap.ce_routes.get(i, {}):
            return False
    return True


def why_down(lab: Lab, snap: Snapshot, s: Session) -> str:
    parts = []
    for side, nbr, addr in (("CE", snap.ce_nbr, s.msee), ("MSEE", snap.ms_nbr, s.ours)):
        n = nbr.get(str(addr))
        if n is None:
            parts.append(f"{side} has no neighbor {addr}")
            continue
        bits = [f"{side} state {n.get('bgpState')}"]
        for k in ("lastResetDueTo", "lastNotificationReason", "lastErrorCodeSubcode", "downLastResetCode"):
            if n.get(k):
                bits.append(f"{k}={n.get(k)}")
        parts.append(" ".join(bits))
    return "; ".join(parts)


def path_info(paths: list) -> tuple[set[str], set[str]]:
    as_paths, nexthops = set(), set()
    for p in paths:
        if not isinstance(p, dict):
            continue
        ap = p.get("path")
        if ap is None and isinstance(p.get("aspath"), dict):
            ap = p["aspath"].get("string")
        as_paths.add(str(ap if ap is not None else "?"))
        for nh in p.get("nexthops") or []:
            if isinstance(nh, dict) and nh.get("ip") and nh.get("scope") != "link-local":
                try:
                    if not ipaddress.ip_address(nh["ip"]).is_link_local:
                        nexthops.add(str(ipaddress.ip_address(nh["ip"])))
                except ValueError:
                    nexthops.add(nh["ip"])
    return as_paths, nexthops


# --------------------------------------------------------------------------------------------------
# one test: one router of one plan (positive), or the wrong-key negative
# --------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Result:
    plan: str
    router: str
    kind: str  # "bgp" or "wrong-key"
    lines: list[str] = dataclasses.field(default_factory=list)
    passed: bool = True
    sessions: str = "-"
    bfd: str = "-"
    prefixes: str = "-"
    ce_got: str = "-"
    seconds: float = 0.0

    def report(self, ok: bool, what: str) -> None:
        tag = "PASS" if ok else "FAIL"
        name = f"{self.plan} {self.router}" + ("" if self.kind == "bgp" else f" [{self.kind}]")
        self.lines.append(f"{tag} {name}: {what}")
        if not ok:
            self.passed = False

    def note(self, text: str) -> None:
        self.lines.append(f"     {text}")


def load_plan(plan_dir: Path, router: str, res: Result):
    try:
        plan = json.loads((plan_dir / "plan.json").read_text())
        exp = expected_facts(plan, router)
        assign_msee_prefixes(exp)
    except (OSError, ValueError, PlanError) as e:
        res.report(False, f"plan.json: {e}")
        return None, None
    conf_path = plan_dir / f"frr-{router}.conf"
    try:
        conf = conf_path.read_text()
    except OSError as e:
        res.report(False, f"{conf_path.name}: {e}")
        return exp, None
    return exp, conf


def test_router(plan_dir: Path, router: str, timeout: float, settle: float, grace: float) -> Result:
    res = Result(plan_dir.name, router, "bgp")
    t0 = time.monotonic()
    exp, conf = load_plan(plan_dir, router, res)
    if exp is None or conf is None:
        return res
    check_config_text(conf, exp, res.report)
    if any(len(sub.name) > IFNAMSIZ for sub in exp.interfaces):
        return res
    lab = Lab(exp)
    try:
        lab.build_network()
        if not load_config(lab.ce, conf, res.report, f"CE frr-{router}.conf"):
            dump_logs(lab, res, ["bgpd", "zebra"], only_ce=True)
            return res
        if not load_config(lab.ms, msee_config(exp, wrong_key=False), res.report, "MSEE (harness config)"):
            return res
        check_ce_addresses(lab, res)

        # Poll until everything is as expected, or until the sessions are up with their initial updates
        # complete (End-of-RIB both ways) for `grace` seconds without the prefixes matching, or timeout.
        deadline = time.monotonic() + timeout
        ready_since = None
        snap = snapshot(lab)
        while not all_good(lab, snap) and time.monotonic() < deadline:
            if sessions_ready(lab, snap):
                ready_since = ready_since or time.monotonic()
                if time.monotonic() - ready_since >= grace:
                    break
            else:
                ready_since = None
            sleep(1.0)
            snap = snapshot(lab)
        converged = all_good(lab, snap)
        waited = time.monotonic() - t0
        if converged:
            sleep(settle)  # let a late (unwanted) update arrive before the exact comparison
            snap = snapshot(lab)
            state = "converged"
        elif sessions_ready(lab, snap):
            state = f"sessions up and End-of-RIB both ways, but routes not as expected {grace:.0f}s later:"
        else:
            state = "NOT converged:"
        res.note(f"{state} after {waited:.1f}s (timeout {timeout:.0f}s)")
        evaluate(lab, snap, res)
        if not res.passed:
            down = [s for s in exp.sessions if not (established(snap.ce_nbr, s.msee) and established(snap.ms_nbr, s.ours))]
            if down:
                ce_f, ms_f = md5_failures(lab.ce_ns), md5_failures(lab.ms_ns)
                res.note(f"kernel TCP MD5 failures (TcpExt TCPMD5Failure): CE {ce_f}, MSEE {ms_f}"
                         + (" -- the two sides disagree on a key" if ce_f or ms_f else " -- not a key mismatch"))
            dump_logs(lab, res, ["bgpd", "bfdd"])
    except Aborted:
        res.report(False, "aborted (Ctrl-C / SIGTERM)")
    except Exception as e:  # noqa: BLE001 - a harness/environment error is a FAIL with its text
        res.report(False, f"harness error: {type(e).__name__}: {e}")
    finally:
        for p in lab.close():
            res.report(False, f"teardown: {p}")
        res.seconds = time.monotonic() - t0
    return res


def check_ce_addresses(lab: Lab, res: Result) -> None:
    """zebra put our addresses (first usable) on the right sub-interfaces."""
    deadline = time.monotonic() + 10
    while True:
        p = run(["ip", "-n", lab.ce_ns, "-j", "addr", "show"], check=False)
        try:
            links = json.loads(p.stdout or "[]")
        except ValueError:
            links = []
        have = {}
        for link in links:
            have[link.get("ifname")] = {
                f"{a['local']}/{a['prefixlen']}" for a in link.get("addr_info", []) if a.get("scope") == "global"
            }
        missing = []
        for sub in lab.exp.interfaces:
            want = {f"{s.ours}/{s.subnet.prefixlen}" for s in sub.sessions}
            if not want <= have.get(sub.name, set()):
                missing.append((sub.name, sorted(want), sorted(have.get(sub.name, set()))))
        if not missing or time.monotonic() > deadline:
            break
        sleep(0.3)
    if missing:
        for name, want, got in missing:
            res.report(False, f"CE kernel: {name} has {got or 'no global address'}, expected {want}")
    else:
        res.report(True, "CE kernel: zebra put our addresses (first usable) on "
                   + ", ".join(f"{sub.name}" for sub in lab.exp.interfaces))


def evaluate(lab: Lab, snap: Snapshot, res: Result) -> None:
    exp = lab.exp
    n_est = n_bfd_ok = n_bfd_want = 0
    n_pfx_ok = n_pfx_sessions = 0
    n_ce_ok = 0
    # neighbours the CE config defines beyond the plan
    extra = sorted(set(snap.ce_nbr) - {str(s.msee) for s in exp.sessions})
    if extra:
        res.report(False, f"CE config defines BGP neighbours the plan has no session for: {', '.join(extra)}")
    for i, s in enumerate(exp.sessions):
        tag = f"{s.label} {s.ours} <-> {s.msee}"
        ok_est = established(snap.ce_nbr, s.msee) and established(snap.ms_nbr, s.ours)
        if ok_est:
            n_est += 1
            ce_n = snap.ce_nbr[str(s.msee)]
            local_as = ce_n.get("localAs")
            res.report(True, f"{tag} Established (AS {s.peer_asn} <-> {MICROSOFT_AS}, "
                       f"{'MD5 key' if s.key else 'no key'}; CE localAs {local_as})")
            want_af = f"{s.afi}Unicast"
            caps = snap.ms_nbr[str(s.ours)].get("neighborCapabilities", {}).get("multiprotocolExtensions", {})
            if not (caps.get(want_af) or {}).get("advertisedAndReceived"):
                res.report(False, f"{tag}: address family {s.afi} unicast not negotiated with the MSEE "
                           f"(multiprotocolExtensions {json.dumps(caps)})")
            ce_afs = sorted(ce_n.get("addressFamilyInfo", {}))
            if ce_afs != [want_af]:
                res.report(False, f"{tag}: the CE activates this neighbour in {ce_afs}, expected only [{want_af!r}]")
            if exp.max_prefix is not None:
                got_max = ce_n.get("addressFamilyInfo", {}).get(want_af, {}).get("prefixAllowedMax")
                res.report(got_max == exp.max_prefix, f"{tag}: CE inbound maximum-prefix {got_max} "
                           f"(routers.maxPrefix {exp.max_prefix})")
        else:
            res.report(False, f"{tag} not Established: {why_down(lab, snap, s)}")

        ce_bfd = snap.ce_bfd.get(str(s.msee))
        if s.bfd:
            n_bfd_want += 1
            ms_bfd = snap.ms_bfd.get(str(s.ours))
            if ce_bfd is None:
                res.report(False, f"{tag}: BFD expected (plan bfd on, IPv4) but the CE has no BFD peer {s.msee}")
            else:
                st = ce_bfd.get("status")
                timers = (ce_bfd.get("receive-interval"), ce_bfd.get("transmit-interval"), ce_bfd.get("detect-multiplier"))
                ms_st = (ms_bfd or {}).get("status")
                if st == "up" and ms_st == "up" and timers == (BFD_INTERVAL_MS, BFD_INTERVAL_MS, BFD_MULTIPLIER):
                    n_bfd_ok += 1
                    res.report(True, f"{tag}: BFD up on both sides, CE rx/tx {timers[0]}/{timers[1]} ms x {timers[2]}")
                else:
                    res.report(False, f"{tag}: BFD CE status {st} (rx/tx/mult {timers}), MSEE status {ms_st}; "
                               f"expected up, {BFD_INTERVAL_MS}/{BFD_INTERVAL_MS} x {BFD_MULTIPLIER}")
        elif ce_bfd is not None:
            why = "IPv6 session" if s.family == "ipv6" else "plan has BFD off"
            res.report(False, f"{tag}: CE runs BFD to {s.msee} ({why}: expected none)")
        else:
            res.report(True, f"{tag}: no BFD on the CE ({'IPv6 session' if s.family == 'ipv6' else 'plan has BFD off'})")

        got = snap.ms_routes.get(i, {})
        want = set(s.advertise)
        n_pfx_sessions += 1
        if set(got) == want:
            as_paths, nexthops = path_info([p for v in got.values() for p in v])
            bad_path = [a for a in as_paths if a != str(s.peer_asn)]
            bad_nh = [n for n in nexthops if n != str(s.ours)]
            if bad_path or bad_nh:
                why = []
                if bad_path:
                    why.append(f"AS path {sorted(as_paths)} (expected exactly '{s.peer_asn}': the peer ASN, nothing else)")
                if bad_nh:
                    why.append(f"next hop {sorted(nexthops)} (expected {s.ours})")
                res.report(False, f"{tag}: MSEE received the expected prefixes but with " + " and ".join(why))
            else:
                n_pfx_ok += 1
                shown = ", ".join(s.advertise) if s.advertise else "nothing"
                res.report(True, f"{tag}: MSEE received (Adj-RIB-In) exactly {{{shown}}}"
                           + (f" (AS path {s.peer_asn}, next hop {s.ours})" if s.advertise else ""))
        else:
            missing = sorted(want - set(got))
            extra_p = sorted(set(got) - want)
            res.report(False, f"{tag}: MSEE received {sorted(got) or 'nothing'}; expected exactly "
                       f"{sorted(want) or 'nothing'} (missing {missing or '-'}, unexpected {extra_p or '-'})")

        ce_got = snap.ce_routes.get(i, {})
        if s.msee_prefix in ce_got:
            n_ce_ok += 1
            res.report(True, f"{tag}: CE received the MSEE's {s.msee_prefix}")
        else:
            res.report(False, f"{tag}: CE did not receive the MSEE's {s.msee_prefix} (got {sorted(ce_got) or 'nothing'})")

    n = len(exp.sessions)
    res.sessions = f"{n_est}/{n}"
    res.bfd = f"{n_bfd_ok}/{n_bfd_want}" if n_bfd_want else "off" if not exp.bfd else "no v4"
    res.prefixes = f"{n_pfx_ok}/{n_pfx_sessions} exact"
    total_got = sum(len(v) for v in snap.ms_routes.values())
    total_want = sum(len(s.advertise) for s in exp.sessions)
    res.prefixes += f" ({total_got} rx / {total_want} exp)"
    res.ce_got = f"{n_ce_ok}/{n}"


def dump_logs(lab: Lab, res: Result, daemons: list[str], only_ce: bool = False) -> None:
    for inst, who in ((lab.ce, "CE"), (lab.ms, "MSEE")):
        if only_ce and who != "CE":
            continue
        for d in daemons:
            tail = [l for l in inst.log_tail(d, 300)
                    if re.search(r"error|warn|notif|fail|md5|bad|denied", l, re.I)
                    and "in state Idle, prior events (null)" not in l]  # config-load noise
            for l in tail[-8:]:
                res.note(f"{who} {d}.log: {l}")


def md5_failures(ns: str) -> int:
    p = run(["ip", "netns", "exec", ns, "cat", "/proc/net/netstat"], check=False)
    lines = p.stdout.splitlines()
    for a, b in zip(lines[::2], lines[1::2]):
        if a.startswith("TcpExt:"):
            names, vals = a.split()[1:], b.split()[1:]
            return int(dict(zip(names, vals)).get("TCPMD5Failure", 0))
    return 0


def test_wrong_key(plan_dir: Path, router: str, hold: float) -> Result:
    res = Result(plan_dir.name, router, "wrong-key")
    t0 = time.monotonic()
    exp, conf = load_plan(plan_dir, router, res)
    if exp is None or conf is None:
        return res
    keyed = [s for s in exp.sessions if s.key]
    if not keyed:
        res.report(False, "the plan has no shared key: no wrong-key test possible")
        return res
    if any(len(sub.name) > IFNAMSIZ for sub in exp.interfaces):
        res.report(False, "sub-interface name too long for Linux")
        return res
    lab = Lab(exp)
    try:
        lab.build_network()
        if not load_config(lab.ce, conf, res.report, f"CE frr-{router}.conf"):
            return res
        if not load_config(lab.ms, msee_config(exp, wrong_key=True), res.report, "MSEE with a WRONG key"):
            return res
        ever_up: set[str] = set()
        end = time.monotonic() + hold
        snap = snapshot(lab)
        while True:
            for s in exp.sessions:
                if established(snap.ce_nbr, s.msee) or established(snap.ms_nbr, s.ours):
                    ever_up.add(str(s.msee))
            if time.monotonic() >= end:
                break
            sleep(1.0)
            snap = snapshot(lab)
        up_keyed = 0
        for s in exp.sessions:
            tag = f"{s.label} {s.ours} <-> {s.msee}"
            if s.key:
                if str(s.msee) in ever_up:
                    up_keyed += 1
                    res.report(False, f"{tag}: reached Established although the MSEE used a wrong MD5 key")
                else:
                    res.report(True, f"{tag}: never Established in {hold:.0f}s with a wrong MD5 key "
                               f"(CE state {snap.ce_nbr.get(str(s.msee), {}).get('bgpState')})")
            else:  # control: a session without key must still come up
                if str(s.msee) in ever_up:
                    res.report(True, f"{tag}: (no key in the plan) Established, as a control")
                else:
                    res.report(False, f"{tag}: (no key in the plan) did not come up: {why_down(lab, snap, s)}")
        failures = md5_failures(lab.ce_ns)
        res.report(failures > 0, f"CE kernel counted {failures} TCP MD5 failures (TcpExt TCPMD5Failure): "
                   + ("the key mismatch is what kept the sessions down" if failures else "expected > 0"))
        res.sessions = f"{len(keyed) - up_keyed}/{len(keyed)} down"
    except Aborted:
        res.report(False, "aborted (Ctrl-C / SIGTERM)")
    except Exception as e:  # noqa: BLE001
        res.report(False, f"harness error: {type(e).__name__}: {e}")
    finally:
        for p in lab.close():
            res.report(False, f"teardown: {p}")
        res.seconds = time.monotonic() - t0
    return res


# --------------------------------------------------------------------------------------------------
# environment checks and main
# --------------------------------------------------------------------------------------------------


def preflight() -> None:
    if sys.version_info < (3, 11):
        raise Fatal(f"Python 3.11+ needed, this is {sys.version.split()[0]}")
    if os.geteuid() != 0:
        raise Fatal("must run as root (network namespaces, veth pairs, FRR daemons)")
    if shutil.which("ip") is None:
        raise Fatal("`ip` (iproute2) not found")
    missing = [str(FRR_BIN / d) for d in DAEMONS if not os.access(FRR_BIN / d, os.X_OK)]
    if not os.access(VTYSH, os.X_OK):
        missing.append(VTYSH)
    if missing:
        raise Fatal("FRR binaries missing: " + ", ".join(missing) + " (apt-get install frr)")
    import pwd

    try:
        pwd.getpwnam("frr")
    except KeyError:
        raise Fatal("user `frr` missing (the Debian frr package creates it)") from None
    probe = f"{PREFIX}-probe"
    p = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if p.returncode != 0:
        raise Fatal(f"`ip netns add` does not work here: {p.stderr.strip()}")
    try:
        p = subprocess.run(["ip", "-n", probe, "link", "add", "ertp0", "type", "veth", "peer", "name", "ertp1"],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise Fatal(f"cannot create veth pairs: {p.stderr.strip()}")
    finally:
        subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    ver = subprocess.run([str(FRR_BIN / "bgpd"), "--version"], capture_output=True, text=True).stdout
    if "8.4" not in ver:
        print(f"note: bgpd reports {ver.splitlines()[0] if ver else '?'} (the configs target FRR 8.4)")
    stale = [l.split()[0] for l in run(["ip", "netns", "list"]).stdout.splitlines() if l.startswith("ert-")]
    if stale:
        print(f"note: namespaces from an earlier run are still there (not touched): {', '.join(stale)}")


def print_table(results: list[Result]) -> None:
    rows = [("plan", "router", "test", "sessions", "bfd up", "MSEE got (sessions exact, routes)", "CE got MSEE's", "time", "result")]
    for r in results:
        rows.append((r.plan, r.router, r.kind, r.sessions, r.bfd, r.prefixes, r.ce_got, f"{r.seconds:.0f}s",
                     "PASS" if r.passed else "FAIL"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for j, row in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if j == 0:
            print("  ".join("-" * w for w in widths))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=None, help="plans root (default: <repo>/target/router)")
    ap.add_argument("--only", default="", help="comma-separated plan names")
    ap.add_argument("--routers", default="primary,secondary")
    ap.add_argument("--jobs", type=int, default=4, help="tests run in parallel (default 4)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds to wait for convergence")
    ap.add_argument("--settle", type=float, default=1.5, help="seconds to wait after convergence")
    ap.add_argument("--grace", type=float, default=8,
                    help="seconds to keep waiting for the expected routes once the sessions are up and End-of-RIB arrived")
    ap.add_argument("--negative", default="routers-both,private-dual,change-mixed",
                    help="plans for the wrong-key test on the primary router ('' for none, 'all' for every keyed plan)")
    ap.add_argument("--hold", type=float, default=20, help="seconds a wrong-key session must stay down")
    ap.add_argument("--extra-failure", action="append", default=[],
                    help="count an outside failure (run.sh: emit_golden) in the final line")
    ap.add_argument("--t0", type=float, default=None, help=argparse.SUPPRESS)  # run.sh: its start (epoch)
    args = ap.parse_args()

    t_start = time.monotonic() - (time.time() - args.t0 if args.t0 else 0)
    root = Path(args.dir) if args.dir else Path(__file__).resolve().parents[2] / "target" / "router"
    extra_failures = list(args.extra_failure)
    for f in extra_failures:
        print(f"FAIL {f}")

    def interrupted(signum, frame):
        STOP.set()
        raise KeyboardInterrupt()

    signal.signal(signal.SIGTERM, interrupted)
    atexit.register(cleanup_all)

    try:
        preflight()
    except Fatal as e:
        print(f"FATAL: {e}", file=sys.stderr)
        print(f"FAIL environment: {e}")
        print(f"routers: 0 passed, {1 + len(extra_failures)} failed")
        return 2

    if not root.is_dir():
        print(f"FAIL plans: {root} does not exist (run `cargo test -q --test emit_golden` first)")
        print(f"routers: 0 passed, {1 + len(extra_failures)} failed")
        return 1
    plans = sorted(d for d in root.iterdir() if d.is_dir() and (d / "plan.json").exists())
    only = [n for n in args.only.split(",") if n]
    if only:
        unknown = sorted(set(only) - {d.name for d in plans})
        if unknown:
            print(f"FAIL --only: no such plan under {root}: {', '.join(unknown)}")
            print(f"routers: 0 passed, {1 + len(extra_failures)} failed")
            return 1
        plans = [d for d in plans if d.name in only]
    if not plans:
        print(f"FAIL plans: no plan directory under {root}")
        print(f"routers: 0 passed, {1 + len(extra_failures)} failed")
        return 1
    routers = [r for r in args.routers.split(",") if r]
    if args.negative == "all":
        neg = []
        for d in plans:
            try:
                if any(text_of(p.get("sharedKey")) for p in json.loads((d / "plan.json").read_text())["peerings"]):
                    neg.append(d)
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                pass
    else:
        wanted = [n for n in args.negative.split(",") if n]
        neg = [d for d in plans if d.name in wanted]
        if not only:
            for n in wanted:
                if n not in {d.name for d in plans}:
                    extra_failures.append(f"wrong-key: plan {n} not found")
                    print(f"FAIL wrong-key: plan {n} not found under {root}")

    print(f"router harness: {len(plans)} plans x {len(routers)} routers, {len(neg)} wrong-key tests, "
          f"{args.jobs} in parallel, FRR in network namespaces {PREFIX}-*")
    jobs = [("bgp", d, r) for d in plans for r in routers] + [("wrong-key", d, "primary") for d in neg]
    # the long wrong-key holds first, so they overlap with the rest
    jobs.sort(key=lambda j: j[0] != "wrong-key")
    results: list[Result] = []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs))
    try:
        futures = {}
        for kind, d, r in jobs:
            if kind == "bgp":
                f = pool.submit(test_router, d, r, args.timeout, args.settle, args.grace)
            else:
                f = pool.submit(test_wrong_key, d, r, args.hold)
            futures[f] = (kind, d.name, r)
        for f in concurrent.futures.as_completed(futures):
            try:
                res = f.result()
            except Exception as e:  # noqa: BLE001 - a harness bug is a FAIL, not a crash of the run
                kind, name, r = futures[f]
                res = Result(name, r, kind)
                res.report(False, f"harness error: {type(e).__name__}: {e}")
            results.append(res)
            print("\n".join(res.lines), flush=True)
    except KeyboardInterrupt:
        STOP.set()
        print("\ninterrupted: tearing down", file=sys.stderr)
        pool.shutdown(wait=True, cancel_futures=True)
        cleanup_all()
        seen = {id(r) for r in results}
        for f, (kind, name, r) in futures.items():
            if f.done() and not f.cancelled() and f.exception() is None:
                res = f.result()
                if id(res) in seen:
                    continue
            else:
                res = Result(name, r, kind)
                res.report(False, "not run (interrupted)")
            results.append(res)
            print("\n".join(res.lines), flush=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        cleanup_all()

    order = {d.name: i for i, d in enumerate(plans)}
    results.sort(key=lambda r: (order.get(r.plan, 0), r.kind != "bgp", r.router))
    print()
    print_table(results)
    passed = sum(1 for r in results if r.passed)
    failed = sum(1 for r in results if not r.passed) + len(extra_failures)
    print(f"wall time: {time.monotonic() - t_start:.0f}s" + (" (emit_golden + harness)" if args.t0 else ""))
    print(f"routers: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
