/// The shape of a manifest field, as the Kubernetes API server checks it (CRD structural schemas and
/// the built-in types), plus whether rollout-sim simulates it.
public indirect enum SchemaType: Sendable {
  case string
  /// A 32-bit integer (most Kubernetes and Argo integers).
  case int32
  case int64
  case number
  case boolean
  /// `x-kubernetes-int-or-string`: an integer or a string; floats are rejected.
  case intOrString
  /// A string or a number (resource quantities such as `memory: 1Gi` or `cpu: 0.5`).
  case quantity
  case object(ObjectSchema)
  case array(SchemaType)
  /// A map with free-form keys (labels, annotations, plugin configs…).
  case map(SchemaType)
  /// Anything: a field whose inside rollout-sim does not look into (pod specs, Argo CD sources…).
  case any

  var typeName: String {
    switch self {
    case .string: "string"
    case .int32, .int64: "integer"
    case .number: "number"
    case .boolean: "boolean"
    case .intOrString: "integer or string"
    case .quantity: "string or number"
    case .object, .map: "object"
    case .array: "array"
    case .any: "any"
    }
  }
}

/// Whether rollout-sim simulates a known field.
public enum FieldSupport: Sendable, Hashable {
  /// Simulated (or irrelevant to the simulation, like labels): no remark.
  case modelled
  /// Accepted by Argo but not simulated: a warning says so, with the reason.
  case notModelled(String)
}

public struct FieldSchema: Sendable {
  public var type: SchemaType
  public var support: FieldSupport

  public init(_ type: SchemaType, _ support: FieldSupport = .modelled) {
    self.type = type
    self.support = support
  }
}

/// The known fields of one object type.
public final class ObjectSchema: Sendable {
  /// The Go type name, used in messages ("CanaryStep").
  public let name: String
  public let fields: [String: FieldSchema]
  /// Field names in declaration order, for stable did-you-mean answers.
  public let fieldOrder: [String]
  /// Hints for fields people put here by mistake, keyed by the wrong field name.
  public let misplaced: [String: String]
  /// Fields the CRD (or built-in type) requires: the API server rejects the object without them.
  public let required: [String]

  public convenience init(
    _ name: String, _ fields: KeyValuePairs<String, FieldSchema>, required: [String] = [], misplaced: [String: String] = [:]
  ) {
    self.init(name, fieldList: fields.map { ($0.key, $0.value) }, required: required, misplaced: misplaced)
  }

  public init(_ name: String, fieldList fields: [(String, FieldSchema)], required: [String] = [], misplaced: [String: String] = [:]) {
    self.name = name
    self.required = required
    var table: [String: FieldSchema] = [:]
    var order: [String] = []
    for (key, value) in fields {
      table[key] = value
      order.append(key)
    }
    self.fields = table
    self.fieldOrder = order
    self.misplaced = misplaced
  }
}

// Shorthands that keep the schema tables readable.
let str = FieldSchema(.string)
let i32 = FieldSchema(.int32)
let i64 = FieldSchema(.int64)
let bool = FieldSchema(.boolean)
let intOrStr = FieldSchema(.intOrString)
let anyValue = FieldSchema(.any)
let strings = FieldSchema(.array(.string))
let stringMap = FieldSchema(.map(.string))
func obj(_ schema: ObjectSchema, _ support: FieldSupport = .modelled) -> FieldSchema { FieldSchema(.object(schema), support) }
func list(_ schema: ObjectSchema, _ support: FieldSupport = .modelled) -> FieldSchema { FieldSchema(.array(.object(schema)), support) }
func notModelled(_ type: SchemaType, _ reason: String) -> FieldSchema { FieldSchema(type, .notModelled(reason)) }
