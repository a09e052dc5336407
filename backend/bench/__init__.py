"""Benchmarks at real size: a data generator and an HTTP load harness (`make bench`)."""
