"""Every ORM model, imported in one place so Alembic and relationship resolution see them all."""

from app.articles.models import Article, ArticleFile, CostModel
from app.db import Base
from app.indices.models import CostIndex
from app.limits.models import RateLimitCounter
from app.processing.models import AnalysisCache, LlmUsage
from app.webhooks.models import WebhookAttempt, WebhookEndpoint, WebhookEvent

__all__ = [
    "AnalysisCache",
    "Article",
    "ArticleFile",
    "Base",
    "CostIndex",
    "CostModel",
    "LlmUsage",
    "RateLimitCounter",
    "WebhookAttempt",
    "WebhookEndpoint",
    "WebhookEvent",
]
