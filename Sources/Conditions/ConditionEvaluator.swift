import Expr
import Foundation

/// Why a condition could not give a verdict: the expression failed to compile, failed while running,
/// or produced something other than a bool.
public struct ConditionFailure: Error, Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case compile, runtime, notBool
  }

  public var kind: Kind
  /// Argo's text of the error (what `EvalCondition` returns): expr's message without a location, or
  /// "expected bool, but got T".
  public var message: String
  /// The underlying expression error, with its line, column and source line (nil for `notBool`).
  public var exprError: ExprError?
}

/// Compiles and evaluates conditions in Argo's environment, as `EvalCondition` does, compiling each
/// (expression, result type) pair once. Thread-safe; share one per process or per run.
public final class ConditionEvaluator: @unchecked Sendable {
  private let lock = NSLock()
  private var programs: [Key: Result<Program, ExprError>] = [:]
  /// The conditions used last, most recent first, looked through before the dictionary: a metric
  /// evaluates the same one or two conditions at every measurement, and comparing their text with
  /// itself costs far less than hashing it.
  private var recent: [(key: Key, program: Result<Program, ExprError>)] = []
  private static let recentCapacity = 8
  /// Environments left by finished evaluations, reused so that setting `result` changes a uniquely
  /// referenced environment in place instead of copying the template's values.
  private var spareEnvironments: [Environment] = []
  /// Bound on cached entries; beyond it the cache starts over (sweeps vary expressions little).
  public let capacity: Int

  private struct Key: Hashable {
    var expression: String
    var shape: ResultShape
  }

  /// One cache for the whole process: conditions repeat across runs of a sweep.
  public static let shared = ConditionEvaluator()

  public init(capacity: Int = 4_096) {
    self.capacity = capacity
  }

  /// How many (expression, result type) pairs have been compiled so far.
  public var compilations: Int {
    lock.lock()
    defer { lock.unlock() }
    return compiledCount
  }

  private var compiledCount = 0

  /// The compiled condition for results of `shape`, or the compile error Argo would report.
  public func program(_ expression: String, shape: ResultShape) -> Result<Program, ExprError> {
    let key = Key(expression: expression, shape: shape)
    lock.lock()
    if let cached = cachedProgram(key) {
      lock.unlock()
      return cached
    }
    lock.unlock()
    let compiled: Result<Program, ExprError>
    do {
      compiled = .success(
        try Program.compile(expression, environment: ArgoEnvironment.environment(result: shape.representative)))
    } catch {
      compiled = .failure(error)
    }
    lock.lock()
    if programs.count >= capacity {
      programs.removeAll(keepingCapacity: true)
      recent.removeAll(keepingCapacity: true)
    }
    if programs[key] == nil { compiledCount += 1 }
    programs[key] = compiled
    remember(key, compiled)
    lock.unlock()
    return compiled
  }

  /// The cached program for `key` (call with the lock held).
  private func cachedProgram(_ key: Key) -> Result<Program, ExprError>? {
    for i in recent.indices where recent[i].key == key {
      let program = recent[i].program
      if i > 0 { recent.swapAt(i, i - 1) }  // frequent conditions drift to the front
      return program
    }
    guard let cached = programs[key] else { return nil }
    remember(key, cached)
    return cached
  }

  /// Puts an entry in the recent list (call with the lock held).
  private func remember(_ key: Key, _ program: Result<Program, ExprError>) {
    if recent.count >= Self.recentCapacity { recent.removeLast() }
    recent.insert((key, program), at: 0)
  }

  /// An environment laid out as `ArgoEnvironment.template` with `result` set.
  private func environment(result: Value) -> Environment {
    lock.lock()
    var environment = spareEnvironments.popLast() ?? ArgoEnvironment.template
    lock.unlock()
    environment.setValue(result, at: ArgoEnvironment.resultPosition)
    return environment
  }

  /// Returns an environment for reuse, without its result (which may be large).
  private func recycle(_ environment: consuming Environment) {
    var spare = environment
    spare.setValue(.null, at: ArgoEnvironment.resultPosition)
    lock.lock()
    if spareEnvironments.count < 16 { spareEnvironments.append(spare) }
    lock.unlock()
  }

  /// Argo's `EvalCondition(result, condition)`: true/false, or why not.
  public func evaluate(_ expression: String, result: ConditionValue) -> Result<Bool, ConditionFailure> {
    let program: Program
    switch self.program(expression, shape: result.shape) {
    case .success(let compiled): program = compiled
    case .failure(let error):
      return .failure(ConditionFailure(kind: .compile, message: error.message, exprError: error))
    }
    let environment = environment(result: result.exprValue)
    let output: Value
    do {
      output = try program.run(environment)
    } catch {
      recycle(environment)
      return .failure(ConditionFailure(kind: .runtime, message: error.message, exprError: error))
    }
    recycle(environment)
    guard case .bool(let verdict) = output else {
      return .failure(
        ConditionFailure(kind: .notBool, message: "expected bool, but got \(output.goTypeName)", exprError: nil))
    }
    return .success(verdict)
  }

  /// Compile-time check of a condition against a result shape, for load-time diagnostics.
  public func check(_ expression: String, shape: ResultShape) -> ExprError? {
    if case .failure(let error) = program(expression, shape: shape) { return error }
    return nil
  }
}
