"""Migration scripts, named NNNN_what.py."""
