"""Who is calling: API keys for services, OIDC bearer tokens for browsers; both name a tenant."""
