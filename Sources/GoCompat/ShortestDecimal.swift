/// The shortest decimal digits that read back as the same `Double`, and where the decimal point
/// goes: value = ±0.d₁d₂…dₙ × 10^point (Go's `decimal` after `strconv`'s shortest conversion).
public struct ShortestDecimal: Sendable, Hashable {
  public var negative: Bool
  /// ASCII digits without leading or trailing zeros; `"0"` for zero.
  public var digits: [UInt8]
  /// Digits before the decimal point (negative: zeros after it before the first digit).
  public var point: Int

  /// The digits of a finite value.
  public init(_ value: Double) {
    negative = value.sign == .minus
    // Swift's description is the shortest round-tripping representation, which is what Go's
    // precision -1 asks for; re-read its digits and exponent.
    var text = Array(abs(value).description.utf8)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
      exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
      text.removeSubrange(e...)
    }
    var digits: [UInt8] = []
    digits.reserveCapacity(text.count)
    var point = 0
    var seenDot = false
    for byte in text {
      if byte == UInt8(ascii: ".") {
        seenDot = true
      } else {
        digits.append(byte)
        if !seenDot { point += 1 }
      }
    }
    var leadingZeros = 0
    while leadingZeros < digits.count - 1, digits[leadingZeros] == UInt8(ascii: "0") { leadingZeros += 1 }
    digits.removeFirst(leadingZeros)
    point -= leadingZeros
    while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
    if digits == [UInt8(ascii: "0")] { point = 1 }
    self.digits = digits
    self.point = point + exponent
  }

  /// The decimal exponent of the first digit (value = d₁.d₂… × 10^exponent).
  public var exponent: Int { point - 1 }

  /// The digits without an exponent and without the sign: `0.000123`, `1200`, `3.25`.
  public var fixedText: String {
    var out: [UInt8] = []
    out.reserveCapacity(max(point, 0) + digits.count + 2)
    if point <= 0 {
      out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
      out += repeatElement(UInt8(ascii: "0"), count: -point)
      out += digits
    } else if point >= digits.count {
      out += digits
      out += repeatElement(UInt8(ascii: "0"), count: point - digits.count)
    } else {
      out += digits[..<point]
      out.append(UInt8(ascii: "."))
      out += digits[point...]
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `d.ddde±XX` without the sign: the mantissa with every digit, an exponent of at least
  /// `minimumExponentDigits` digits (strconv writes two; encoding/json trims to one).
  public func exponentText(uppercase: Bool = false, minimumExponentDigits: Int = 2) -> String {
    var out: [UInt8] = [digits[0]]
    if digits.count > 1 {
      out.append(UInt8(ascii: "."))
      out += digits[1...]
    }
    out.append(uppercase ? UInt8(ascii: "E") : UInt8(ascii: "e"))
    out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
    let magnitude = Array(String(abs(exponent)).utf8)
    out += repeatElement(UInt8(ascii: "0"), count: max(0, minimumExponentDigits - magnitude.count))
    out += magnitude
    return String(decoding: out, as: UTF8.self)
  }
}
