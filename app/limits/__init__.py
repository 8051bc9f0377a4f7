"""Per-tenant rate limits counted in PostgreSQL, so every replica enforces the same limit."""
