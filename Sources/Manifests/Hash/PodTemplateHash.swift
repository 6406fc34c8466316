/// A deterministic name for a revision, in the style of the controller's `rollouts-pod-template-hash`.
///
/// Argo hashes the Go JSON encoding of the `PodTemplateSpec` with FNV-32a (plus the collision count)
/// and prints the decimal hash through `rand.SafeEncodeString`, which maps every digit to a letter of
/// `bcdfghjklmnpqrstvwxz2456789`. We hash the canonical JSON of the template node (keys sorted), so
/// hashes are stable across runs and machines and change exactly when the template changes; they are
/// not byte-equal to the controller's (Go's struct field order and defaulting are not reproduced).
public enum PodTemplateHash {
  static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

  public static func compute(_ template: YAMLNode, collisionCount: Int32? = nil) -> String {
    var hash = FNV32a()
    hash.add(template.jsonText(sortedKeys: true).utf8)
    if let collisionCount {
      var bytes = [UInt8](repeating: 0, count: 8)
      let value = UInt32(bitPattern: collisionCount)
      for i in 0..<4 { bytes[i] = UInt8((value >> (8 * UInt32(i))) & 0xff) }
      hash.add(bytes)
    }
    return safeEncode(String(hash.value))
  }

  /// The controller's step hash (`currentStepHash`): the same encoding over the steps list.
  public static func stepHash(_ steps: YAMLNode) -> String {
    var hash = FNV32a()
    hash.add(steps.jsonText(sortedKeys: true).utf8)
    return safeEncode(String(hash.value))
  }

  /// `k8s.io/apimachinery/pkg/util/rand.SafeEncodeString`.
  public static func safeEncode(_ s: String) -> String {
    String(decoding: s.utf8.map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
  }
}

/// The 32-bit FNV-1a hash (Go's hash/fnv New32a).
public struct FNV32a: Sendable {
  public private(set) var value: UInt32 = 2_166_136_261

  public init() {}

  public mutating func add(_ bytes: some Sequence<UInt8>) {
    for byte in bytes {
      value ^= UInt32(byte)
      value = value &* 16_777_619
    }
  }
}
