/// `spec.strategy.blueGreen`, resolved.
public struct BlueGreenStrategy: Sendable, Hashable {
  public var activeService: String
  public var previewService: String?
  public var previewReplicaCount: Int?
  public var autoPromotionEnabled: Bool
  public var autoPromotionSeconds: Int
  /// Explicit `scaleDownDelaySeconds` (nil: 30 s).
  public var scaleDownDelaySeconds: Int?
  public var scaleDownDelayRevisionLimit: Int?
  /// Explicit `abortScaleDownDelaySeconds` (nil: 30 s).
  public var abortScaleDownDelaySeconds: Int?
  public var maxUnavailable: CountOrPercent?
  public var prePromotionAnalysis: Bool
  public var postPromotionAnalysis: Bool

  public init(
    activeService: String, previewService: String? = nil, previewReplicaCount: Int? = nil,
    autoPromotionEnabled: Bool = true, autoPromotionSeconds: Int = 0, scaleDownDelaySeconds: Int? = nil,
    scaleDownDelayRevisionLimit: Int? = nil, abortScaleDownDelaySeconds: Int? = nil,
    maxUnavailable: CountOrPercent? = nil, prePromotionAnalysis: Bool = false,
    postPromotionAnalysis: Bool = false
  ) {
    self.activeService = activeService
    self.previewService = previewService
    self.previewReplicaCount = previewReplicaCount
    self.autoPromotionEnabled = autoPromotionEnabled
    self.autoPromotionSeconds = autoPromotionSeconds
    self.scaleDownDelaySeconds = scaleDownDelaySeconds
    self.scaleDownDelayRevisionLimit = scaleDownDelayRevisionLimit
    self.abortScaleDownDelaySeconds = abortScaleDownDelaySeconds
    self.maxUnavailable = maxUnavailable
    self.prePromotionAnalysis = prePromotionAnalysis
    self.postPromotionAnalysis = postPromotionAnalysis
  }
}
