/// Kubernetes' `intstr.IntOrString`: `maxSurge: 1`, `maxSurge: "25%"`, `count: "{{args.count}}"`.
public enum IntOrString: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral,
  ExpressibleByStringLiteral
{
  case int(Int)
  case string(String)

  public init(integerLiteral value: Int) { self = .int(value) }
  public init(stringLiteral value: String) { self = .string(value) }

  public var description: String {
    switch self {
    case .int(let i): String(i)
    case .string(let s): s
    }
  }

  /// Go's `IntOrString.IntValue()`: the int, or a string parsed with `strconv.Atoi` — 0 when it does not
  /// parse (so an unresolved `"{{args.count}}"` counts as 0, and `"25%"` too).
  public var intValue: Int {
    switch self {
    case .int(let i): return i
    case .string(let s): return GoStrconv.atoi(s) ?? 0
    }
  }

  /// Whether the value is a string that is not a plain integer: a percentage, a template, or junk.
  public var isNonNumericString: Bool {
    if case .string(let s) = self { return GoStrconv.atoi(s) == nil }
    return false
  }

  public struct ScaleError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// The legacy `intstr.GetValueFromIntOrPercent` the controller uses for maxSurge / maxUnavailable:
  /// an int is taken as is; **any** string is a percentage once every `%` is removed (so `"3"` means 3 %),
  /// scaled by `total` and rounded up or down.
  public func scaledValue(total: Int, roundUp: Bool) throws(ScaleError) -> Int {
    switch self {
    case .int(let i):
      return i
    case .string(let s):
      let digits = s.replacingOccurrences(of: "%", with: "")
      guard let percent = GoStrconv.atoi(digits) else {
        throw ScaleError(message: "invalid value for IntOrString: invalid value \"\(s)\": strconv.Atoi: parsing \"\(digits)\": invalid syntax")
      }
      let exact = Double(percent) * Double(total) / 100
      let rounded = roundUp ? exact.rounded(.up) : exact.rounded(.down)
      // Absurd percentages must not trap: clamp to Int's range.
      guard rounded < Double(Int.max) else { return Int.max }
      guard rounded > Double(Int.min) else { return Int.min }
      return Int(rounded)
    }
  }

  /// The value validation uses to reject `maxSurge: 0` with `maxUnavailable: 0`: `"N%"` gives N, other
  /// strings their `Atoi` value (so the default `"25"` is 25), ints themselves.
  public var validationValue: Int {
    if case .string(let s) = self, s.hasSuffix("%"), let n = Int(s.dropLast()), n >= 0,
      s.dropLast().allSatisfy(\.isASCIIDigit)
    {
      return n
    }
    return intValue
  }
}

import Foundation

/// Go's strconv integer parsing, where Argo relies on its exact behaviour.
public enum GoStrconv {
  /// `strconv.Atoi`: optional sign and decimal digits only; nil on a syntax error. Out-of-range values
  /// clamp, as Go returns the clamped value with its range error.
  public static func atoi(_ s: String) -> Int? {
    var chars = Substring(s)
    var negative = false
    if let first = chars.first, first == "+" || first == "-" {
      negative = first == "-"
      chars = chars.dropFirst()
    }
    guard !chars.isEmpty, chars.allSatisfy(\.isASCIIDigit) else { return nil }
    var value = 0
    for c in chars.utf8 {
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int(c - UInt8(ascii: "0")))
      if o1 || o2 { return negative ? Int.min : Int.max }
      value = a
    }
    return negative ? -value : value
  }

  /// `strconv.ParseInt(s, 10, 32)`: nil on syntax or range error.
  public static func parseInt32(_ s: String) -> Int32? {
    guard let v = atoi(s), v != Int.max, v != Int.min, v >= Int(Int32.min), v <= Int(Int32.max) else { return nil }
    return Int32(v)
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
