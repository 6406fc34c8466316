import Testing
import Conditions

@Test func conditionsModuleLinks() {
  #expect(Bool(true))
}
