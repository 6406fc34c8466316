import Manifests

/// How Argo CD's default (three-way, client-side) diff sees the controller's writes.
///
/// A change shows when git has a value at the field (the controller's value differs), or when the
/// field sits inside a list of a custom resource: Argo CD predicts the live object with a JSON merge
/// patch, which replaces lists whole, so an added subset label or a route weight the manifest does not
/// write still makes the list differ. A key the controller adds to a map git does not write (a Service
/// selector, an annotation) is kept by the merge and does not show.
enum ArgoCDDiff {
  static func isVisible(_ pointer: JSONPointer, in object: GitObject) -> Bool {
    var node: YAMLNode? = object.document
    var insideList = false
    for token in pointer.tokens {
      guard let current = node else { return object.listsAreAtomic && insideList }
      if let items = current.sequence {
        insideList = true
        guard let index = Int(token), index >= 0, index < items.count else { return object.listsAreAtomic }
        node = items[index]
      } else if current.isMapping {
        node = current[token]
        if node == nil || node?.isNull == true { return object.listsAreAtomic && insideList }
      } else {
        return object.listsAreAtomic && insideList
      }
    }
    return true
  }

  /// The object as it is live while the controller is at work: git's manifest with the changed
  /// fields written (values are placeholders; only the shape matters to the ignore rules). Managed
  /// routes are inserted only when `withManagedRoutes`, as they exist only during their steps.
  static func live(_ object: GitObject, changes: [ControllerFieldChange], withManagedRoutes: Bool) -> YAMLNode {
    var document = object.document
    for change in changes where change.object == object {
      switch change.cause {
      case .managedRoute:
        continue
      case .routeWeights where change.pointer.tokens.last == "alternateBackends":
        let backend = YAMLNode.mapping(["kind": .string("Service"), "name": .string("canary"), "weight": .int(5)])
        set(&document, change.pointer, .sequence([backend]))
      case .routeWeights:
        set(&document, change.pointer, .int(5))
      case .workloadScaleDown:
        set(&document, change.pointer, .int(0))
      case .destinationRuleSubsetLabels, .serviceSelector:
        set(&document, change.pointer, .string("0123456789"))
      }
    }
    guard withManagedRoutes else { return document }
    let managed = changes.compactMap { change -> String? in
      guard change.object == object, case .managedRoute(let name) = change.cause else { return nil }
      return name
    }
    guard !managed.isEmpty, var routes = document[path: "spec.http"]?.sequence else { return document }
    for (index, name) in managed.enumerated() {
      routes.insert(.mapping(["name": .string(name)]), at: min(index, routes.count))
    }
    try? document.setValue(.sequence(routes), at: "spec.http")
    return document
  }

  private static func set(_ document: inout YAMLNode, _ pointer: JSONPointer, _ value: YAMLNode) {
    var components: [YAMLPath.Component] = []
    var node: YAMLNode? = document
    for token in pointer.tokens {
      if node?.sequence != nil, let index = Int(token) {
        components.append(.index(index))
        node = node?[index]
      } else {
        components.append(.key(token))
        node = node?[token]
      }
    }
    try? document.setValue(value, at: YAMLPath(components))
  }
}
