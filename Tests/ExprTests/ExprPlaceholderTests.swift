import Testing
import Expr

@Test func exprModuleLinks() {
  #expect(Bool(true))
}
