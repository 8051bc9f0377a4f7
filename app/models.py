"""Every ORM model, imported in one place so Alembic and relationship resolution see them all."""

from app.articles.models import Article, ArticleChange, ArticleFile, CostModel
from app.db import Base
from app.indices.models import CostIndex, IndexValue, TenantCatalogue
from app.processing.models import AnalysisCache, LlmUsage

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
    "TenantCatalogue",
]
