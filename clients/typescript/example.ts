/**
 * A sample that uses the generated types the way a frontend would; `tsc --noEmit` checks it
 * against schema.d.ts, so a contract change that breaks callers fails the test suite.
 */
import { createCostModelClient, ProblemError } from "./client";
import type { Article, ErrorCode, ProcessingStatus } from "./client";

function describeFailure(code: ErrorCode): string {
  switch (code) {
    case "empty_file":
    case "unsupported_file":
    case "corrupt_file":
    case "encrypted_file":
    case "file_too_complex":
      return "the file cannot be read";
    case "llm_rate_limited":
    case "llm_unavailable":
    case "llm_timeout":
      return "the model kept failing";
    default:
      return code;
  }
}

function isFinished(status: ProcessingStatus): boolean {
  return status === "completed" || status === "failed";
}

export async function analyse(file: Blob): Promise<Article> {
  const client = createCostModelClient({ baseUrl: "http://127.0.0.1:8000", apiKey: "KEY" });
  const { article } = await client.upload({
    articleName: "Bracket",
    productSpecification: file,
    specificationName: "spec.pdf",
    idempotencyKey: "upload-1",
  });
  let etag: string | undefined;
  for (;;) {
    try {
      const polled = await client.status(article.id, etag);
      etag = polled.etag ?? undefined;
      if (polled.status && isFinished(polled.status.processing_status)) {
        if (polled.status.processing_error_code) {
          throw new Error(describeFailure(polled.status.processing_error_code));
        }
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 * (polled.retryAfterS ?? 2)));
    } catch (error) {
      if (error instanceof ProblemError && error.status === 503) {
        await new Promise((resolve) => setTimeout(resolve, 1000 * (error.retryAfterS ?? 2)));
        continue;
      }
      throw error;
    }
  }
  const full = await client.article(article.id);
  const weight = full.extracted_metadata?.weight;
  const grams: number | undefined = weight?.grams;
  const quote: string | undefined = weight?.evidence?.quote;
  const review: boolean = full.extracted_metadata?.review?.needed ?? false;
  const shares: number = full.cost_models.reduce((sum, entry) => sum + entry.part, 0);
  console.log(grams, quote, review, shares, full.processing_completed_at);
  const page = await client.list({ status: "failed", limit: 20 });
  console.log(page.items.map((item) => item.processing_error_code));
  return full;
}
