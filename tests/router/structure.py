#!/usr/bin/env python3
"""Structural test of the generated router configs of all four vendors (tests/router/README.md).

    .venv/bin/python tests/router/structure.py [--only NAME,...] [--quiet] [--golden DIR] [--plans DIR]

For every reference plan NAME (every directory under tests/golden except `plans` and `change`, plus
every target/router/NAME that has a plan.json), it reads target/router/NAME/plan.json and works out,
on its own and from the plan alone (domain.md §2, §3, §4, §6, §10; README "Router configs for the
router team"), what each router (primary, secondary) must carry: per session the VLAN (and S-tag), our
address and prefix length, Microsoft's address as the neighbour, remote AS 12076, the local AS, BFD,
the maximum-prefix, the exact outbound prefix set and the MD5 key. Then it parses the reviewed golden
configs tests/golden/NAME/router-<vendor>-<router>.txt:

- IOS XE, EOS and FRR with ciscoconfparse2 (its parent/child tree): every line must be a statement
  this test knows, nested under the parent it belongs to;
- Junos with the small brace parser below, rendered into `set` lines,

extracts the same facts from each vendor's structure and asserts each vendor carries exactly the
plan's facts (and that the four vendors agree). The FRR configs in target/router/NAME/frr-<router>.conf
(keys inline) are checked as well, with the plan's real keys.

One `PASS|FAIL <plan> <vendor> <router>: <check>` line per check; the last line is
`structure: N passed, M failed`; the exit status is non-zero on any failure. Standard library plus
ciscoconfparse2 (run it with /work/main/.venv/bin/python).
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENDORS = ("iosxe", "junos", "eos", "frr")
LINKS = ("primary", "secondary")
MICROSOFT_AS = 12076
DEFAULT_PARENT = {"iosxe": "GigabitEthernet0/0/1", "junos": "xe-0/0/0", "eos": "Ethernet1", "frr": "eth1"}
PLACEHOLDER = {
    "AzurePrivatePeering": "REPLACE-WITH-PRIVATE-SHARED-KEY",
    "MicrosoftPeering": "REPLACE-WITH-MICROSOFT-SHARED-KEY",
}
SHORT = {"AzurePrivatePeering": "private", "MicrosoftPeering": "microsoft"}
BFD_ON = "tx 300 ms, rx 300 ms, x3"
BFD_OFF = "off"
FACT_KEYS = ("vlan", "parent", "address", "remote-as", "local-as", "afi", "bfd", "max-prefix", "outbound", "md5")
# facts that must be the same in every vendor's config (the parent interface name is vendor-specific)
AGREE_KEYS = tuple(k for k in FACT_KEYS if k != "parent")


class PlanError(Exception):
    pass


class ConfigError(Exception):
    pass


# --------------------------------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------------------------------


class Report:
    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.passed = 0
        self.failed = 0

    def check(self, ok: bool, label: str, detail: str | list[str] = "") -> bool:
        if isinstance(detail, list):
            detail = "; ".join(detail)
        if ok:
            self.passed += 1
            if not self.quiet:
                print(f"PASS {label}")
        else:
            self.failed += 1
            print(f"FAIL {label}" + (f": {detail}" if detail else ""))
        return ok


# --------------------------------------------------------------------------------------------------
# the plan: expected facts, derived here from plan.json alone
# --------------------------------------------------------------------------------------------------


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


def vlan_text(stag: int | None, vlan: int) -> str:
    return f"S-tag {stag} + VLAN {vlan}" if stag is not None else f"VLAN {vlan}"


def outbound_text(prefixes) -> str:
    if isinstance(prefixes, str):
        return prefixes  # a problem the extractor found
    if not prefixes:
        return "nothing (explicit deny)"
    return "exactly {" + ", ".join(sorted(prefixes, key=net_sort_key)) + "}"


def net_sort_key(text: str):
    net = ipaddress.ip_network(text)
    return (net.version, int(net.network_address), net.prefixlen)


def max_prefix_text(limit: int | str, warn_only: bool) -> str:
    return f"{limit} (warning only)" if warn_only else f"{limit} (tears the session down)"


class RouterFacts:
    """What one router of a plan must carry, for one vendor's config."""

    def __init__(self) -> None:
        self.asn: int = 0
        self.sessions: dict[str, dict] = {}  # Microsoft's address (canonical) -> facts
        self.labels: dict[str, str] = {}  # neighbour -> "private/ipv4"
        self.originate: dict[str, set[str]] = {"ipv4": set(), "ipv6": set()}
        self.encapsulation = "dot1q"
        self.stag: int | None = None
        self.parent = ""
        self.units: list[dict] = []  # per peering: vlan, sessions (for the Junos set lines)

    def label(self, nbr: str) -> str:
        return f"{self.labels.get(nbr, '?')} {nbr}"


def plan_facts(plan: dict, link: str, vendor: str, keys_inline: bool = False) -> RouterFacts:
    if not isinstance(plan, dict) or not isinstance(plan.get("peerings"), list):
        raise PlanError("plan.json has no peerings list")
    routers = plan.get("routers")
    if not isinstance(routers, dict):
        routers = {}
    rf = RouterFacts()

    max_text = text_of(routers.get("maxPrefix"))
    if max_text and not re.fullmatch(r"\d+", max_text):
        raise PlanError(f"routers.maxPrefix {max_text!r} is not a number")
    max_prefix = int(max_text) if max_text else None
    encapsulation = text_of(routers.get("encapsulation")).lower() or "dot1q"
    if encapsulation not in ("dot1q", "qinq"):
        raise PlanError(f"routers.encapsulation {encapsulation!r} is neither dot1q nor qinq")
    rf.encapsulation = encapsulation
    rf.stag = parse_tag(routers.get("sTag"), "routers.sTag") if encapsulation == "qinq" else None
    bfd_value = routers.get("bfd")
    bfd = not (bfd_value is False or text_of(bfd_value).lower() == "false")
    chosen = text_of(routers.get("vendor")).lower()
    named = text_of(routers.get(f"{link}Interface"))
    rf.parent = named if named and chosen in ("", vendor) else DEFAULT_PARENT[vendor]

    peerings = [p for p in plan["peerings"] if isinstance(p, dict)]
    if len(peerings) != len(plan["peerings"]):
        raise PlanError("a peering is not an object")
    asns = {}
    for p in peerings:
        ptype = text_of(p.get("type"))
        if ptype not in PLACEHOLDER:
            raise PlanError(f"peering type {ptype!r} gets no router config")
        asns[ptype] = parse_asn(p.get("peerAsn"))
    if not asns:
        raise PlanError("the plan has no peering")
    # The BGP process runs as the private peering's ASN; another peering with another ASN uses local-as.
    rf.asn = asns.get("AzurePrivatePeering", asns.get("MicrosoftPeering"))

    for p in peerings:
        ptype = text_of(p.get("type"))
        list_key = "onPremisesPrefixes" if ptype == "AzurePrivatePeering" else "advertisedPrefixes"
        vlan = parse_tag(p.get("vlanId"), f"{ptype}.vlanId")
        key = "" if p.get("sharedKey") is None else str(p.get("sharedKey"))  # never trimmed (§6)
        unit = {"vlan": vlan, "sessions": []}
        for family, plen in (("ipv4", 30), ("ipv6", 126)):
            fam = p.get(family)
            if not isinstance(fam, dict):
                continue  # absent or null: not configured (§11.1)
            try:
                subnet = ipaddress.ip_network(text_of(fam.get(link)), strict=True)
            except ValueError as e:
                raise PlanError(f"{ptype}/{family}/{link}: {e}") from None
            if subnet.prefixlen != plen or (subnet.version == 4) != (family == "ipv4"):
                raise PlanError(f"{ptype}/{family}/{link} {subnet} is not a /{plen}")
            prefixes: set[str] = set()
            for pfx in fam.get(list_key) or []:
                try:
                    net = ipaddress.ip_network(text_of(pfx), strict=True)
                except ValueError as e:
                    raise PlanError(f"{ptype}/{family}/{list_key}: {e}") from None
                if (net.version == 4) != (family == "ipv4"):
                    raise PlanError(f"{ptype}/{family}/{list_key}: {net} is the other family")
                prefixes.add(net.with_prefixlen)
            ours = subnet.network_address + 1
            msee = str(subnet.network_address + 2)
            if max_prefix is not None:
                limit = max_prefix
            elif ptype == "MicrosoftPeering":
                limit = 4000
            else:
                limit = 1000 if family == "ipv4" else 100
            local_as = asns[ptype]
            if key:
                md5 = key if keys_inline else PLACEHOLDER[ptype]
            else:
                md5 = "none"
            rf.sessions[msee] = {
                "vlan": vlan_text(rf.stag, vlan),
                "parent": rf.parent,
                "address": f"{ours}/{plen}",
                "remote-as": str(MICROSOFT_AS),
                "local-as": str(local_as),
                "afi": family,
                "bfd": BFD_ON if bfd and family == "ipv4" else BFD_OFF,
                "max-prefix": max_prefix_text(limit, True),
                "outbound": outbound_text(prefixes),
                "md5": md5,
            }
            rf.labels[msee] = f"{SHORT[ptype]}/{family}"
            rf.originate[family] |= prefixes
            unit["sessions"].append(
                {"family": family, "ours": f"{ours}/{plen}", "msee": msee, "prefixes": prefixes, "limit": limit,
                 "local_as": local_as, "bfd": bfd and family == "ipv4", "md5": md5}
            )
        if not unit["sessions"]:
            raise PlanError(f"{ptype}: no address family configured")
        rf.units.append(unit)
    return rf


# --------------------------------------------------------------------------------------------------
# shared helpers for the extractors
# --------------------------------------------------------------------------------------------------


def canon_addr(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return text


def iface_of(text: str):
    try:
        return ipaddress.ip_interface(text)
    except ValueError:
        return None


def mask_len(mask: str) -> int | None:
    try:
        return ipaddress.IPv4Network(f"0.0.0.0/{mask}").prefixlen
    except ValueError:
        return None


def find_interface(interfaces: list[dict], nbr: str):
    """The sub-interface whose address subnet holds the neighbour, and that address."""
    addr = ipaddress.ip_address(nbr)
    hits = [(i, a) for i in interfaces for a in i["addresses"] if a.version == addr.version and addr in a.network]
    if not hits:
        return None, None, f"no interface address in a subnet with {nbr}"
    if len(hits) > 1:
        return None, None, f"{len(hits)} interface addresses in a subnet with {nbr}: " + ", ".join(
            f"{i['name']} {a}" for i, a in hits)
    return hits[0][0], hits[0][1], ""


def prefix_entries_semantics(entries: list[tuple], family: str) -> set[str] | str:
    """An ordered prefix list -> the exact set it permits, or a problem.

    Recognised: permits of exact prefixes, ended by an optional deny-everything entry; no permit at all
    needs that explicit deny (IOS XE / FRR treat an empty prefix list as permit-everything)."""
    version = 4 if family == "ipv4" else 6
    permitted: set[str] = set()
    denied_all = False
    for seq, action, prefix, mods in sorted(entries, key=lambda e: e[0]):
        if denied_all:
            return f"entry seq {seq} after the deny-everything entry"
        net = None
        if prefix != "any":
            try:
                net = ipaddress.ip_network(prefix, strict=True)
            except ValueError:
                return f"seq {seq}: {prefix!r} is not a network"
            if net.version != version:
                return f"seq {seq}: {prefix} is not {family}"
        ge = le = None
        for m in re.finditer(r"(ge|le) (\d+)", mods):
            if m.group(1) == "ge":
                ge = int(m.group(2))
            else:
                le = int(m.group(2))
        everything = prefix == "any" or (net.prefixlen == 0 and ge is None and le == net.max_prefixlen)
        if action == "deny" and everything:
            denied_all = True
        elif action == "permit" and net is not None and ge is None and le is None:
            permitted.add(net.with_prefixlen)
        else:
            return f"unrecognised entry seq {seq} {action} {prefix}{(' ' + mods) if mods else ''}"
    if not permitted and not denied_all:
        return "empty prefix list without an explicit deny (permits everything)"
    return permitted


# --------------------------------------------------------------------------------------------------
# IOS XE, EOS, FRR: ciscoconfparse2 tree, grammar, facts
# --------------------------------------------------------------------------------------------------

PFX_ENTRY = r"seq \d+ (permit|deny) \S+( (ge|le) \d+){0,2}"
IF_RE = r"interface \S+"
BGP_RE = r"router bgp \d+"
RM_RE = r"route-map \S+ (permit|deny) \d+"
LOCAL_AS = r"neighbor \S+ local-as \d+( no-prepend)?( replace-as)?( dual-as)?"

IOSXE_AF = r"address-family ipv[46] unicast"
IOSXE_RULES = [
    (r"interface \S+", None),
    (BGP_RE, None),
    (r"ip prefix-list \S+ " + PFX_ENTRY, None),
    (r"ipv6 prefix-list \S+ " + PFX_ENTRY, None),
    (RM_RE, None),
    (r"ip routing", None),
    (r"ipv6 unicast-routing", None),
    (r"end", None),
    (r"description .+", IF_RE),
    (r"encapsulation dot1Q \d+( second-dot1q \d+)?", IF_RE),
    (r"ip address \S+ \S+", IF_RE),
    (r"ipv6 address \S+/\d+", IF_RE),
    (r"bfd interval \d+ min_rx \d+ multiplier \d+", IF_RE),
    (r"(no )?shutdown", IF_RE),
    (r"bgp router-id \S+", BGP_RE),
    (r"bgp log-neighbor-changes", BGP_RE),
    (r"no bgp default ipv4-unicast", BGP_RE),
    (r"neighbor \S+ remote-as \d+", BGP_RE),
    (r"neighbor \S+ description .+", BGP_RE),
    (r"neighbor \S+ password( [07])? \S+", BGP_RE),
    (r"neighbor \S+ fall-over bfd", BGP_RE),
    (LOCAL_AS, BGP_RE),
    (IOSXE_AF, BGP_RE),
    (r"exit-address-family", BGP_RE),
    (r"network \S+( mask \S+)?", IOSXE_AF),
    (r"neighbor \S+ activate", IOSXE_AF),
    (r"neighbor \S+ (prefix-list|route-map) \S+ (in|out)", IOSXE_AF),
    (r"neighbor \S+ maximum-prefix \d+( \d+)?( warning-only)?", IOSXE_AF),
    (r"match ip(?:v6)? address prefix-list \S+", RM_RE),
]

EOS_AF = r"address-family ipv[46]"
EOS_PL_MODE = r"ip(?:v6)? prefix-list \S+"
EOS_RULES = [
    (r"interface \S+", None),
    (r"ip routing", None),
    (r"ipv6 unicast-routing", None),
    (r"ip prefix-list \S+ " + PFX_ENTRY, None),
    (EOS_PL_MODE, None),
    (PFX_ENTRY, EOS_PL_MODE),
    (RM_RE, None),
    (BGP_RE, None),
    (r"end", None),
    (r"description .+", IF_RE),
    (r"no switchport", IF_RE),
    (r"encapsulation dot1q vlan \d+( inner \d+)?", IF_RE),
    (r"ip address \S+/\d+", IF_RE),
    (r"ipv6 address \S+/\d+", IF_RE),
    (r"bfd interval \d+ min-rx \d+ multiplier \d+", IF_RE),
    (r"(no )?shutdown", IF_RE),
    (r"router-id \S+", BGP_RE),
    (r"no bgp default ipv4-unicast", BGP_RE),
    (r"neighbor \S+ remote-as \d+", BGP_RE),
    (r"neighbor \S+ description .+", BGP_RE),
    (r"neighbor \S+ password( [07])? \S+", BGP_RE),
    (r"neighbor \S+ bfd", BGP_RE),
    (r"neighbor \S+ maximum-routes \d+( warning-only)?", BGP_RE),
    (LOCAL_AS, BGP_RE),
    (EOS_AF, BGP_RE),
    (r"network \S+", EOS_AF),
    (r"neighbor \S+ activate", EOS_AF),
    (r"neighbor \S+ (prefix-list|route-map) \S+ (in|out)", EOS_AF),
    (r"match ip(?:v6)? address prefix-list \S+", RM_RE),
]

FRR_AF = r"address-family ipv[46] unicast"
FRR_PROFILE = r"profile \S+"
FRR_RULES = [
    (r"frr version \S+", None),
    (r"frr defaults \S+", None),
    (r"hostname \S+", None),
    (r"log syslog( \S+)?", None),
    (r"interface \S+", None),
    (BGP_RE, None),
    (r"ip prefix-list \S+ " + PFX_ENTRY, None),
    (r"ipv6 prefix-list \S+ " + PFX_ENTRY, None),
    (RM_RE, None),
    (r"bfd", None),
    (r"exit", None),
    (r"end", None),
    (r"description .+", IF_RE),
    (r"ip address \S+/\d+", IF_RE),
    (r"ipv6 address \S+/\d+", IF_RE),
    (r"bgp router-id \S+", BGP_RE),
    (r"no bgp default ipv4-unicast", BGP_RE),
    (r"neighbor \S+ remote-as \d+", BGP_RE),
    (r"neighbor \S+ description .+", BGP_RE),
    (r"neighbor \S+ password \S+", BGP_RE),
    (r"neighbor \S+ bfd( profile \S+)?", BGP_RE),
    (LOCAL_AS, BGP_RE),
    (FRR_AF, BGP_RE),
    (r"exit-address-family", BGP_RE),
    (r"network \S+", FRR_AF),
    (r"neighbor \S+ activate", FRR_AF),
    (r"neighbor \S+ (prefix-list|route-map) \S+ (in|out)", FRR_AF),
    (r"neighbor \S+ maximum-prefix \d+( \d+)?( warning-only)?", FRR_AF),
    (r"match ip(?:v6)? address prefix-list \S+", RM_RE),
    (FRR_PROFILE, r"bfd"),
    (r"exit", r"bfd"),
    (r"detect-multiplier \d+", FRR_PROFILE),
    (r"receive-interval \d+", FRR_PROFILE),
    (r"transmit-interval \d+", FRR_PROFILE),
]

RULES = {"iosxe": IOSXE_RULES, "eos": EOS_RULES, "frr": FRR_RULES}


class Line:
    """One non-comment config line of the ciscoconfparse2 tree."""

    def __init__(self, obj) -> None:
        self.obj = obj
        self.text = obj.text.strip()
        self.lineno = obj.linenum + 1
        self.parent: Line | None = None
        self.parent_is_comment = False
        self.children: list[Line] = []

    def kids(self, regex: str) -> list[re.Match]:
        out = []
        for c in self.children:
            if m := re.fullmatch(regex, c.text):
                out.append(m)
        return out

    def __repr__(self) -> str:
        return f"line {self.lineno} {self.text!r}"


class CiscoTree:
    def __init__(self, text: str) -> None:
        from ciscoconfparse2 import CiscoConfParse

        self.text = text
        parse = CiscoConfParse(config=text.splitlines(), syntax="ios", loguru=False)
        self.lines: list[Line] = []
        by_obj: dict[int, Line] = {}
        for obj in parse.objs:
            if obj.is_comment or not obj.text.strip():
                continue
            line = Line(obj)
            by_obj[id(obj)] = line
            self.lines.append(line)
        for line in self.lines:
            parent = line.obj.parent
            if parent is None or parent is line.obj:
                continue
            if id(parent) in by_obj:
                line.parent = by_obj[id(parent)]
                line.parent.children.append(line)
            else:  # a line indented under a comment
                line.parent_is_comment = True
        self.top = [line for line in self.lines if line.parent is None and not line.parent_is_comment]

    def tops(self, regex: str) -> list[tuple[Line, re.Match]]:
        out = []
        for line in self.top:
            if m := re.fullmatch(regex, line.text):
                out.append((line, m))
        return out


def readable(regex: str) -> str:
    """A grammar pattern as people read it: `address-family ipv[46] unicast` -> `address-family ipv4|ipv6 unicast`."""
    text = regex.replace("ipv[46]", "ipv4|ipv6").replace("ip(?:v6)?", "ip|ipv6").replace(r"\d+", "N")
    return "'" + text.replace(r"\S+", "X") + "'"


def cisco_grammar(vendor: str, tree: CiscoTree) -> list[str]:
    """Every line is a statement we know, under the parent it belongs to (top level: no parent)."""
    problems = []
    for line in tree.lines:
        rules = [(lr, pr) for lr, pr in RULES[vendor] if re.fullmatch(lr, line.text)]
        if not rules:
            problems.append(f"line {line.lineno}: unknown statement {line.text!r}")
            continue
        if line.parent_is_comment:
            problems.append(f"line {line.lineno}: {line.text!r} is indented under a comment line")
            continue
        ok = False
        for _lr, pr in rules:
            if pr is None and line.parent is None:
                ok = True
            elif pr is not None and line.parent is not None and re.fullmatch(pr, line.parent.text):
                ok = True
        if not ok:
            wanted = " or ".join(sorted({readable(pr) if pr else "the top level" for _lr, pr in rules}))
            where = repr(line.parent.text) if line.parent else "the top level"
            problems.append(f"line {line.lineno}: {line.text!r} must sit under {wanted}, not under {where}")
    return problems


def ip_link_devices(text: str) -> dict[str, dict]:
    """FRR: the `ip link add` commands (comments at the top) -> name: link, proto, id."""
    devices = {}
    for m in re.finditer(
        r"^!\s+ip link add link (\S+) name (\S+) type vlan(?: proto (802\.1Q|802\.1ad))? id (\d+)\s*$",
        text, re.M | re.I,
    ):
        devices[m.group(2)] = {"link": m.group(1), "proto": (m.group(3) or "802.1Q").lower(), "id": int(m.group(4))}
    return devices


def cisco_interfaces(vendor: str, tree: CiscoTree) -> tuple[list[dict], list[str]]:
    """Every interface stanza: name, parent, tags, addresses, BFD timers; and the stanza problems."""
    interfaces, problems = [], []
    devices = ip_link_devices(tree.text) if vendor == "frr" else {}
    for line, m in tree.tops(r"interface (\S+)"):
        name = m.group(1)
        i = {"name": name, "line": line, "addresses": [], "vlan": None, "parent": None, "bfd": None}
        for c in line.children:
            if a := re.fullmatch(r"ip address (\S+) (\S+)", c.text):  # IOS XE: address and mask
                plen = mask_len(a.group(2))
                ifc = iface_of(f"{a.group(1)}/{plen}") if plen is not None else None
                if ifc is None or ifc.version != 4:
                    problems.append(f"line {c.lineno}: bad IPv4 address {c.text!r}")
                else:
                    i["addresses"].append(ifc)
            elif a := re.fullmatch(r"ip(?:v6)? address (\S+/\d+)", c.text):
                ifc = iface_of(a.group(1))
                want = 6 if c.text.startswith("ipv6") else 4
                if ifc is None or ifc.version != want:
                    problems.append(f"line {c.lineno}: bad address {c.text!r}")
                else:
                    i["addresses"].append(ifc)
            elif b := re.fullmatch(r"bfd interval (\d+) min[_-]rx (\d+) multiplier (\d+)", c.text):
                i["bfd"] = f"tx {b.group(1)} ms, rx {b.group(2)} ms, x{b.group(3)}"
        encs = []
        if vendor == "iosxe":
            encs = line.kids(r"encapsulation dot1Q (\d+)(?: second-dot1q (\d+))?")
        elif vendor == "eos":
            encs = line.kids(r"encapsulation dot1q vlan (\d+)(?: inner (\d+))?")
        if vendor in ("iosxe", "eos"):
            if "." not in name:
                i["physical"] = True
                if vendor == "eos" and not line.kids(r"no switchport"):
                    problems.append(f"line {line.lineno}: {name} has no 'no switchport' (EOS needs a routed parent)")
                interfaces.append(i)
                continue
            parent, number = name.rsplit(".", 1)
            i["parent"] = parent
            if len(encs) != 1:
                problems.append(f"line {line.lineno}: interface {name} has {len(encs)} encapsulation lines")
            else:
                outer, inner = int(encs[0].group(1)), encs[0].group(2)
                stag, vlan = (outer, int(inner)) if inner else (None, outer)
                i["vlan"] = vlan_text(stag, vlan)
                if number != str(vlan):
                    i["vlan"] += f" (sub-interface number {number})"
        else:  # FRR: the kernel tags, from the ip link commands
            dev = devices.get(name)
            if dev is None:
                problems.append(f"line {line.lineno}: interface {name} is not created by the 'ip link add' comments")
            else:
                link_dev = devices.get(dev["link"])
                if link_dev is None:
                    if dev["proto"] != "802.1q":
                        i["vlan"] = f"VLAN {dev['id']} (proto {dev['proto']})"
                    else:
                        i["vlan"] = vlan_text(None, dev["id"])
                    i["parent"] = dev["link"]
                else:
                    i["vlan"] = vlan_text(link_dev["id"], dev["id"])
                    if link_dev["proto"] != "802.1ad" or dev["proto"] != "802.1q":
                        i["vlan"] += f" (protos {link_dev['proto']}/{dev['proto']})"
                    i["parent"] = link_dev["link"]
                expected = f"{i['parent']}." + ".".join(
                    str(x) for x in ([link_dev["id"]] if link_dev else []) + [dev["id"]])
                if name != expected:
                    i["vlan"] += f" (device name {name}, not {expected})"
            if len(name) > 15:
                problems.append(f"line {line.lineno}: {name} is longer than Linux's 15 characters")
        if not i["addresses"]:
            problems.append(f"line {line.lineno}: interface {name} has no ip/ipv6 address")
        interfaces.append(i)
    return interfaces, problems


class CiscoBgp:
    """router bgp, its neighbours and address families, as the parser nested them."""

    def __init__(self, vendor: str, tree: CiscoTree) -> None:
        self.problems: list[str] = []
        routers = tree.tops(r"router bgp (\d+)")
        if len(routers) != 1:
            raise ConfigError(f"{len(routers)} 'router bgp' stanzas")
        self.line, m = routers[0]
        self.asn = m.group(1)
        self.default_ipv4 = not self.line.kids(r"no bgp default ipv4-unicast")
        self.nbr: dict[str, dict] = {}
        for c in self.line.children:
            m = re.fullmatch(r"neighbor (\S+) (.+)", c.text)
            if not m:
                continue
            addr = canon_addr(m.group(1))
            self.nbr.setdefault(addr, {"lines": []})["lines"].append((c, m.group(2)))
        self.afs: dict[str, Line] = {}
        af_re = r"address-family (ipv[46])(?: unicast)?"
        for line in tree.lines:
            m = re.fullmatch(af_re, line.text)
            if not m:
                continue
            if line.parent is not self.line:
                self.problems.append(f"line {line.lineno}: {line.text!r} is not nested under {self.line.text!r}")
                continue
            if m.group(1) in self.afs:
                self.problems.append(f"line {line.lineno}: a second {line.text!r}")
            self.afs[m.group(1)] = line
        self.af_nbr: dict[str, dict[str, list[str]]] = {}
        for afi, af in self.afs.items():
            per: dict[str, list[str]] = {}
            for c in af.children:
                m = re.fullmatch(r"neighbor (\S+) (.+)", c.text)
                if m:
                    per.setdefault(canon_addr(m.group(1)), []).append(m.group(2))
            self.af_nbr[afi] = per
            if not any("activate" in v for v in per.values()):
                self.problems.append(f"line {af.lineno}: {af.text!r} activates no neighbour")
        # stray neighbour lines: not under router bgp or an address family
        for line in tree.lines:
            if line.text.startswith("neighbor ") and line.parent is not self.line and line.parent not in self.afs.values():
                self.problems.append(f"line {line.lineno}: {line.text!r} is outside 'router bgp' and its address families")
        self.remote = {}
        for addr, d in self.nbr.items():
            ras = [re.fullmatch(r"remote-as (\d+)", rest) for _c, rest in d["lines"]]
            ras = [r.group(1) for r in ras if r]
            if len(ras) != 1:
                self.problems.append(f"neighbour {addr}: {len(ras)} remote-as lines")
            if ras:
                self.remote[addr] = ras[0]
        for afi, per in self.af_nbr.items():
            for addr in per:
                if addr not in self.remote:
                    self.problems.append(f"address-family {afi}: neighbour {addr} has no remote-as under 'router bgp'")
        if not self.remote:
            self.problems.append("'router bgp' defines no neighbour")

    def attrs(self, addr: str, regex: str) -> list[re.Match]:
        out = []
        for _c, rest in self.nbr.get(addr, {"lines": []})["lines"]:
            if m := re.fullmatch(regex, rest):
                out.append(m)
        return out

    def af_attrs(self, afi: str, addr: str, regex: str) -> list[re.Match]:
        out = []
        for rest in self.af_nbr.get(afi, {}).get(addr, []):
            if m := re.fullmatch(regex, rest):
                out.append(m)
        return out


def cisco_prefix_lists(tree: CiscoTree) -> dict[tuple[str, str], list[tuple]]:
    """(family, name) -> [(seq, action, prefix, modifiers)], one-line form and EOS's mode form."""
    lists: dict[tuple[str, str], list[tuple]] = {}
    for line, m in tree.tops(r"(ip|ipv6) prefix-list (\S+) seq (\d+) (permit|deny) (\S+)((?: (?:ge|le) \d+)*)"):
        fam = "ipv6" if m.group(1) == "ipv6" else "ipv4"
        lists.setdefault((fam, m.group(2)), []).append((int(m.group(3)), m.group(4), m.group(5), m.group(6).strip()))
    for line, m in tree.tops(r"(ip|ipv6) prefix-list (\S+)"):
        fam = "ipv6" if m.group(1) == "ipv6" else "ipv4"
        entries = lists.setdefault((fam, m.group(2)), [])
        for c in line.children:
            if e := re.fullmatch(r"seq (\d+) (permit|deny) (\S+)((?: (?:ge|le) \d+)*)", c.text):
                entries.append((int(e.group(1)), e.group(2), e.group(3), e.group(4).strip()))
    return lists


def cisco_route_maps(tree: CiscoTree) -> dict[str, list[tuple]]:
    maps: dict[str, list[tuple]] = {}
    for line, m in tree.tops(r"route-map (\S+) (permit|deny) (\d+)"):
        maps.setdefault(m.group(1), []).append((int(m.group(3)), m.group(2), [c.text for c in line.children]))
    return maps


def frr_bfd_profiles(tree: CiscoTree) -> dict[str, dict]:
    profiles = {}
    for line, _m in tree.tops(r"bfd"):
        for c in line.children:
            if m := re.fullmatch(r"profile (\S+)", c.text):
                values = {}
                for g in c.children:
                    if v := re.fullmatch(r"(detect-multiplier|receive-interval|transmit-interval) (\d+)", g.text):
                        values[v.group(1)] = int(v.group(2))
                profiles[m.group(1)] = values
    return profiles


def route_map_semantics(maps, lists, name: str, family: str) -> set[str] | str:
    entries = maps.get(name)
    if not entries:
        return f"route-map {name} is not defined"
    entries = sorted(entries, key=lambda e: e[0])
    if len(entries) == 1 and entries[0][1] == "deny" and not entries[0][2]:
        return set()
    if len(entries) != 1 or entries[0][1] != "permit":
        return f"route-map {name}: unrecognised entries {[(s, a) for s, a, _ in entries]}"
    clauses = entries[0][2]
    want = "ip" if family == "ipv4" else "ipv6"
    if len(clauses) != 1 or not (m := re.fullmatch(rf"match {want} address prefix-list (\S+)", clauses[0])):
        return f"route-map {name} permit: expected exactly 'match {want} address prefix-list L', got {clauses}"
    return list_semantics(lists, m.group(1), family)


def list_semantics(lists, name: str, family: str) -> set[str] | str:
    entries = lists.get((family, name))
    if entries is None:
        other = "ipv6" if family == "ipv4" else "ipv4"
        if (other, name) in lists:
            return f"prefix-list {name} is an {other} list, the session is {family}"
        return f"prefix-list {name} is not defined (permits everything)"
    res = prefix_entries_semantics(entries, family)
    return f"prefix-list {name}: {res}" if isinstance(res, str) else res


def cisco_facts(vendor: str, text: str) -> tuple[dict, dict]:
    """Parse one IOS XE / EOS / FRR config. Returns (structure problems by check, extracted facts)."""
    tree = CiscoTree(text)
    checks: dict[str, list[str]] = {"grammar": cisco_grammar(vendor, tree)}
    interfaces, if_problems = cisco_interfaces(vendor, tree)
    checks["interfaces"] = if_problems
    bgp = CiscoBgp(vendor, tree)
    checks["bgp"] = bgp.problems
    lists = cisco_prefix_lists(tree)
    maps = cisco_route_maps(tree)
    profiles = frr_bfd_profiles(tree) if vendor == "frr" else {}
    refs: list[str] = []
    for afi, per in bgp.af_nbr.items():
        for addr, rests in per.items():
            for rest in rests:
                if m := re.fullmatch(r"prefix-list (\S+) (in|out)", rest):
                    if (afi, m.group(1)) not in lists:
                        refs.append(f"address-family {afi}: neighbour {addr} uses prefix-list {m.group(1)}, "
                                    f"which is not an {afi} prefix list here")
                elif m := re.fullmatch(r"route-map (\S+) (in|out)", rest):
                    if m.group(1) not in maps:
                        refs.append(f"address-family {afi}: neighbour {addr} uses route-map {m.group(1)}, not defined")
                    for _s, _a, clauses in maps.get(m.group(1), []):
                        for cl in clauses:
                            if c := re.fullmatch(r"match (ip|ipv6) address prefix-list (\S+)", cl):
                                fam = "ipv6" if c.group(1) == "ipv6" else "ipv4"
                                if (fam, c.group(2)) not in lists:
                                    refs.append(f"route-map {m.group(1)} matches {c.group(1)} prefix-list {c.group(2)}, "
                                                "not defined")
                                if fam != afi:
                                    refs.append(f"route-map {m.group(1)} ({fam} match) is applied in address-family {afi}")
    for addr in bgp.nbr:
        for m in bgp.attrs(addr, r"bfd profile (\S+)"):
            if m.group(1) not in profiles:
                refs.append(f"neighbour {addr} uses BFD profile {m.group(1)}, not defined")
    if vendor == "frr" and "frr defaults traditional" in {line.text for line in tree.top}:
        # bgp ebgp-requires-policy: an eBGP session without both policies exchanges nothing
        for addr in bgp.remote:
            afi = "ipv4" if ipaddress.ip_address(addr).version == 4 else "ipv6"
            for direction in ("in", "out"):
                if not bgp.af_attrs(afi, addr, rf"(route-map|prefix-list) \S+ {direction}"):
                    refs.append(f"neighbour {addr}: no {direction}bound policy in address-family {afi} "
                                "(ebgp-requires-policy)")
    checks["references"] = refs
    if vendor in ("iosxe", "eos"):
        tops = {line.text for line in tree.top}
        routing = []
        families = {ipaddress.ip_address(a).version for a in bgp.remote}
        if 6 in families and "ipv6 unicast-routing" not in tops:
            routing.append("IPv6 sessions but no top-level 'ipv6 unicast-routing'")
        if vendor == "eos" and "ip routing" not in tops:
            routing.append("no top-level 'ip routing' (EOS routes nothing without it)")
        checks["routing"] = routing

    facts: dict[str, dict] = {}
    for addr in bgp.remote:
        f: dict[str, str] = {}
        version = ipaddress.ip_address(addr).version
        afi = "ipv4" if version == 4 else "ipv6"
        i, a, why = find_interface([x for x in interfaces if not x.get("physical")], addr)
        if i is None:
            f["vlan"] = f["parent"] = f["address"] = why
        else:
            f["vlan"] = i["vlan"] or f"no VLAN tag on {i['name']}"
            f["parent"] = i["parent"] or "?"
            f["address"] = a.with_prefixlen
        f["remote-as"] = bgp.remote[addr]
        las = bgp.attrs(addr, r"local-as (\d+)((?: \S+)*)")
        if not las:
            f["local-as"] = bgp.asn
        elif len(las) > 1:
            f["local-as"] = f"{len(las)} local-as lines"
        else:
            flags = set(las[0].group(2).split())
            f["local-as"] = las[0].group(1)
            if not {"no-prepend", "replace-as"} <= flags:
                f["local-as"] += f" (without no-prepend replace-as: {' '.join(sorted(flags)) or 'no flags'})"
        act = {x for x in bgp.afs if bgp.af_attrs(x, addr, r"activate")}
        if bgp.default_ipv4:
            act.add("ipv4")  # bgp default ipv4-unicast activates every neighbour in IPv4 unicast
        f["afi"] = "+".join(sorted(act)) or "not activated"
        # BFD
        if vendor == "iosxe":
            on = bool(bgp.attrs(addr, r"fall-over bfd"))
            timers = i["bfd"] if i else None
        elif vendor == "eos":
            on = bool(bgp.attrs(addr, r"bfd"))
            timers = i["bfd"] if i else None
        else:
            prof = bgp.attrs(addr, r"bfd(?: profile (\S+))?")
            on = bool(prof)
            timers = None
            if on:
                values = profiles.get(prof[0].group(1), {}) if prof[0].group(1) else {}
                timers = (f"tx {values.get('transmit-interval', 300)} ms, rx {values.get('receive-interval', 300)} ms, "
                          f"x{values.get('detect-multiplier', 3)}")
        if on:
            f["bfd"] = timers or "on, but the interface has no 'bfd interval' timers"
        else:
            f["bfd"] = BFD_OFF
        # maximum-prefix
        if vendor == "eos":
            mp = bgp.attrs(addr, r"maximum-routes (\d+)( warning-only)?")
        else:
            mp = bgp.af_attrs(afi, addr, r"maximum-prefix (\d+)(?: \d+)?( warning-only)?")
        if len(mp) == 1:
            f["max-prefix"] = max_prefix_text(mp[0].group(1), bool(mp[0].group(2)))
        else:
            f["max-prefix"] = "none" if not mp else f"{len(mp)} limits"
        # outbound filter
        results = []
        for m in bgp.af_attrs(afi, addr, r"prefix-list (\S+) out"):
            results.append(list_semantics(lists, m.group(1), afi))
        for m in bgp.af_attrs(afi, addr, r"route-map (\S+) out"):
            results.append(route_map_semantics(maps, lists, m.group(1), afi))
        if not results:
            f["outbound"] = f"no outbound filter in address-family {afi}"
        elif any(isinstance(r, str) for r in results):
            f["outbound"] = "; ".join(r for r in results if isinstance(r, str))
        else:
            f["outbound"] = outbound_text(set.intersection(*results))
        # MD5
        pw = bgp.attrs(addr, r"password(?: ([07]))? (\S+)")
        if not pw:
            f["md5"] = "none"
        elif len(pw) > 1:
            f["md5"] = f"{len(pw)} password lines"
        elif pw[0].group(1) == "7":
            f["md5"] = "type-7 encrypted"
        else:
            f["md5"] = pw[0].group(2)
        if vendor == "eos" and pw and pw[0].group(1) is None:
            f["md5"] += " (EOS needs 'password 0 <key>')"
        facts[addr] = f

    # interface BFD timers that no BFD session uses (BFD off in the plan must mean no BFD at all)
    for i in interfaces:
        if i["bfd"] and not any(f["bfd"] != BFD_OFF for addr, f in facts.items()
                                if any(ipaddress.ip_address(addr) in a.network for a in i["addresses"])):
            checks["interfaces"].append(f"line {i['line'].lineno}: {i['name']} has BFD timers ({i['bfd']}) "
                                        "but no BGP session on it uses BFD")

    # what the router originates: the network statements per address family
    originate: dict[str, set[str] | str] = {}
    for afi in ("ipv4", "ipv6"):
        nets: set[str] = set()
        bad = []
        af = bgp.afs.get(afi)
        for c in af.children if af else []:
            if m := re.fullmatch(r"network (\S+) mask (\S+)", c.text):
                plen = mask_len(m.group(2))
                try:
                    nets.add(ipaddress.ip_network(f"{m.group(1)}/{plen}", strict=True).with_prefixlen)
                except (ValueError, TypeError):
                    bad.append(c.text)
            elif m := re.fullmatch(r"network (\S+)", c.text):
                try:
                    net = ipaddress.ip_network(m.group(1), strict=True)
                    if "/" not in m.group(1):
                        raise ValueError
                    nets.add(net.with_prefixlen)
                except ValueError:
                    bad.append(c.text)
        originate[afi] = f"unparsable {bad}" if bad else nets
    extra = {"asn": bgp.asn, "originate": originate, "interfaces": interfaces}
    return checks, {"sessions": facts, **extra}


# --------------------------------------------------------------------------------------------------
# Junos: brace parser, set lines, facts
# --------------------------------------------------------------------------------------------------


class JNode:
    def __init__(self, words: list[str], line: int, children: list[JNode] | None) -> None:
        self.words = words
        self.line = line
        self.children = children  # None: a leaf statement (`...;`)


def junos_tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, value, line): word, string, '{', '}', ';', '[', ']'. Comments /* */ and # are dropped."""
    tokens = []
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise ConfigError(f"line {line}: unterminated /* comment")
            line += text.count("\n", i, j)
            i = j + 2
        elif c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                if text[j] == "\\":
                    j += 1
                if j < n and text[j] == "\n":
                    raise ConfigError(f"line {line}: string runs past the end of the line")
                j += 1
            if j >= n:
                raise ConfigError(f"line {line}: unterminated string")
            tokens.append(("word", text[i:j + 1], line))
            i = j + 1
        elif c in "{};[]":
            tokens.append((c, c, line))
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in '{};[]"' and not text.startswith("/*", j):
                j += 1
            tokens.append(("word", text[i:j], line))
            i = j
    return tokens


def junos_line_endings(tokens) -> list[str]:
    """Every line that holds a statement ends with `;`, `{` or `}`."""
    last: dict[int, str] = {}
    for kind, value, line in tokens:
        last[line] = kind
    return [f"line {ln}: statement does not end with ';' or open a block" for ln, kind in sorted(last.items())
            if kind not in (";", "{", "}")]


def junos_parse(tokens) -> list[JNode]:
    pos = 0

    def block(depth: int, opened_at: int) -> list[JNode]:
        nonlocal pos
        nodes: list[JNode] = []
        words: list[str] = []
        start = 0
        while pos < len(tokens):
            kind, value, line = tokens[pos]
            pos += 1
            if kind == "word":
                if not words:
                    start = line
                words.append(value)
            elif kind == "[":
                items = []
                while pos < len(tokens) and tokens[pos][0] == "word":
                    items.append(tokens[pos][1])
                    pos += 1
                if pos >= len(tokens) or tokens[pos][0] != "]":
                    raise ConfigError(f"line {line}: '[' without ']'")
                pos += 1
                if not words:
                    start = line
                words.append("[ " + " ".join(items) + " ]")
            elif kind == ";":
                if not words:
                    raise ConfigError(f"line {line}: empty statement ';'")
                nodes.append(JNode(words, start, None))
                words = []
            elif kind == "{":
                if not words:
                    raise ConfigError(f"line {line}: '{{' without a name")
                name, at = words, start
                words = []
                nodes.append(JNode(name, at, block(depth + 1, line)))
            elif kind == "}":
                if words:
                    raise ConfigError(f"line {line}: statement {' '.join(words)!r} is not terminated by ';'")
                if depth == 0:
                    raise ConfigError(f"line {line}: '}}' closes no block (braces unbalanced)")
                return nodes
            else:
                raise ConfigError(f"line {line}: unexpected {value!r}")
        if words:
            raise ConfigError(f"line {start}: statement {' '.join(words)!r} is not terminated by ';'")
        if depth > 0:
            raise ConfigError(f"end of file: the block opened at line {opened_at} is not closed (braces unbalanced)")
        return nodes

    return block(0, 0)


def junos_set_lines(nodes: list[JNode], path: tuple = ()) -> list[tuple]:
    out = []
    for node in nodes:
        here = path + tuple(node.words)
        if node.children is None or not node.children:
            out.append(here)
        if node.children:
            out.extend(junos_set_lines(node.children, here))
    return out


def norm_token(tok: str) -> str:
    """Canonical form of an address or prefix token (for comparing set lines)."""
    try:
        if "/" in tok:
            return ipaddress.ip_interface(tok).with_prefixlen
        return str(ipaddress.ip_address(tok))
    except ValueError:
        return tok


def sel(sets: list[tuple], *prefix: str) -> list[tuple]:
    n = len(prefix)
    return [t[n:] for t in sets if t[:n] == prefix]


def unquote(tok: str) -> str:
    return tok[1:-1] if len(tok) >= 2 and tok[0] == tok[-1] == '"' else tok


def junos_tag(tok: str) -> int | None:
    m = re.fullmatch(r"(?:0x[0-9a-fA-F]{4}\.)?(\d+)", tok)
    return int(m.group(1)) if m else None


def junos_structure(text: str) -> tuple[dict, list[tuple]]:
    checks: dict[str, list[str]] = {}
    tokens = junos_tokens(text)
    opens = sum(1 for t in tokens if t[0] == "{")
    closes = sum(1 for t in tokens if t[0] == "}")
    syntax = junos_line_endings(tokens)
    if opens != closes:
        syntax.append(f"braces unbalanced: {opens} '{{' vs {closes} '}}'")
    try:
        nodes = junos_parse(tokens)
    except ConfigError as e:
        syntax.append(str(e))
        nodes = None
    checks["syntax"] = syntax
    if nodes is None:
        raise ConfigError("; ".join(syntax))
    sets = [tuple(norm_token(t) for t in s) for s in junos_set_lines(nodes)]
    return checks, sets


def junos_policy_semantics(sets: list[tuple], name: str, family: str) -> set[str] | str:
    ps = sel(sets, "policy-options", "policy-statement", name)
    if not ps:
        return f"export policy {name} is not defined"
    terms: list[str] = []
    for t in ps:
        if t[0] == "term" and len(t) > 1 and t[1] not in terms:
            terms.append(t[1])
        elif t[0] != "term":
            return f"policy {name}: statement outside a term {' '.join(t)!r}"
    result: set[str] = set()
    final = False
    version = 4 if family == "ipv4" else 6
    for term in terms:
        body = sel(ps, "term", term)
        if final:
            return f"policy {name}: term {term} after the final reject"
        froms = [b[1:] for b in body if b[0] == "from"]
        thens = [b[1:] for b in body if b[0] == "then"]
        if any(b[0] not in ("from", "then") for b in body):
            return f"policy {name} term {term}: unrecognised {body}"
        if not froms and thens == [("reject",)]:
            final = True
            continue
        if thens != [("accept",)] or not froms:
            return f"policy {name} term {term}: unrecognised from {froms} then {thens}"
        for fr in froms:
            if len(fr) != 3 or fr[0] != "prefix-list-filter" or fr[2] != "exact":
                return f"policy {name} term {term}: unrecognised 'from {' '.join(fr)}' (want prefix-list-filter L exact)"
            plist = sel(sets, "policy-options", "prefix-list", fr[1])
            defined = any(t[:3] == ("policy-options", "prefix-list", fr[1]) for t in sets)
            if not defined:
                return f"policy {name} term {term}: prefix-list {fr[1]} is not defined"
            for entry in plist:
                try:
                    net = ipaddress.ip_network(entry[0], strict=True)
                except ValueError:
                    return f"prefix-list {fr[1]}: {' '.join(entry)!r} is not a network"
                if len(entry) != 1 or net.version != version:
                    return f"prefix-list {fr[1]}: {' '.join(entry)!r} is not an {family} prefix"
                result.add(net.with_prefixlen)
    if not final:
        return f"policy {name}: no final 'then reject' term (BGP's default export would advertise more)"
    return result


def junos_facts(text: str) -> tuple[dict, dict]:
    checks, sets = junos_structure(text)
    problems: list[str] = []
    asns = sel(sets, "routing-options", "autonomous-system")
    asn = asns[0][0] if len(asns) == 1 and len(asns[0]) == 1 else f"{len(asns)} autonomous-system statements"

    # interfaces: units with tags and addresses
    interfaces = []
    for phys in sorted({t[0] for t in sel(sets, "interfaces")}):
        conf = sel(sets, "interfaces", phys)
        tagging = {t[0] for t in conf if len(t) == 1}
        for unit in sorted({t[1] for t in conf if t[0] == "unit" and len(t) > 1}, key=lambda u: (len(u), u)):
            body = sel(conf, "unit", unit)
            i = {"name": f"{phys} unit {unit}", "parent": phys, "addresses": [], "vlan": None}
            ids = [t[1] for t in body if t[0] == "vlan-id" and len(t) == 2]
            tags = [t for t in body if t[0] == "vlan-tags"]
            if ids and not tags:
                vlan = junos_tag(ids[0])
                i["vlan"] = vlan_text(None, vlan)
                if not tagging & {"vlan-tagging", "flexible-vlan-tagging"}:
                    i["vlan"] += f" (but {phys} has no vlan-tagging)"
            elif tags and not ids:
                t = tags[0]
                m = re.fullmatch(r"vlan-tags outer (\S+) inner (\S+)", " ".join(t))
                if m:
                    vlan = junos_tag(m.group(2))
                    i["vlan"] = vlan_text(junos_tag(m.group(1)), vlan)
                    if not tagging & {"stacked-vlan-tagging", "flexible-vlan-tagging"}:
                        i["vlan"] += f" (but {phys} has no flexible-vlan-tagging or stacked-vlan-tagging)"
                else:
                    vlan = None
                    i["vlan"] = f"unrecognised {' '.join(t)}"
            else:
                vlan = None
                i["vlan"] = f"{len(ids)} vlan-id and {len(tags)} vlan-tags statements"
            if vlan is not None and unit != str(vlan):
                i["vlan"] += f" (unit {unit})"
            for fam, version in (("inet", 4), ("inet6", 6)):
                for t in sel(body, "family", fam, "address"):
                    ifc = iface_of(t[0])
                    if ifc is None or ifc.version != version:
                        problems.append(f"interfaces {phys} unit {unit} family {fam}: bad address {t[0]!r}")
                    else:
                        i["addresses"].append(ifc)
            interfaces.append(i)

    facts: dict[str, dict] = {}
    bgp = sel(sets, "protocols", "bgp")
    top = [t for t in bgp if t[0] != "group"]
    for group in sorted({t[1] for t in bgp if t[0] == "group" and len(t) > 1}):
        g = sel(bgp, "group", group)
        gl = [t for t in g if t[0] != "neighbor"]
        for nbr_tok in sorted({t[1] for t in g if t[0] == "neighbor" and len(t) > 1}):
            addr = canon_addr(nbr_tok)
            nl = sel(g, "neighbor", nbr_tok)

            def attr(*prefix: str) -> list[tuple]:
                for level in (nl, gl, top):
                    got = sel(level, *prefix)
                    if got:
                        return got
                return []

            if addr in facts:
                problems.append(f"neighbour {addr} is in more than one group")
            f: dict[str, str] = {}
            i, a, why = find_interface(interfaces, addr)
            if i is None:
                f["vlan"] = f["parent"] = f["address"] = why
            else:
                f["vlan"] = i["vlan"]
                f["parent"] = i["parent"]
                f["address"] = a.with_prefixlen
                la = sel(nl, "local-address")
                if la and la[0][0] != str(a.ip):
                    f["address"] += f" (local-address {la[0][0]})"
            types = attr("type")
            peer = attr("peer-as")
            f["remote-as"] = peer[0][0] if len(peer) == 1 else f"{len(peer)} peer-as statements"
            if types != [("external",)]:
                f["remote-as"] += f" (group type {types or 'unset'})"
            la = attr("local-as")
            if not la:
                f["local-as"] = asn
            else:
                f["local-as"] = la[0][0]
                flags = {x for t in la for x in t[1:]}
                if not {"private", "no-prepend-global-as"} <= flags:
                    f["local-as"] += f" (without private no-prepend-global-as: {' '.join(sorted(flags)) or 'no flags'})"
            fams = attr("family")
            names = {t[0] for t in fams}
            afi = {"inet": "ipv4", "inet6": "ipv6"}
            f["afi"] = "+".join(sorted(afi.get(n, n) for n in names)) if names else "ipv4"
            for n in names:
                subs = {t[1] for t in fams if t[0] == n and len(t) > 1}
                if subs - {"unicast"}:
                    f["afi"] += f" ({n} {' '.join(sorted(subs))})"
            family = "ipv4" if ipaddress.ip_address(addr).version == 4 else "ipv6"
            jfam = "inet" if family == "ipv4" else "inet6"
            bfd = attr("bfd-liveness-detection")
            if not bfd:
                f["bfd"] = BFD_OFF
            else:
                vals = {" ".join(t[:-1]): t[-1] for t in bfd}
                mi = vals.get("minimum-interval")
                tx = vals.get("transmit-interval minimum-interval", mi)
                rx = vals.get("minimum-receive-interval", mi)
                f["bfd"] = f"tx {tx} ms, rx {rx} ms, x{vals.get('multiplier', 3)}"
            pl = sel(fams, jfam, "unicast", "prefix-limit")
            maxes = [t[1] for t in pl if t[0] == "maximum"]
            if len(maxes) == 1:
                f["max-prefix"] = max_prefix_text(maxes[0], not any(t[0] == "teardown" for t in pl))
            else:
                f["max-prefix"] = "none" if not maxes else f"{len(maxes)} limits"
            exports = attr("export")
            if len(exports) != 1 or len(exports[0]) != 1 or exports[0][0].startswith("["):
                f["outbound"] = f"export {exports or 'missing'} (want one policy)"
            else:
                f["outbound"] = outbound_text(junos_policy_semantics(sets, exports[0][0], family))
            keys = attr("authentication-key")
            if not keys:
                f["md5"] = "none"
            elif len(keys) > 1:
                f["md5"] = f"{len(keys)} authentication keys"
            else:
                f["md5"] = unquote(keys[0][0])
            facts[addr] = f
    checks["bgp"] = problems + ([] if facts else ["no BGP neighbour under protocols bgp group"])
    return checks, {"sessions": facts, "asn": asn, "sets": sets, "interfaces": interfaces}


def junos_expected_sets(rf: RouterFacts, sets: list[tuple]) -> list[str]:
    """The set lines the plan asks for (group and policy names are taken from the config)."""
    missing = []

    def exists(line: str) -> bool:
        """The set line is in the config (or is a prefix of one: `... neighbor N` of `... neighbor N description`)."""
        toks = tuple(norm_token(t) for t in line.split()[1:])
        return any(have[:len(toks)] == toks for have in sets)

    def want(line: str) -> None:
        if not exists(line):
            missing.append(line)

    p = rf.parent
    want(f"set interfaces {p} {'flexible-vlan-tagging' if rf.stag is not None else 'vlan-tagging'}")
    want(f"set routing-options autonomous-system {rf.asn}")
    for unit in rf.units:
        v = unit["vlan"]
        if rf.stag is not None:
            want(f"set interfaces {p} unit {v} vlan-tags outer {rf.stag} inner {v}")
        else:
            want(f"set interfaces {p} unit {v} vlan-id {v}")
        for s in unit["sessions"]:
            fam = "inet" if s["family"] == "ipv4" else "inet6"
            want(f"set interfaces {p} unit {v} family {fam} address {s['ours']}")
            groups = sorted({t[3] for t in sets if t[:3] == ("protocols", "bgp", "group") and len(t) > 5
                             and t[4] == "neighbor" and t[5] == s["msee"]})
            if len(groups) != 1:
                missing.append(f"set protocols bgp group <G> neighbor {s['msee']} (found in {len(groups)} groups)")
                continue
            g = f"set protocols bgp group {groups[0]}"
            want(f"{g} neighbor {s['msee']}")
            want(f"{g} neighbor {s['msee']} local-address {s['ours'].split('/')[0]}")
            want(f"{g} type external")
            want(f"{g} peer-as {MICROSOFT_AS}")
            want(f"{g} family {fam} unicast prefix-limit maximum {s['limit']}")
            if s["local_as"] != rf.asn:
                want(f"{g} local-as {s['local_as']} private no-prepend-global-as")
            if s["bfd"]:
                want(f"{g} bfd-liveness-detection minimum-interval 300")
                want(f"{g} bfd-liveness-detection multiplier 3")
            if s["md5"] != "none":
                want(f'{g} authentication-key "{s["md5"]}"')
            exports = [t[5] for t in sets if t[:4] == ("protocols", "bgp", "group", groups[0]) and len(t) == 6
                       and t[4] == "export"]
            if len(exports) != 1:
                missing.append(f"{g} export <policy>")
                continue
            e = exports[0]
            filters = sorted({t[7] for t in sets if t[:3] == ("policy-options", "policy-statement", e)
                              and len(t) == 9 and t[3] == "term" and t[5] == "from" and t[6] == "prefix-list-filter"})
            for prefix in sorted(s["prefixes"], key=net_sort_key):
                if not any(exists(f"set policy-options prefix-list {lst} {prefix}") for lst in filters):
                    missing.append(f"set policy-options prefix-list {filters[0] if filters else '<L>'} {prefix}")
            for lst in filters:
                term = [t[4] for t in sets if t[:3] == ("policy-options", "policy-statement", e) and len(t) == 9
                        and t[7] == lst]
                want(f"set policy-options policy-statement {e} term {term[0]} from prefix-list-filter {lst} exact")
                want(f"set policy-options policy-statement {e} term {term[0]} then accept")
            if not any(t[:3] == ("policy-options", "policy-statement", e) and t[-2:] == ("then", "reject")
                       for t in sets):
                missing.append(f"set policy-options policy-statement {e} term <T> then reject")
    return missing


# --------------------------------------------------------------------------------------------------
# running the checks
# --------------------------------------------------------------------------------------------------


def compare_facts(rf: RouterFacts, got: dict, keys: tuple[str, ...]) -> dict[str, list[str]]:
    """fact -> differences (expected vs the config), per session."""
    diffs: dict[str, list[str]] = {k: [] for k in keys}
    for nbr, want in rf.sessions.items():
        have = got.get(nbr)
        if have is None:
            continue  # reported by the neighbours check
        for k in keys:
            if str(have.get(k)) != str(want[k]):
                diffs[k].append(f"{rf.label(nbr)}: plan {want[k]!r}, config {have.get(k)!r}")
    return diffs


def extract(vendor: str, text: str) -> tuple[dict, dict]:
    if vendor == "junos":
        return junos_facts(text)
    return cisco_facts(vendor, text)


def check_config(report: Report, label: str, vendor: str, text: str, rf: RouterFacts) -> dict | None:
    """All checks of one config; returns the extracted facts (None when it did not parse)."""
    base = "frr" if vendor.startswith("frr") else vendor
    try:
        checks, got = extract(base, text)
    except ConfigError as e:
        report.check(False, f"{label}: parse", str(e))
        return None
    except Exception as e:  # noqa: BLE001 - a parser crash is a failure of this config, not of the test run
        report.check(False, f"{label}: parse", f"{type(e).__name__}: {e}")
        return None
    for name, problems in checks.items():
        report.check(not problems, f"{label}: {name}", problems)
    if base == "junos":
        missing = junos_expected_sets(rf, got["sets"])
        report.check(not missing, f"{label}: set-lines", [f"missing {m!r}" for m in missing])
    report.check(str(got["asn"]) == str(rf.asn), f"{label}: bgp-as",
                 f"plan: BGP runs as AS {rf.asn}; config: {got['asn']}")
    want_n, have_n = set(rf.sessions), set(got["sessions"])
    detail = []
    if want_n - have_n:
        detail.append("missing " + ", ".join(rf.label(n) for n in sorted(want_n - have_n)))
    if have_n - want_n:
        detail.append("not in the plan " + ", ".join(sorted(have_n - want_n)))
    report.check(want_n == have_n, f"{label}: neighbours", detail)
    for key, problems in compare_facts(rf, got["sessions"], FACT_KEYS).items():
        report.check(not problems, f"{label}: {key}", problems)
    if base != "junos":
        problems = []
        for afi in ("ipv4", "ipv6"):
            have = got["originate"][afi]
            want = rf.originate[afi]
            if isinstance(have, str) or have != want:
                problems.append(f"{afi}: plan {outbound_text(want) if want else 'nothing'}, network statements "
                                f"{have if isinstance(have, str) else (outbound_text(have) if have else 'none')}")
        report.check(not problems, f"{label}: originate", problems)
    return got


def plan_names(golden: Path, plans: Path) -> list[str]:
    names = set()
    if golden.is_dir():
        names |= {d.name for d in golden.iterdir() if d.is_dir() and d.name not in ("plans", "change")}
    if plans.is_dir():
        names |= {d.name for d in plans.iterdir() if d.is_dir() and (d / "plan.json").exists()}
    return sorted(names)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], allow_abbrev=False)
    ap.add_argument("--golden", default=str(REPO / "tests" / "golden"), help="golden configs root")
    ap.add_argument("--plans", default=str(REPO / "target" / "router"), help="plan.json root (emit_golden output)")
    ap.add_argument("--only", default="", help="comma-separated plan names")
    ap.add_argument("--quiet", action="store_true", help="print only FAIL lines and the summary")
    args, _unknown = ap.parse_known_args()  # run.sh passes the harness's options along too
    golden, plans = Path(args.golden), Path(args.plans)
    report = Report(args.quiet)

    try:
        import ciscoconfparse2  # noqa: F401
    except ImportError as e:
        report.check(False, "environment: ciscoconfparse2", f"{e} (run with /work/main/.venv/bin/python)")
        print(f"structure: {report.passed} passed, {report.failed} failed")
        return 1

    names = plan_names(golden, plans)
    if not names:
        report.check(False, "plans", f"no plan under {golden} or {plans}")
    only = [n for n in args.only.split(",") if n]
    if only:
        unknown = sorted(set(only) - set(names))
        if unknown:
            report.check(False, "--only", f"no such plan: {', '.join(unknown)}")
        names = [n for n in names if n in only]

    for name in names:
        plan_path = plans / name / "plan.json"
        try:
            plan = json.loads(plan_path.read_text())
        except (OSError, ValueError) as e:
            report.check(False, f"{name}: plan.json", f"{plan_path}: {e} (run cargo test -q --test emit_golden)")
            continue
        for link in LINKS:
            extracted: dict[str, dict] = {}
            for vendor in VENDORS:
                label = f"{name} {vendor} {link}"
                try:
                    rf = plan_facts(plan, link, vendor)
                except PlanError as e:
                    report.check(False, f"{label}: plan", str(e))
                    continue
                path = golden / name / f"router-{vendor}-{link}.txt"
                try:
                    text = path.read_text()
                except OSError as e:
                    report.check(False, f"{label}: golden config", f"{path}: {e}")
                    continue
                got = check_config(report, label, vendor, text, rf)
                if got is not None:
                    extracted[vendor] = got["sessions"]
            # the four vendors carry the same facts
            label = f"{name} all-vendors {link}: agree"
            if len(extracted) != len(VENDORS):
                report.check(False, label, f"cannot compare: {', '.join(sorted(extracted)) or 'no vendor'}"
                             f" of {', '.join(VENDORS)} parsed")
            else:
                diffs = []
                nbrs = sorted(set().union(*(set(s) for s in extracted.values())))
                for nbr in nbrs:
                    for k in AGREE_KEYS:
                        vals = {v: str(extracted[v].get(nbr, {}).get(k)) for v in VENDORS}
                        if len(set(vals.values())) > 1:
                            diffs.append(f"{nbr} {k}: " + ", ".join(f"{v} {x!r}" for v, x in vals.items()))
                report.check(not diffs, label, diffs)
            # the FRR config the router harness loads: keys inline, the plan's real keys
            label = f"{name} frr-inline {link}"
            path = plans / name / f"frr-{link}.conf"
            try:
                text = path.read_text()
                rf = plan_facts(plan, link, "frr", keys_inline=True)
            except OSError as e:
                report.check(False, f"{label}: config", f"{path}: {e}")
                continue
            except PlanError as e:
                report.check(False, f"{label}: plan", str(e))
                continue
            check_config(report, label, "frr-inline", text, rf)

    print(f"structure: {report.passed} passed, {report.failed} failed")
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
