import VirtualTime

/// One chart's geometry: a plot area on a `TimeScale` horizontally and a linear value range
/// vertically, with helpers that emit SVG fragments. Coordinates are printed with one decimal so
/// equal runs give byte-identical SVG.
struct SVGChart {
  var width: Double = 960
  var height: Double
  var left: Double = 64
  var right: Double = 16
  var top: Double = 26
  var bottom: Double = 28
  var scale: TimeScale
  var yMin: Double = 0
  var yMax: Double = 100

  var plotWidth: Double { width - left - right }
  var plotHeight: Double { height - top - bottom }

  func x(_ t: Int64) -> Double { left + scale.x(t) * plotWidth }
  func x(fraction: Double) -> Double { left + fraction * plotWidth }
  func y(_ v: Double) -> Double {
    let span = yMax - yMin
    guard span > 0 else { return top + plotHeight }
    let clamped = min(max(v, yMin), yMax)
    return top + plotHeight * (1 - (clamped - yMin) / span)
  }

  static func f(_ v: Double) -> String { Number.fixed(v, 1) }

  func open(_ cssClass: String, label: String) -> String {
    "<svg class=\"chart \(cssClass)\" viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\" role=\"img\" aria-label=\"\(h(label))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
  }

  /// A step function through `points` (value holds until the next point), up to `end`.
  func stepPath(_ points: [(t: Int64, v: Double)], end: Int64) -> String {
    guard let first = points.first else { return "" }
    var d = "M\(Self.f(x(first.t))),\(Self.f(y(first.v)))"
    var lastY = y(first.v)
    for p in points.dropFirst() {
      let px = Self.f(x(p.t))
      d += " H\(px)"
      let py = y(p.v)
      if py != lastY { d += " V\(Self.f(py))" }
      lastY = py
    }
    d += " H\(Self.f(x(end)))"
    return d
  }

  /// A polyline through bucket midpoints; nil values break the line.
  func linePath(_ points: [(t: Int64, v: Double?)]) -> String {
    var d = ""
    var pen = false
    for p in points {
      guard let v = p.v, v.isFinite else {
        pen = false
        continue
      }
      d += (pen ? " L" : (d.isEmpty ? "M" : " M")) + "\(Self.f(x(p.t))),\(Self.f(y(v)))"
      pen = true
    }
    return d
  }

  /// Frame, horizontal grid lines with labels, the time axis with its ticks and the breaks.
  func axes(yTicks: [Double], format: (Double) -> String, unit: String) -> String {
    var out = "<g class=\"grid\">"
    for v in yTicks {
      let py = Self.f(y(v))
      out += "<line x1=\"\(Self.f(left))\" x2=\"\(Self.f(width - right))\" y1=\"\(py)\" y2=\"\(py)\"/>"
      out += "<text class=\"ylabel\" x=\"\(Self.f(left - 6))\" y=\"\(py)\" dy=\"0.32em\" text-anchor=\"end\">\(h(format(v)))</text>"
    }
    if !unit.isEmpty {
      out += "<text class=\"unit\" x=\"\(Self.f(left - 6))\" y=\"\(Self.f(top - 10))\" text-anchor=\"end\">\(h(unit))</text>"
    }
    out += "</g>\n"
    out += timeAxis()
    return out
  }

  func timeAxis() -> String {
    var out = "<g class=\"time-axis\">"
    let baseline = Self.f(top + plotHeight)
    out += "<line x1=\"\(Self.f(left))\" x2=\"\(Self.f(width - right))\" y1=\"\(baseline)\" y2=\"\(baseline)\"/>"
    // Labels are placed left to right and skipped when they would overlap the previous one.
    var lastLabelEnd = -1000.0
    func label(_ text: String, at px: Double) -> String {
      let w = Double(text.count) * 6.2
      var anchor = "middle"
      var start = px - w / 2
      if start < left - 20 {
        anchor = "start"
        start = px
      } else if px + w / 2 > width - 2 {
        anchor = "end"
        start = px - w
      }
      guard start >= lastLabelEnd + 8 else { return "" }
      lastLabelEnd = start + w
      return "<text class=\"xlabel\" x=\"\(Self.f(px))\" y=\"\(Self.f(top + plotHeight + 16))\" text-anchor=\"\(anchor)\">\(h(text))</text>"
    }
    for segment in scale.segments {
      let x0 = x(fraction: segment.x0)
      let x1 = x(fraction: segment.x1)
      if segment.compressed {
        out += breakMarker(x0: x0, x1: x1)
        out += label("⋯ \(Self.shortDuration(segment.end - segment.start)) ⋯", at: (x0 + x1) / 2)
        continue
      }
      for t in ticks(segment, pixels: x1 - x0) {
        let px = x(t)
        out += "<line class=\"tick\" x1=\"\(Self.f(px))\" x2=\"\(Self.f(px))\" y1=\"\(baseline)\" y2=\"\(Self.f(top + plotHeight + 4))\"/>"
        out += label(SimInstant(milliseconds: t).description, at: px)
      }
    }
    out += "</g>\n"
    return out
  }

  /// A compressed stretch: shaded, with a zigzag (its length is labelled on the axis).
  func breakMarker(x0: Double, x1: Double) -> String {
    let mid = (x0 + x1) / 2
    var out = "<g class=\"break\"><rect x=\"\(Self.f(x0))\" y=\"\(Self.f(top))\" width=\"\(Self.f(x1 - x0))\" height=\"\(Self.f(plotHeight))\"/>"
    var d = "M\(Self.f(mid - 3)),\(Self.f(top))"
    var py = top
    var flip = false
    while py < top + plotHeight {
      py = min(top + plotHeight, py + 6)
      d += " L\(Self.f(mid + (flip ? -3 : 3))),\(Self.f(py))"
      flip.toggle()
    }
    out += "<path d=\"\(d)\"/></g>"
    return out
  }

  static func shortDuration(_ ms: Int64) -> String {
    let minutes = ms / 60_000
    let days = minutes / 1440, hours = (minutes / 60) % 24, mins = minutes % 60
    if days > 0 { return hours > 0 ? "\(days)d \(hours)h" : "\(days)d" }
    if hours > 0 { return mins > 0 ? "\(hours)h \(mins)m" : "\(hours)h" }
    return "\(max(1, mins))m"
  }

  static let tickSteps: [Int64] = [
    1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
    7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000,
  ]

  /// Round instants inside a segment, about one per 110 px.
  func ticks(_ segment: TimeScale.Segment, pixels: Double) -> [Int64] {
    let length = segment.end - segment.start
    guard length > 0, pixels > 20 else { return [segment.start] }
    let wanted = max(1, Int(pixels / 110))
    let step = Self.tickSteps.first { length / $0 <= Int64(wanted) } ?? Self.tickSteps.last!
    var t = (segment.start + step - 1) / step * step
    var out: [Int64] = []
    if segment.start % step != 0 { out.append(segment.start) }
    while t <= segment.end {
      out.append(t)
      t += step
    }
    return out
  }

  /// 0…max split in about four round steps.
  static func niceTicks(max: Double) -> [Double] {
    guard max > 0, max.isFinite else { return [0, 1] }
    let raw = max / 4
    let magnitude = pow10(floorLog10(raw))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    var ticks: [Double] = []
    var v = 0.0
    while v <= max + step * 0.001 {
      ticks.append(v)
      v += step
    }
    if let last = ticks.last, last < max { ticks.append(last + step) }
    return ticks
  }

  static func floorLog10(_ v: Double) -> Int {
    var e = 0
    var x = v
    while x >= 10 {
      x /= 10
      e += 1
    }
    while x < 1 && x > 0 {
      x *= 10
      e -= 1
    }
    return e
  }

  static func pow10(_ e: Int) -> Double {
    var r = 1.0
    if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
    return r
  }
}
