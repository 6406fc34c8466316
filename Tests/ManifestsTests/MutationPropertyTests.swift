import Diagnostics
import Foundation
import Manifests
import PropertyBased
import Testing
import TestSupport

/// Random byte-level and structural mutations of real manifests never crash or hang the loader and
/// validator, and every rejection is a diagnostic with a position.
@Suite struct MutationPropertyTests {
  static let corpus: [(String, [UInt8])] = {
    var files = PackagePaths.files(under: PackagePaths.sharedData("corpus"), extensions: ["yaml", "yml"])
    files += PackagePaths.files(under: PackagePaths.sharedData("argo-examples"), extensions: ["yaml", "yml"])
    return files.compactMap { url in (try? Data(contentsOf: url)).map { (url.lastPathComponent, [UInt8]($0)) } }
  }()

  static let tokens: [String] = [
    ": ", "- ", "{{", "}}}", "{{args.x}}", "&a ", "*a", "<<: *a\n", "[", "]", "{", "}", "---\n", "\t", "!!int ", "\"",
    "'", "|\n", ">-\n", "? ", "#", "%YAML 1.1\n", "\u{FEFF}", "\0", "\r\n", "é", "{{ .Values.x }}", "5d", "-1", "9223372036854775807", "-9223372036854775808", "\"99999999999999999999%\"", "0",
  ]

  /// Applies mutation `kind` at `position` with `payload` to the file's bytes.
  static func mutate(_ bytes: [UInt8], kind: Int, position: Int, payload: Int) -> [UInt8] {
    guard !bytes.isEmpty else { return bytes }
    var out = bytes
    let at = position % out.count
    var lines = out.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    let line = position % max(1, lines.count)
    switch kind % 9 {
    case 0: out.remove(at: at)
    case 1: out.insert(UInt8(truncatingIfNeeded: payload), at: at)
    case 2: out[at] = UInt8(truncatingIfNeeded: payload)
    case 3: out = Array(out.prefix(at))
    case 4: out.insert(contentsOf: Array(tokens[payload % tokens.count].utf8), at: at)
    case 5:
      lines.remove(at: line)
      out = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    case 6:
      lines.insert(lines[line], at: line)
      out = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    case 7:
      let other = payload % lines.count
      lines.swapAt(line, other)
      out = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    default:
      let shift = payload % 4 + 1
      if payload % 2 == 0 {
        lines[line].insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: shift), at: 0)
      } else {
        lines[line].removeFirst(min(shift, lines[line].prefix { $0 == UInt8(ascii: " ") }.count))
      }
      out = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }
    return out
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable("corpus")))
  func mutatedManifestsAreDiagnosedNeverCrash() async {
    let corpus = Self.corpus
    #expect(!corpus.isEmpty)
    let mutation = zip(Gen.int(in: 0...8), Gen.int(in: 0...1_000_000), Gen.int(in: 0...255))
    await propertyCheck(count: 1000, input: Gen.int(in: 0...(corpus.count - 1)), mutation.array(of: 1...4)) { index, mutations in
      var bytes = corpus[index].1
      for (kind, position, payload) in mutations { bytes = Self.mutate(bytes, kind: kind, position: position, payload: payload) }
      let path = "mutated/" + corpus[index].0
      let text: String
      switch String(data: Data(bytes), encoding: .utf8) {
      case .some(let decoded): text = decoded
      case .none: text = String(decoding: bytes, as: UTF8.self)
      }
      let set = ManifestLoader.load(texts: [(path, text)])
      let diagnostics = set.diagnostics + Validator.validate(set)
      for diagnostic in diagnostics {
        #expect(diagnostic.location?.file == path)
        #expect((diagnostic.location?.line ?? 0) >= 1)
        #expect((diagnostic.location?.column ?? 0) >= 1)
      }
      // Rendering every finding with its source line must work too.
      let rendered = set.renderer().render(diagnostics)
      #expect(rendered.count >= diagnostics.count)
    }
  }
}
