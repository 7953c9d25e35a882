"""Allows ``python -m viva``."""

from viva.cli.app import main

main()
