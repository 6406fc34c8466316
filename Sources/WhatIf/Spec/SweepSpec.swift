import Diagnostics
import Manifests
import Simulation
import VirtualTime

/// A loaded `kind: Sweep` (design §4.3): the scenario it varies, the grid of variations, the release
/// profiles that give each run its ground truth, and how many seeds each cell of the grid runs.
public struct SweepSpec: Sendable {
  public var name: String
  public var description: String
  /// The sweep file's path and text (the store keeps the text and checks it on `--resume`).
  public var path: String
  public var text: String
  /// The scenario file, resolved against the sweep's folder.
  public var scenarioPath: String
  public var seeds: SeedRange
  /// Every run stops here at the latest (overrides the scenario's horizon).
  public var horizon: SimDuration?
  /// The grid: the variants are every combination of one option per dimension.
  public var dimensions: [VaryDimension]
  /// Release profiles; empty runs the scenario's revisions as written.
  public var releases: [ReleaseProfile]

  public init(
    name: String, description: String = "", path: String, text: String, scenarioPath: String, seeds: SeedRange,
    horizon: SimDuration? = nil, dimensions: [VaryDimension] = [], releases: [ReleaseProfile] = []
  ) {
    self.name = name
    self.description = description
    self.path = path
    self.text = text
    self.scenarioPath = scenarioPath
    self.seeds = seeds
    self.horizon = horizon
    self.dimensions = dimensions
    self.releases = releases
  }
}

/// Seeds `first`, `first + 1`, … `first + count - 1`. Every cell of the grid runs the same seeds, so
/// variants are compared on the same simulated days (common random numbers).
public struct SeedRange: Sendable, Hashable {
  public var first: UInt64
  public var count: Int
  public init(first: UInt64 = 1, count: Int) {
    self.first = first
    self.count = count
  }
  public func seed(at index: Int) -> UInt64 { first &+ UInt64(index) }
}

/// One axis of the grid: a field with its values, or a list of named variants that each set several
/// fields at once.
public struct VaryDimension: Sendable {
  public var name: String
  public var options: [VariantOption]
  public init(name: String, options: [VariantOption]) {
    self.name = name
    self.options = options
  }
}

/// One value of a dimension: its label and the edits it makes.
public struct VariantOption: Sendable {
  public var label: String
  public var edits: [ScenarioEdit]
  /// The edits as written (path and value as JSON), for the store and `runs diff`.
  public var assignments: [VariantAssignment]
  public init(label: String, edits: [ScenarioEdit], assignments: [VariantAssignment]) {
    self.label = label
    self.edits = edits
    self.assignments = assignments
  }
}

public struct VariantAssignment: Sendable, Hashable, Codable {
  public var path: String
  /// The value as compact JSON.
  public var value: String
  public init(path: String, value: String) {
    self.path = path
    self.value = value
  }
}

/// The ground truth of a release: detection statistics count aborts of bad releases, false rollbacks
/// count aborts of good ones.
public enum ReleaseKind: String, Sendable, Hashable, CaseIterable, Codable {
  case good, bad
}

/// A release profile: how the revisions behave (fields merged into the scenario's `spec.revisions`).
public struct ReleaseProfile: Sendable {
  /// nil: the scenario's revisions as written, without ground truth.
  public var kind: ReleaseKind?
  public var edits: [ScenarioEdit]
  public init(kind: ReleaseKind?, edits: [ScenarioEdit]) {
    self.kind = kind
    self.edits = edits
  }

  public var name: String { kind?.rawValue ?? "as-written" }
}
