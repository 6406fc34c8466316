import Foundation
import SimKernel
import TimeSeries
import VirtualTime

/// Turns traffic into telemetry, scrape tick by scrape tick, driven by the simulation's event loop.
///
/// Call `advance(to:split:store:rng:)` with the split that was in force since the previous call; it
/// samples the requests of that span and appends a sample to every live series at each scrape tick
/// (multiples of the scrape interval) it passes. Counts are drawn per scrape interval and cell
/// (backend × pod × stream) — Poisson arrivals, binomial errors, binomial code shares — so the cost
/// grows with virtual time × series, never with requests.
///
/// Series follow the real exporters: a counter series starts when its first request is counted
/// (HAProxy's from the moment its Route or endpoint exists, zeros included), never decreases, carries
/// on across weight changes, and gets one staleness marker at the first tick after its backend left
/// the split. Always pass the same store: the generator remembers series IDs.
public struct TelemetryGenerator: Sendable {
  public let model: WorkloadModel
  /// How far traffic has been generated.
  public private(set) var now: SimInstant
  /// Requests and errors served so far, from the same draws as the telemetry.
  public private(set) var ledger = TrafficLedger()

  private let catalog: FamilyCatalog
  private let interval: Int64
  private var nextTick: Int64

  // Profiles: the model's revisions sorted by name, then the default profile.
  private let profileIndexByName: [String: Int]
  private let profiles: [RevisionProfile]
  /// Per profile: the success code, then the error codes.
  private let profileCodes: [[Int]]
  private let profileCodeCount: [Int]
  /// Per profile, the probability of each error code given that none of the earlier ones was drawn.
  private let conditionalShares: [Double]
  private let conditionalStart: [Int]
  private let codeCapacity: Int
  private var errorRates: [Double]
  /// Whether every profile's error and latency curves are constant (then they are evaluated once).
  private let profilesConstant: Bool
  private var profilesEvaluated = false
  private var latencyInputs: [Double]  // p50, p99 per profile, to skip refitting unchanged curves
  private var meanMilliseconds: [Double]
  /// Bucket fractions per (profile, layout), flattened; `fractionOffset[p * layouts + l]`.
  private var fractions: [Double] = []
  private var fractionOffset: [Int] = []

  // Counter groups (one per label set without code/le).
  private var groupKeys: [GroupKey] = []
  private var groupByKey: [GroupKey: Int32] = [:]
  private var groupLastUsed: [Int64] = []
  private var groupActivated: [Bool] = []
  private var groupSlots: [[Int32]] = []
  private var groupSlotCodes: [[Int32]] = []
  private var liveGroups: [Int32] = []

  // Slots: one per (group, code); flat arrays keep the per-tick loops tight.
  private var slotCounterSeries: [Int] = []
  private var slotGroup: [Int32] = []
  /// Slots of live groups, in creation order (the order samples are appended).
  private var activeSlots: [Int32] = []
  private var slotCounter: [Double] = []
  private var slotHistogram: [Int32] = []

  // Histograms: bucket arrays flattened, `histogramStart[h]`..+layout.count.
  private var histogramLayout: [Int32] = []
  private var histogramStart: [Int] = []
  private var bucketSeries: [Int] = []
  private var bucketExpected: [Double] = []
  private var histogramSumSeries: [Int] = []
  private var histogramSum: [Double] = []
  private var histogramCountSeries: [Int] = []
  private var histogramCount: [Double] = []

  // The plan for the split in force, rebuilt when the split changes. Kept in separate stored arrays
  // rather than one struct so the per-tick loops read them without retaining a copy.
  private var planSplit: TrafficSplit?
  /// The caller's number for `planSplit` (see `advance`), nil when it gave none.
  private var planSplitVersion: Int?
  private var planCells: [PlanCell] = []
  private var planEdgeStart: [Int] = [0]
  private var planEdgeGroup: [Int32] = []
  private var planEdgeSlotStart: [Int] = []
  private var planGroups: [Int32] = []
  private var planStreams: [Curve] = []
  private var planStreamsConstant = false
  private var edgeSlots: [Int32] = []
  private var streamRates: [Double] = []
  private var codeCounts: [Int64]
  private var intervalCounts: [TrafficCounts] = []

  /// Samples per new series to reserve room for (from the horizon hint).
  private let reservedSamples: Int

  /// Starts generating at `start` (before the update, so range queries early in the run see history).
  /// `horizon`, when known, lets new series reserve their memory once.
  public init(model: WorkloadModel, start: SimInstant = .zero, horizon: SimInstant? = nil) {
    self.model = model
    self.now = start
    catalog = FamilyCatalog(options: model.telemetry)
    interval = max(1, model.scrapeInterval.milliseconds)
    nextTick = Self.firstTick(after: start.milliseconds, interval: interval)
    if let horizon, horizon > start {
      reservedSamples = Int(min((horizon.milliseconds - start.milliseconds) / interval + 1, 10_000_000))
    } else {
      reservedSamples = 0
    }

    let names = model.revisions.keys.sorted()
    var indexByName: [String: Int] = [:]
    for (i, name) in names.enumerated() { indexByName[name] = i }
    profileIndexByName = indexByName
    profiles = names.map { model.revisions[$0]! } + [model.defaultProfile]
    profileCodes = profiles.map { [model.successCode] + $0.errorCodes.shares.map(\.code) }
    profileCodeCount = profileCodes.map(\.count)
    var shares: [Double] = []
    var starts: [Int] = []
    for profile in profiles {
      starts.append(shares.count)
      var remaining = profile.errorCodes.shares.reduce(0) { $0 + $1.weight }
      for share in profile.errorCodes.shares {
        shares.append(remaining > 0 ? min(1, share.weight / remaining) : 0)
        remaining -= share.weight
      }
    }
    conditionalShares = shares
    conditionalStart = starts
    codeCapacity = profileCodes.map(\.count).max() ?? 1
    codeCounts = Array(repeating: 0, count: codeCapacity)
    errorRates = Array(repeating: 0, count: profiles.count)
    profilesConstant = profiles.allSatisfy {
      $0.errorRate.constantValue != nil && $0.latency.p50.constantValue != nil && $0.latency.p99.constantValue != nil
    }
    latencyInputs = Array(repeating: .nan, count: profiles.count * 2)
    meanMilliseconds = Array(repeating: 0, count: profiles.count)
    var offset = 0
    for _ in profiles {
      for layout in catalog.layouts {
        fractionOffset.append(offset)
        offset += layout.boundsMilliseconds.count
      }
    }
    fractions = Array(repeating: 0, count: offset)
  }

  /// The first scrape tick strictly after `t`.
  static func firstTick(after t: Int64, interval: Int64) -> Int64 {
    let floorDiv = t >= 0 ? t / interval : -((-t + interval - 1) / interval)
    return (floorDiv + 1) * interval
  }

  /// The next scrape tick to be emitted.
  public var nextScrape: SimInstant { SimInstant(milliseconds: nextTick) }

  /// How many series the generator has created.
  public var seriesCount: Int {
    slotCounterSeries.count { $0 >= 0 } + bucketSeries.count { $0 >= 0 } + histogramSumSeries.count { $0 >= 0 }
      + histogramCountSeries.count { $0 >= 0 }
  }

  /// Generates traffic from `now` to `end` with `split` in force, emitting every scrape tick in
  /// (now, end]. An `end` at or before `now` changes nothing.
  ///
  /// - Parameter splitVersion: optional; a caller that numbers its splits (a new number whenever the
  ///   split may have changed) spares the comparison of `split` with the previous one on every call.
  public mutating func advance(
    to end: SimInstant, split: TrafficSplit, splitVersion: Int? = nil, store: inout SeriesStore,
    rng: inout SeededRandom
  ) {
    guard end.milliseconds > now.milliseconds else { return }
    if splitVersion == nil || splitVersion != planSplitVersion {
      if planSplit != split { rebuildPlan(for: split) }
      planSplitVersion = splitVersion
    }
    var t = now.milliseconds
    var sampler = CountSampler()
    while t < end.milliseconds {
      let segmentEnd = min(end.milliseconds, nextTick)
      markPlanUsed(store: &store)
      sample(from: t, to: segmentEnd, store: &store, sampler: &sampler, rng: &rng)
      t = segmentEnd
      if t == nextTick {
        emit(at: t, store: &store)
        nextTick += interval
      }
    }
    now = end
  }

  // MARK: - Plan

  private struct PlanCell {
    var stream: Int
    /// Share of the stream divided among the backend's pods.
    var factor: Double
    var profile: Int
    var ledgerEntry: Int
  }

  private struct Plan {
    var split: TrafficSplit
    var cells: [PlanCell] = []
    var edgeStart: [Int] = [0]
    var edgeGroup: [Int32] = []
    var edgeSlotStart: [Int] = []
    var groups: [Int32] = []
    var streams: [Curve] = []
  }

  private mutating func rebuildPlan(for split: TrafficSplit) {
    var next = Plan(split: split)
    next.streams = [model.rps] + split.tests.map(\.rate)
    var newEdgeSlots: [Int32] = []
    var inPlan = Set<Int32>()
    func addBackends(_ backends: [Backend], stream: Int, source: TrafficSource, streamName: String?) {
      for backend in backends {
        let profile = profileIndexByName[backend.revision] ?? profiles.count - 1
        let entry = ledger.entryIndex(
          stream: streamName, revision: backend.revision, podTemplateHash: backend.podTemplateHash,
          workload: backend.workload)
        while intervalCounts.count < ledger.entries.count { intervalCounts.append(TrafficCounts()) }
        let pods: [String?] = backend.pods.isEmpty ? [nil] : backend.pods
        let share = backend.share.isFinite ? min(max(backend.share, 0), 1) : 0
        for pod in pods {
          next.cells.append(
            PlanCell(stream: stream, factor: share / Double(pods.count), profile: profile, ledgerEntry: entry))
          for key in catalog.groups(for: CellContext(backend: backend, pod: pod, source: source)) {
            let group = groupIndex(for: key)
            next.edgeGroup.append(group)
            next.edgeSlotStart.append(newEdgeSlots.count)
            newEdgeSlots.append(contentsOf: repeatElement(-1, count: profileCodes[profile].count))
            if inPlan.insert(group).inserted { next.groups.append(group) }
          }
          next.edgeStart.append(next.edgeGroup.count)
        }
      }
    }
    addBackends(split.backends, stream: 0, source: model.source, streamName: nil)
    for (i, test) in split.tests.enumerated() {
      addBackends(test.backends, stream: i + 1, source: test.source ?? model.source, streamName: test.name)
    }
    planSplit = split
    planCells = next.cells
    planEdgeStart = next.edgeStart
    planEdgeGroup = next.edgeGroup
    planEdgeSlotStart = next.edgeSlotStart
    planGroups = next.groups
    planStreams = next.streams
    planStreamsConstant = next.streams.allSatisfy { $0.constantValue != nil }
    streamRates = Array(repeating: 0, count: next.streams.count)
    if planStreamsConstant { evaluateStreams(at: 0) }
    edgeSlots = newEdgeSlots
  }

  private mutating func groupIndex(for key: GroupKey) -> Int32 {
    if let index = groupByKey[key] { return index }
    let index = Int32(groupKeys.count)
    groupKeys.append(key)
    groupByKey[key] = index
    groupLastUsed.append(Int64.min)
    groupActivated.append(false)
    groupSlots.append([])
    groupSlotCodes.append([])
    liveGroups.append(index)
    return index
  }

  /// Marks the plan's groups as present during the interval that ends at `nextTick`; a group's first
  /// use declares the series its exporter always shows (HAProxy's six code classes).
  private mutating func markPlanUsed(store: inout SeriesStore) {
    for group in planGroups {
      groupLastUsed[Int(group)] = nextTick
      if !groupActivated[Int(group)] {
        groupActivated[Int(group)] = true
        let set = catalog.metricSets[groupKeys[Int(group)].metricSet]
        if set.codeStyle == .haproxyClasses {
          for code in 0..<Int32(MetricSet.haproxyClassNames.count) { _ = slot(group: group, code: code, store: &store) }
        }
      }
    }
  }

  // MARK: - Sampling

  private mutating func sample(
    from a: Int64, to b: Int64, store: inout SeriesStore, sampler: inout CountSampler, rng: inout SeededRandom
  ) {
    let seconds = Double(b - a) / 1000
    let mid = a + (b - a) / 2
    if !planStreamsConstant { evaluateStreams(at: mid) }
    updateProfiles(at: mid)
    for c in planCells.indices {
      let cell = planCells[c]
      let lambda = streamRates[cell.stream] * cell.factor * seconds
      let requests = sampler.poisson(mean: lambda, &rng)
      if requests == 0 { continue }
      let errors = sampler.binomial(trials: requests, probability: errorRates[cell.profile], &rng)
      splitCodes(requests: requests, errors: errors, profile: cell.profile, sampler: &sampler, rng: &rng)
      ledger.add(entry: cell.ledgerEntry, requests: requests, errors: errors)
      if model.recordIntervals {
        intervalCounts[cell.ledgerEntry] += TrafficCounts(requests: requests, errors: errors)
      }
      let codeCount = profileCodeCount[cell.profile]
      for edge in planEdgeStart[c]..<planEdgeStart[c + 1] {
        let slotBase = planEdgeSlotStart[edge]
        for position in 0..<codeCount {
          let count = codeCounts[position]
          if count == 0 { continue }
          var slotIndex = edgeSlots[slotBase + position]
          if slotIndex < 0 {
            slotIndex = createSlot(edge: edge, position: position, profile: cell.profile, store: &store)
          }
          let s = Int(slotIndex)
          slotCounter[s] += Double(count)
          let h = Int(slotHistogram[s])
          if h >= 0 { observe(histogram: h, count: count, profile: cell.profile) }
        }
      }
    }
  }

  private mutating func evaluateStreams(at t: Int64) {
    for i in planStreams.indices {
      let rate = planStreams[i].value(atMilliseconds: t)
      streamRates[i] = rate.isFinite && rate > 0 ? rate : 0
    }
  }

  private mutating func createSlot(edge: Int, position: Int, profile: Int, store: inout SeriesStore) -> Int32 {
    let group = planEdgeGroup[edge]
    let set = catalog.metricSets[groupKeys[Int(group)].metricSet]
    let code = profileCodes[profile][position]
    let slotIndex = slot(
      group: group, code: set.codeStyle == .exact ? Int32(code) : MetricSet.haproxyClass(of: code), store: &store)
    edgeSlots[planEdgeSlotStart[edge] + position] = slotIndex
    return slotIndex
  }

  /// Fills `codeCounts` with the success count then the count of each error code (a multinomial drawn
  /// as a chain of binomials with precomputed conditional probabilities).
  private mutating func splitCodes(
    requests: Int64, errors: Int64, profile: Int, sampler: inout CountSampler, rng: inout SeededRandom
  ) {
    codeCounts[0] = requests - errors
    let errorCodes = profileCodeCount[profile] - 1
    if errorCodes == 1 {
      codeCounts[1] = errors
      return
    }
    var remaining = errors
    let base = conditionalStart[profile]
    for i in 0..<errorCodes - 1 {
      let drawn = remaining == 0 ? 0 : sampler.binomial(trials: remaining, probability: conditionalShares[base + i], &rng)
      codeCounts[i + 1] = drawn
      remaining -= drawn
    }
    codeCounts[errorCodes] = remaining
  }

  private mutating func updateProfiles(at t: Int64) {
    if profilesConstant {
      if profilesEvaluated { return }
      profilesEvaluated = true
    }
    for p in profiles.indices {
      let rate = profiles[p].errorRate.value(atMilliseconds: t)
      errorRates[p] = rate.isFinite ? min(max(rate, 0), 1) : 0
    }
    guard !catalog.layouts.isEmpty else { return }
    for p in profiles.indices {
      let p50 = profiles[p].latency.p50.value(atMilliseconds: t)
      let p99 = profiles[p].latency.p99.value(atMilliseconds: t)
      if p50 == latencyInputs[2 * p], p99 == latencyInputs[2 * p + 1] { continue }
      // A gap in a latency curve (`_` in a series) keeps the previous latency once there is one.
      if !(p50.isFinite && p99.isFinite), !latencyInputs[2 * p].isNaN { continue }
      latencyInputs[2 * p] = p50
      latencyInputs[2 * p + 1] = p99
      let distribution = LogNormalLatency(p50: p50, p99: p99)
      meanMilliseconds[p] = distribution.mean
      for (l, layout) in catalog.layouts.enumerated() {
        let offset = fractionOffset[p * catalog.layouts.count + l]
        for (i, bound) in layout.boundsMilliseconds.enumerated() {
          fractions[offset + i] = bound.isInfinite ? 1 : distribution.cdf(bound)
        }
      }
    }
  }

  /// Adds `count` observations from `profile`'s distribution: each bucket grows by its expected share,
  /// kept fractional and emitted rounded down, so buckets stay cumulative, monotonic and exact on
  /// average without a draw per bucket.
  private mutating func observe(histogram h: Int, count: Int64, profile: Int) {
    let layout = Int(histogramLayout[h])
    let n = Double(count)
    let offset = fractionOffset[profile * catalog.layouts.count + layout]
    let start = histogramStart[h]
    let buckets = catalog.layouts[layout].boundsMilliseconds.count
    for i in 0..<buckets { bucketExpected[start + i] += n * fractions[offset + i] }
    histogramSum[h] += n * meanMilliseconds[profile] / catalog.layouts[layout].millisecondsPerUnit
    histogramCount[h] += n
  }

  // MARK: - Series

  /// The slot of `code` in `group`, creating its series on first use.
  private mutating func slot(group: Int32, code: Int32, store: inout SeriesStore) -> Int32 {
    let g = Int(group)
    if let i = groupSlotCodes[g].firstIndex(of: code) { return groupSlots[g][i] }
    let key = groupKeys[g]
    let set = catalog.metricSets[key.metricSet]
    let codeText = set.codeText(code)
    let reserve = reservedSamples
    func id(_ labels: Labels) -> Int {
      let id = store.seriesID(for: labels)
      if reserve > 0, store[id].isEmpty { store.reserveCapacity(id, reserve) }
      return id
    }
    func labels(_ name: String, le: String? = nil) -> Labels {
      var labels = key.labels
      labels.set(Labels.metricNameLabel, name)
      for codeLabel in set.codeLabels { labels.set(codeLabel, codeText) }
      for classLabel in set.classLabels { labels.set(classLabel, set.classText(code)) }
      if let le { labels.set("le", le) }
      return labels
    }
    let slotIndex = Int32(slotCounter.count)
    slotCounterSeries.append(set.counter.map { id(labels($0)) } ?? -1)
    slotCounter.append(0)
    slotGroup.append(group)
    activeSlots.append(slotIndex)
    if let histogram = set.histogram {
      histogramLayout.append(Int32(histogram.layoutIndex))
      histogramStart.append(bucketSeries.count)
      for le in histogram.layout.leLabels {
        bucketSeries.append(histogram.bucket.map { id(labels($0, le: le)) } ?? -1)
        bucketExpected.append(0)
      }
      histogramSumSeries.append(histogram.sum.map { id(labels($0)) } ?? -1)
      histogramSum.append(0)
      histogramCountSeries.append(histogram.count.map { id(labels($0)) } ?? -1)
      histogramCount.append(0)
      slotHistogram.append(Int32(histogramCount.count - 1))
    } else {
      slotHistogram.append(-1)
    }
    groupSlots[g].append(slotIndex)
    groupSlotCodes[g].append(code)
    return slotIndex
  }

  /// Appends one sample to every live series at tick `t`; series whose group was absent for the whole
  /// interval get a staleness marker and are forgotten (a later return starts from zero, like a new pod).
  private mutating func emit(at t: Int64, store: inout SeriesStore) {
    // One appender for the whole scrape (see `SeriesStore.withSampleAppender`).
    store.withSampleAppender { appender in
      for slot in activeSlots {
        let s = Int(slot)
        let present = groupLastUsed[Int(slotGroup[s])] == t
        let series = slotCounterSeries[s]
        if series >= 0 { appender.append(series, timestamp: t, value: present ? slotCounter[s] : Sample.staleNaN) }
        let h = Int(slotHistogram[s])
        if h >= 0 { emitHistogram(h, at: t, present: present, to: appender) }
      }
    }
    if liveGroups.contains(where: { groupLastUsed[Int($0)] != t }) { retireAbsentGroups(at: t) }
    recordInterval(at: t)
  }

  private func emitHistogram(_ h: Int, at t: Int64, present: Bool, to store: SampleAppender) {
    let start = histogramStart[h]
    let buckets = catalog.layouts[Int(histogramLayout[h])].boundsMilliseconds.count
    for i in 0..<buckets where bucketSeries[start + i] >= 0 {
      let value = i == buckets - 1 ? histogramCount[h] : bucketExpected[start + i].rounded(.down)
      store.append(bucketSeries[start + i], timestamp: t, value: present ? value : Sample.staleNaN)
    }
    if histogramSumSeries[h] >= 0 {
      store.append(histogramSumSeries[h], timestamp: t, value: present ? histogramSum[h] : Sample.staleNaN)
    }
    if histogramCountSeries[h] >= 0 {
      store.append(histogramCountSeries[h], timestamp: t, value: present ? histogramCount[h] : Sample.staleNaN)
    }
  }

  private mutating func retireAbsentGroups(at t: Int64) {
    var kept: [Int32] = []
    kept.reserveCapacity(liveGroups.count)
    for group in liveGroups {
      if groupLastUsed[Int(group)] == t {
        kept.append(group)
      } else {
        groupByKey.removeValue(forKey: groupKeys[Int(group)])
      }
    }
    liveGroups = kept
    activeSlots.removeAll { groupLastUsed[Int(slotGroup[Int($0)])] != t }
  }

  private mutating func recordInterval(at t: Int64) {
    guard model.recordIntervals else { return }
    for i in intervalCounts.indices where intervalCounts[i].requests > 0 {
      let entry = ledger.entries[i]
      ledger.intervals.append(
        TrafficLedger.Interval(
          end: SimInstant(milliseconds: t), stream: entry.stream, revision: entry.revision,
          podTemplateHash: entry.podTemplateHash, counts: intervalCounts[i]))
      intervalCounts[i] = TrafficCounts()
    }
  }

}
