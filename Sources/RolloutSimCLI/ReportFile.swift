import ArgumentParser
import Foundation
import Report

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case html, md

  var fileExtension: String { rawValue }
}

/// Where reports go: `reports/<name>.<format>` unless `-o` says otherwise, `-` being stdout.
enum ReportFile {
  static func defaultPath(name: String, format: ReportFormat) -> String {
    let safe = HTMLEscape.token(name).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    return "reports/\(safe.isEmpty ? "report" : safe).\(format.fileExtension)"
  }

  /// Writes `text` to `path` (creating its folder), or to stdout for `-`.
  static func write(_ text: String, to path: String, into out: inout CommandOutput) {
    if path == "-" {
      out.write(text)
      return
    }
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
      out.printError("wrote \(path) (\(text.utf8.count / 1024 + 1) KB)")
    } catch {
      out.printError("error: cannot write \(path): \(error.localizedDescription)")
      out.exitCode = ExitStatus.invalidInput
    }
  }
}
