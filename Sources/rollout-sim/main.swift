import ArgumentParser
import RolloutSimCLI

RolloutSim.main()
