import Controller
import Simulation
import VirtualTime

/// The tree of `kubectl argo rollouts get rollout` at the end of the run: the Rollout, its revisions
/// newest first, each with its ReplicaSet, pods and AnalysisRuns.
struct RolloutTree {
  var model: ReportModel
  var style: TerminalStyle

  struct Row {
    var prefix: String
    var icon: String
    var name: String
    var kind: String
    var symbol: String
    var status: String
    var created: String
    var info: [(text: String, word: String)]
  }

  func render() -> String {
    var rows: [Row] = []
    rows.append(
      Row(
        prefix: "", icon: TerminalStyle.rolloutIcon, name: model.rollout, kind: "Rollout",
        symbol: TerminalStyle.symbol(model.outcome.phase), status: model.outcome.phase.rawValue, created: "", info: []))
    let revisions = model.revisions.entries.sorted { $0.revision > $1.revision }
    for (i, revision) in revisions.enumerated() {
      let (prefix, sub) = Self.prefixes(isLast: i == revisions.count - 1, "")
      rows.append(Row(prefix: prefix, icon: TerminalStyle.revisionIcon, name: "revision:\(revision.revision)", kind: "", symbol: "", status: "", created: "", info: []))
      var children: [[Row]] = [replicaSetRows(revision)]
      for run in model.analysisRuns where runRevision(run) == revision.revision {
        children.append([analysisRow(run)])
      }
      for (j, group) in children.enumerated() {
        let (childPrefix, childSub) = Self.prefixes(isLast: j == children.count - 1, sub)
        for (k, var row) in group.enumerated() {
          if k == 0 {
            row.prefix = childPrefix
          } else {
            let (podPrefix, _) = Self.prefixes(isLast: k == group.count - 1, childSub)
            row.prefix = podPrefix
          }
          rows.append(row)
        }
      }
    }
    var table = TextTable()
    table.add(["NAME", "KIND", "STATUS", "CREATED", "INFO"].map { .init($0) })
    for row in rows {
      let status = row.symbol.isEmpty ? "" : row.symbol + " " + row.status
      let painted = row.symbol.isEmpty ? "" : style.paint(row.symbol, like: row.symbol) + " " + row.status
      let info = row.info.map { style.paint($0.text, like: $0.word) }.joined(separator: ",")
      let infoPlain = row.info.map(\.text).joined(separator: ",")
      table.add([
        .init(row.prefix + row.icon + " " + row.name), .init(row.kind), .init(painted, visible: status), .init(row.created),
        .init(info, visible: infoPlain),
      ])
    }
    return table.render()
  }

  static func prefixes(isLast: Bool, _ sub: String) -> (String, String) {
    isLast ? (sub + "└──", sub + "   ") : (sub + "├──", sub + "│  ")
  }

  /// The revision an AnalysisRun belongs to: its name is `<rollout>-<hash>-<revision>[-…]`.
  func runRevision(_ run: AnalysisRunRecord) -> Int? {
    model.revisions.entries.first { !$0.hash.isEmpty && run.name.hasPrefix("\(model.rollout)-\($0.hash)-") }?.revision
  }

  func replicaSetRows(_ revision: RevisionCatalog.Entry) -> [Row] {
    let last = model.timeline.last?.replicas.first { $0.revision == revision.revision }
    let desired = last?.desired ?? 0
    let available = last?.available ?? 0
    let ready = last?.ready ?? 0
    let (symbol, status): (String, String)
    if desired == 0 {
      (symbol, status) = (TerminalStyle.neutral, "ScaledDown")
    } else if available < desired {
      (symbol, status) = (TerminalStyle.progressing, "Progressing")
    } else {
      (symbol, status) = (TerminalStyle.ok, "Healthy")
    }
    var info: [(String, String)] = []
    for role in roles(revision) { info.append((role, role)) }
    let created = model.timeline.first { $0.event == "NewReplicaSetCreated" && $0.message.contains(revision.replicaSet) }?.t
    var rows = [
      Row(
        prefix: "", icon: TerminalStyle.replicaSetIcon, name: revision.replicaSet.isEmpty ? "revision \(revision.revision)" : revision.replicaSet,
        kind: "ReplicaSet", symbol: symbol, status: status, created: created?.description ?? "before t=0", info: info)
    ]
    if desired > 0 {
      let running = available == desired
      rows.append(
        Row(
          prefix: "", icon: TerminalStyle.podIcon, name: "\(desired) pod\(desired == 1 ? "" : "s")", kind: "Pod",
          symbol: running ? TerminalStyle.ok : TerminalStyle.progressing, status: running ? "Running" : "ContainerCreating",
          created: "", info: [("ready:\(ready)/\(desired)", "")]))
    }
    return rows
  }

  /// kubectl's info tags: canary / stable (canary), active / preview (blue-green).
  func roles(_ revision: RevisionCatalog.Entry) -> [String] {
    var tags: [String] = []
    let isStable = revision.hash == model.final.stableHash
    let isCurrent = revision.hash == model.final.currentHash
    if model.plan.strategy == "blueGreen" {
      if isStable { tags.append("active") }
      if isCurrent && !isStable { tags.append("preview") }
    } else {
      if isStable { tags.append("stable") }
      if isCurrent && !isStable { tags.append("canary") }
    }
    return tags
  }

  func analysisRow(_ run: AnalysisRunRecord) -> Row {
    var counts: [String: Int] = [:]
    for metric in run.metrics {
      for m in metric.measurements { counts[m.phase, default: 0] += 1 }
    }
    var info: [(String, String)] = []
    for phase in ["Successful", "Failed", "Inconclusive", "Error"] {
      if let n = counts[phase], n > 0 {
        let symbol = TerminalStyle.symbol(analysisPhase: phase)
        info.append(("\(symbol) \(n)", symbol))
      }
    }
    return Row(
      prefix: "", icon: TerminalStyle.analysisIcon, name: run.name, kind: "AnalysisRun",
      symbol: TerminalStyle.symbol(analysisPhase: run.phase), status: run.phase, created: run.startedAt?.description ?? "",
      info: info)
  }
}
