/// JSON text for node trees: what Argo sees when it serialises a metric before substituting args, and a
/// canonical form (sorted keys) for hashing.
public enum JSONText {
  /// A JSON string literal with the escapes Go's encoding/json uses (minus its HTML escaping, which
  /// never changes what a decoder reads back).
  public static func quote(_ s: String) -> String {
    var out = "\""
    out.reserveCapacity(s.utf8.count + 2)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
    return out
  }
}

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
        out += JSONText.quote(entry.key)
        out += ":"
        entry.value.writeJSON(into: &out, sortedKeys: sortedKeys)
      }
      out += "}"
    }
  }
}
