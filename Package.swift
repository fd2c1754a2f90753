// swift-tools-version: 6.0
import PackageDescription

// Foundation only: no package dependencies. Dependencies point one way:
// visits -> Publishing -> Planning -> EventLog; every target declares each module it imports.
let package = Package(
  name: "visits",
  products: [
    .executable(name: "visits", targets: ["visits"]),
    .executable(name: "visits-bench", targets: ["visits-bench"]),
  ],
  targets: [
    .target(name: "EventLog"),
    .target(name: "Planning", dependencies: ["EventLog"]),
    .target(name: "Publishing", dependencies: ["Planning", "EventLog"]),
    .executableTarget(name: "visits", dependencies: ["Publishing", "Planning", "EventLog"]),
    .executableTarget(name: "visits-bench", exclude: ["peer"]),
    .testTarget(name: "EventLogTests", dependencies: ["EventLog", "TestSupport"]),
    .testTarget(name: "PlanningTests", dependencies: ["Planning", "EventLog", "TestSupport"]),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(
      name: "PublishingTests", dependencies: ["Publishing", "Planning", "EventLog", "TestSupport"]),
    .testTarget(name: "CLITests", dependencies: ["visits", "Planning", "EventLog", "TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
