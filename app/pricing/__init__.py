"""Should-cost shares from an article's price and the values of its indices (no I/O in shares)."""
