import Foundation

/// The subset of Kubernetes JSONPath (`k8s.io/client-go/util/jsonpath`) the Web provider uses:
/// text outside `{…}` is literal; inside, `$`/`@`, `.field`, `..field` (recursive), `.*`, `[n]`
/// (negative from the end), `[a:b]`, `[*]`, `['key']`, unions `[0,2]`, quoted strings and simple
/// filters `[?(@.a == "x")]`. `range`/`end` are not supported.
public struct JSONPath: Sendable, Hashable {
  indirect enum Node: Sendable, Hashable {
    case text(String)
    case list([Node])
    case field(String)
    case wildcard
    case recursive
    case array(SliceParams)
    case union([Node])
    case filter(Filter)
    case identifier(String)
    /// A number or string literal in a filter.
    case literal(ResultValue)
  }

  struct SliceParams: Sendable, Hashable {
    var start: Int?
    var end: Int?
    var step: Int?
    /// `[n]`: the end is derived as n + 1.
    var single: Bool
  }

  struct Filter: Sendable, Hashable {
    var left: Node
    var op: String
    var right: Node?
  }

  let nodes: [Node]

  public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// `jsonpath.Parse`.
  public init(_ template: String) throws(Failure) {
    var parser = Parser(chars: Array(template))
    nodes = try parser.parseTemplate()
  }

  /// `FindResults`: the values each top-level node produces.
  public func findResults(_ data: ResultValue) throws(Failure) -> [[ResultValue]] {
    var all: [[ResultValue]] = []
    for node in nodes {
      all.append(try walk([data], node))
    }
    return all
  }

  // MARK: Evaluation

  func walk(_ values: [ResultValue], _ node: Node) throws(Failure) -> [ResultValue] {
    switch node {
    case .text(let text):
      return [.string(text)]
    case .list(let children):
      var current = values
      for child in children { current = try walk(current, child) }
      return current
    case .field(let name):
      var out: [ResultValue] = []
      for value in values {
        if case .object(let fields) = value, let found = fields[name] { out.append(found) }
      }
      if out.isEmpty { throw Failure(message: "\(name) is not found") }
      return out
    case .wildcard:
      var out: [ResultValue] = []
      for value in values {
        switch value {
        case .object(let fields): out.append(contentsOf: fields.keys.sorted().compactMap { fields[$0] })
        case .array(let items): out.append(contentsOf: items)
        default: break
        }
      }
      return out
    case .recursive:
      var out: [ResultValue] = []
      func descend(_ value: ResultValue) {
        out.append(value)
        switch value {
        case .object(let fields): for key in fields.keys.sorted() { descend(fields[key] ?? .null) }
        case .array(let items): items.forEach(descend)
        default: break
        }
      }
      values.forEach(descend)
      return out
    case .array(let params):
      var out: [ResultValue] = []
      for value in values {
        guard case .array(let items) = value else { throw Failure(message: "\(Self.goType(value)) is not array or slice") }
        out.append(contentsOf: try slice(items, params))
      }
      return out
    case .union(let parts):
      var out: [ResultValue] = []
      for part in parts { out.append(contentsOf: try walk(values, part)) }
      return out
    case .filter(let filter):
      var out: [ResultValue] = []
      for value in values {
        guard case .array(let items) = value else {
          throw Failure(message: "\(Self.goType(value)) is not array or slice and cannot be filtered")
        }
        for item in items where try matches(item, filter) { out.append(item) }
      }
      return out
    case .identifier(let name):
      throw Failure(message: "unrecognized identifier \(name)")
    case .literal(let value):
      return [value]
    }
  }

  func slice(_ items: [ResultValue], _ p: SliceParams) throws(Failure) -> [ResultValue] {
    let length = items.count
    var start = p.start ?? 0
    if start < 0 { start += length }
    var end = p.single ? start + 1 : (p.end ?? length)
    if !p.single, end < 0 { end += length }
    if p.single, let s = p.start, s + 1 == 0 { end = length }
    guard end != start else { return [] }
    if start >= length || start < 0 {
      throw Failure(message: "array index out of bounds: index \(start), length \(length)")
    }
    if end > length || end < 0 {
      throw Failure(message: "array index out of bounds: index \(end - 1), length \(length)")
    }
    if start > end { throw Failure(message: "starting index \(start) is greater than ending index \(end)") }
    let step = p.step ?? 1
    guard step > 0 else { return [] }
    return stride(from: start, to: end, by: step).map { items[$0] }
  }

  func matches(_ item: ResultValue, _ filter: Filter) throws(Failure) -> Bool {
    let left = (try? walk([item], filter.left)) ?? []
    guard let right = filter.right else { return !left.isEmpty }
    let rightValues = (try? walk([item], right)) ?? []
    guard let l = left.first, let r = rightValues.first else { return false }
    switch (l, r) {
    case (.number(let a), .number(let b)):
      switch filter.op {
      case "==": return a == b
      case "!=": return a != b
      case "<": return a < b
      case ">": return a > b
      case "<=": return a <= b
      case ">=": return a >= b
      default: return false
      }
    case (.string(let a), .string(let b)):
      switch filter.op {
      case "==": return a == b
      case "!=": return a != b
      default: throw Failure(message: "compare string only support == and !=")
      }
    default:
      switch filter.op {
      case "==": return l == r
      case "!=": return l != r
      default: return false
      }
    }
  }

  /// Go's `%v` of a reflect type, as jsonpath's errors print it.
  static func goType(_ value: ResultValue) -> String {
    switch value {
    case .null: "<nil>"
    case .bool: "bool"
    case .number: "float64"
    case .string: "string"
    case .floats: "[]float64"
    case .array: "[]interface {}"
    case .object: "map[string]interface {}"
    }
  }

  // MARK: Parsing

  struct Parser {
    let chars: [Character]
    var pos = 0

    mutating func parseTemplate() throws(Failure) -> [Node] {
      var nodes: [Node] = []
      var text = ""
      while pos < chars.count {
        if chars[pos] == "{" {
          if !text.isEmpty { nodes.append(.text(text)) }
          text = ""
          pos += 1
          nodes.append(.list(try parseAction()))
        } else {
          text.append(chars[pos])
          pos += 1
        }
      }
      if !text.isEmpty { nodes.append(.text(text)) }
      return nodes
    }

    /// Inside `{…}` up to the closing brace.
    mutating func parseAction() throws(Failure) -> [Node] {
      var nodes: [Node] = []
      while true {
        guard pos < chars.count, chars[pos] != "\n" else { throw Failure(message: "unclosed action") }
        let c = chars[pos]
        switch c {
        case "}":
          pos += 1
          return nodes
        case " ", "$", "@":
          pos += 1
        case "[":
          nodes.append(try parseArray())
        case "\"", "'":
          nodes.append(.text(try parseQuote(c)))
        case ".":
          nodes.append(contentsOf: try parseField())
        default:
          if c.isLetter || c.isNumber || c == "_" {
            var name = ""
            while pos < chars.count, chars[pos].isLetter || chars[pos].isNumber || chars[pos] == "_" {
              name.append(chars[pos])
              pos += 1
            }
            nodes.append(.identifier(name))
          } else {
            throw Failure(message: "unrecognized character in action: \(Self.describe(c))")
          }
        }
      }
    }

    static func describe(_ c: Character) -> String {
      let scalar = c.unicodeScalars.first?.value ?? 0
      let hex = String(scalar, radix: 16, uppercase: true)
      return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + " '\(c)'"
    }

    mutating func parseQuote(_ quote: Character) throws(Failure) -> String {
      pos += 1
      var text = ""
      while pos < chars.count, chars[pos] != quote {
        if chars[pos] == "\\", pos + 1 < chars.count {
          pos += 1
        }
        text.append(chars[pos])
        pos += 1
      }
      guard pos < chars.count else { throw Failure(message: "unterminated quoted string") }
      pos += 1
      return text
    }

    mutating func parseField() throws(Failure) -> [Node] {
      pos += 1  // the dot
      if pos < chars.count, chars[pos] == "." {
        pos += 1
        var nodes: [Node] = [.recursive]
        if pos < chars.count, chars[pos] == "*" {
          pos += 1
          nodes.append(.wildcard)
        } else if pos < chars.count, chars[pos] != "[" {
          nodes.append(.field(fieldName()))
        }
        return nodes
      }
      if pos < chars.count, chars[pos] == "*" {
        pos += 1
        return [.wildcard]
      }
      let name = fieldName()
      return name.isEmpty ? [] : [.field(name)]
    }

    mutating func fieldName() -> String {
      var name = ""
      while pos < chars.count {
        let c = chars[pos]
        if c == "\\", pos + 1 < chars.count {
          name.append(chars[pos + 1])
          pos += 2
          continue
        }
        if c.isLetter || c.isNumber || c == "_" || c == "-" || c == "/" {
          name.append(c)
          pos += 1
        } else {
          break
        }
      }
      return name
    }

    mutating func parseArray() throws(Failure) -> Node {
      pos += 1
      if pos < chars.count, chars[pos] == "?" {
        pos += 1
        return try parseFilter()
      }
      var text = ""
      while pos < chars.count, chars[pos] != "]" {
        text.append(chars[pos])
        pos += 1
      }
      guard pos < chars.count else { throw Failure(message: "unterminated array") }
      pos += 1
      if text == "*" { text = ":" }
      let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if parts.count > 1 {
        var union: [Node] = []
        for part in parts {
          var sub = Parser(chars: Array("[\(part.trimmingSpaces)]"))
          union.append(.list([try sub.parseArray()]))
        }
        return .union(union)
      }
      if text.count >= 2, text.first == "'", text.last == "'" {
        // ['a.b'] is parsed as {.a.b}, as in Kubernetes.
        var sub = Parser(chars: Array("." + text.dropFirst().dropLast()))
        var nodes: [Node] = []
        while sub.pos < sub.chars.count {
          guard sub.chars[sub.pos] == "." else { break }
          nodes.append(contentsOf: try sub.parseField())
        }
        return .list(nodes)
      }
      let pieces = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      guard pieces.count <= 3, pieces.allSatisfy(Self.isIndex) else {
        throw Failure(message: "invalid array index \(text)")
      }
      func number(_ i: Int) -> Int? { i < pieces.count && !pieces[i].isEmpty ? Int(pieces[i]) : nil }
      return .array(SliceParams(start: number(0), end: number(1), step: number(2), single: pieces.count == 1))
    }

    static func isIndex(_ s: String) -> Bool {
      let body = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
      return body.allSatisfy(\.isASCIIDigit) && !(s == "-")
    }

    mutating func parseFilter() throws(Failure) -> Node {
      guard pos < chars.count, chars[pos] == "(" else { throw Failure(message: "unrecognized filter") }
      pos += 1
      var text = ""
      var depth = 1
      while pos < chars.count {
        let c = chars[pos]
        if c == "(" { depth += 1 }
        if c == ")" {
          depth -= 1
          if depth == 0 { break }
        }
        text.append(c)
        pos += 1
      }
      guard pos + 1 < chars.count, chars[pos + 1] == "]" else { throw Failure(message: "unterminated filter") }
      pos += 2
      for op in ["==", "!=", "<=", ">=", "<", ">"] {
        if let range = text.range(of: op) {
          let left = try Self.operand(String(text[..<range.lowerBound]))
          let right = try Self.operand(String(text[range.upperBound...]))
          return .filter(Filter(left: left, op: op, right: right))
        }
      }
      return .filter(Filter(left: try Self.operand(text), op: "exists", right: nil))
    }

    static func operand(_ raw: String) throws(Failure) -> Node {
      let text = raw.trimmingSpaces
      if let first = text.first, first == "\"" || first == "'" {
        return .literal(.string(String(text.dropFirst().dropLast())))
      }
      if let number = Double(text) { return .literal(.number(number)) }
      var sub = Parser(chars: Array(text) + ["}"])
      return .list(try sub.parseAction())
    }
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
