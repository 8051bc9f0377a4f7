"""The browser UI: one page (`/ui`) and its static assets, served by the app itself."""

from app.ui.router import router

__all__ = ["router"]
