import LinuxSystem
import NetworkAddresses
@testable import VMM
import XCTest

/// Pure pieces: guest memory bounds, the bus, the UART model, vm.conf and the control protocol.
final class ComponentTests: XCTestCase {
    func testGuestMemoryRefusesEveryAccessOutsideRAM() throws {
        let memory = try GuestMemory(size: 8 << 20)
        XCTAssertNotNil(memory.pointer(0, length: 8 << 20))
        XCTAssertNil(memory.pointer(8 << 20, length: 1))
        XCTAssertNil(memory.pointer((8 << 20) - 4, length: 8))
        XCTAssertNil(memory.pointer(UInt64.max - 2, length: 8), "wrap-around")
        XCTAssertThrowsError(try memory.store(UInt32(1), at: (8 << 20) - 2))
        try memory.store(UInt32(0xDEAD_BEEF), at: 0x1000)
        XCTAssertEqual(try memory.load(UInt32.self, at: 0x1000), 0xDEAD_BEEF)
        XCTAssertThrowsError(try GuestMemory(size: 4097))
    }

    func testLargeMemorySkipsTheMMIOHole() throws {
        let layout = GuestMemory.layout(size: 4 << 30)
        XCTAssertEqual(layout.count, 2)
        XCTAssertEqual(layout[1].guestAddress, 0x1_0000_0000)
        XCTAssertEqual(layout[1].hostOffset, 0xC000_0000)
    }

    final class Recorder: BusDevice, @unchecked Sendable {
        var writes: [(UInt64, [UInt8])] = []
        func read(offset: UInt64, into data: UnsafeMutableRawBufferPointer) { data.initializeMemory(as: UInt8.self, repeating: UInt8(offset)) }
        func write(offset: UInt64, data: UnsafeRawBufferPointer) { writes.append((offset, Array(data))) }
    }

    func testBusRoutesByRangeAndFloatsElsewhere() throws {
        var bus = Bus()
        let a = Recorder(), b = Recorder()
        try bus.attach(a, at: 0x100, length: 8)
        try bus.attach(b, at: 0x3F8, length: 8)
        XCTAssertThrowsError(try bus.attach(Recorder(), at: 0x104, length: 8), "overlap refused")
        XCTAssertTrue([UInt8](arrayLiteral: 7).withUnsafeBytes { bus.write(0x3FF, data: $0) })
        XCTAssertEqual(b.writes.first?.0, 7)
        XCTAssertTrue(a.writes.isEmpty)
        var byte: [UInt8] = [0]
        XCTAssertFalse(byte.withUnsafeMutableBytes { bus.read(0x108, into: $0) })
        XCTAssertEqual(byte, [0xFF], "nothing attached reads as all ones")
        XCTAssertTrue(byte.withUnsafeMutableBytes { bus.read(0x103, into: $0) })
        XCTAssertEqual(byte, [3])
    }

    func testUARTTransmitsReceivesAndRaisesInterrupts() {
        let output = Locked<[UInt8]>([]), interrupts = Locked(0)
        let uart = Serial16550(output: { byte in output.withLock { $0.append(byte) } },
                               interrupt: { interrupts.withLock { $0 += 1 } })
        func write(_ offset: UInt64, _ value: UInt8) { [value].withUnsafeBytes { uart.write(offset: offset, data: $0) } }
        func read(_ offset: UInt64) -> UInt8 { var v: [UInt8] = [0]; v.withUnsafeMutableBytes { uart.read(offset: offset, into: $0) }; return v[0] }
        write(0, UInt8(ascii: "A"))
        XCTAssertEqual(output.withLock { $0 }, [65])
        XCTAssertEqual(read(5) & 0x60, 0x60, "transmitter always empty")
        write(3, 0x80); write(0, 0x01); write(3, 0x03) // divisor latch
        XCTAssertEqual(output.withLock { $0 }, [65], "DLAB writes are not transmitted")
        write(1, 0x01) // receive interrupt on
        uart.enqueueInput([0x68, 0x69])
        XCTAssertEqual(interrupts.withLock { $0 }, 1)
        XCTAssertEqual(read(2) & 0x0F, 0x04, "IIR: data available")
        XCTAssertEqual(read(5) & 1, 1)
        XCTAssertEqual(read(0), 0x68); XCTAssertEqual(read(0), 0x69)
        XCTAssertEqual(read(5) & 1, 0)
        let saved = uart.saveState()
        let copy = Serial16550(output: { _ in }, interrupt: {})
        XCTAssertNoThrow(try copy.restoreState(saved))
        XCTAssertEqual(copy.saveState(), saved)
        XCTAssertThrowsError(try copy.restoreState([1, 2]), "truncated state is an error, not a crash")
    }

    func testLaunchRequestRoundTripsThroughVMConf() throws {
        let request = WorkerLaunchRequest(
            name: "Nested VM %1", machine: MachineConfiguration(vcpuCount: 2, memorySize: 1 << 30,
                exposeVirtualizationExtensions: true, boot: .linux(kernelPath: "/k/bz Image", initrdPath: "/k/initrd",
                commandLine: "console=ttyS0 ip=192.168.2.2::192.168.2.1:255.255.255.0\nx"),
                macAddresses: [MACAddress(bytes: [0, 0x15, 0x5D, 1, 2, 3])!],
                disks: [DiskAttachment(path: "/vms/a disk.vhdx"), DiskAttachment(path: "/iso/x%.iso", readOnly: true)]),
            runtimeDirectory: "/run/hvsh/abc", restoreFrom: "/var/snap", startPaused: true)
        XCTAssertEqual(try WorkerLaunchRequest.decode(request.encoded()), request)
        var firmware = request
        firmware.machine.boot = .builtIn(.counter, commandLine: "spoof")
        firmware.restoreFrom = nil
        XCTAssertEqual(try WorkerLaunchRequest.decode(firmware.encoded()), firmware)
        XCTAssertThrowsError(try WorkerLaunchRequest.decode("vcpus=x\n"))
        // A tap with no adapter, or adapters with fewer taps, is damage: refused, not dropped.
        let base = "vcpus=1\nmemory=8\nruntime=/r\n"
        for damaged in [base + "tap=t0\n", base + "mac=00:15:5d:01:02:03\ntap=t0\ntap=t1\n",
                        base + "mac=00:15:5d:01:02:03\nmac=00:15:5d:01:02:04\ntap=t0\n"] {
            XCTAssertThrowsError(try WorkerLaunchRequest.decode(damaged), damaged) { error in
                XCTAssertTrue("\(error)".contains("taps for"), "\(error)")
            }
        }
        XCTAssertEqual(try WorkerLaunchRequest.decode(base + "tap=\n").machine.tapNames, [])
    }

    func testControlProtocolLines() throws {
        for action in [WorkerAction.state, .pause, .resume, .turnOff, .shutdown, .save(directory: "/a b/c"), .checkpoint(directory: "/x"),
                       .plugTap(index: 2, name: "hvt0a1b2c3d"), .detachDisks, .attachDisk(index: 1, path: "/vms/My VM/d_1%.avhdx")] {
            XCTAssertEqual(WorkerAction(line: action.line), action)
        }
        XCTAssertNil(WorkerAction(line: "format c:"))
        XCTAssertEqual(WorkerAction.plugTap(index: 2, name: "hvt0a1b2c3d").line, "plug-tap 2%20hvt0a1b2c3d")
        XCTAssertNil(WorkerAction(line: "plug-tap -1 hvt0"))
        XCTAssertNil(WorkerAction(line: "plug-tap 1"))
        XCTAssertEqual(WorkerAction.attachDisk(index: 1, path: "/a b").line, "attach-disk 1%20/a%20b")
        XCTAssertNil(WorkerAction(line: "attach-disk 1"))
        XCTAssertNil(WorkerAction(line: "attach-disk x%20/a"))
        XCTAssertEqual(try WorkerReply.parse("ok a=1 b=x%20y", request: "state"), ["a": "1", "b": "x y"])
        XCTAssertThrowsError(try WorkerReply.parse(WorkerReply.error("nope"), request: "pause")) { error in
            XCTAssertEqual(error as? VMMError, .requestFailed(request: "pause", message: "nope"))
            XCTAssertEqual("\(error)", "nope")
        }
    }

    /// "\r\n" and a separator followed by a combining mark are single Characters; the wire form must still
    /// never carry a raw line break and must read back the same (control-request fuzz finding).
    func testControlLinesKeepGraphemeClustersThatSpanSeparators() throws {
        let awkward = ["a\r\nb", "%\u{0339}0A", "x \u{0339}y", "=\u{0301}", "\r\n\r\n", "ok\u{0300} =\u{0300}"]
        for text in awkward {
            for action in [WorkerAction.save(directory: text), .checkpoint(directory: text), .attachDisk(index: 3, path: text)] {
                XCTAssertFalse(action.line.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }, "raw line break in \(action.line.debugDescription)")
                XCTAssertEqual(WorkerAction(line: action.line), action, text.debugDescription)
            }
            let record = WorkerExitRecord(kind: .guest, reason: text)
            XCTAssertEqual(try WorkerExitRecord(decoding: record.encoded), record)
        }
        XCTAssertEqual(WorkerAction(line: "save \u{0339}x"), .save(directory: "\u{0339}x"))
        XCTAssertEqual(try WorkerReply.parse("ok a=\u{0301}1", request: "state"), ["a": "\u{0301}1"])
    }

    func testStateReportRoundTripsAndAMissingFieldIsAnError() throws {
        let report = WorkerStateReport(paused: true, cpuUsageTenThousandths: 12_345, memoryAssigned: 128 << 20,
                                       residentBytes: 3 << 20, uptimeMilliseconds: 42, pid: 77, vcpuCount: 2, heartbeat: .lost,
                                       memoryDemand: 100 << 20)
        let fields = try WorkerReply.parse(report.replyLine, request: "state")
        XCTAssertEqual(try WorkerStateReport(fields: fields), report)
        XCTAssertEqual(report.status.cpuUsagePercent, 1.2345, accuracy: 1e-9)
        XCTAssertEqual(report.status.state, .paused)
        XCTAssertEqual(report.status.memoryDemand, 100 << 20)
        for missing in fields.keys {
            var partial = fields
            partial[missing] = nil
            XCTAssertThrowsError(try WorkerStateReport(fields: partial), "a reply without \(missing) was accepted")
        }
        var bad = fields
        bad["pid"] = "seventy"
        XCTAssertThrowsError(try WorkerStateReport(fields: bad))
        var unknownHeartbeat = fields
        unknownHeartbeat["heartbeat"] = "fine"
        XCTAssertThrowsError(try WorkerStateReport(fields: unknownHeartbeat))
    }

    func testExitRecordRoundTripsEveryKindAndRefusesAMissingOne() throws {
        let reasons: [ExitReason] = [.saved, .turnedOff, .guestPowerOff, .guestExit(code: 3), .tripleFault,
                                     .internalError("emulation failed\nat 0x1000")]
        for reason in reasons {
            let record = WorkerExitRecord(reason)
            XCTAssertEqual(try WorkerExitRecord(decoding: record.encoded), record)
            XCTAssertEqual(record.reason, reason.description)
        }
        XCTAssertEqual(WorkerExitRecord(.saved).kind, .saved)
        XCTAssertEqual(WorkerExitRecord(.turnedOff).kind, .turnedOff)
        XCTAssertEqual(WorkerExitRecord(.internalError("x")).kind, .error)
        XCTAssertEqual(WorkerExitRecord(.guestReset).kind, .guest)
        XCTAssertEqual(try WorkerExitRecord(decoding: WorkerExitRecord.died.encoded), .died)
        XCTAssertThrowsError(try WorkerExitRecord(decoding: "reason=no kind\n"))
        XCTAssertThrowsError(try WorkerExitRecord(decoding: "kind=exploded\nreason=x\n"))
    }
}

final class ConsoleSinkTests: XCTestCase {
    func testLogIsRotatedAtItsLimitAndClientsGetEveryByte() throws {
        let directory = TemporaryDirectory()
        defer { directory.cleanup() }
        let path = directory.path + "/console.log"
        let sink = try ConsoleSink(logPath: path, logLimit: 10)
        var pair: [Int32] = [0, 0]
        XCTAssertEqual(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair), 0)
        sink.add(FileDescriptor(owning: pair[0]))
        for byte in Array("0123456789abcdefghij-tail".utf8) { sink.output(byte) }
        XCTAssertEqual(FileSystem.readText(path), "-tail", "the current log restarted after the limit")
        XCTAssertEqual(FileSystem.readText(path + ".1"), "abcdefghij", "one previous generation is kept")
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(pair[1], &buffer, buffer.count)
        XCTAssertEqual(String(decoding: buffer[0..<max(0, n)], as: UTF8.self), "0123456789abcdefghij-tail")
        XCTAssertEqual(sink.clients.count, 1)
        sink.clients.first.map(sink.remove)
        XCTAssertTrue(sink.clients.isEmpty)
        XCTAssertEqual(recv(pair[1], &buffer, buffer.count, Int32(MSG_DONTWAIT)), 0, "removing the client closed its socket")
        try FileDescriptor(owning: pair[1]).close()
    }
}
