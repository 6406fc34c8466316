import Diagnostics
import Foundation
import Insights

/// Paths in `test` reports relative to the working directory and without `..` steps, as a user
/// running from the package root reads them (`scenarios/seed/corrected/…`, not
/// `/home/…/scenarios/seed-istio-canary/../seed/corrected/…`).
struct TestPaths {
  let base: String

  init(base: String = FileManager.default.currentDirectoryPath) { self.base = base }

  func display(_ path: String) -> String {
    guard !path.isEmpty else { return path }
    let absolute = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
    let standardized = URL(fileURLWithPath: absolute).standardized.path
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return standardized.hasPrefix(prefix) ? String(standardized.dropFirst(prefix.count)) : standardized
  }

  func display(_ diagnostic: Diagnostic) -> Diagnostic {
    guard let location = diagnostic.location, !location.file.isEmpty else { return diagnostic }
    var copy = diagnostic
    copy.location = SourceLocation(file: display(location.file), line: location.line, column: location.column)
    return copy
  }

  func display(_ testCase: TestCase) -> TestCase {
    var copy = testCase
    copy.insights = testCase.insights.map(display)
    copy.diagnostics = testCase.diagnostics.map(display)
    return copy
  }

  func display(_ sources: [String: SourceText]) -> [String: SourceText] {
    var out: [String: SourceText] = [:]
    for (path, text) in sources { out[display(path)] = out[display(path)] ?? text }
    return out
  }
}
