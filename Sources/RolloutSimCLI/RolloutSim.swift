import ArgumentParser

/// The `rollout-sim` command line. Subcommands live one per file in this module.
public struct RolloutSim: ParsableCommand {
  public static let version = "0.1.0"

  public static let configuration = CommandConfiguration(
    commandName: "rollout-sim",
    abstract: "Replay Argo Rollouts progressive delivery offline, exactly, in virtual time.",
    discussion: """
      rollout-sim reads your real Rollout, AnalysisTemplate, Service, Istio and Argo CD manifests plus a \
      scenario (traffic, error and latency curves per revision, pod start-up times, operator actions) and \
      replays what the Argo Rollouts controller would do: every step, traffic shift, measurement, verdict, \
      pause, abort and promotion. It never talks to a cluster or the network.

      Exit codes: 0 done; 1 an expectation or check failed; 2 invalid input; 64 usage error.
      """,
    version: RolloutSim.version,
    subcommands: RolloutSim.allSubcommands
  )

  public init() {}
}
