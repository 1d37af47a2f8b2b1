"""``python -m newsdoc`` runs the ``newsdoc`` command."""

from newsdoc.cli import main

main()
