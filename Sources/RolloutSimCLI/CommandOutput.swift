import ArgumentParser
import Foundation

/// What a command wants printed and how it wants to exit. Commands fill one in `perform(_:)` so tests
/// can run them in-process; only `run()` writes it to the real streams and exits.
public struct CommandOutput: Sendable {
  public var stdout = ""
  public var stderr = ""
  public var exitCode: Int32 = 0
  /// Whether stdout is a terminal (colour, progress bars) — false in tests.
  public var isTerminal: Bool
  /// `NO_COLOR` set in the environment.
  public var noColor: Bool

  public init(isTerminal: Bool = false, noColor: Bool = true) {
    self.isTerminal = isTerminal
    self.noColor = noColor
  }

  /// Output bound to the real process: detects a TTY and `NO_COLOR`.
  public static func forProcess() -> CommandOutput {
    let tty = isatty(STDOUT_FILENO) == 1
    let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    return CommandOutput(isTerminal: tty, noColor: noColor)
  }

  public var useColor: Bool { isTerminal && !noColor }

  public mutating func print(_ line: String = "") { stdout += line + "\n" }
  public mutating func printError(_ line: String) { stderr += line + "\n" }
  public mutating func write(_ text: String) { stdout += text }
  public mutating func writeError(_ text: String) { stderr += text }

  /// Writes the buffers to the process streams.
  public func flush() {
    if !stdout.isEmpty { FileHandle.standardOutput.write(Data(stdout.utf8)) }
    if !stderr.isEmpty { FileHandle.standardError.write(Data(stderr.utf8)) }
  }
}

/// A command whose work is done in `perform(_:)`, separated from printing and exiting.
public protocol PerformingCommand: ParsableCommand {
  func perform(_ output: inout CommandOutput) throws
}

extension PerformingCommand {
  public func run() throws {
    var output = CommandOutput.forProcess()
    try perform(&output)
    output.flush()
    if output.exitCode != 0 { throw ExitCode(output.exitCode) }
  }
}

/// Exit codes of design §5.
public enum ExitStatus {
  public static let success: Int32 = 0
  public static let checkFailed: Int32 = 1
  public static let invalidInput: Int32 = 2
  public static let usage: Int32 = 64
}
