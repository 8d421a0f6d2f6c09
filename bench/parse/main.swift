// ParseBench: parses a generated >= 5 MB Hyper-V lab script and reports throughput in MB/s.
// Run with: swift run -c release ParseBench [megabytes] [iterations]
import Foundation
import PSLanguage

let args = CommandLine.arguments
let megabytes = args.count > 1 ? max(1, Int(args[1]) ?? 5) : 5
let iterations = args.count > 2 ? max(1, Int(args[2]) ?? 5) : 5

let script = LabScriptGenerator.script(minBytes: megabytes << 20)
let bytes = Array(script.utf8)
let mb = Double(bytes.count) / Double(1 << 20)

// Warm-up parse also checks the generated script is valid PowerShell for our parser.
let check = Parser.parse(bytes: bytes)
guard check.errors.isEmpty else {
    print(ParseErrorRenderer.render(ParseResult(scriptBlock: check.scriptBlock, errors: Array(check.errors.prefix(3)),
                                                source: check.source)))
    exit(1)
}
let statements = check.scriptBlock.endBlock?.body.statements.count ?? 0

/// CPU time of the whole process: on a shared machine wall-clock time also counts other jobs' turns.
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var times: [Double] = []
var cpuTimes: [Double] = []
for _ in 0..<iterations {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpu0 = cpuSeconds()
    let r = Parser.parse(bytes: bytes)
    let cpu1 = cpuSeconds()
    let end = DispatchTime.now().uptimeNanoseconds
    precondition(r.errors.isEmpty)
    times.append(Double(end - start) / 1e9)
    cpuTimes.append(cpu1 - cpu0)
}
times.sort()
cpuTimes.sort()
let best = times.first!
let median = times[times.count / 2]
let cpuMedian = cpuTimes[cpuTimes.count / 2]
print(String(format: "input: %.2f MB (%d bytes, %d top-level statements, %d lines)", mb, bytes.count, statements,
             check.source.lineStarts.count))
print(String(format: "parse: best %.3f s (%.1f MB/s), median %.3f s (%.1f MB/s) over %d runs",
             best, mb / best, median, mb / median, iterations))
print(String(format: "cpu:   median %.3f s (%.1f MB/s of CPU time)", cpuMedian, mb / cpuMedian))
