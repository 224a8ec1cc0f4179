"""The conversion engine: converter, compiled dictionaries, pruning, markup, rules, quotation marks."""
