import Foundation

/// Runs tasks on a fixed pool of threads and hands their outputs, in batches, to the calling thread,
/// which is the only one that writes (SQLite connections are single-threaded).
///
/// Memory stays flat however many tasks there are: at most `capacity` finished outputs wait for the
/// consumer; a worker that finds the buffer full waits before starting its next task.
public enum SweepExecutor {
  /// The number of workers a sweep uses by default: one per core.
  public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Runs `work` for every element of `tasks` on `workers` threads; `consume` receives finished
  /// outputs in completion order, on the calling thread, in batches of at most `batchLimit`. When
  /// `consume` throws, the workers stop after their current task and the error is rethrown.
  public static func run<Output: Sendable>(
    tasks: [Int], workers: Int, capacity: Int = 64, batchLimit: Int = 64,
    work: @escaping @Sendable (Int) -> Output,
    consume: ([(task: Int, output: Output)]) throws -> Void
  ) throws {
    guard !tasks.isEmpty else { return }
    let pool = WorkerPool<Output>(tasks: tasks, capacity: max(1, capacity))
    let count = max(1, min(workers, tasks.count))
    pool.begin(workers: count)
    for _ in 0..<count {
      let thread = Thread {
        while let task = pool.nextTask() {
          pool.put(task: task, output: work(task))
        }
        pool.workerFinished()
      }
      // Deep reconciles recurse; give workers the main thread's stack size.
      thread.stackSize = 8 << 20
      thread.start()
    }
    while true {
      let batch = pool.takeBatch(limit: max(1, batchLimit))
      if batch.isEmpty { break }
      do {
        try consume(batch)
      } catch {
        pool.cancel()
        pool.waitForWorkers()
        throw error
      }
    }
    pool.waitForWorkers()
  }
}

/// The state shared by the workers and the consumer, guarded by one condition variable.
final class WorkerPool<Output: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private let tasks: [Int]
  private let capacity: Int
  private var cursor = 0
  private var buffer: [(task: Int, output: Output)] = []
  private var active = 0
  private var cancelled = false

  init(tasks: [Int], capacity: Int) {
    self.tasks = tasks
    self.capacity = capacity
  }

  func begin(workers: Int) {
    condition.lock()
    active = workers
    condition.unlock()
  }

  /// The next task to run, or nil when all are taken or the sweep was cancelled.
  func nextTask() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    // Don't start work whose output could not be buffered: that is what keeps memory flat.
    while !cancelled && buffer.count >= capacity { condition.wait() }
    guard !cancelled, cursor < tasks.count else { return nil }
    cursor += 1
    return tasks[cursor - 1]
  }

  func put(task: Int, output: Output) {
    condition.lock()
    defer { condition.unlock() }
    guard !cancelled else { return }
    buffer.append((task, output))
    condition.broadcast()
  }

  func workerFinished() {
    condition.lock()
    active -= 1
    condition.broadcast()
    condition.unlock()
  }

  /// Waits for at least one output (or for every worker to finish); returns [] when all is done.
  func takeBatch(limit: Int) -> [(task: Int, output: Output)] {
    condition.lock()
    defer { condition.unlock() }
    while buffer.isEmpty && active > 0 { condition.wait() }
    let batch = Array(buffer.prefix(limit))
    buffer.removeFirst(batch.count)
    condition.broadcast()
    return batch
  }

  func cancel() {
    condition.lock()
    cancelled = true
    buffer.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  func waitForWorkers() {
    condition.lock()
    while active > 0 { condition.wait() }
    condition.unlock()
  }
}
