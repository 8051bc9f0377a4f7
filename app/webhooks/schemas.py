"""Request and response shapes of the webhooks API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.webhooks.models import DeliveryStatus, EventType

ALL_EVENTS = [EventType.COMPLETED, EventType.FAILED, EventType.NEEDS_REVIEW]


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=2048, description="http or https; public hosts.")
    events: list[EventType] = Field(
        default_factory=lambda: list(ALL_EVENTS), min_length=1, max_length=3
    )
    enabled: bool = True
    description: str | None = Field(default=None, max_length=500)


class WebhookUpdate(BaseModel):
    """Only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(default=None, min_length=1, max_length=2048)
    events: list[EventType] | None = Field(default=None, min_length=1, max_length=3)
    enabled: bool | None = None
    description: str | None = Field(default=None, max_length=500)


class Webhook(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    events: list[EventType]
    enabled: bool
    description: str | None
    created_at: datetime
    updated_at: datetime


class WebhookWithSecret(Webhook):
    """Shown once, on create: the secret signs every delivery (Standard Webhooks)."""

    secret: str


class WebhookSecret(BaseModel):
    secret: str
    previous_secret_expires_at: datetime = Field(
        description="Until then deliveries carry a second signature made with the old secret."
    )


class WebhookList(BaseModel):
    items: list[Webhook]


class WebhookDelivery(BaseModel):
    """One HTTP attempt at delivering one event."""

    id: int
    event_id: int
    webhook_id: str = Field(description="The `webhook-id` header: the same on every retry.")
    type: EventType
    article_id: int
    attempted_at: datetime
    status_code: int | None = Field(description="The receiver's HTTP status; null if none.")
    duration_ms: int
    error: str | None
    next_attempt_at: datetime | None = Field(description="Null when there is no further try.")
    delivery_status: DeliveryStatus = Field(description="The event's state now.")


class WebhookDeliveryPage(BaseModel):
    items: list[WebhookDelivery]
