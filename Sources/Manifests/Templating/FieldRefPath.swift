import Foundation
import GoCompat

/// `valueFrom.fieldRef.fieldPath` of a Rollout's analysis args, resolved as the controller does
/// (utils/analysis/factory.go `BuildArgumentsForRolloutAnalysisRun`):
/// - paths starting with `metadata` use the downward API (`metadata.name`, `metadata.namespace`,
///   `metadata.uid`, `metadata.labels`, `metadata.annotations`, `metadata.labels['KEY']`,
///   `metadata.annotations['KEY']`);
/// - other paths walk the Rollout's JSON, split at `.`, `[` and `]` (`spec.template.spec.containers[0].image`),
///   and must end at a primitive value, printed the way Go's `%v` prints JSON values.
public enum FieldRefPath {
  public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
  }

  public static func resolve(_ path: String, in rollout: Rollout) throws(Failure) -> String {
    if path.hasPrefix("metadata") {
      guard let value = extractMetadata(path, from: rollout) else {
        throw Failure(message: "unsupported fieldPath: \(path)")
      }
      return value
    }
    return try walk(path, in: rollout.node)
  }

  /// The downward-API value, or nil for an unsupported path.
  public static func extractMetadata(_ path: String, from rollout: Rollout) -> String? {
    let meta = rollout.metadata
    if let (field, key) = subscripted(path) {
      switch field {
      case "metadata.labels": return meta.labels[key] ?? ""
      case "metadata.annotations": return meta.annotations[key] ?? ""
      default: return nil
      }
    }
    switch path {
    case "metadata.name": return meta.nameValue
    case "metadata.namespace": return meta.namespace?.value ?? ""
    case "metadata.uid": return rollout.node[path: "metadata.uid"]?.stringValue ?? ""
    case "metadata.labels": return formatMap(meta.labels)
    case "metadata.annotations": return formatMap(meta.annotations)
    default: return nil
    }
  }

  /// `metadata.labels['app']` → ("metadata.labels", "app").
  private static func subscripted(_ path: String) -> (String, String)? {
    guard path.hasSuffix("']"), let open = path.range(of: "['") else { return nil }
    let key = path[open.upperBound..<path.index(path.endIndex, offsetBy: -2)]
    return (String(path[..<open.lowerBound]), String(key))
  }

  /// The downward API's `FormatMap`: sorted `key="value"` lines.
  private static func formatMap(_ map: [String: String]) -> String {
    map.keys.sorted().map { "\($0)=\(goQuote(map[$0] ?? ""))\n" }.joined()
  }

  private static func goQuote(_ s: String) -> String { "\"" + ArgTemplate.goQuoted(s) + "\"" }

  /// `extractValueFromRollout`.
  static func walk(_ path: String, in root: YAMLNode) throws(Failure) -> String {
    let sections = path.split(whereSeparator: { $0 == "." || $0 == "[" || $0 == "]" }).map(String.init)
    var node: YAMLNode? = root
    for section in sections {
      guard let current = node else { throw Failure(message: "invalid path \(path) in rollout") }
      if let items = current.sequence {
        guard let i = GoStrconv.atoi(section) else { throw Failure(message: "invalid index '\(section)'") }
        guard i >= 0, i < items.count else { throw Failure(message: "index \(i) out of range") }
        node = items[i]
      } else if current.isMapping {
        node = current[section]
      } else {
        throw Failure(message: "invalid path \(path) in rollout")
      }
    }
    guard let node, !node.isNull else { throw Failure(message: "invalid path \(path) in rollout") }
    guard let value = node.scalarValue else {
      throw Failure(message: "path \(path) in rollout must terminate in a primitive value")
    }
    switch value {
    case .string(let s): return s
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return GoFloatFormat.general(Double(i))
    case .float(let d): return GoFloatFormat.general(d)
    case .null: throw Failure(message: "invalid path \(path) in rollout")
    }
  }
}
