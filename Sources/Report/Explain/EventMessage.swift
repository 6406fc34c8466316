import Foundation

/// Readers of the controller's event messages (Argo's wording, see `ControllerEvent`).
enum EventMessage {
  /// `Scaled up ReplicaSet X (revision N) from A to B`.
  struct Scaling {
    var up: Bool
    var replicaSet: String
    var revision: Int
    var from: Int
    var to: Int
  }

  static func scaling(_ message: String) -> Scaling? {
    let words = message.split(separator: " ").map(String.init)
    // Scaled up ReplicaSet NAME (revision N) from A to B
    guard words.count == 10, words[0] == "Scaled", words[2] == "ReplicaSet", words[4] == "(revision",
      let revision = Int(words[5].dropLast()), words[6] == "from", let from = Int(words[7]), words[8] == "to",
      let to = Int(words[9])
    else { return nil }
    return Scaling(up: words[1] == "up", replicaSet: words[3], revision: revision, from: from, to: to)
  }

  /// `Traffic weight updated from A to B` → (A, B); nil for the first write (no `from`).
  static func weightChange(_ message: String) -> (Int, Int)? {
    let words = message.split(separator: " ")
    guard words.count == 7, words[3] == "from", let a = Int(words[4]), let b = Int(words[6]) else { return nil }
    return (a, b)
  }

  /// `Rollout step 2/4 completed (pause: 120h)` → (2, 4).
  static func stepCompleted(_ message: String) -> (Int, Int)? {
    let words = message.split(separator: " ")
    guard words.count >= 3, words[0] == "Rollout", words[1] == "step" else { return nil }
    let parts = words[2].split(separator: "/")
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { return nil }
    return (i, n)
  }

  /// `Rollout is paused (CanaryPauseStep)` → `CanaryPauseStep`.
  static func parenthesised(_ message: String) -> String? {
    guard let open = message.lastIndex(of: "("), message.hasSuffix(")") else { return nil }
    return String(message[message.index(after: open)..<message.index(before: message.endIndex)])
  }

  /// `Background Analysis Run 'NAME' Status New: 'Failed' Previous: 'Running'` → (kind, name).
  static func analysisRun(_ message: String) -> (kind: String, name: String)? {
    guard let first = message.firstIndex(of: "'") else { return nil }
    let rest = message[message.index(after: first)...]
    guard let second = rest.firstIndex(of: "'") else { return nil }
    let kind = message[..<first].replacingOccurrences(of: " Analysis Run ", with: "").trimmingCharacters(in: .whitespaces)
    return (kind, String(rest[..<second]))
  }

  /// `Switched selector for service 'S' from 'a' to 'b'` → (S, a, b).
  static func serviceSwitch(_ message: String) -> (service: String, from: String, to: String)? {
    let quoted = message.split(separator: "'", omittingEmptySubsequences: false)
    guard quoted.count >= 7 else { return nil }
    return (String(quoted[1]), String(quoted[3]), String(quoted[5]))
  }

  /// `Rollout completed update to revision 2 (hash): REASON` → REASON.
  static func completionReason(_ message: String) -> String? {
    guard let range = message.range(of: "): ") else { return nil }
    return String(message[range.upperBound...])
  }

  /// `… revision N …` → N.
  static func revision(_ message: String) -> Int? {
    guard let range = message.range(of: "revision ") else { return nil }
    return Int(message[range.upperBound...].prefix { $0.isNumber })
  }
}
