import SimKernel
import VirtualTime

/// P3: schedule + fire on the event kernel, with a realistic spread of future times.
let kernelScheduleAndFire = Benchmark(
  name: "kernel.scheduleAndFire", goal: "P3 ≥ 10M events/s", unit: "events", defaultIterations: 5_000_000
) { iterations in
  var queue = EventQueue<Int32>()
  var rng = SeededRandom(seed: 1)
  // Keep ~1,000 events pending, as a long run with many timers does.
  for i in 0..<1_000 { queue.schedule(Int32(i), at: SimInstant(milliseconds: Int64(rng.next() % 60_000))) }
  var fired = 0
  while fired < iterations, let (time, event) = queue.popNext() {
    fired += 1
    queue.schedule(event, at: time + .milliseconds(Int64(rng.next() & 0xFFFF) + 1))
  }
  return fired
}
