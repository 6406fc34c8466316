import Diagnostics
import Manifests
import Simulation

/// The `path` of a variation: which document it edits and the field in it.
///
/// - `rollout.spec.strategy.canary.steps` — the Rollout the scenario drives
/// - `template.NAME.spec.metrics[0].interval` — an AnalysisTemplate (`clusterTemplate.NAME.…` for a
///   ClusterAnalysisTemplate; write `template['a.b'].spec` when the name has dots)
/// - `scenario.spec.traffic.rps` — the scenario file itself
public enum VariationPath {
  public static let roots = ["rollout", "template", "clusterTemplate", "scenario"]

  public struct Problem: Error, Sendable {
    public var message: String
    public var hint: String?
  }

  public static func parse(_ text: String) throws(Problem) -> (ScenarioEditTarget, YAMLPath) {
    let path: YAMLPath
    do { path = try YAMLPath.parse(text) } catch { throw Problem(message: error.message, hint: nil) }
    guard case .key(let root)? = path.components.first else {
      throw Problem(message: "a variation path starts with what it edits", hint: hint)
    }
    var rest = Array(path.components.dropFirst())
    let target: ScenarioEditTarget
    switch root {
    case "rollout": target = .rollout
    case "scenario": target = .scenario
    case "template", "clusterTemplate":
      guard case .key(let name)? = rest.first else {
        throw Problem(message: "'\(root)' needs the template's name: \(root).NAME.spec…", hint: hint)
      }
      rest.removeFirst()
      target = root == "template" ? .analysisTemplate(name) : .clusterAnalysisTemplate(name)
    default:
      let close = Suggestions.closest(to: root, in: roots).map { "did you mean '\($0)'? " } ?? ""
      throw Problem(message: "a variation path cannot start with '\(root)'", hint: close + hint)
    }
    guard !rest.isEmpty else { throw Problem(message: "the path names \(target) but no field in it", hint: hint) }
    return (target, YAMLPath(rest))
  }

  static let hint =
    "paths start with rollout., template.NAME., clusterTemplate.NAME. or scenario. (e.g. rollout.spec.strategy.canary.steps)"
}
