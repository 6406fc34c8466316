import Diagnostics

/// A curve as the scenario spells it, before parsing. The scenario loader turns YAML nodes into these;
/// `Curve.parse` turns them into something evaluable.
///
/// Locations point at the first character of the text itself (inside the quotes for a quoted YAML
/// string), so a problem at offset `k` of the text is reported at `column + k`.
public indirect enum CurveSource: Sendable, Hashable {
  /// A YAML number: `200`, `0.005`.
  case number(Double, at: SourceLocation? = nil)
  /// A string: a constant (`"0.5%"`, `"40ms"`), a piecewise curve (`"0.2% for 10m, then 8%"`,
  /// `"100 until 1h, 400"`) or a ramp (`"0.2%..8% over 5m"`).
  case text(String, at: SourceLocation? = nil)
  /// `{base: 200, diurnal: 30%}`: a 24-hour sine around `base` with relative amplitude `diurnal`;
  /// `peakAt` (a duration since the update, default `6h`) places the daily maximum.
  case daily(base: CurveSource, diurnal: CurveSource, peakAt: CurveSource? = nil)
  /// `{series: "0+10x100"}`: Prometheus' expanding notation (promtool `input_series` values), one
  /// value per scrape interval starting at t = 0.
  case series(String, at: SourceLocation? = nil)
  /// `{csv: traffic.csv}`: the file's text and its path (for diagnostics). Rows are `time,value`
  /// with times as Go durations (`90s`) or seconds (`90`); a `time,value` header is optional.
  case csv(text: String, path: String)
}
