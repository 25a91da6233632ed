"""Translation: checks on each sentence pair, translation memory, status and exchange formats."""
