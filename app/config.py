"""Settings, read from `CMS_*` environment variables and `.env`; built once by `get_settings()`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from limits import parse
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting the service reads; `env.example` documents each one."""

    model_config = SettingsConfigDict(
        env_prefix="CMS_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    # --- service ---
    project_name: str = "cost-model-service"
    api_prefix: str = Field(
        default="/api",
        validation_alias=AliasChoices("CMS_API_PREFIX", "CMS_API_V1_PREFIX", "api_prefix"),
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: str = "INFO"
    access_log: bool = True  # one JSON line per HTTP request

    # --- database ---
    database_url: str | None = None  # postgresql+asyncpg://…; unset = embedded PostgreSQL
    data_dir: Path = Path("./.data")
    db_pool_size: int = Field(default=10, ge=1)
    db_max_overflow: int = Field(default=20, ge=0)
    status_pool_size: int = Field(default=10, ge=1)  # raw connections for status polls

    # --- uploads ---
    max_upload_bytes: int = Field(default=25 * 1024 * 1024, ge=1)

    # --- HTTP limits (refuse early) ---
    max_header_bytes: int = Field(default=32 * 1024, ge=1024)  # request line + headers
    max_header_count: int = Field(default=100, ge=10)
    header_timeout_s: float = Field(default=10.0, gt=0)  # for the request line and headers
    body_idle_timeout_s: float = Field(default=30.0, gt=0)  # longest pause inside a body
    body_timeout_s: float = Field(default=300.0, gt=0)  # a whole request body
    keep_alive_timeout_s: int = Field(default=5, ge=1)  # an idle connection between requests
    problem_base_uri: str = "https://cost-model-service.example/problems/"

    # --- processing ---
    run_processor: bool = True  # false: an API-only replica that never analyses
    max_concurrent_jobs: int = Field(default=4, ge=1)
    # Running jobs of one tenant, over every replica; unset = half of max_concurrent_jobs when
    # API keys or tokens are required (several tenants), no limit when the service is open.
    max_jobs_per_tenant: int | None = Field(default=None, ge=1)
    job_timeout_s: float = Field(default=300.0, gt=0)
    max_attempts: int = Field(default=3, ge=1)
    retry_backoff_s: float = Field(default=5.0, ge=0)
    lease_s: float = Field(default=60.0, gt=0)
    poll_interval_s: float = Field(default=2.0, gt=0)
    shutdown_grace_s: float = Field(default=20.0, ge=0)
    parser_workers: int = Field(default=2, ge=0)  # 0 = parse in a thread instead of a process pool
    parse_timeout_s: float = Field(default=120.0, gt=0)
    max_pages: int = Field(default=200, ge=1)
    # --- extraction ---
    parser_memory_limit_mb: int = Field(default=3072, ge=0)  # per parser process; 0 = no limit
    ocr_max_pages: int = Field(default=5, ge=0)  # scanned pages read by OCR; 0 = no OCR
    ocr_budget_s: float = Field(default=20.0, gt=0)  # CPU seconds of OCR per scanned document

    # --- model provider protection ---
    llm_breaker_threshold: int = Field(default=5, ge=1)
    llm_breaker_cooldown_s: float = Field(default=30.0, gt=0)
    llm_rpm: int | None = Field(default=None, ge=1)
    llm_tokens_per_day: int | None = Field(default=None, ge=1)
    llm_budget_fallback: Literal["wait", "offline"] = "wait"

    # --- retention ---
    file_retention_days: float | None = Field(default=None, gt=0)
    housekeeping_interval_s: float = Field(default=3600.0, gt=0)

    # --- access ---
    api_keys: SecretStr | None = None  # "tenant-a:KEY1,tenant-b:KEY2"; unset = open service
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    jwt_jwks_url: str | None = None
    jwt_tenant_claim: str = "tenant"
    jwt_algorithms: str = "RS256,ES256,PS256,EdDSA"
    jwt_jwks_cache_s: float = Field(default=300.0, gt=0)
    # "shared": a key tenant `acme` and a token tenant `acme` are one tenant (moving from keys
    # to SSO keeps the articles); "separate": token tenants are stored as `oidc:<claim>`.
    tenant_namespaces: Literal["shared", "separate"] = "shared"
    cors_origins: str = ""  # comma-separated origins allowed to call the API from a browser

    # --- push: browser event tokens, long-poll, webhooks, shared rate limits ---
    signing_key: SecretStr | None = None  # signs event tokens; unset = random per process
    events_token_ttl_s: int = Field(default=300, ge=10, le=86_400)
    max_long_poll_waiters: int = Field(default=1000, ge=1)  # per process; beyond → 429
    webhook_retry_hours: float = Field(default=24.0, gt=0)
    webhook_backoff_s: float = Field(default=5.0, gt=0)  # first retry; doubles, at most 1 h
    webhook_timeout_s: float = Field(default=10.0, gt=0)
    webhook_allow_private_targets: bool = False
    # Per tenant, counted in PostgreSQL (all replicas together); "off" disables a limit.
    rate_limit_uploads: str | None = Field(
        default="120/minute",
        validation_alias=AliasChoices(
            "CMS_RATE_LIMIT_UPLOADS", "CMS_RATE_LIMIT", "rate_limit_uploads", "rate_limit"
        ),
    )
    rate_limit_reprocess: str | None = "30/minute"

    # --- analyzer ---
    openai_api_key: SecretStr | None = None
    openai_model: str = "gpt-4o-mini"
    openai_base_url: str | None = None
    openai_timeout_s: float = Field(default=60.0, gt=0)
    openai_max_retries: int = Field(default=2, ge=0)
    llm_call_budget_s: float = Field(default=120.0, gt=0)
    llm_prompt_token_budget: int = Field(default=1500, ge=200)
    llm_passage_tokens_per_document: int = Field(default=600, ge=100)
    # --- the model path with real servers ---
    llm_max_output_tokens: int = Field(default=800, ge=64)  # the answer is cut here, always
    # auto: max_completion_tokens for OpenAI's own API, max_tokens for every other server
    llm_output_cap_param: Literal["auto", "max_tokens", "max_completion_tokens", "both"] = "auto"
    llm_failure_fallback: Literal["offline", "fail"] = "offline"
    llm_failure_fallback_after_s: float = Field(default=60.0, ge=0)

    @field_validator("api_prefix")
    @classmethod
    def _normalise_prefix(cls, value: str) -> str:
        value = "/" + value.strip().strip("/")
        return "" if value == "/" else value

    @field_validator("openai_api_key", "api_keys", "signing_key")
    @classmethod
    def _blank_key_is_none(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        return value

    @field_validator("database_url", "openai_base_url")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator(
        "jwt_issuer",
        "jwt_audience",
        "jwt_jwks_url",
        "max_jobs_per_tenant",
        mode="before",
    )
    @classmethod
    def _blank_optional_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("rate_limit_uploads", "rate_limit_reprocess", mode="before")
    @classmethod
    def _rate_limit_spec(cls, value: object) -> object:
        """`120/minute`, `10/second`, `1000/hour`…; blank or `off` disables the limit."""
        if value is None or (isinstance(value, str) and value.strip().lower() in ("", "off")):
            return None
        if isinstance(value, str):
            parse(value)  # raises ValueError with the reason for a malformed limit
            return value.strip()
        return value

    @property
    def jwt_enabled(self) -> bool:
        return bool(self.jwt_jwks_url and self.jwt_issuer and self.jwt_audience)

    def jobs_per_tenant(self, *, shared: bool) -> int | None:
        """How many jobs one tenant may run at once, so other tenants always find a slot.

        `shared`: several tenants use the service (API keys or tokens); an open service has
        one tenant, whom a limit would only slow down (None: no limit).
        """
        if self.max_jobs_per_tenant is not None:
            return self.max_jobs_per_tenant
        return max(1, self.max_concurrent_jobs // 2) if shared else None

    def parsers_per_tenant(self, *, shared: bool) -> int | None:
        """How many of a replica's parser processes one tenant's jobs may use at once (None:
        no share to keep, the pool's own queue keeps every worker busy)."""
        return max(1, max(self.parser_workers, 1) // 2) if shared else None

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read once on first use (never at import)."""
    return Settings()
