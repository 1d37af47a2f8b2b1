"""``python -m newsdoc.cli`` runs the ``newsdoc`` command."""

from newsdoc.cli import main

main()
