import Diagnostics
import Manifests

/// An Argo CD Application's `ignoreDifferences`, read for one object.
struct IgnoreRules {
  /// The field manager Argo Rollouts writes under (its client's user agent, `utils/record`).
  static let rolloutsManager = "rollouts-controller"

  let application: Application
  /// jq expressions that could not be parsed, with why (reported once, at the expression).
  private(set) var unreadable: [(Located<String>, JQPath.ParseError)] = []
  private var parsed: [String: JQPath] = [:]

  init(_ application: Application) {
    self.application = application
    for entry in application.ignoreDifferences {
      for expression in entry.jqPathExpressions where parsed[expression.value] == nil {
        do {
          parsed[expression.value] = try JQPath(expression.value)
        } catch {
          unreadable.append((expression, error))
        }
      }
    }
  }

  /// Whether the Application deploys the object: everything given with it, in its destination
  /// namespace when both state one.
  func deploys(_ object: GitObject) -> Bool {
    guard let own = object.namespace, let destination = application.destinationNamespace else { return true }
    return own == destination
  }

  /// The entries that apply to the object (group, kind, and name/namespace when given; `*` matches any).
  func entries(for object: GitObject) -> [Application.IgnoreDifference] {
    application.ignoreDifferences.filter { entry in
      let group = entry.group ?? ""
      let kind = entry.kind?.value ?? ""
      guard group == "*" || group == object.group, kind == "*" || kind == object.kind else { return false }
      if let name = entry.name, !name.isEmpty, name != object.name { return false }
      if let namespace = entry.namespace, !namespace.isEmpty, namespace != (object.namespace ?? application.destinationNamespace ?? namespace) {
        return false
      }
      return true
    }
  }

  enum Coverage: Equatable {
    case manager
    case jsonPointer(String)
    case jq(String)
  }

  /// What ignores `pointer` in the live object, if anything.
  func coverage(of pointer: JSONPointer, in object: GitObject, live: YAMLNode) -> Coverage? {
    for entry in entries(for: object) {
      if entry.managedFieldsManagers.contains(where: { $0.value == Self.rolloutsManager }) { return .manager }
      for text in entry.jsonPointers {
        if let ignored = JSONPointer(parsing: text.value), ignored.covers(pointer) { return .jsonPointer(text.value) }
      }
      for text in entry.jqPathExpressions {
        guard let jq = parsed[text.value] else { continue }
        if jq.paths(in: live).contains(where: { $0.covers(pointer) }) { return .jq(text.value) }
      }
    }
    return nil
  }

  /// Managers named in the entries for the object that are not Argo Rollouts' (a likely mix-up).
  func otherManagers(for object: GitObject) -> [String] {
    entries(for: object).flatMap { $0.managedFieldsManagers.map(\.value) }.filter { $0 != Self.rolloutsManager }
  }

  /// A one-line summary of what the Application ignores, for notes.
  var summary: String {
    let parts = application.ignoreDifferences.map { entry -> String in
      let what = entry.jsonPointers.map(\.value) + entry.jqPathExpressions.map(\.value)
        + entry.managedFieldsManagers.map { "managedFieldsManagers \($0.value)" }
      return "\(entry.kind?.value ?? "any kind") \(what.joined(separator: ", "))"
    }
    return parts.isEmpty ? "no ignoreDifferences" : parts.joined(separator: "; ")
  }
}
