import Testing
import PromQL

@Test func promqlModuleLinks() {
  #expect(Bool(true))
}
