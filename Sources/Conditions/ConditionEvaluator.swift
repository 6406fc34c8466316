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
  // The state below is only touched with `lock` held, so Swift's dynamic exclusivity checks (which
  // cost more than the lock at every measurement) are left out.
  @exclusivity(unchecked) private var programs: [Key: Compiled] = [:]
  /// The conditions used last, most recent first, looked through before the dictionary: a metric
  /// evaluates the same one or two conditions at every measurement, and comparing their text with
  /// itself costs far less than hashing it.
  @exclusivity(unchecked) private var recent: [Compiled] = []
  private static let recentCapacity = 8
  /// Environments left by finished evaluations, reused so that setting `result` changes a uniquely
  /// referenced environment in place instead of copying the template's values.
  @exclusivity(unchecked) private var spareEnvironments: [Environment] = []
  @exclusivity(unchecked) private var compiledCount = 0
  /// Bound on cached entries; beyond it the cache starts over (sweeps vary expressions little).
  public let capacity: Int

  private struct Key: Hashable {
    var expression: String
    var shape: ResultShape
  }

  /// A compile result, shared by reference: copying the `Result` (and the error it may hold) at each
  /// lookup costs more than evaluating the condition.
  private final class Compiled: Sendable {
    let key: Key
    let result: Result<Program, ExprError>
    /// The program when it compiled, run where it is stored (not copied out of the result).
    let program: Program?
    init(key: Key, result: Result<Program, ExprError>) {
      self.key = key
      self.result = result
      if case .success(let program) = result { self.program = program } else { self.program = nil }
    }

    func run(_ environment: Environment) throws(ExprError) -> Value? {
      try program?.run(environment)
    }
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

  /// The compiled condition for results of `shape`, or the compile error Argo would report.
  public func program(_ expression: String, shape: ResultShape) -> Result<Program, ExprError> {
    compiled(Key(expression: expression, shape: shape), takingEnvironment: false).entry.result
  }

  /// The compiled entry for `key`, compiling it on first use; with it, when asked, a spare
  /// environment (taken in the same locked section).
  private func compiled(_ key: Key, takingEnvironment: Bool) -> (entry: Compiled, environment: Environment?) {
    lock.lock()
    let cached = cachedEntry(key)
    let environment = takingEnvironment ? spareEnvironments.popLast() : nil
    lock.unlock()
    if let cached { return (cached, environment) }
    let result: Result<Program, ExprError>
    do {
      result = .success(
        try Program.compile(key.expression, environment: ArgoEnvironment.environment(result: key.shape.representative)))
    } catch {
      result = .failure(error)
    }
    let entry = Compiled(key: key, result: result)
    lock.lock()
    if programs.count >= capacity {
      programs.removeAll(keepingCapacity: true)
      recent.removeAll(keepingCapacity: true)
    }
    if programs[key] == nil { compiledCount += 1 }
    programs[key] = entry
    remember(entry)
    lock.unlock()
    return (entry, environment)
  }

  /// The cached entry for `key` (call with the lock held).
  private func cachedEntry(_ key: Key) -> Compiled? {
    for i in recent.indices where recent[i].key == key {
      let entry = recent[i]
      if i > 0 { recent.swapAt(i, i - 1) }  // frequent conditions drift to the front
      return entry
    }
    guard let entry = programs[key] else { return nil }
    remember(entry)
    return entry
  }

  /// Puts an entry in the recent list (call with the lock held).
  private func remember(_ entry: Compiled) {
    if recent.count >= Self.recentCapacity { recent.removeLast() }
    recent.insert(entry, at: 0)
  }

  /// Keeps an environment for reuse. Its `result` stays until the next evaluation replaces it (a few
  /// spare environments holding one result each cost less memory than clearing them costs time).
  private func recycle(_ environment: inout Environment) {
    lock.lock()
    if spareEnvironments.count < 16 { spareEnvironments.append(environment) }
    lock.unlock()
  }

  /// Argo's `EvalCondition(result, condition)`: true/false, or why not.
  public func evaluate(_ expression: String, result: ConditionValue) -> Result<Bool, ConditionFailure> {
    let (entry, spare) = compiled(Key(expression: expression, shape: result.shape), takingEnvironment: true)
    if case .failure(let error) = entry.result {
      if var spare { recycle(&spare) }
      return .failure(ConditionFailure(kind: .compile, message: error.message, exprError: error))
    }
    // The template's layout, so the program reads `result` by position (see `Program.run`).
    var environment = spare ?? ArgoEnvironment.template
    environment.setValue(result.exprValue, at: ArgoEnvironment.resultPosition)
    let output: Value
    do {
      output = try entry.run(environment) ?? .null
    } catch {
      recycle(&environment)
      return .failure(ConditionFailure(kind: .runtime, message: error.message, exprError: error))
    }
    recycle(&environment)
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
