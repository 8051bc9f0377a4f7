/**
 * A small typed client for the cost-model-service API, on openapi-fetch and the types that
 * openapi-typescript generates from openapi.json (schema.d.ts: `npm run generate`).
 *
 * Errors come back as `ProblemError` carrying the RFC 9457 problem details.
 */
import createClient from "openapi-fetch";
import type { components, operations, paths } from "./schema";

export type Article = components["schemas"]["Article"];
export type ArticleSummary = components["schemas"]["ArticleSummary"];
export type ArticlePage = components["schemas"]["ArticlePage"];
export type ArticleStatus = components["schemas"]["ArticleStatus"];
export type StatusBatch = components["schemas"]["StatusBatch"];
export type ExtractedMetadata = components["schemas"]["ExtractedMetadata"];
export type CostModelEntry = components["schemas"]["CostModelEntry"];
export type Problem = components["schemas"]["Problem"];
export type ProcessingStatus = components["schemas"]["ProcessingStatus"];
export type ErrorCode = NonNullable<ArticleStatus["processing_error_code"]>;
export type Stage = NonNullable<ArticleStatus["processing_stage"]>;
export type ListQuery = NonNullable<operations["list_articles"]["parameters"]["query"]>;

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfterS: number | null,
  ) {
    super(`${status} ${problem.title}: ${problem.detail}`);
    this.name = "ProblemError";
  }
}

export interface ClientOptions {
  /** Where the service runs, e.g. "https://cost.example.com" (the API prefix is in the paths). */
  baseUrl: string;
  /** An API key (sent as X-API-Key) or an OIDC access token (sent as a bearer token). */
  apiKey?: string;
  token?: string;
  fetch?: typeof globalThis.fetch;
}

export interface UploadInput {
  articleName: string;
  productSpecification: Blob;
  specificationName?: string;
  description?: string;
  drawing?: Blob;
  drawingName?: string;
  /** Retry-safe uploads: the same key within 24 h returns the first article. */
  idempotencyKey?: string;
}

export interface StatusResult {
  /** null when unchanged since `etag` (304). */
  status: ArticleStatus | null;
  etag: string | null;
  /** Seconds until polling again is worthwhile; null once the article is finished. */
  retryAfterS: number | null;
}

function retryAfter(response: Response): number | null {
  const value = response.headers.get("Retry-After");
  return value === null ? null : Number(value);
}

function fail(response: Response, problem: unknown): never {
  const body = (problem ?? {}) as Partial<Problem>;
  throw new ProblemError(
    response.status,
    {
      type: body.type ?? "about:blank",
      title: body.title ?? response.statusText,
      status: response.status,
      detail: body.detail ?? "",
      instance: body.instance ?? null,
      errors: body.errors ?? null,
    },
    retryAfter(response),
  );
}

export function createCostModelClient(options: ClientOptions) {
  const headers: Record<string, string> = {};
  if (options.apiKey) headers["X-API-Key"] = options.apiKey;
  if (options.token) headers["Authorization"] = `Bearer ${options.token}`;
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return {
    /** The underlying openapi-fetch client, typed by every path of the schema. */
    api,

    async upload(input: UploadInput): Promise<{ article: Article; replayed: boolean }> {
      const { data, error, response } = await api.POST("/api/analyze", {
        // The schema calls files binary strings; on the wire they are FormData parts.
        body: {
          articleName: input.articleName,
          productSpecification: input.productSpecification as unknown as string,
          description: input.description ?? null,
        },
        bodySerializer: () => {
          const form = new FormData();
          form.append("articleName", input.articleName);
          if (input.description !== undefined) form.append("description", input.description);
          form.append(
            "productSpecification",
            input.productSpecification,
            input.specificationName ?? "specification",
          );
          if (input.drawing) form.append("drawing", input.drawing, input.drawingName ?? "drawing");
          return form;
        },
        params: {
          header: input.idempotencyKey ? { "Idempotency-Key": input.idempotencyKey } : {},
        },
      });
      if (error !== undefined || data === undefined) fail(response, error);
      return { article: data, replayed: response.headers.get("Idempotent-Replayed") === "true" };
    },

    async status(articleId: number, etag?: string): Promise<StatusResult> {
      const { data, error, response } = await api.GET("/api/articles/{article_id}/status", {
        params: {
          path: { article_id: articleId },
          header: etag ? { "If-None-Match": etag } : {},
        },
      });
      if (response.status === 304) {
        return { status: null, etag: etag ?? null, retryAfterS: retryAfter(response) };
      }
      if (error !== undefined || data === undefined) fail(response, error);
      return { status: data, etag: response.headers.get("ETag"), retryAfterS: retryAfter(response) };
    },

    async statuses(articleIds: number[]): Promise<StatusBatch> {
      const { data, error, response } = await api.GET("/api/articles/status", {
        params: { query: { ids: articleIds.join(",") } },
      });
      if (error !== undefined || data === undefined) fail(response, error);
      return data;
    },

    async article(articleId: number): Promise<Article> {
      const { data, error, response } = await api.GET("/api/articles/{article_id}", {
        params: { path: { article_id: articleId } },
      });
      if (error !== undefined || data === undefined) fail(response, error);
      return data;
    },

    async list(query: ListQuery = {}): Promise<ArticlePage> {
      const { data, error, response } = await api.GET("/api/articles", { params: { query } });
      if (error !== undefined || data === undefined) fail(response, error);
      return data;
    },
  };
}

export type CostModelClient = ReturnType<typeof createCostModelClient>;
