import Diagnostics
import Foundation
import Manifests
import Testing
import TestSupport

/// Every manifest of ../shared/data/argo-examples and ../shared/data/corpus, each file linted on its own
/// (the corpus mixes unrelated repositories): plain YAML loads; files INDEX.tsv notes as invalid get a
/// diagnostic naming the problem; Helm templates are refused; any other error is a real defect of the
/// file, listed in Fixtures/known-defects.tsv with the rule it breaks.
@Suite struct CorpusTests {
  struct Entry {
    var key: String  // "corpus/NAME" or "argo-examples/PATH"
    var url: URL
    var plainYAML: Bool
    var helm: Bool
  }

  static func entries() -> [Entry] {
    var entries: [Entry] = []
    let examples = PackagePaths.sharedData("argo-examples")
    for url in PackagePaths.files(under: examples, extensions: ["yaml", "yml"]) {
      let key = "argo-examples/" + url.path.dropFirst(examples.path.count + 1)
      let helm = key.hasPrefix("argo-examples/helm-blue-green/templates/")
      // The same file as the corpus copy INDEX.tsv marks "not plain YAML" (an unquoted {{args.x}}).
      let notPlain = key == "argo-examples/traffic-management/rollout-linkerd.yaml"
      entries.append(Entry(key: key, url: url, plainYAML: !helm && !notPlain, helm: helm))
    }
    let corpus = PackagePaths.sharedData("corpus")
    let index = (try? String(contentsOf: corpus.appendingPathComponent("INDEX.tsv"), encoding: .utf8)) ?? ""
    for line in index.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 9 else { continue }
      entries.append(
        Entry(
          key: "corpus/" + fields[0], url: corpus.appendingPathComponent(fields[0]), plainYAML: fields[6] == "yes",
          helm: fields[8].contains("Helm")))
    }
    return entries
  }

  static func fixture(_ name: String) -> [[String]] {
    let url = PackagePaths.inPackage("Tests/ManifestsTests/Fixtures/\(name)")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
  }

  static func lint(_ url: URL) -> (set: ManifestSet, diagnostics: [Diagnostic]) {
    let set = ManifestLoader.load(paths: [url.path])
    return (set, set.diagnostics + Validator.validate(set))
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable("corpus") && PackagePaths.sharedDataAvailable("argo-examples")))
  func everyFileIsCleanOrExplained() throws {
    let entries = Self.entries()
    #expect(entries.count == 137)
    let invalid = Dictionary(uniqueKeysWithValues: Self.fixture("expected-invalid.tsv").map { ($0[0], ($0[1], $0[2])) })
    var known: [String: [(line: Int, rule: String)]] = [:]
    for row in Self.fixture("known-defects.tsv") { known[row[0], default: []].append((Int(row[1]) ?? 0, row[2])) }

    var clean = 0, helm = 0, explained = 0
    for entry in entries {
      let (set, diagnostics) = Self.lint(entry.url)
      let errors = diagnostics.filter { $0.severity == .error }
      for diagnostic in diagnostics {
        #expect(diagnostic.location?.isKnown == true, "\(entry.key): \(diagnostic.message) has no position")
      }
      if entry.helm {
        helm += 1
        #expect(errors.count == 1 && errors.first?.rule == "helm-template", "\(entry.key) should be refused as Helm")
        #expect(errors.first?.hint?.contains("helm template") == true)
        continue
      }
      if entry.plainYAML {
        #expect(!errors.contains { $0.rule == "yaml-syntax" || $0.rule == "helm-template" }, "\(entry.key) is plain YAML but does not load")
        #expect(!set.documents.isEmpty || set.diagnostics.contains { $0.rule == "not-an-object" }, "\(entry.key) loads")
      }
      if let (rule, message) = invalid[entry.key] {
        explained += 1
        #expect(errors.contains { $0.rule == rule && $0.message.contains(message) }, "\(entry.key): expected [\(rule)] \(message)")
      }
      let expected = known[entry.key] ?? []
      for error in errors where invalid[entry.key]?.0 != error.rule {
        #expect(
          expected.contains { $0.line == error.location?.line && $0.rule == error.rule },
          "\(entry.key):\(error.location?.line ?? 0): unexpected [\(error.rule ?? "")] \(error.message)")
      }
      for defect in expected {
        #expect(
          errors.contains { $0.location?.line == defect.line && $0.rule == defect.rule },
          "\(entry.key):\(defect.line): known defect [\(defect.rule)] no longer reported")
      }
      if errors.isEmpty { clean += 1 }
    }
    print("corpus: \(entries.count) files, \(clean) without errors, \(helm) Helm templates refused, \(explained) noted invalid")
    #expect(clean >= 120)
  }

  @Test(.enabled(if: PackagePaths.sharedDataAvailable("corpus-docs")))
  func documentationSnippetsLoadWithoutCrashing() {
    let files = PackagePaths.files(under: PackagePaths.sharedData("corpus-docs"), extensions: ["yaml", "yml"])
    #expect(files.count > 50)
    var clean = 0
    for file in files {
      let (_, diagnostics) = Self.lint(file)
      for diagnostic in diagnostics { #expect(diagnostic.location?.isKnown == true) }
      if !diagnostics.contains(where: { $0.severity == .error }) { clean += 1 }
    }
    print("corpus-docs: \(clean) of \(files.count) snippets load without errors (the others are fragments: '...', partial specs)")
    #expect(clean * 2 > files.count)
  }
}
