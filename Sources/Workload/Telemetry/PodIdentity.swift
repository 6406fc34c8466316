/// Stable, made-up network identities for pods, so labels like `instance` and HAProxy's `server` look
/// real and never change between runs.
enum PodIdentity {
  /// An address in 10.128.0.0/14 (OpenShift's default cluster network) derived from the name.
  static func ip(for name: String) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in name.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    let second = 128 + Int(hash % 4)
    let third = Int((hash >> 8) % 256)
    let fourth = 2 + Int((hash >> 16) % 252)
    return "10.\(second).\(third).\(fourth)"
  }

  /// Prometheus' `labelmap` of Kubernetes pod labels: every character outside `[a-zA-Z0-9_]` becomes `_`.
  static func sanitize(_ name: String) -> String {
    String(
      String.UnicodeScalarView(
        name.unicodeScalars.map { scalar in
          let v = scalar.value
          let ok = (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95
          return ok ? scalar : "_"
        }))
  }
}
