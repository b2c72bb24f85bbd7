"""Benchmarks: each module prints figures and ratios. Run all with ``make bench``."""
