import LinuxSystem

/// How much stack the parser and the AST dump need. Recursive descent over deeply nested input needs
/// stack in proportion to the nesting, and callers may sit on small secondary-thread stacks (512 KiB),
/// so deep input is handled on a thread of its own (`ThreadStack.run`).
enum ParserStack {
    static let size = 256 << 20

    /// Bytes of stack one nesting level may need: measured at about 6 KiB in debug builds (where frames
    /// are largest), doubled for margin.
    static let bytesPerLevel = 12 << 10

    /// Runs `body` on the current thread when its remaining stack covers `levels` nesting levels,
    /// otherwise on a fresh large-stack thread.
    static func run<T>(levels: Int, _ body: () -> T) -> T {
        ThreadStack.run(size: size, unlessRemaining: levels * bytesPerLevel + (256 << 10), body)
    }
}
