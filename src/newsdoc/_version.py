"""The version of newsdoc, in one place (the package and its build metadata read it)."""

__version__ = "0.1.0"
