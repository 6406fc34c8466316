extension Array where Element == InstantSample {
  /// The samples by value, ascending or descending, NaN last either way; equal values keep their
  /// order (so the earlier sample wins ties, as in Prometheus' heaps and stable sorts). The order
  /// of topk/bottomk and of sort/sort_desc.
  func sortedByValue(descending: Bool) -> [InstantSample] {
    enumerated().sorted { a, b in
      let x = a.element.value, y = b.element.value
      if x.isNaN || y.isNaN {
        if x.isNaN != y.isNaN { return y.isNaN }
        return a.offset < b.offset
      }
      if x != y { return descending ? x > y : x < y }
      return a.offset < b.offset
    }.map(\.element)
  }
}
