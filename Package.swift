// swift-tools-version: 6.1
// The package reads as the architecture map of design §3: each MARK is a level, and a target only
// depends on targets of lower levels.
import PackageDescription

let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "rollout-sim",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "rollout-sim", targets: ["rollout-sim"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
  ],
  targets: [
    // MARK: - L0: foundations
    .target(name: "Diagnostics", swiftSettings: strict),
    .target(name: "VirtualTime", swiftSettings: strict),
    // Go's text conventions (strconv, encoding/json) that modules on every level reproduce.
    .target(name: "GoCompat", swiftSettings: strict),
    // Argo Rollouts API vocabulary that the analysis engine and the controller share.
    .target(name: "ArgoAPI", swiftSettings: strict),

    // MARK: - L1: languages, models, kernel
    .target(
      name: "SimKernel",
      dependencies: ["VirtualTime", .product(name: "HeapModule", package: "swift-collections")],
      swiftSettings: strict),
    .target(name: "TimeSeries", dependencies: ["GoCompat"], swiftSettings: strict),
    .target(name: "Expr", dependencies: ["Diagnostics", "GoCompat"], swiftSettings: strict),
    .target(
      name: "Manifests",
      dependencies: ["Diagnostics", "VirtualTime", "GoCompat", .product(name: "Yams", package: "Yams")],
      swiftSettings: strict),

    // MARK: - L2: query language, conditions, synthetic workload
    .target(name: "PromQL", dependencies: ["Diagnostics", "TimeSeries", "GoCompat"], swiftSettings: strict),
    .target(name: "Conditions", dependencies: ["Diagnostics", "Expr"], swiftSettings: strict),
    .target(
      name: "Workload",
      dependencies: ["Diagnostics", "VirtualTime", "GoCompat", "SimKernel", "TimeSeries"],
      swiftSettings: strict),

    // MARK: - L3: the analysis engine
    .target(
      name: "Analysis",
      dependencies: [
        "Diagnostics", "VirtualTime", "GoCompat", "ArgoAPI", "SimKernel", "TimeSeries", "Manifests", "Conditions",
        "PromQL", "Workload",
      ],
      swiftSettings: strict),

    // MARK: - L4: the controller
    .target(name: "Controller", dependencies: ["VirtualTime", "ArgoAPI"], swiftSettings: strict),

    // MARK: - L5: the simulation
    .target(
      name: "Simulation",
      dependencies: [
        "Controller", "SimKernel", "VirtualTime", "Diagnostics", "TimeSeries", "Workload", "Manifests", "PromQL",
        "Analysis", "Conditions",
      ],
      swiftSettings: strict),
    .target(
      name: "WhatIf",
      dependencies: ["Simulation", "Manifests", "Controller", "Diagnostics", "VirtualTime"],
      swiftSettings: strict),

    // MARK: - L6: storage
    .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .target(
      name: "Store",
      dependencies: [
        "CSQLite", "Simulation", "WhatIf", "Manifests", "Controller", "TimeSeries", "VirtualTime", "GoCompat",
      ],
      swiftSettings: strict),
    .target(
      name: "Report",
      dependencies: [
        "Simulation", "Controller", "Diagnostics", "VirtualTime", "TimeSeries", "Manifests", "GoCompat",
      ],
      swiftSettings: strict),
    // The insight checks of design §7 and the expectations of `rollout-sim test` (§6.3).
    .target(
      name: "Insights",
      dependencies: [
        "Simulation", "Controller", "Analysis", "Manifests", "PromQL", "Conditions", "Workload", "TimeSeries",
        "Diagnostics", "VirtualTime",
      ],
      swiftSettings: strict),

    // MARK: - Test support (shared by every test target)
    .target(
      name: "TestSupport",
      path: "Tests/TestSupport",
      swiftSettings: strict),

    // MARK: - L7: the command line (the only place that prints or picks exit codes)
    .target(
      name: "RolloutSimCLI",
      dependencies: [
        "Diagnostics", "VirtualTime", "GoCompat", "SimKernel", "TimeSeries", "Expr", "Manifests",
        "PromQL", "Conditions", "Workload", "Analysis", "Controller", "Simulation", "WhatIf", "Report", "Store",
        "Insights",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        // `query --series` reads promtool's input_series YAML.
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strict),
    .executableTarget(
      name: "rollout-sim",
      dependencies: ["RolloutSimCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: strict),

    // MARK: - Tests
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics", "TestSupport"], swiftSettings: strict),
    .testTarget(name: "GoCompatTests", dependencies: ["GoCompat", "TestSupport"], swiftSettings: strict),
    .testTarget(name: "ArgoAPITests", dependencies: ["ArgoAPI", "TestSupport"], swiftSettings: strict),
    .testTarget(
      name: "VirtualTimeTests",
      dependencies: ["VirtualTime", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
      swiftSettings: strict),
    .testTarget(
      name: "SimKernelTests",
      dependencies: ["SimKernel", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
      swiftSettings: strict),
    .testTarget(name: "TimeSeriesTests", dependencies: ["TimeSeries", "TestSupport"], swiftSettings: strict),
    .testTarget(
      name: "SimulationTests",
      dependencies: ["Simulation", "Controller", "Workload", "TimeSeries", "Analysis", "Diagnostics", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "ReportTests",
      dependencies: ["Report", "Simulation", "Controller", "TimeSeries", "VirtualTime", "Diagnostics", "TestSupport"],
      exclude: ["Golden"],
      swiftSettings: strict),
    .testTarget(
      name: "InsightsTests",
      dependencies: [
        "Insights", "Simulation", "Manifests", "Diagnostics", "VirtualTime", "TestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      swiftSettings: strict),
    .testTarget(
      name: "StoreTests", dependencies: ["Store", "WhatIf", "Simulation", "Controller", "VirtualTime", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "WhatIfTests",
      dependencies: [
        "WhatIf", "Simulation", "Controller", "Manifests", "Workload", "VirtualTime", "Diagnostics", "TestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Fixtures"],
      swiftSettings: strict),
    .testTarget(name: "ControllerTests", dependencies: ["Controller", "TestSupport"], swiftSettings: strict),
    .testTarget(
      name: "ExprTests",
      dependencies: ["Expr", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
      exclude: ["Fixtures"],
      swiftSettings: strict),
    .testTarget(
      name: "ConditionsTests",
      dependencies: ["Conditions", "Expr", "TestSupport"],
      exclude: ["Fixtures"],
      swiftSettings: strict),
    .testTarget(
      name: "ManifestsTests",
      dependencies: ["Manifests", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
      exclude: ["Fixtures"],
      swiftSettings: strict),
    .testTarget(
      name: "PromQLTests",
      dependencies: [
        "PromQL", "TimeSeries", "Workload", "SimKernel", "VirtualTime", "TestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Golden", "Fixtures"],
      swiftSettings: strict),
    .testTarget(
      name: "WorkloadTests",
      dependencies: ["Workload", "TimeSeries", "SimKernel", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
      swiftSettings: strict),
    .testTarget(
      name: "AnalysisTests",
      dependencies: [
        "Analysis", "Diagnostics", "Manifests", "SimKernel", "VirtualTime", "TimeSeries", "Workload", "Controller",
        "TestSupport",
      ],
      swiftSettings: strict),
    .testTarget(
      name: "CLITests",
      // Store: the report tests alter a stored record to check that a replay which differs says so.
      dependencies: ["RolloutSimCLI", "Store", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: strict),
  ]
)
