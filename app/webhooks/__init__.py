"""Signed webhooks (Standard Webhooks): per-tenant endpoints, a durable outbox, delivery."""
