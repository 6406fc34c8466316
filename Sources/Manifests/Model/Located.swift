import Diagnostics

/// A value together with where it was written, so diagnostics and later modules (the analysis engine,
/// the controller) can point at the exact field.
///
/// Equality and hashing look at the value only: two specs that say the same thing are equal wherever
/// they were written.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  public var location: SourceLocation
  /// How many characters a caret should underline at `location`.
  public var length: Int

  public init(_ value: Value, at location: SourceLocation = .synthesized, length: Int = 1) {
    self.value = value
    self.location = location
    self.length = max(1, length)
  }

  public func map<T: Sendable>(_ transform: (Value) -> T) -> Located<T> {
    Located<T>(transform(value), at: location, length: length)
  }
}

extension Located: Equatable where Value: Equatable {
  public static func == (lhs: Located, rhs: Located) -> Bool { lhs.value == rhs.value }
}

extension Located: Hashable where Value: Hashable {
  public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension Located: CustomStringConvertible {
  public var description: String { "\(value)" }
}

extension Located: ExpressibleByUnicodeScalarLiteral where Value == String {
  public init(unicodeScalarLiteral value: String) { self.init(value) }
}
extension Located: ExpressibleByExtendedGraphemeClusterLiteral where Value == String {
  public init(extendedGraphemeClusterLiteral value: String) { self.init(value) }
}
extension Located: ExpressibleByStringLiteral where Value == String {
  public init(stringLiteral value: String) { self.init(value) }
}
extension Located: ExpressibleByIntegerLiteral where Value == Int {
  public init(integerLiteral value: Int) { self.init(value) }
}
extension Located: ExpressibleByBooleanLiteral where Value == Bool {
  public init(booleanLiteral value: Bool) { self.init(value) }
}
