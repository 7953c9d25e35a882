"""Spaced repetition: FSRS cards per entry, the due queue with a daily cap, catch-up, mastery."""
