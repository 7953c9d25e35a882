"""The terminal front end: argument parsing, rendering and exit codes. No logic of its own."""
