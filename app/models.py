"""Every ORM model, imported in one place so Alembic and relationship resolution see them all."""

from app.articles.models import Article, ArticleFile, CostModel
from app.db import Base
from app.indices.models import CostIndex

__all__ = ["Article", "ArticleFile", "Base", "CostIndex", "CostModel"]
