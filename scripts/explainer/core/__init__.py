"""What every stage shares: problems reported as `file:line: what: what to do`, and editors' YAML read with its line numbers."""
