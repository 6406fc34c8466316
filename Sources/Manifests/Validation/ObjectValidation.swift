import Diagnostics

/// Checks of the supporting objects on their own.
extension ValidationContext {
  /// Istio rejects an HTTP route whose destination weights do not add up to 100.
  mutating func validateVirtualServiceWeights(_ vs: VirtualService) {
    for route in vs.http + vs.tls + vs.tcp where route.destinations.count > 1 {
      let weights = route.destinations.compactMap(\.weight)
      guard !weights.isEmpty else { continue }
      let total = weights.map(\.value).reduce(0, &+)
      if total != 100 {
        error(
          "total destination weight \(total) != 100", at: weights[0],
          hint: "Istio requires the weights of a route's destinations to add up to 100", rule: "istio-weights")
      }
    }
  }

  mutating func validateSecret(_ secret: Secret) {
    for key in secret.undecodableKeys {
      error(
        "data[\(key.value)]: illegal base64 data", at: key,
        hint: "values under data are base64; put plain text under stringData instead", rule: "secret-data")
    }
  }
}
