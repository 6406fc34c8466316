import Diagnostics

/// Walks a document against its kind's ``ObjectSchema`` and reports, the way `kubectl apply` and the
/// API server would: values of the wrong type (errors), unknown fields (warnings, with a did-you-mean),
/// and known fields rollout-sim does not simulate (warnings that say so).
struct SchemaChecker {
  var diagnostics: [Diagnostic] = []

  mutating func check(_ node: YAMLNode, as schema: ObjectSchema, path: YAMLPath = YAMLPath()) {
    check(node, type: .object(schema), path: path)
  }

  /// `keyLocation` is where the key of this value is written: missing required fields point there.
  mutating func check(_ node: YAMLNode, type: SchemaType, path: YAMLPath, keyLocation: SourceLocation? = nil) {
    // JSON null is accepted anywhere: Kubernetes prunes nulls of non-nullable CRD fields.
    if node.isNull { return }
    switch type {
    case .any:
      return
    case .string:
      expect(node, path: path, "string") { if case .string = $0 { return true } else { return false } }
    case .boolean:
      expect(node, path: path, "boolean") { if case .bool = $0 { return true } else { return false } }
    case .number:
      expect(node, path: path, "number") {
        switch $0 {
        case .int, .float: return true
        default: return false
        }
      }
    case .int32, .int64:
      guard expect(node, path: path, "integer", { if case .int = $0 { return true } else { return false } }) else { return }
      if case .int32 = type, let value = node.intValue, value > Int64(Int32.max) || value < Int64(Int32.min) {
        diagnostics.append(
          .error(
            "\(path) in body must fit a 32-bit integer: \(value) is out of range", at: node.location,
            length: node.caretLength, rule: "schema-type"))
      }
    case .intOrString:
      let accepted = expect(node, path: path, "integer or string") {
        switch $0 {
        case .int, .string: return true
        default: return false
        }
      }
      // IntOrString keeps its integer in an int32.
      if accepted, let value = node.intValue, value > Int64(Int32.max) || value < Int64(Int32.min) {
        diagnostics.append(
          .error(
            "\(path) in body must fit a 32-bit integer: \(value) is out of range", at: node.location,
            length: node.caretLength, rule: "schema-type"))
      }
    case .quantity:
      expect(node, path: path, "string or number") {
        switch $0 {
        case .int, .float, .string: return true
        default: return false
        }
      }
    case .array(let element):
      guard let items = node.sequence else {
        typeError(node, path: path, expected: "array")
        return
      }
      for (i, item) in items.enumerated() { check(item, type: element, path: path.appending(index: i), keyLocation: item.location) }
    case .map(let element):
      guard let entries = node.entries else {
        typeError(node, path: path, expected: "object")
        return
      }
      for entry in entries { check(entry.value, type: element, path: path.appending(key: entry.key)) }
    case .object(let schema):
      guard let entries = node.entries else {
        typeError(node, path: path, expected: "object")
        return
      }
      for entry in entries { checkField(entry, in: schema, path: path) }
      for field in schema.required where node[field].map({ $0.isNull }) ?? true {
        diagnostics.append(
          .error(
            "\(path.appending(key: field)): Required value", at: keyLocation ?? node.location,
            hint: requiredHint(field, in: entries), rule: "schema-required"))
      }
    }
  }

  private mutating func checkField(_ entry: YAMLEntry, in schema: ObjectSchema, path: YAMLPath) {
    let fieldPath = path.appending(key: entry.key)
    guard let field = schema.fields[entry.key] else {
      var hint = schema.misplaced[entry.key]
      if hint == nil, let close = Suggestions.closest(to: entry.key, in: schema.fieldOrder) {
        hint = "did you mean '\(close)'?"
      }
      diagnostics.append(
        .warning(
          "unknown field \"\(fieldPath)\"", at: entry.keyLocation, length: entry.key.count,
          hint: hint ?? "\(schema.name) has no field '\(entry.key)'; Kubernetes drops it", rule: "unknown-field"))
      return
    }
    if case .notModelled(let reason) = field.support {
      diagnostics.append(
        .warning(
          "\(fieldPath) is not modelled by rollout-sim: \(reason)", at: entry.keyLocation, length: entry.key.count,
          rule: "not-modelled"))
    }
    check(entry.value, type: field.type, path: fieldPath, keyLocation: entry.keyLocation)
  }

  /// When a required field is missing but a near-miss is present (`-stableSubsetName`), say so.
  private func requiredHint(_ field: String, in entries: [YAMLEntry]) -> String? {
    if field == "spec", let metadata = entries.last(where: { $0.key == "metadata" })?.value.entries {
      let specFields = ["args", "metrics", "strategy", "selector", "template", "replicas", "templates"]
      if let misplaced = metadata.first(where: { specFields.contains($0.key) }) {
        return "'\(misplaced.key)' at line \(misplaced.keyLocation.line) is written under metadata: the `spec:` line is missing"
      }
    }
    for entry in entries where entry.key != field {
      if Suggestions.closest(to: entry.key, in: [field]) != nil {
        return "'\(entry.key)' at line \(entry.keyLocation.line) looks like a misspelling of '\(field)'"
      }
    }
    return nil
  }

  @discardableResult
  private mutating func expect(
    _ node: YAMLNode, path: YAMLPath, _ expected: String, _ accepts: (ScalarValue) -> Bool
  ) -> Bool {
    if let value = node.scalarValue, accepts(value) { return true }
    typeError(node, path: path, expected: expected)
    return false
  }

  private mutating func typeError(_ node: YAMLNode, path: YAMLPath, expected: String) {
    let actual = node.jsonTypeName
    var hint: String?
    if let scalar = node.scalar {
      switch (expected, scalar.value) {
      case ("string", _):
        hint = "quote the value: \"\(scalar.text)\""
      case ("integer", .string), ("integer or string", .float), ("boolean", .string), ("number", .string):
        hint = scalar.isQuoted ? "remove the quotes: \(scalar.text)" : nil
      default: break
      }
    }
    diagnostics.append(
      Diagnostic(
        .error, "\(path) in body must be of type \(expected): \"\(actual)\"", at: node.location,
        length: node.caretLength, hint: hint, rule: "schema-type"))
  }
}

extension YAMLNode {
  /// How many characters a caret under this node should cover: the scalar as written (on its first
  /// line), or a single character for collections.
  public var caretLength: Int {
    guard let scalar else { return 1 }
    let firstLine = scalar.text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    switch scalar.style {
    case .plain: return max(1, firstLine.count)
    case .singleQuoted, .doubleQuoted: return firstLine.count + (scalar.text.contains("\n") ? 1 : 2)
    case .literal, .folded: return 1
    }
  }
}
