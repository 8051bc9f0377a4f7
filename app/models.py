"""Every ORM model, imported in one place so Alembic and relationship resolution see them all."""

from app.articles.models import Article, ArticleChange, ArticleFile, CostModel
from app.db import Base
from app.indices.models import CostIndex, IndexValue, TenantCatalogue
from app.limits.models import RateLimitCounter
from app.processing.models import AnalysisCache, LlmUsage
from app.webhooks.models import WebhookAttempt, WebhookEndpoint, WebhookEvent

__all__ = [
    "AnalysisCache",
    "Article",
    "ArticleChange",
    "ArticleFile",
    "Base",
    "CostIndex",
    "CostModel",
    "IndexValue",
    "LlmUsage",
    "RateLimitCounter",
    "TenantCatalogue",
    "WebhookAttempt",
    "WebhookEndpoint",
    "WebhookEvent",
]
