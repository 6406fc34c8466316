import Controller

/// The symbols and colours of `kubectl argo rollouts get rollout` (pkg/kubectl-argo-rollouts/info and
/// cmd/get), so the simulator's terminal output reads like the tool people already know. Colour is
/// only applied when asked for (a TTY without `NO_COLOR`); the text is the same either way.
public struct TerminalStyle: Sendable {
  public var useColor: Bool
  public init(useColor: Bool) { self.useColor = useColor }

  public static let ok = "✔"
  public static let bad = "✖"
  public static let paused = "॥"
  public static let progressing = "◌"
  public static let warning = "⚠"
  public static let unknown = "?"
  public static let neutral = "•"
  public static let waiting = "◷"

  public static let rolloutIcon = "⟳"
  public static let revisionIcon = "#"
  public static let replicaSetIcon = "⧉"
  public static let podIcon = "□"
  public static let analysisIcon = "α"

  public static func symbol(_ phase: RolloutPhase) -> String {
    switch phase {
    case .healthy: ok
    case .paused: paused
    case .degraded: bad
    case .progressing: progressing
    }
  }

  /// The icon kubectl shows for an AnalysisRun or measurement phase.
  public static func symbol(analysisPhase phase: String) -> String {
    switch phase {
    case "Successful": ok
    case "Failed": bad
    case "Error": warning
    case "Inconclusive": unknown
    case "Running": progressing
    case "Pending": waiting
    default: neutral
    }
  }

  /// ANSI colour codes of kubectl's `colorMapping`.
  static func code(for word: String) -> Int? {
    switch word {
    case ok, "stable", "active", "Healthy", "Successful": 32
    case bad, warning, "Degraded", "Failed", "Error": 31
    case progressing, "preview", "Running", "Pending", "Progressing": 94
    case unknown, waiting, "canary", "Inconclusive": 33
    default: nil
    }
  }

  /// `text` coloured like `word` (a symbol, a tag or a phase); unchanged without colour.
  public func paint(_ text: String, like word: String) -> String {
    guard useColor, let code = Self.code(for: word) else { return text }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }

  public func paint(_ text: String, code: Int) -> String {
    guard useColor, code != 0 else { return text }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }

  public func dim(_ text: String) -> String { paint(text, code: 2) }
  public func bold(_ text: String) -> String { paint(text, code: 1) }

  /// `✔ Healthy`, coloured.
  public func status(_ phase: RolloutPhase) -> String {
    paint(Self.symbol(phase), like: Self.symbol(phase)) + " " + phase.rawValue
  }
}

/// Columns padded to the widest visible cell (colour codes do not count).
struct TextTable {
  struct Cell {
    var text: String
    var width: Int
    init(_ plain: String) {
      text = plain
      width = plain.count
    }
    init(_ text: String, visible: String) {
      self.text = text
      width = visible.count
    }
  }

  var rows: [[Cell]] = []
  var gap = 2

  mutating func add(_ cells: [Cell]) { rows.append(cells) }

  func render(indent: String = "") -> String {
    let columns = rows.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    for row in rows {
      for (i, cell) in row.enumerated() where i < row.count - 1 { widths[i] = max(widths[i], cell.width) }
    }
    var out = ""
    for row in rows {
      var line = indent
      for (i, cell) in row.enumerated() {
        line += cell.text
        if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - cell.width + gap) }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    return out
  }
}
