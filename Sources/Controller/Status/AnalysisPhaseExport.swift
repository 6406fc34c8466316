// The phase of the AnalysisRuns a rollout owns is ArgoAPI's, shared with the analysis engine.
// Re-exported because it is part of this module's API: files here and clients reach its cases and
// members through `import Controller` alone (with MemberImportVisibility, a plain import would not).
@_exported import ArgoAPI
