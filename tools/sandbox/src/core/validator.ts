import type { ErrorObject } from "ajv";
import { type Document, OpenAPIBackend, OpenAPIValidator, type Operation } from "openapi-backend";
import { type AjvInstance, decodePointer, decycle, newAjv } from "./ajv.js";
import { issueFromAjv, type ValidationIssue } from "./issues.js";
import type { OpenApiDocument } from "./spec.js";

export { formatIssues, type IssueLocation, type ValidationIssue } from "./issues.js";

/** An incoming request as the validator sees it. */
export interface RequestParts {
  /** HTTP method, any case. */
  method: string;
  /** Path relative to the provider's base path, e.g. `/orders/create` for `/v1/orders/create`. No query. */
  path: string;
  /** Query parameters (repeated keys as arrays). */
  query?: Record<string, string | string[]>;
  /** Request headers (names any case). */
  headers?: Record<string, string | string[] | undefined>;
  /**
   * Parsed JSON body, `undefined` when there is none. Pass {@link INVALID_JSON} when a body was sent but is
   * not JSON.
   */
  body?: unknown;
}

/** Marker for a request body that could not be parsed as JSON. */
export const INVALID_JSON: unique symbol = Symbol("keyway.sandbox.invalid-json");

/** Result of {@link SpecValidator.validateRequest}. */
export interface RequestValidation {
  /** The matched operation's `operationId`; `undefined` when no operation matches. */
  operationId: string | undefined;
  /** `true` when an operation matched and there are no issues. */
  valid: boolean;
  /** 404 when no path matches, 405 when the path exists with other methods, else `undefined`. */
  routeStatus?: 404 | 405;
  /** Path template parameters of the matched operation (e.g. `{ code: "EMS" }`), decoded. */
  params: Record<string, string>;
  /** Problems found; empty when valid. */
  issues: ValidationIssue[];
}

/** Result of {@link SpecValidator.validateResponse} / {@link SpecValidator.validateValue}. */
export interface ValueValidation {
  /** `true` when there are no issues. */
  valid: boolean;
  /** Problems found; empty when valid. */
  issues: ValidationIssue[];
}

/** Options of {@link SpecValidator.create}. */
export interface SpecValidatorOptions {
  /**
   * Base path the provider is served under (e.g. `/v1`). Request paths given to the validator are relative to
   * it. When the spec's `servers[0].url` does not already end in this base path, the spec's `paths` are taken to
   * include it (`/v1/orders/create`), otherwise to be relative to it.
   */
  basePath?: string;
}

function lowerHeaders(headers: RequestParts["headers"]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

/**
 * Spec-driven request / response validator for one provider spec, built on openapi-backend (routing,
 * parameter and body schema assembly, `$ref` dereferencing). For OpenAPI 3.1 documents every schema is compiled
 * with Ajv's JSON Schema 2020-12 dialect (so `type: [..., "null"]`, `const`, `prefixItems`, `$defs`,
 * `unevaluatedProperties` … mean what 3.1 says) plus the `ajv-formats` and OAS formats; 3.0 documents use the
 * same dialect (a superset for what 3.0 uses, `nullable` aside).
 *
 * Build it once per spec with {@link SpecValidator.create} (async: dereferences the document).
 */
export class SpecValidator {
  /** The dereferenced document. */
  readonly document: OpenApiDocument;
  /** Prefix added to request paths before matching against the spec's `paths` (e.g. `/v1` or `""`). */
  readonly pathPrefix: string;
  private readonly api: OpenAPIBackend;
  private readonly ajv: AjvInstance = newAjv();
  private readonly valueValidators = new Map<string, ReturnType<AjvInstance["compile"]>>();
  private readonly coercingAjv: AjvInstance = newAjv({ coerceTypes: true });
  private readonly headerValidators = new WeakMap<object, ReturnType<AjvInstance["compile"]>>();

  private headerValidator(schema: object): ReturnType<AjvInstance["compile"]> {
    let v = this.headerValidators.get(schema);
    if (!v) {
      v = this.coercingAjv.compile({ type: "object", properties: { v: decycle(schema) } });
      this.headerValidators.set(schema, v);
    }
    return v;
  }

  private constructor(api: OpenAPIBackend, pathPrefix: string) {
    this.api = api;
    this.document = api.definition as unknown as OpenApiDocument;
    this.pathPrefix = pathPrefix;
  }

  /**
   * Dereferences `document`; each operation's validators are compiled on its first request.
   * @param document a parsed OpenAPI document, e.g. from `loadSpec(provider)` (it is not mutated).
   * @throws when a `$ref` in the document does not resolve.
   */
  static async create(document: OpenApiDocument, options: SpecValidatorOptions = {}): Promise<SpecValidator> {
    const basePath = (options.basePath ?? "").replace(/\/+$/, "");
    const serverUrl = document.servers?.[0]?.url ?? "/";
    const serverPath = new URL(serverUrl, "http://sandbox.invalid").pathname.replace(/\/+$/, "");
    const pathPrefix = basePath && !serverPath.endsWith(basePath) ? basePath : "";
    const ajvOpts = { strict: false, allErrors: true };
    const customizeAjv = (_ajv: unknown, opts: unknown) => newAjv(opts as Record<string, unknown>) as never;
    const api = new OpenAPIBackend({
      definition: structuredClone(document) as unknown as Document,
      strict: true,
      // Quick mode dereferences synchronously (about ten times faster than the async parser on HIOBuy's spec)
      // and skips openapi-backend's document check, which 5.21 runs against the 3.0 meta-schema even for 3.1
      // (it rejects `type: [string, "null"]`, `const`, …); Redocly lints the documents instead.
      quick: true,
      // The validator is built below, compiling each operation's schemas on first use: compiling all of
      // HIOBuy's up front took seconds, and a test touches a handful of operations.
      validate: false,
      ajvOpts,
      customizeAjv,
    });
    await api.init();
    api.validator = new OpenAPIValidator({
      definition: api.definition,
      ajvOpts,
      customizeAjv,
      router: api.router,
      lazyCompileValidators: true,
    });
    return new SpecValidator(api, pathPrefix);
  }

  /** Every operation in the spec (dereferenced), with `path` (as in the spec) and lower-case `method`. */
  operations(): Operation[] {
    return this.api.router.getOperations();
  }

  /** The dereferenced operation with this `operationId`, or `undefined`. */
  operation(operationId: string): Operation | undefined {
    return this.api.router.getOperation(operationId);
  }

  /**
   * Finds the operation for `method` + `path` (relative to the base path) without validating anything.
   * @returns its operationId, or `undefined`.
   */
  match(method: string, path: string): string | undefined {
    const op = this.api.router.matchOperation({
      method: method.toLowerCase(),
      path: this.pathPrefix + path,
      headers: {},
    });
    return op?.operationId;
  }

  /**
   * Validates a request against its operation: route, path/query/header parameters (with the spec's type
   * coercion for query strings) and the JSON body.
   */
  validateRequest(req: RequestParts): RequestValidation {
    const method = req.method.toLowerCase();
    const fullPath = this.pathPrefix + req.path;
    const op = this.api.router.matchOperation({ method, path: fullPath, headers: {} });
    if (!op?.operationId) {
      const pathExists =
        this.api.router.matchOperation({ method: "get", path: fullPath, headers: {} }) !== undefined ||
        this.operations().some((o) =>
          this.api.router.matchOperation({ method: o.method, path: fullPath, headers: {} }),
        );
      return {
        operationId: undefined,
        valid: false,
        routeStatus: pathExists ? 405 : 404,
        params: {},
        issues: [
          {
            location: "route",
            pointer: "",
            message: pathExists
              ? `method ${req.method.toUpperCase()} not allowed on ${req.path}`
              : `no operation for ${req.method.toUpperCase()} ${req.path}`,
          },
        ],
      };
    }
    const params = (this.api.router.parseRequest({ method, path: fullPath, headers: {} }, op).params ??
      {}) as Record<string, string>;
    if (req.body === INVALID_JSON) {
      return {
        operationId: op.operationId,
        valid: false,
        params,
        issues: [
          { location: "body", pointer: "", message: "request body is not valid JSON", keyword: "json" },
        ],
      };
    }
    const result = this.api.validateRequest(
      { method, path: fullPath, headers: lowerHeaders(req.headers), query: req.query ?? {}, body: req.body },
      op,
    );
    const issues = (result.errors ?? []).map((e) => issueFromAjv(e as ErrorObject, "body"));
    return { operationId: op.operationId, valid: issues.length === 0, params, issues };
  }

  /**
   * Validates a response against the spec: the status must be documented for the operation (exact, `4XX`-style
   * or `default`) and a JSON body must match that response's `application/json` schema. Headers, when given,
   * are checked against the response's declared headers (required ones must be present).
   */
  validateResponse(
    operationId: string,
    status: number,
    body: unknown,
    headers?: Record<string, string | undefined> | Headers,
  ): ValueValidation {
    const op = this.operation(operationId);
    if (!op)
      return {
        valid: false,
        issues: [{ location: "response", pointer: "", message: `unknown operation ${operationId}` }],
      };
    const responses = (op.responses ?? {}) as Record<
      string,
      { content?: Record<string, unknown>; headers?: Record<string, unknown> }
    >;
    const key = [String(status), `${Math.floor(status / 100)}XX`, "default"].find((k) => k in responses);
    if (!key) {
      return {
        valid: false,
        issues: [
          {
            location: "response",
            pointer: "",
            message: `status ${status} is not documented for ${operationId}`,
          },
        ],
      };
    }
    const issues: ValidationIssue[] = [];
    const response = responses[key]!;
    if (response.content) {
      if (!response.content["application/json"]) {
        issues.push({
          location: "response",
          pointer: "",
          message: `response ${key} of ${operationId} is not application/json`,
        });
      } else {
        const r = this.api.validateResponse(body, op, status);
        for (const e of r.errors ?? []) issues.push(issueFromAjv(e as ErrorObject, "response", false));
      }
    } else if (body !== undefined && body !== null && body !== "") {
      issues.push({
        location: "response",
        pointer: "",
        message: `response ${key} of ${operationId} documents no body`,
      });
    }
    if (headers && response.headers) {
      const get = (name: string) =>
        headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name.toLowerCase()];
      for (const [name, declared] of Object.entries(response.headers)) {
        const h = declared as { required?: boolean; schema?: unknown };
        const value = get(name);
        if (value === undefined) {
          if (h.required)
            issues.push({
              location: "header",
              pointer: `/${name}`,
              message: "required response header is missing",
              keyword: "required",
            });
          continue;
        }
        if (h.schema && typeof h.schema === "object") {
          const holder = { v: value };
          const validate = this.headerValidator(h.schema);
          if (!validate(holder)) {
            for (const e of validate.errors ?? []) {
              issues.push({
                location: "header",
                pointer: `/${name}`,
                message: e.message ?? "is invalid",
                keyword: e.keyword,
              });
            }
          }
        }
      }
    }
    return { valid: issues.length === 0, issues };
  }

  /**
   * Validates any value against a schema of the (dereferenced) document addressed by a JSON pointer, e.g.
   * `#/components/schemas/OrderCreateRequest` (HiShopping: a decrypted payload against its logical schema).
   * @throws {Error} when the pointer does not resolve to a schema.
   */
  validateValue(pointer: string, value: unknown): ValueValidation {
    let validate = this.valueValidators.get(pointer);
    if (!validate) {
      let node: unknown = this.document;
      for (const seg of decodePointer(pointer)) {
        if (!node || typeof node !== "object") break;
        node = (node as Record<string, unknown>)[seg];
      }
      if (!node || (typeof node !== "object" && typeof node !== "boolean")) {
        throw new Error(`no schema at ${pointer}`);
      }
      validate = this.ajv.compile(decycle(node) as object);
      this.valueValidators.set(pointer, validate);
    }
    const ok = validate(value) as boolean;
    const issues = ok ? [] : (validate.errors ?? []).map((e) => issueFromAjv(e, "schema", false));
    return { valid: issues.length === 0, issues };
  }
}
