import Foundation
import GoCompat

/// Argo's `{{args.NAME}}` substitution (utils/template: `ResolveArgs` over fasttemplate with `{{`/`}}`):
/// every tag, whitespace-trimmed, is looked up; an unknown tag is replaced by nothing and reported
/// as `failed to resolve {{TAG}}` (the last one wins, as in Argo); an opening `{{` without `}}` is a
/// parse error.
struct MetricArgTemplate: Sendable {
  /// `args.NAME` → value.
  let values: [String: String]
  /// The last tag that did not resolve, as Argo reports it.
  private(set) var unresolvedError: String?

  /// Fails like `ResolveArgs` when an argument has no value: `argument "x" was not supplied`.
  static func make(_ arguments: [(name: String, value: String?)]) -> Result<MetricArgTemplate, ArgumentFailure> {
    var values: [String: String] = [:]
    for argument in arguments {
      guard let value = argument.value else {
        return .failure(ArgumentFailure("argument \"\(argument.name)\" was not supplied"))
      }
      values["args." + argument.name] = value
    }
    return .success(MetricArgTemplate(values: values))
  }

  /// Substitutes the tags of one text.
  mutating func substitute(_ text: String) -> Result<String, ArgumentFailure> {
    guard text.contains("{{") else { return .success(text) }
    var out = ""
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      out += rest[..<open.lowerBound]
      let afterOpen = rest[open.upperBound...]
      guard let close = afterOpen.range(of: "}}") else {
        return .failure(
          ArgumentFailure(
            "cannot find end tag=\"}}\" in the template=\(GoQuoting.quote(text)) starting from \(GoQuoting.quote(String(afterOpen)))"
          ))
      }
      let tag = String(afterOpen[..<close.lowerBound])
      let key = tag.trimmingCharacters(in: .whitespacesAndNewlines)
      if let value = values[key] {
        out += value
      } else {
        unresolvedError = "failed to resolve {{\(tag)}}"
      }
      rest = afterOpen[close.upperBound...]
    }
    out += rest
    return .success(out)
  }
}

/// Why a metric's arguments could not be resolved (the run goes Error with
/// "Unable to resolve metric arguments: …").
public struct ArgumentFailure: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
