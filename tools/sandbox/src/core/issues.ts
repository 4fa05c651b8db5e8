/**
 * Validation problems, independent of the validator library, and how Ajv's errors become them.
 * @module
 */
import type { ErrorObject } from "ajv";

/** Where a validation problem was found. */
export type IssueLocation = "route" | "body" | "query" | "path" | "header" | "response" | "schema";

/** One validation problem, independent of the validator library. */
export interface ValidationIssue {
  /** Part of the request / response the problem is in. */
  location: IssueLocation;
  /** JSON pointer inside that part (`""` = the part itself), e.g. `/lines/0/quantity`. */
  pointer: string;
  /** Human-readable message, e.g. `must be integer`. */
  message: string;
  /** JSON Schema keyword that failed (`required`, `type`, `enum`, …), when known. */
  keyword?: string;
  /** Keyword parameters from the schema validator (e.g. `{ missingProperty: "channel" }`). */
  params?: Record<string, unknown>;
}

/** One Ajv error as a {@link ValidationIssue}; `/requestBody/…`-style paths name their part of the request. */
export function issueFromAjv(e: ErrorObject, fallback: IssueLocation, stripPrefix = true): ValidationIssue {
  let location = fallback;
  let pointer = e.instancePath;
  if (stripPrefix) {
    const m = /^\/(requestBody|query|path|header|cookie)(\/.*)?$/.exec(e.instancePath);
    if (m) {
      location = m[1] === "requestBody" ? "body" : m[1] === "cookie" ? "header" : (m[1] as IssueLocation);
      pointer = m[2] ?? "";
    } else if (e.keyword === "required" && typeof e.params.missingProperty === "string") {
      const p = e.params.missingProperty;
      if (p === "requestBody")
        return { location: "body", pointer: "", message: "request body is required", keyword: "required" };
      if (p === "query" || p === "path" || p === "header") location = p;
    }
  }
  const message =
    e.keyword === "required"
      ? `must have required property '${String(e.params.missingProperty)}'`
      : e.keyword === "additionalProperties"
        ? `must NOT have additional property '${String(e.params.additionalProperty)}'`
        : e.keyword === "enum"
          ? `${e.message ?? "must be one of"}: ${JSON.stringify(e.params.allowedValues)}`
          : (e.message ?? "is invalid");
  return { location, pointer, message, keyword: e.keyword, params: e.params as Record<string, unknown> };
}

/** Formats issues as one line each, e.g. `body /lines/0/quantity: must be integer`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.location} ${i.pointer || "(root)"}: ${i.message}`).join("\n");
}
