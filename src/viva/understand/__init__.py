"""Understanding what the learner says: free text (maybe misheard) to an ``Intent``."""
