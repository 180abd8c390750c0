"""Tests of the benchmark tools themselves (generators and scorers), not of the cleaners."""
