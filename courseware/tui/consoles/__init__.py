"""The AWS consoles, one folder per service, each registered once in shell.navigation.SERVICES.

A console imports shell and consoles.common only, never another console (import-linter).
"""
