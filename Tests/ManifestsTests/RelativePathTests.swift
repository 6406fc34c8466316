import Manifests
import Testing

/// Paths named inside files resolve lexically, keeping what the user typed relative.
@Suite struct RelativePathTests {
  @Test(arguments: [
    ("manifests/rollout.yaml", "scenarios/tour/01.yaml", "scenarios/tour/manifests/rollout.yaml"),
    ("../seed/corrected/rollout.yaml", "scenarios/seed-istio-canary/healthy.yaml", "scenarios/seed/corrected/rollout.yaml"),
    ("./a.yaml", "b.yaml", "a.yaml"),
    ("../a.yaml", "b.yaml", "../a.yaml"),
    ("../../a.yaml", "x/b.yaml", "../a.yaml"),
    ("/etc/a.yaml", "x/b.yaml", "/etc/a.yaml"),
    ("/etc/../a.yaml", "x/b.yaml", "/a.yaml"),
    ("a.yaml", "/work/s/b.yaml", "/work/s/a.yaml"),
    ("../../../a.yaml", "/w/b.yaml", "/a.yaml"),
    ("sub//./a.yaml", "s/b.yaml", "s/sub/a.yaml"),
  ])
  func resolves(entry: String, file: String, expected: String) {
    #expect(RelativePath.resolve(entry, besideFile: file) == expected)
  }

  @Test func normalizingTwiceChangesNothing() {
    for path in ["a/../../b", "/a/./b/..", "./", "..", "a/b/../c/./d", "/.."] {
      let once = RelativePath.normalize(path)
      #expect(RelativePath.normalize(once) == once, "\(path) → \(once)")
    }
  }
}
