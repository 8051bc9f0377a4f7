"""Fakes of external services that tests and benchmarks run for real, on loopback."""
