// The \(m) module; see design §3.
