import PropertyBased
import SimKernel
import Testing
import VirtualTime

@Suite struct EventQueueTests {
  @Test func firesByTimeThenPriorityThenInsertion() {
    var queue = EventQueue<String>()
    queue.schedule("late-b", at: .init(milliseconds: 10), priority: .late)
    queue.schedule("normal-1", at: .init(milliseconds: 10))
    queue.schedule("early", at: .init(milliseconds: 5))
    queue.schedule("normal-2", at: .init(milliseconds: 10))
    queue.schedule("urgent", at: .init(milliseconds: 10), priority: .urgent)
    var fired: [String] = []
    while let (_, event) = queue.popNext() { fired.append(event) }
    #expect(fired == ["early", "urgent", "normal-1", "normal-2", "late-b"])
    #expect(queue.now == SimInstant(milliseconds: 10))
    #expect(queue.firedCount == 5)
  }

  @Test func schedulingInThePastIsClampedToNow() {
    var queue = EventQueue<Int>()
    queue.schedule(1, at: .init(milliseconds: 100))
    _ = queue.popNext()
    queue.schedule(2, at: .init(milliseconds: 50))
    #expect(queue.nextTime == SimInstant(milliseconds: 100))
  }

  @Test func popNotAfterRespectsTheLimit() {
    var queue = EventQueue<Int>()
    queue.schedule(1, at: .init(milliseconds: 100))
    #expect(queue.popNext(notAfter: .init(milliseconds: 99)) == nil)
    #expect(queue.popNext(notAfter: .init(milliseconds: 100))?.event == 1)
  }

  @Test func removeAllDropsMatchingEvents() {
    var queue = EventQueue<Int>()
    for i in 0..<10 { queue.schedule(i, at: .init(milliseconds: Int64(10 - i))) }
    queue.removeAll { $0 % 2 == 0 }
    var fired: [Int] = []
    while let (_, e) = queue.popNext() { fired.append(e) }
    #expect(fired == [9, 7, 5, 3, 1])
  }

  /// Whatever the insertion order, events come out sorted by (time, priority, insertion), and the
  /// clock never goes backwards.
  @Test func orderingPropertyHolds() async {
    // One integer encodes both the time (x / 3) and the priority (x % 3).
    await propertyCheck(count: 300, input: Gen.int(in: 0...152).array(of: 0...60)) { codes in
      let entries = codes.map { ($0 / 3, $0 % 3) }
      var queue = EventQueue<Int>()
      let priorities: [EventPriority] = [.urgent, .normal, .late]
      for (index, (t, p)) in entries.enumerated() {
        queue.schedule(index, at: .init(milliseconds: Int64(t)), priority: priorities[p])
      }
      var fired: [Int] = []
      var last = SimInstant.zero
      while let (time, index) = queue.popNext() {
        #expect(time >= last)
        last = time
        fired.append(index)
      }
      let expected = entries.indices.sorted { a, b in
        let (ta, pa) = entries[a], (tb, pb) = entries[b]
        return (ta, pa, a) < (tb, pb, b)
      }
      #expect(fired == expected)
    }
  }
}

@Suite struct SeededRandomTests {
  @Test func sameSeedSameSequence() {
    var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
    let sa = (0..<8).map { _ in a.next() }, sb = (0..<8).map { _ in b.next() }
    let sc = (0..<8).map { _ in c.next() }
    #expect(sa == sb)
    #expect(sa != sc)
  }

  @Test func knownFirstValuesAreStableAcrossPlatforms() {
    // Pinned so an accidental change of the generator shows up as a test failure.
    var rng = SeededRandom(seed: 1)
    #expect(rng.next() == 12_966_619_160_104_079_557)
    #expect(rng.next() == 9_600_361_134_598_540_522)
  }

  @Test func forksAreIndependentAndDoNotAdvanceTheParent() {
    let parent = SeededRandom(seed: 7)
    var copy = parent
    var traffic = parent.fork(label: "traffic"), pods = parent.fork(label: "pods")
    #expect(traffic.next() != pods.next())
    var parentAgain = parent
    #expect(copy.next() == parentAgain.next())
  }

  @Test func poissonAndBinomialHaveTheRightMeans() {
    var rng = SeededRandom(seed: 3)
    let n = 20_000
    var poissonSum: Int64 = 0, poissonLargeSum: Int64 = 0, binomialSum: Int64 = 0
    for _ in 0..<n {
      poissonSum += rng.poisson(mean: 4.5)
      poissonLargeSum += rng.poisson(mean: 3_000)
      binomialSum += rng.binomial(trials: 3_000, probability: 0.02)
    }
    #expect(abs(Double(poissonSum) / Double(n) - 4.5) < 0.1)
    #expect(abs(Double(poissonLargeSum) / Double(n) - 3_000) < 3)
    #expect(abs(Double(binomialSum) / Double(n) - 60) < 1)
  }

  @Test func binomialStaysWithinTrials() {
    var rng = SeededRandom(seed: 9)
    for trials in [0, 1, 10, 64, 65, 1_000] as [Int64] {
      for p in [0.0, 0.001, 0.5, 0.999, 1.0] {
        let k = rng.binomial(trials: trials, probability: p)
        #expect(k >= 0 && k <= trials)
      }
    }
  }
}
