import Foundation
import LinuxSystem
@testable import Netlink
import NamespaceTesting
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Canned kernel: records what is sent and answers from a queue of datagrams.
final class ReplayTransport: NetlinkTransport {
    let portID: UInt32 = 0
    var sent: [[UInt8]] = []
    var replies: [[UInt8]]

    init(replies: [[UInt8]]) { self.replies = replies }

    func send(_ message: [UInt8]) throws(Errno) { sent.append(message) }

    func receive() throws(Errno) -> [UInt8] {
        guard !replies.isEmpty else { throw Errno.wouldBlock }
        return replies.removeFirst()
    }
}

/// Hex with a space between bytes, for readable golden comparisons.
func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined(separator: " ") }

func bytes(_ hexText: String) -> [UInt8] {
    hexText.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { UInt8($0, radix: 16)! }
}

/// An NLMSG_ERROR reply carrying `code` (0 for an ACK) for request `sequence`.
func errorReply(code: Int32, sequence: UInt32, extAckMessage: String? = nil) -> [UInt8] {
    var payload = NetlinkWriter()
    payload.append(code)
    // Echoed request header (capped).
    payload.append(UInt32(16)); payload.append(UInt16(16)); payload.append(UInt16(5))
    payload.append(sequence); payload.append(UInt32(0))
    var flags: UInt16 = NetlinkFlags.NLM_F_CAPPED
    if let extAckMessage {
        flags |= NetlinkFlags.NLM_F_ACK_TLVS
        payload.attribute(NetlinkErrorAttribute.NLMSGERR_ATTR_MSG, string: extAckMessage)
    }
    return NetlinkMessage.encode(type: NetlinkMessageType.NLMSG_ERROR, flags: flags, sequence: sequence,
                                 payload: payload.bytes)
}
