"""The coaching conversation as a pure state machine: (state, intent) -> (state, effects)."""
