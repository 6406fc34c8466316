import Diagnostics
import Foundation
import Insights
import Manifests

/// Sweeps under `test`. Their expectations (detection and false-rollback rates) need the sweep
/// engine; until it is available here, a sweep is listed as skipped with the reason.
enum TestSweeps {
  static func run(path: String) -> (testCase: TestCase, sources: [String: SourceText]) {
    let testCase = check(path: path)
    let text = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    return (testCase, text.map { [path: SourceText(path: path, text: $0)] } ?? [:])
  }

  static func check(path: String) -> TestCase {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
      let root = YAMLReader.read(text, file: path).documents.first?.root
    else {
      return TestCase(file: path, name: name, status: .invalid, reason: "cannot read the sweep")
    }
    let title = root["metadata"]?["name"]?.stringValue ?? name
    guard let expect = root["spec"]?["expect"], !expect.isNull else {
      return TestCase(file: path, name: title, status: .skipped, reason: "no expect block")
    }
    var reader = ExpectationReader(subject: .sweep)
    _ = reader.read(expect)
    if reader.diagnostics.hasErrors {
      return TestCase(
        file: path, name: title, status: .invalid, reason: "invalid expect block", diagnostics: reader.diagnostics.sorted)
    }
    return TestCase(file: path, name: title, status: .skipped, reason: "sweeps are not run by this build of rollout-sim test")
  }
}
