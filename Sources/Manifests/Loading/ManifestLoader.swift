import Diagnostics
import Foundation

/// Reads manifest files into a ``ManifestSet``: multi-document YAML, directories and globs; refuses
/// Helm templates; classifies each document by kind; checks field names and types against the kind's
/// schema; decodes the typed model. Never throws and never stops at the first problem.
public enum ManifestLoader {
  /// Reads files, directories and globs (see ``PathExpansion``).
  public static func load(paths: [String]) -> ManifestSet {
    let expansion = PathExpansion.expand(paths)
    var inputs: [(path: String, text: String)] = []
    var diagnostics = expansion.diagnostics
    for file in expansion.files {
      guard let data = FileManager.default.contents(atPath: file) else {
        diagnostics.append(.error("cannot read \(file)", rule: "input"))
        continue
      }
      switch decodeText(data, file: file) {
      case .success(let text): inputs.append((file, text))
      case .failure(let diagnostic):
        diagnostics.append(diagnostic)
        inputs.append((file, String(decoding: data, as: UTF8.self)))
      }
    }
    var set = load(texts: inputs, skipping: Set(diagnostics.compactMap { $0.rule == "encoding" ? $0.location?.file : nil }))
    set.diagnostics.insert(contentsOf: diagnostics, at: 0)
    return set
  }

  /// Reads in-memory texts (tests, scenarios that embed manifests, sweeps).
  public static func load(texts: [(path: String, text: String)]) -> ManifestSet {
    load(texts: texts, skipping: [])
  }

  /// Builds a set from documents already read (and perhaps edited with ``YAMLNode/setValue(_:at:)``, as
  /// sweeps do), so the edited objects are classified, schema-checked and decoded again.
  public static func load(documents: [YAMLDocument], sources: [String: SourceText] = [:]) -> ManifestSet {
    var set = ManifestSet()
    var ignored: [ManifestDocument] = []
    set.sources = sources
    for document in documents {
      if !set.files.contains(document.file) { set.files.append(document.file) }
      add(document.root, file: document.file, index: document.index, to: &set, ignored: &ignored)
    }
    finish(&set, ignored: ignored)
    return set
  }

  private static func load(texts: [(path: String, text: String)], skipping: Set<String>) -> ManifestSet {
    var set = ManifestSet()
    var ignored: [ManifestDocument] = []
    for (path, text) in texts {
      set.files.append(path)
      set.sources[path] = SourceText(path: path, text: text)
      if skipping.contains(path) { continue }
      if let helm = HelmDetection.find(in: text) {
        set.diagnostics.append(
          .error(
            "this is a Helm chart template (Go template \(helm.action)), not YAML yet",
            at: SourceLocation(file: path, line: helm.line, column: helm.column), length: helm.action.count,
            hint: "render the chart with `helm template RELEASE CHART` and lint the output", rule: "helm-template"))
        continue
      }
      let read = YAMLReader.read(text, file: path)
      set.diagnostics.append(contentsOf: read.diagnostics)
      for document in read.documents {
        add(document.root, file: path, index: document.index, to: &set, ignored: &ignored)
      }
    }
    finish(&set, ignored: ignored)
    return set
  }

  /// Set-wide findings: duplicate objects and the one note listing ignored kinds.
  private static func finish(_ set: inout ManifestSet, ignored: [ManifestDocument]) {
    reportDuplicates(in: &set)
    if let first = ignored.first {
      var byKind: [(kind: String, files: [String])] = []
      for doc in ignored {
        let kind = doc.kind ?? "?"
        if let i = byKind.firstIndex(where: { $0.kind == kind }) {
          if !byKind[i].files.contains(doc.file) { byKind[i].files.append(doc.file) }
        } else {
          byKind.append((kind, [doc.file]))
        }
      }
      let list = byKind.map { "\($0.kind) (\($0.files.joined(separator: ", ")))" }.joined(separator: "; ")
      set.diagnostics.append(
        .note(
          "ignored \(ignored.count) object\(ignored.count == 1 ? "" : "s") of kinds rollout-sim does not use: \(list)",
          at: first.root.entry("kind")?.value.location ?? first.location, rule: "ignored-kind"))
    }
  }

  /// Two objects of the same kind, namespace and name: applying the files keeps only the last one.
  private static func reportDuplicates(in set: inout ManifestSet) {
    var firstSeen: [String: ManifestDocument] = [:]
    for document in set.documents {
      guard let kind = document.manifestKind, let name = document.name, !name.isEmpty else { continue }
      let key = "\(kind.rawValue)/\(document.namespace ?? "")/\(name)"
      if let first = firstSeen[key] {
        let nameNode = document.root["metadata"]?["name"] ?? document.root
        set.diagnostics.append(
          .warning(
            "\(kind.rawValue) \"\(name)\" is also defined at \(first.location.file):\(first.location.line); applying both keeps only the last one",
            at: nameNode.location, length: nameNode.caretLength,
            hint: "give each object its own name, or lint the alternatives separately", rule: "duplicate-object"))
      } else {
        firstSeen[key] = document
      }
    }
  }

  // MARK: - One document

  private static func add(
    _ root: YAMLNode, file: String, index: Int, to set: inout ManifestSet, ignored: inout [ManifestDocument]
  ) {
    guard root.isMapping else {
      set.diagnostics.append(
        .warning(
          "this document is a YAML \(root.jsonTypeName), not a Kubernetes object; ignored", at: root.location,
          length: root.caretLength, hint: "a manifest is a mapping with apiVersion, kind, metadata and spec",
          rule: "not-an-object"))
      return
    }
    let apiVersion = root["apiVersion"]?.stringValue
    let kindName = root["kind"]?.stringValue
    let meta = root["metadata"]
    var document = ManifestDocument(
      file: file, index: index, apiVersion: apiVersion, kind: kindName, name: meta?["name"]?.stringValue,
      namespace: meta?["namespace"]?.stringValue, root: root)

    guard let kindName else {
      let isChart = root["name"] != nil && root["version"] != nil && root["kind"] == nil
      set.diagnostics.append(
        .warning(
          isChart ? "this is Helm chart metadata (Chart.yaml), not a Kubernetes object; ignored"
            : "this document has no kind, so it is not a Kubernetes object; ignored",
          at: root.location,
          hint: isChart ? "render the chart with `helm template` and lint the output" : "add apiVersion and kind",
          rule: "not-an-object"))
      return
    }

    if kindName == "List", apiVersion == "v1", let items = root["items"]?.sequence {
      for item in items { add(item, file: file, index: index, to: &set, ignored: &ignored) }
      return
    }

    // The same kind name in another API group (AppMesh's VirtualService…) is another object altogether.
    let otherAPI = ManifestKind(rawValue: kindName).map { KindRegistry.isOtherAPI(apiVersion, than: $0) } ?? false
    guard let kind = ManifestKind(rawValue: kindName), !otherAPI else {
      let kindNode = root["kind"] ?? root
      if !otherAPI, let close = Suggestions.closest(to: kindName, in: ManifestKind.allCases.map(\.rawValue)) {
        set.diagnostics.append(
          .warning(
            "unknown kind \"\(kindName)\"; the object is ignored", at: kindNode.location, length: kindNode.caretLength,
            hint: "did you mean '\(close)'?", rule: "unknown-kind"))
      }
      set.documents.append(document)
      ignored.append(document)
      return
    }
    document.manifestKind = kind
    set.documents.append(document)

    checkAPIVersion(apiVersion, kind: kind, root: root, into: &set.diagnostics)
    if (document.name ?? "").isEmpty && (meta?["generateName"]?.stringValue ?? "").isEmpty {
      set.diagnostics.append(
        .error(
          "resource name may not be empty", at: meta?.location ?? root.location,
          hint: "set metadata.name", rule: "object-name"))
    }
    var checker = SchemaChecker()
    checker.check(root, as: kind.schema)
    set.diagnostics.append(contentsOf: checker.diagnostics)
    decode(root, kind: kind, into: &set)
  }

  private static func checkAPIVersion(_ apiVersion: String?, kind: ManifestKind, root: YAMLNode, into diagnostics: inout [Diagnostic]) {
    guard let apiVersion else {
      diagnostics.append(
        .error(
          "apiVersion not set", at: root.entry("kind")?.keyLocation ?? root.location,
          hint: "\(kind.rawValue) is served as apiVersion: \(kind.apiVersions[0])", rule: "api-version"))
      return
    }
    guard !kind.apiVersions.contains(apiVersion) else { return }
    let node = root["apiVersion"] ?? root
    let candidates = kind.apiVersions
    let hint: String
    if let close = Suggestions.closest(to: apiVersion, in: candidates) {
      hint = "did you mean '\(close)'?"
    } else {
      hint = "\(kind.rawValue) is served as " + candidates.map { "'\($0)'" }.joined(separator: " or ")
    }
    diagnostics.append(
      .error(
        "no matches for kind \"\(kind.rawValue)\" in version \"\(apiVersion)\"", at: node.location,
        length: node.caretLength, hint: hint, rule: "api-version"))
  }

  private static func decode(_ root: YAMLNode, kind: ManifestKind, into set: inout ManifestSet) {
    switch kind {
    case .rollout: set.rollouts.append(Rollout(decoding: root))
    case .analysisTemplate: set.analysisTemplates.append(AnalysisTemplate(decoding: root, isClusterScoped: false))
    case .clusterAnalysisTemplate: set.clusterAnalysisTemplates.append(AnalysisTemplate(decoding: root, isClusterScoped: true))
    case .analysisRun: set.analysisRuns.append(AnalysisRun(decoding: root))
    case .experiment: set.experiments.append(Experiment(decoding: root))
    case .service: set.services.append(Service(decoding: root))
    case .virtualService: set.virtualServices.append(VirtualService(decoding: root))
    case .destinationRule: set.destinationRules.append(DestinationRule(decoding: root))
    case .route: set.routes.append(Route(decoding: root))
    case .application: set.applications.append(Application(decoding: root))
    case .deployment: set.deployments.append(Deployment(decoding: root))
    case .secret: set.secrets.append(Secret(decoding: root))
    }
  }

  // MARK: - Text decoding

  enum Decoded {
    case success(String)
    case failure(Diagnostic)
  }

  /// The file as UTF-8 text, or a diagnostic at the first byte that is not UTF-8.
  static func decodeText(_ data: Data, file: String) -> Decoded {
    if let text = String(data: data, encoding: .utf8) { return .success(text) }
    // Find the offending byte to report its line and column.
    let bytes = [UInt8](data)
    var line = 1
    var column = 1
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let width = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
      let valid = width > 0 && i + width <= bytes.count && bytes[(i + 1)..<(i + width)].allSatisfy { $0 >> 6 == 0b10 }
      if !valid {
        return .failure(
          .error(
            "the file is not UTF-8 text (byte 0x\(String(b, radix: 16)))", at: SourceLocation(file: file, line: line, column: column),
            hint: "save the file as UTF-8", rule: "encoding"))
      }
      if b == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
      i += width
    }
    return .failure(.error("the file is not UTF-8 text", at: SourceLocation(file: file, line: 1, column: 1), rule: "encoding"))
  }
}
