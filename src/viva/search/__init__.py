"""Retrieval: free questions (typed or misheard) to ranked bank entries."""
