// Kernel constants of netlink and rtnetlink, grouped under the kernel's own names so that a reader
// can look each one up in <linux/netlink.h>, <linux/rtnetlink.h>, <linux/if_link.h> and
// <linux/if_addr.h>. Only what hvsh uses is listed.

/// `nlmsg_type` values: the generic control messages and the rtnetlink requests.
public enum NetlinkMessageType {
    public static let NLMSG_NOOP: UInt16 = 1
    public static let NLMSG_ERROR: UInt16 = 2
    public static let NLMSG_DONE: UInt16 = 3
    public static let NLMSG_OVERRUN: UInt16 = 4

    public static let RTM_NEWLINK: UInt16 = 16
    public static let RTM_DELLINK: UInt16 = 17
    public static let RTM_GETLINK: UInt16 = 18
    public static let RTM_SETLINK: UInt16 = 19
    public static let RTM_NEWADDR: UInt16 = 20
    public static let RTM_DELADDR: UInt16 = 21
    public static let RTM_GETADDR: UInt16 = 22
    public static let RTM_NEWROUTE: UInt16 = 24
    public static let RTM_DELROUTE: UInt16 = 25
    public static let RTM_GETROUTE: UInt16 = 26
    public static let RTM_NEWNEIGH: UInt16 = 28
    public static let RTM_GETNEIGH: UInt16 = 30

    /// Requests that only read kernel state; everything else changes it.
    static func isQuery(_ type: UInt16) -> Bool {
        type == RTM_GETLINK || type == RTM_GETADDR || type == RTM_GETROUTE || type == RTM_GETNEIGH
    }
}

/// `nlmsg_flags` bits.
public enum NetlinkFlags {
    public static let NLM_F_REQUEST: UInt16 = 0x1
    public static let NLM_F_MULTI: UInt16 = 0x2
    public static let NLM_F_ACK: UInt16 = 0x4
    public static let NLM_F_DUMP_INTR: UInt16 = 0x10
    public static let NLM_F_ROOT: UInt16 = 0x100
    public static let NLM_F_MATCH: UInt16 = 0x200
    public static let NLM_F_DUMP: UInt16 = NLM_F_ROOT | NLM_F_MATCH
    public static let NLM_F_REPLACE: UInt16 = 0x100
    public static let NLM_F_EXCL: UInt16 = 0x200
    public static let NLM_F_CREATE: UInt16 = 0x400
    /// On an NLMSG_ERROR: the echoed request was cut to its header.
    public static let NLM_F_CAPPED: UInt16 = 0x100
    /// On an NLMSG_ERROR: extended-ACK attributes follow.
    public static let NLM_F_ACK_TLVS: UInt16 = 0x200
}

/// Extended ACK attributes (`enum nlmsgerr_attrs`).
public enum NetlinkErrorAttribute {
    public static let NLMSGERR_ATTR_MSG: UInt16 = 1
}

/// Attribute type bits the kernel may set on top of the type number.
public enum AttributeTypeBits {
    public static let NLA_F_NESTED: UInt16 = 0x8000
    public static let NLA_F_NET_BYTEORDER: UInt16 = 0x4000
    public static let typeMask: UInt16 = 0x3fff
}

/// `IFLA_*` link attributes.
public enum LinkAttribute {
    public static let IFLA_ADDRESS: UInt16 = 1
    public static let IFLA_BROADCAST: UInt16 = 2
    public static let IFLA_IFNAME: UInt16 = 3
    public static let IFLA_MTU: UInt16 = 4
    public static let IFLA_LINK: UInt16 = 5
    public static let IFLA_MASTER: UInt16 = 10
    public static let IFLA_TXQLEN: UInt16 = 13
    public static let IFLA_OPERSTATE: UInt16 = 16
    public static let IFLA_LINKINFO: UInt16 = 18
    public static let IFLA_NET_NS_PID: UInt16 = 19
    public static let IFLA_IFALIAS: UInt16 = 20
    public static let IFLA_NET_NS_FD: UInt16 = 28
    public static let IFLA_CARRIER: UInt16 = 33
}

/// `IFLA_INFO_*` attributes nested in IFLA_LINKINFO.
public enum LinkInfoAttribute {
    public static let IFLA_INFO_KIND: UInt16 = 1
    public static let IFLA_INFO_DATA: UInt16 = 2
    public static let IFLA_INFO_SLAVE_KIND: UInt16 = 4
}

/// `VETH_INFO_PEER`, nested in IFLA_INFO_DATA of a veth.
public enum VethInfoAttribute {
    public static let VETH_INFO_PEER: UInt16 = 1
}

/// `IFA_*` address attributes.
public enum AddressAttribute {
    public static let IFA_ADDRESS: UInt16 = 1
    public static let IFA_LOCAL: UInt16 = 2
    public static let IFA_LABEL: UInt16 = 3
    public static let IFA_BROADCAST: UInt16 = 4
    public static let IFA_CACHEINFO: UInt16 = 6
    public static let IFA_FLAGS: UInt16 = 8
}

/// `RTA_*` route attributes.
public enum RouteAttribute {
    public static let RTA_DST: UInt16 = 1
    public static let RTA_OIF: UInt16 = 4
    public static let RTA_GATEWAY: UInt16 = 5
    public static let RTA_PRIORITY: UInt16 = 6
    public static let RTA_PREFSRC: UInt16 = 7
    public static let RTA_TABLE: UInt16 = 15
}

/// `rtmsg` field values.
public enum RouteConstants {
    public static let RT_TABLE_MAIN: UInt8 = 254
    public static let RTPROT_KERNEL: UInt8 = 2
    public static let RTPROT_BOOT: UInt8 = 3
    public static let RTPROT_STATIC: UInt8 = 4
    public static let RT_SCOPE_UNIVERSE: UInt8 = 0
    public static let RT_SCOPE_LINK: UInt8 = 253
    public static let RT_SCOPE_HOST: UInt8 = 254
    public static let RTN_UNICAST: UInt8 = 1
    public static let RTN_LOCAL: UInt8 = 2
}

/// `IFF_*` interface flags carried in `ifinfomsg.ifi_flags`.
public enum InterfaceFlags {
    public static let IFF_UP: UInt32 = 0x1
    public static let IFF_BROADCAST: UInt32 = 0x2
    public static let IFF_LOOPBACK: UInt32 = 0x8
    public static let IFF_RUNNING: UInt32 = 0x40
    public static let IFF_MULTICAST: UInt32 = 0x1000
    public static let IFF_LOWER_UP: UInt32 = 0x10000
}

/// Address families as the kernel numbers them.
public enum AddressFamilyNumber {
    public static let AF_UNSPEC: UInt8 = 0
    public static let AF_INET: UInt8 = 2
    public static let AF_BRIDGE: UInt8 = 7
    public static let AF_INET6: UInt8 = 10
}
