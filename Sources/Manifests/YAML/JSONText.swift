import GoCompat

/// JSON text for node trees: what Argo sees when it serialises a metric before substituting args, and a
/// canonical form (sorted keys) for hashing. Strings leave out Go's HTML escaping, which never changes
/// what a decoder reads back.
extension YAMLNode {
  /// The node as compact JSON. With `sortedKeys`, mapping keys are sorted so equal trees give equal text
  /// whatever order they were written in.
  public func jsonText(sortedKeys: Bool = false) -> String {
    var out = ""
    writeJSON(into: &out, sortedKeys: sortedKeys)
    return out
  }

  private func writeJSON(into out: inout String, sortedKeys: Bool) {
    switch content {
    case .scalar(let s):
      out += s.value.jsonText
    case .sequence(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.writeJSON(into: &out, sortedKeys: sortedKeys)
      }
      out += "]"
    case .mapping(let entries):
      out += "{"
      // JSON objects take the last value of a repeated key, as Go's decoder does.
      var seen = Set<String>()
      var unique: [YAMLEntry] = []
      for entry in entries.reversed() where seen.insert(entry.key).inserted { unique.append(entry) }
      unique.reverse()
      if sortedKeys { unique.sort { $0.key < $1.key } }
      for (i, entry) in unique.enumerated() {
        if i > 0 { out += "," }
        JSONQuoting.append(entry.key, escaping: .minimal, to: &out)
        out += ":"
        entry.value.writeJSON(into: &out, sortedKeys: sortedKeys)
      }
      out += "}"
    }
  }
}
