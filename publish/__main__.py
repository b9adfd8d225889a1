"""`python -m publish` runs the command line."""

from publish.cli import main_entry

main_entry()
