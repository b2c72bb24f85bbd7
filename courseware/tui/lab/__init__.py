"""The lab runner: a lab's steps with live status, checks, hints and solutions.

Pure state of a run (lab_runner_state, lab_status, lab_work) beside its screens and widgets.
"""
