"""Tests of the browser UI."""
