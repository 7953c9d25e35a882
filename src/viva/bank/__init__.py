"""The question bank: the typed content model, its parser, rules and the loader."""
