import Diagnostics
import Foundation
import Yams

/// One YAML document of a file, as a located value tree.
public struct YAMLDocument: Sendable, Hashable {
  public var file: String
  /// 0-based position of the document in its file (counting only non-empty documents).
  public var index: Int
  public var root: YAMLNode

  public init(file: String, index: Int, root: YAMLNode) {
    self.file = file
    self.index = index
    self.root = root
  }
}

/// Reads YAML text into ``YAMLDocument``s, turning every syntax problem into a located diagnostic.
///
/// The text is cut at `---` document markers (which YAML forbids inside any scalar at column 0)
/// and each part is parsed on its own, so one broken document does not hide the others. Yams is used as a
/// parser only; its `Node`s (not Sendable) are converted here and never leave this file.
public enum YAMLReader {
  /// Deeper nesting than this is refused before parsing: Yams (and the conversion) recurse per level.
  public static let maximumDepth = 256
  /// Alias expansion can make a small file enormous ("billion laughs"); refuse beyond this many nodes.
  public static let maximumNodes = 1_000_000

  public struct Result: Sendable {
    public var documents: [YAMLDocument]
    public var diagnostics: [Diagnostic]
  }

  public static func read(_ text: String, file: String) -> Result {
    var documents: [YAMLDocument] = []
    var diagnostics: [Diagnostic] = []
    for part in splitDocuments(text) {
      if let problem = depthProblem(part.text, file: file, lineOffset: part.lineOffset) {
        diagnostics.append(problem)
        continue
      }
      parsePart(part, file: file, into: &documents, diagnostics: &diagnostics)
    }
    return Result(documents: documents, diagnostics: diagnostics)
  }

  // MARK: - Splitting into documents

  struct Part {
    var text: String
    var lineOffset: Int
  }

  static func splitDocuments(_ text: String) -> [Part] {
    var parts: [Part] = []
    var current: [Substring] = []
    var start = 0
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let bare = line.last == "\r" ? line.dropLast() : line
      if isDocumentMarker(bare) && !current.isEmpty {
        parts.append(Part(text: current.joined(separator: "\n"), lineOffset: start))
        current = []
        start = lineNumber
      }
      current.append(line)
      lineNumber += 1
    }
    if !current.isEmpty { parts.append(Part(text: current.joined(separator: "\n"), lineOffset: start)) }
    return parts
  }

  /// A `---` line starts a document. (`...` only ends one; libyaml handles it inside a part.)
  private static func isDocumentMarker(_ line: Substring) -> Bool {
    guard line.hasPrefix("---") else { return false }
    let rest = line.dropFirst(3)
    return rest.isEmpty || rest.first == " " || rest.first == "\t"
  }

  // MARK: - Guards

  /// A cheap upper bound of the nesting depth: open flow brackets plus block indicators per line.
  static func depthProblem(_ text: String, file: String, lineOffset: Int) -> Diagnostic? {
    var flowDepth = 0
    var line = 1
    var column = 0
    var lineIndicators = 0
    var atLineStart = true
    var indent = 0
    var previous: UInt8 = 0
    for byte in text.utf8 {
      column += 1
      switch byte {
      case UInt8(ascii: "\n"):
        line += 1
        column = 0
        lineIndicators = 0
        atLineStart = true
        indent = 0
      case UInt8(ascii: " ") where atLineStart:
        indent += 1
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        atLineStart = false
        flowDepth += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        atLineStart = false
        flowDepth = max(0, flowDepth - 1)
      case UInt8(ascii: " ") where previous == UInt8(ascii: "-") || previous == UInt8(ascii: ":"):
        lineIndicators += 1
      default:
        atLineStart = false
      }
      previous = byte
      if flowDepth + lineIndicators + indent / 2 > maximumDepth {
        return .error(
          "YAML nesting is deeper than \(maximumDepth) levels; rollout-sim refuses to read it",
          at: SourceLocation(file: file, line: line + lineOffset, column: max(1, column)),
          hint: "Kubernetes manifests nest a few dozen levels at most: check for unbalanced brackets",
          rule: "yaml-syntax")
      }
    }
    return nil
  }

  // MARK: - Parsing one part

  private static func parsePart(
    _ part: Part, file: String, into documents: inout [YAMLDocument], diagnostics: inout [Diagnostic]
  ) {
    let parser: Parser
    do {
      parser = try Parser(yaml: part.text, resolver: .basic, constructor: .default, encoding: .utf8)
    } catch {
      diagnostics.append(syntaxDiagnostic(error, file: file, part: part))
      return
    }
    while true {
      let root: Node?
      do {
        root = try parser.nextRoot()
      } catch {
        diagnostics.append(syntaxDiagnostic(error, file: file, part: part))
        return
      }
      guard let root else { return }
      var converter = Converter(file: file, lineOffset: part.lineOffset, source: part.text)
      let node = converter.convert(root, depth: 0)
      diagnostics.append(contentsOf: converter.diagnostics)
      if converter.aborted { continue }
      // Empty documents (only comments, or a bare `---`) are skipped, as kubectl does.
      if node.isNull, node.scalar?.style == .plain { continue }
      documents.append(YAMLDocument(file: file, index: documents.count, root: node))
    }
  }

  // MARK: - Syntax errors

  static func syntaxDiagnostic(_ error: any Error, file: String, part: Part) -> Diagnostic {
    let lines = part.text.split(separator: "\n", omittingEmptySubsequences: false)
    func location(_ mark: Mark) -> SourceLocation {
      SourceLocation(file: file, line: mark.line + part.lineOffset, column: max(1, mark.column))
    }
    guard let yamlError = error as? YamlError else {
      return .error("cannot read YAML: \(error)", at: SourceLocation(file: file, line: part.lineOffset + 1, column: 1), rule: "yaml-syntax")
    }
    switch yamlError {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var diagnostic = Diagnostic.error(
        "YAML syntax error: \(problem)", at: location(mark),
        hint: SyntaxHints.hint(problem: problem, mark: mark, lines: lines), rule: "yaml-syntax")
      if let context {
        diagnostic.notes.append("\(context.text) at line \(context.mark.line + part.lineOffset), column \(context.mark.column)")
      }
      return diagnostic
    case .reader(let problem, let offset, _, _):
      var line = 1
      var column = 1
      if let offset {
        for ch in part.text.prefix(offset) {
          if ch == "\n" { line += 1; column = 1 } else { column += 1 }
        }
      }
      return .error(
        "cannot read the file as YAML: \(problem)",
        at: SourceLocation(file: file, line: line + part.lineOffset, column: column),
        hint: "YAML files must be UTF-8 text without control characters", rule: "yaml-syntax")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let key = duplicates.first ?? "?"
      let first = location(context.mark)
      let second = SyntaxHints.secondOccurrence(of: key, after: context.mark, lines: lines).map {
        SourceLocation(file: file, line: $0.line + part.lineOffset, column: $0.column)
      } ?? first
      var diagnostic = Diagnostic.error(
        "duplicate key '\(key)' in a mapping", at: second, length: key.count,
        hint: "kubectl rejects a mapping that repeats a key: keep one of them", rule: "yaml-duplicate-key")
      if second != first { diagnostic.notes.append("'\(key)' is first set at line \(first.line), column \(first.column)") }
      return diagnostic
    default:
      return .error("cannot read YAML: \(yamlError)", at: SourceLocation(file: file, line: part.lineOffset + 1, column: 1), rule: "yaml-syntax")
    }
  }
}

// MARK: - Yams Node → YAMLNode

private struct Converter {
  let file: String
  let lineOffset: Int
  let source: String
  /// The part's lines, split once: tags and complex keys look back at the text.
  let lines: [Substring]
  var diagnostics: [Diagnostic] = []
  var nodeCount = 0
  var aborted = false

  init(file: String, lineOffset: Int, source: String) {
    self.file = file
    self.lineOffset = lineOffset
    self.source = source
    self.lines = source.split(separator: "\n", omittingEmptySubsequences: false)
  }

  func location(_ mark: Mark?) -> SourceLocation {
    guard let mark else { return SourceLocation(file: file, line: lineOffset + 1, column: 1) }
    return SourceLocation(file: file, line: mark.line + lineOffset, column: max(1, mark.column))
  }

  mutating func convert(_ node: Node, depth: Int) -> YAMLNode {
    nodeCount += 1
    if aborted || nodeCount > YAMLReader.maximumNodes || depth > YAMLReader.maximumDepth {
      if !aborted {
        aborted = true
        diagnostics.append(
          .error(
            "the document expands to more than \(YAMLReader.maximumNodes) nodes or \(YAMLReader.maximumDepth) levels (YAML aliases?)",
            at: location(node.mark), rule: "yaml-syntax"))
      }
      return .null(at: location(node.mark))
    }
    switch node {
    case .scalar(let scalar):
      return YAMLNode(.scalar(Self.scalar(scalar, lines: lines)), at: location(scalar.mark))
    case .sequence(let sequence):
      var items: [YAMLNode] = []
      items.reserveCapacity(sequence.count)
      for item in sequence { items.append(convert(item, depth: depth + 1)) }
      return YAMLNode(.sequence(items), at: location(sequence.mark))
    case .mapping(let mapping):
      var entries: [YAMLEntry] = []
      entries.reserveCapacity(mapping.count)
      for (key, value) in mapping {
        guard case .scalar(let keyScalar) = key else {
          reportComplexKey(key)
          continue
        }
        let keyText = Self.keyString(Self.scalar(keyScalar, lines: lines))
        let converted = convert(value, depth: depth + 1)
        if keyText == "<<", keyScalar.style == .plain {
          merge(converted, into: &entries)
          continue
        }
        entries.append(YAMLEntry(key: keyText, keyLocation: location(keyScalar.mark), value: converted))
      }
      return YAMLNode(.mapping(entries), at: location(mapping.mark))
    case .alias:
      // Yams resolves aliases while composing; an unresolved alias cannot reach here.
      return .null(at: location(node.mark))
    }
  }

  /// YAML merge keys (`<<: *base`): entries of the merged mapping(s) that the mapping does not set itself.
  private mutating func merge(_ value: YAMLNode, into entries: inout [YAMLEntry]) {
    let sources: [YAMLNode] = value.sequence ?? [value]
    for source in sources {
      guard let merged = source.entries else {
        diagnostics.append(.error("a merge key (<<) needs a mapping or a list of mappings", at: source.location, rule: "yaml-syntax"))
        continue
      }
      for entry in merged where !entries.contains(where: { $0.key == entry.key }) { entries.append(entry) }
    }
  }

  private mutating func reportComplexKey(_ key: Node) {
    let at = location(key.mark)
    let line = lines.dropFirst(max(0, at.line - lineOffset - 1)).first.map(String.init) ?? ""
    let looksTemplated = line.contains("{{")
    diagnostics.append(
      .error(
        looksTemplated
          ? "YAML reads an unquoted {{…}} as a flow mapping, which Kubernetes cannot convert to JSON"
          : "a mapping key must be a string, not a \(key.isMappingNode ? "mapping" : "list")",
        at: at,
        hint: looksTemplated
          ? "quote the templated value, e.g. key: '{{args.name}}'; Argo substitutes inside strings"
          : "write the key as a plain string", rule: "yaml-syntax"))
  }

  static func scalar(_ scalar: Node.Scalar, lines: [Substring]) -> YAMLScalar {
    let style: YAMLScalar.Style
    switch scalar.style {
    case .singleQuoted: style = .singleQuoted
    case .doubleQuoted: style = .doubleQuoted
    case .literal: style = .literal
    case .folded: style = .folded
    default: style = .plain
    }
    let text = scalar.string
    let tag = scalar.tag.description
    if tag.hasPrefix("tag:yaml.org,2002:"), explicitTag(at: scalar.mark, in: lines) {
      // An explicit tag (`!!str 30`, `!!int "7"`) overrides resolution.
      switch tag {
      case "tag:yaml.org,2002:str": return YAMLScalar(text: text, style: style, value: .string(text))
      case "tag:yaml.org,2002:int":
        if let i = ScalarResolution.parseGoInt(text) { return YAMLScalar(text: text, style: style, value: .int(i)) }
      case "tag:yaml.org,2002:float":
        if let d = Double(text) { return YAMLScalar(text: text, style: style, value: .float(d)) }
      case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null":
        if case .string = ScalarResolution.resolvePlain(text) {} else {
          return YAMLScalar(text: text, style: style, value: ScalarResolution.resolvePlain(text))
        }
      default: break
      }
    }
    guard style == .plain else { return YAMLScalar(text: text, style: style, value: .string(text)) }
    return YAMLScalar(text: text, style: style, value: ScalarResolution.resolvePlain(text))
  }

  private static func explicitTag(at mark: Mark?, in lines: [Substring]) -> Bool {
    guard let mark else { return false }
    guard mark.line >= 1, mark.line <= lines.count else { return false }
    let line = lines[mark.line - 1].unicodeScalars
    guard let index = line.index(line.startIndex, offsetBy: mark.column - 1, limitedBy: line.endIndex),
      index < line.endIndex
    else { return false }
    return line[index] == "!"
  }

  /// Map keys become strings the way sigs.k8s.io/yaml stringifies them.
  static func keyString(_ scalar: YAMLScalar) -> String {
    switch scalar.value {
    case .null: return scalar.text.isEmpty ? "" : "null"
    default: return scalar.value.plainText
    }
  }
}

extension Node {
  fileprivate var isMappingNode: Bool {
    if case .mapping = self { return true }
    return false
  }
}
