import Foundation
import GoCompat
import Manifests

/// The few small JSON values the store writes into TEXT columns (replica counts, parameters), written
/// by hand because a sweep writes hundreds of thousands of them; read back with Foundation.
enum JSONText {
  static func string(_ s: String) -> String { JSONQuoting.quote(s, escaping: .minimal) }

  static func object(_ members: [(String, String)]) -> String {
    "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
  }

  static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

  /// The members of a flat JSON object in their written order (Foundation's decoders lose it).
  static func decodeOrderedObject(_ text: String) -> [(String, String)]? {
    guard let node = try? JSONReader.parse(text), let entries = node.entries else { return nil }
    return entries.map { ($0.key, $0.value.scalar?.text ?? $0.value.jsonText()) }
  }

  /// Decodes `text` as `T`, nil when it is not valid JSON of that shape.
  static func decode<T: Decodable>(_ type: T.Type, from text: String) -> T? {
    try? JSONDecoder().decode(T.self, from: Data(text.utf8))
  }
}
