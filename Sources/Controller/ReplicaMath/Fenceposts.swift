/// maxSurge / maxUnavailable resolution (utils/replicaset/replicaset.go: resolveFenceposts, MaxSurge,
/// MaxUnavailable).
public enum Fenceposts {
  public static let defaultMaxSurge = CountOrPercent.percent("25")
  public static let defaultMaxUnavailable = CountOrPercent.percent("25")

  /// Surge rounds up, unavailable rounds down; when both resolve to 0, maxUnavailable becomes 1;
  /// maxUnavailable is capped at the replica count, and is 0 when there are no replicas.
  /// An unparsable value resolves both to 0 (the controller ignores the error; validation reports it).
  public static func resolve(
    maxSurge: CountOrPercent?, maxUnavailable: CountOrPercent?, replicas: Int
  ) -> (maxSurge: Int, maxUnavailable: Int) {
    let surgeSpec = maxSurge ?? defaultMaxSurge
    let unavailableSpec = maxUnavailable ?? defaultMaxUnavailable
    guard let surge = surgeSpec.resolve(total: replicas, roundUp: true),
      var unavailable = unavailableSpec.resolve(total: replicas, roundUp: false)
    else { return (0, 0) }
    if surge == 0 && unavailable == 0 { unavailable = 1 }
    if replicas == 0 { unavailable = 0 }
    return (surge, min(unavailable, replicas))
  }
}
