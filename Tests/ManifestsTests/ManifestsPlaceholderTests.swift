import Testing
import Manifests

@Test func manifestsModuleLinks() {
  #expect(Bool(true))
}
