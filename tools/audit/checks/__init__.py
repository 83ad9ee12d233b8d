"""One module per check; each returns a report.CheckResult."""
