import Testing
import Workload

@Test func workloadModuleLinks() {
  #expect(Bool(true))
}
