import Foundation
import Manifests

/// Issue 2: load and validate every manifest of argo-examples + corpus (137 files) as one set — what
/// `rollout-sim lint` does — in well under a second. Reads `../shared/data` (override with
/// `ROLLOUT_SIM_SHARED_DATA`).
let manifestsLoadAll = Benchmark(
  name: "manifests.loadAll", goal: "137 files loaded + validated in < 1 s", unit: "files", defaultIterations: 20
) { iterations in
  let data = ProcessInfo.processInfo.environment["ROLLOUT_SIM_SHARED_DATA"] ?? "../shared/data"
  let paths = ["\(data)/argo-examples", "\(data)/corpus"]
  guard paths.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else {
    throw ManifestsBenchmarkError(message: "manifests.loadAll needs \(paths.joined(separator: " and ")); set ROLLOUT_SIM_SHARED_DATA")
  }
  var files = 0
  for _ in 0..<iterations {
    let set = ManifestLoader.load(paths: paths)
    let diagnostics = Validator.validate(set)
    guard set.files.count == 137, !diagnostics.isEmpty else {
      throw ManifestsBenchmarkError(message: "expected the 137 corpus files, found \(set.files.count)")
    }
    files += set.files.count
  }
  return files
}

struct ManifestsBenchmarkError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
