/// A path into a node tree: `spec.strategy.canary.steps[0].pause.duration`,
/// `metadata.labels['app.kubernetes.io/name']`, `spec.template.spec.containers[0].image`.
///
/// Syntax: keys separated by `.`; `[N]` indexes a list; `['key']` or `["key"]` names a key that contains
/// dots. A bare numeric key (`containers.0.image`) indexes a list when it meets one, as Argo's
/// `fieldRef` walker does.
public struct YAMLPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
  public enum Component: Sendable, Hashable {
    case key(String)
    case index(Int)
  }

  public var components: [Component]

  public init(_ components: [Component] = []) { self.components = components }

  /// Parses `text`; a malformed path is a programming error in a literal, so the literal form traps.
  public init(stringLiteral value: String) {
    do { self = try YAMLPath.parse(value) } catch { preconditionFailure("invalid YAMLPath literal '\(value)': \(error)") }
  }

  public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 0-based character offset in the path text.
    public var offset: Int
    public var description: String { message }
  }

  public static func parse(_ text: String) throws(ParseError) -> YAMLPath {
    var components: [Component] = []
    let chars = Array(text)
    var i = 0
    var key = ""
    var expectKey = true
    func flushKey() throws(ParseError) {
      if key.isEmpty { throw ParseError(message: "empty key in path '\(text)'", offset: i) }
      components.append(.key(key))
      key = ""
    }
    if chars.isEmpty { return YAMLPath() }
    while i < chars.count {
      let c = chars[i]
      switch c {
      case ".":
        if expectKey { try flushKey() }
        expectKey = true
        i += 1
      case "[":
        if expectKey && !key.isEmpty { try flushKey() }
        i += 1
        guard i < chars.count else { throw ParseError(message: "unterminated '[' in path '\(text)'", offset: i) }
        if chars[i] == "'" || chars[i] == "\"" {
          let quote = chars[i]
          i += 1
          var quoted = ""
          while i < chars.count, chars[i] != quote {
            if chars[i] == "\\", i + 1 < chars.count { i += 1 }
            quoted.append(chars[i])
            i += 1
          }
          guard i + 1 < chars.count, chars[i + 1] == "]" else {
            throw ParseError(message: "unterminated quoted key in path '\(text)'", offset: i)
          }
          components.append(.key(quoted))
          i += 2
        } else {
          var digits = ""
          while i < chars.count, chars[i] != "]" {
            digits.append(chars[i])
            i += 1
          }
          guard i < chars.count else { throw ParseError(message: "unterminated '[' in path '\(text)'", offset: i) }
          if let n = Int(digits), n >= 0 {
            components.append(.index(n))
          } else if !digits.isEmpty {
            components.append(.key(digits))
          } else {
            throw ParseError(message: "empty index in path '\(text)'", offset: i)
          }
          i += 1
        }
        expectKey = false
      default:
        if !expectKey { throw ParseError(message: "expected '.' or '[' after ']' in path '\(text)'", offset: i) }
        key.append(c)
        i += 1
      }
    }
    if expectKey { try flushKey() }
    return YAMLPath(components)
  }

  public var description: String {
    var out = ""
    for component in components {
      switch component {
      case .index(let n): out += "[\(n)]"
      case .key(let k):
        if k.contains(".") || k.contains("[") || k.isEmpty {
          out += "['\(k)']"
        } else {
          if !out.isEmpty { out += "." }
          out += k
        }
      }
    }
    return out
  }

  public func appending(_ component: Component) -> YAMLPath { YAMLPath(components + [component]) }
  public func appending(key: String) -> YAMLPath { appending(.key(key)) }
  public func appending(index: Int) -> YAMLPath { appending(.index(index)) }
  public static func + (lhs: YAMLPath, rhs: YAMLPath) -> YAMLPath { YAMLPath(lhs.components + rhs.components) }
}

/// Why a value could not be set at a path.
public struct YAMLPathError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var path: YAMLPath
  public var description: String { message }
}

extension YAMLNode {
  /// The node at `path`, or nil when some step does not exist.
  public subscript(path path: YAMLPath) -> YAMLNode? {
    var node = self
    for component in path.components {
      guard let next = node.child(component) else { return nil }
      node = next
    }
    return node
  }

  /// The node at a textual path; nil when the path does not parse or does not exist.
  public func value(at path: String) -> YAMLNode? {
    guard let parsed = try? YAMLPath.parse(path) else { return nil }
    return self[path: parsed]
  }

  private func child(_ component: Component) -> YAMLNode? {
    switch (component, content) {
    case (.key(let key), .mapping):
      return self[key]
    case (.index(let i), .sequence(let items)):
      return i < items.count ? items[i] : nil
    case (.key(let key), .sequence(let items)):
      guard let i = Int(key), i >= 0, i < items.count else { return nil }
      return items[i]
    default:
      return nil
    }
  }

  public typealias Component = YAMLPath.Component

  /// Sets `value` at `path`, creating missing mappings on the way (a missing step before an index
  /// creates a list). An index may be at most the list's length (which appends).
  public mutating func setValue(_ value: YAMLNode, at path: YAMLPath) throws(YAMLPathError) {
    try set(value, components: path.components[...], fullPath: path)
  }

  public mutating func setValue(_ value: YAMLNode, at path: String) throws(YAMLPathError) {
    let parsed: YAMLPath
    do { parsed = try YAMLPath.parse(path) } catch { throw YAMLPathError(message: error.message, path: YAMLPath()) }
    try setValue(value, at: parsed)
  }

  private mutating func set(
    _ value: YAMLNode, components: ArraySlice<Component>, fullPath: YAMLPath
  ) throws(YAMLPathError) {
    guard let first = components.first else {
      // Keep the replaced node's location so diagnostics about a varied value point at the field.
      let location = self.location
      self = value
      if !value.location.isKnown { self.location = location }
      return
    }
    let rest = components.dropFirst()
    if isNull {
      // A missing or null step becomes the container the next component needs.
      switch first {
      case .key: content = .mapping([])
      case .index: content = .sequence([])
      }
    }
    switch (first, content) {
    case (.key(let key), .mapping(var entries)):
      if let i = entries.lastIndex(where: { $0.key == key }) {
        try entries[i].value.set(value, components: rest, fullPath: fullPath)
      } else {
        var child = YAMLNode.null(at: location)
        try child.set(value, components: rest, fullPath: fullPath)
        entries.append(YAMLEntry(key: key, keyLocation: location, value: child))
      }
      content = .mapping(entries)
    case (.index(let i), .sequence(var items)):
      try setItem(i, in: &items, value: value, rest: rest, fullPath: fullPath)
      content = .sequence(items)
    case (.key(let key), .sequence(var items)):
      guard let i = Int(key) else {
        throw YAMLPathError(message: "'\(key)' is a key but \(fullPath) meets a list there", path: fullPath)
      }
      try setItem(i, in: &items, value: value, rest: rest, fullPath: fullPath)
      content = .sequence(items)
    case (.index(let i), _):
      throw YAMLPathError(message: "[\(i)] indexes a list but \(fullPath) meets a \(jsonTypeName) there", path: fullPath)
    case (.key(let key), _):
      throw YAMLPathError(message: "'\(key)' needs a mapping but \(fullPath) meets a \(jsonTypeName) there", path: fullPath)
    }
  }

  private func setItem(
    _ i: Int, in items: inout [YAMLNode], value: YAMLNode, rest: ArraySlice<Component>, fullPath: YAMLPath
  ) throws(YAMLPathError) {
    if i < items.count {
      try items[i].set(value, components: rest, fullPath: fullPath)
    } else if i == items.count {
      var child = YAMLNode.null(at: location)
      try child.set(value, components: rest, fullPath: fullPath)
      items.append(child)
    } else {
      throw YAMLPathError(message: "index \(i) is beyond the end of a list of \(items.count) in \(fullPath)", path: fullPath)
    }
  }

  /// Removes the value at `path`; returns whether something was removed.
  @discardableResult
  public mutating func removeValue(at path: YAMLPath) -> Bool {
    guard let last = path.components.last else { return false }
    let parentPath = YAMLPath(Array(path.components.dropLast()))
    guard var parent = self[path: parentPath] else { return false }
    var removed = false
    switch (last, parent.content) {
    case (.key(let key), .mapping(var entries)):
      let before = entries.count
      entries.removeAll { $0.key == key }
      removed = entries.count != before
      parent.content = .mapping(entries)
    case (.index(let i), .sequence(var items)) where i < items.count:
      items.remove(at: i)
      removed = true
      parent.content = .sequence(items)
    default:
      return false
    }
    if removed { try? setValue(parent, at: parentPath) }
    return removed
  }
}
