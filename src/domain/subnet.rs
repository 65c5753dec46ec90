//! Link subnets (§2). CONTRACT: the type below is shared with `emit`; parsing is added here.

use ipnet::IpNet;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

/// An IPv4 /30 or IPv6 /126 whose address is the network address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkSubnet(IpNet);

impl LinkSubnet {
    pub fn net(self) -> IpNet {
        self.0
    }
    pub fn prefix_len(self) -> u8 {
        self.0.prefix_len()
    }
    /// IPv4 only: the dotted mask (255.255.255.252).
    pub fn netmask_v4(self) -> Option<Ipv4Addr> {
        match self.0 {
            IpNet::V4(n) => Some(n.netmask()),
            IpNet::V6(_) => None,
        }
    }
    /// First usable address: the customer's router (§2).
    pub fn customer_router_ip(self) -> IpAddr {
        offset(self.0.network(), 1)
    }
    /// Second usable address: Microsoft's router (§2).
    pub fn microsoft_router_ip(self) -> IpAddr {
        offset(self.0.network(), 2)
    }
}

fn offset(addr: IpAddr, by: u8) -> IpAddr {
    match addr {
        IpAddr::V4(a) => IpAddr::V4(Ipv4Addr::from(u32::from(a).wrapping_add(by as u32))),
        IpAddr::V6(a) => IpAddr::V6(std::net::Ipv6Addr::from(
            u128::from(a).wrapping_add(by as u128),
        )),
    }
}

/// Canonical text: lower-case, compressed IPv6, e.g. `192.168.100.128/30`, `fd00:10::/126`.
impl fmt::Display for LinkSubnet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
