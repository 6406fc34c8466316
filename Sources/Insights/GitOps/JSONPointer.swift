import Foundation
import Manifests

/// An RFC 6901 JSON pointer (`/spec/http/0/route/1/weight`), as Argo CD's `jsonPointers` write them:
/// `~1` stands for `/` and `~0` for `~` inside a token.
public struct JSONPointer: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var tokens: [String]

  public init(_ tokens: [String]) { self.tokens = tokens }

  /// Parses `/a/b~1c`; nil when the text does not start with `/` (and is not empty, the whole document).
  public init?(parsing text: String) {
    if text.isEmpty {
      tokens = []
      return
    }
    guard text.hasPrefix("/") else { return nil }
    tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
      $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
  }

  /// The pointer of a node path (keys and list indices).
  public init(_ path: [YAMLPath.Component]) {
    tokens = path.map { component in
      switch component {
      case .key(let key): key
      case .index(let index): String(index)
      }
    }
  }

  public var description: String {
    tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
  }

  /// Whether `self` is `other` or one of its ancestors (ignoring a field ignores what is under it).
  public func covers(_ other: JSONPointer) -> Bool {
    tokens.count <= other.tokens.count && zip(tokens, other.tokens).allSatisfy { $0 == $1 }
  }

  public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens + [token]) }

  public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool { lhs.description < rhs.description }
}
