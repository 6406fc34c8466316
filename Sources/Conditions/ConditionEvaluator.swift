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
    if let cached = programs[key] {
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
    if programs.count >= capacity { programs.removeAll(keepingCapacity: true) }
    if programs[key] == nil { compiledCount += 1 }
    programs[key] = compiled
    lock.unlock()
    return compiled
  }

  /// Argo's `EvalCondition(result, condition)`: true/false, or why not.
  public func evaluate(_ expression: String, result: ConditionValue) -> Result<Bool, ConditionFailure> {
    let program: Program
    switch self.program(expression, shape: result.shape) {
    case .success(let compiled): program = compiled
    case .failure(let error):
      return .failure(ConditionFailure(kind: .compile, message: error.message, exprError: error))
    }
    let output: Value
    do {
      output = try program.run(ArgoEnvironment.environment(result: result))
    } catch {
      return .failure(ConditionFailure(kind: .runtime, message: error.message, exprError: error))
    }
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
