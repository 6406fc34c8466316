// The phase type lives in ArgoAPI so that the controller shares it. Re-exported because it is part of
// this module's API: files here and clients reach its cases and members through `import Analysis`
// alone (with MemberImportVisibility, a plain import would not carry them).
@_exported import ArgoAPI
