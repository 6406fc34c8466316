import Foundation
import Simulation
import Testing
import WhatIf

@Suite struct SweepExecutorTests {
  /// Counts shared by workers and the consumer.
  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() { lock.withLock { value += 1 } }
    var current: Int { lock.withLock { value } }
  }

  @Test func runsEveryTaskOnceAndKeepsTheBufferBounded() throws {
    let started = Counter()
    var seen: [Int] = []
    var consumed = 0
    var worstBacklog = 0
    try SweepExecutor.run(
      tasks: Array(0..<500), workers: 3, capacity: 4, batchLimit: 3,
      work: { task in
        started.increment()
        return task * task
      },
      consume: { batch in
        #expect(batch.count <= 3)
        for (task, output) in batch {
          #expect(output == task * task)
          seen.append(task)
        }
        consumed += batch.count
        // Started but not yet consumed: at most the buffer plus one task in each worker's hands.
        worstBacklog = max(worstBacklog, started.current - consumed)
      })
    #expect(seen.sorted() == Array(0..<500))
    #expect(worstBacklog <= 4 + 3)
  }

  @Test func aConsumerErrorStopsTheWorkersAndIsRethrown() {
    struct Full: Error {}
    var batches = 0
    #expect(throws: Full.self) {
      try SweepExecutor.run(
        tasks: Array(0..<10_000), workers: 2, capacity: 2, batchLimit: 1, work: { $0 },
        consume: { _ in
          batches += 1
          if batches == 3 { throw Full() }
        })
    }
    #expect(batches == 3)
  }

  @Test func noTasksIsNoWork() throws {
    var called = false
    try SweepExecutor.run(tasks: [], workers: 4, work: { $0 }, consume: { _ in called = true })
    #expect(!called)
  }

  /// Runs depend only on their cell and seed: any number of workers, any completion order, the same
  /// outcomes and the same statistics.
  @Test func outcomesDoNotDependOnWorkersOrOrder() throws {
    let plan = try SweepFixtures.loadPlan()
    func sweep(workers: Int, tasks: [Int]) throws -> [SweepOutcome] {
      var outcomes: [SweepOutcome] = []
      try SweepExecutor.run(
        tasks: tasks, workers: workers, work: { RunSummary(result: plan.run(plan.task(at: $0))) },
        consume: { batch in
          for (index, summary) in batch {
            let task = plan.task(at: index)
            outcomes.append(
              SweepOutcome(task: index, variant: task.variant, release: plan.releases[task.release].kind, summary: summary))
          }
        })
      return outcomes.sorted { $0.task < $1.task }
    }
    let all = Array(0..<plan.taskCount)
    let one = try sweep(workers: 1, tasks: all)
    let three = try sweep(workers: 3, tasks: all.reversed())
    #expect(one == three)
    let names = plan.variants.map(\.name)
    let statistics = SweepStatistics(variantNames: names, outcomes: one)
    #expect(statistics == SweepStatistics(variantNames: names, outcomes: three))
    // What the fixture is built to show: a never-ready bad canary always hits the deadline; canary
    // pods that take up to 80s against a 60s deadline sometimes abort a good release too.
    #expect(statistics.variants.allSatisfy { $0.detection?.rate == 1 })
    #expect(statistics.variants[0].falseRollback.map { $0.successes > 0 } == true)
    #expect(statistics.variants[2].falseRollback?.successes == 0)
  }
}
