import {
  createKeywayClient,
  type KeywayClientConfig,
  type OperationTable,
  ProviderError,
  type RetryMode,
} from "../src/index.js";
import { bearer } from "../src/schemes/bearer.js";

type Res = {
  200: { headers: Record<string, unknown>; content: { "application/json": Record<string, unknown> } };
  default: { headers: Record<string, unknown>; content: { "application/json": { message?: string } } };
};
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Absent = {
  get?: never;
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};
type Body<T> = { content: { "application/json": T } };

/** A hand-written `paths` type for a tiny test API, in openapi-typescript's shape. */
export interface TestPaths {
  "/things/{id}": Omit<Absent, "get"> & {
    parameters: NoParams;
    get: {
      parameters: { query?: { expand?: string }; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: Res;
    };
  };
  "/things": Omit<Absent, "post"> & {
    parameters: NoParams;
    post: { parameters: NoParams; requestBody: Body<{ name: string; external_id?: string }>; responses: Res };
  };
  "/orders": Omit<Absent, "post"> & {
    parameters: NoParams;
    post: { parameters: NoParams; requestBody: Body<{ sku: string }>; responses: Res };
  };
  "/labels": Omit<Absent, "put"> & {
    parameters: NoParams;
    put: { parameters: NoParams; requestBody: Body<{ label: string }>; responses: Res };
  };
}

/** A row as codegen writes it: no method or path (they are the key), no default fields. */
const row = (operationId: string, retry: RetryMode, responseBody = true) => ({
  operationId,
  retry,
  ...(responseBody ? { responseBody } : {}),
});

/** The operation table a codegen run would produce for {@link TestPaths}. */
export const testOperations = {
  "GET /things/{id}": row("getThing", "safe"),
  "POST /things": row("createThing", "key:external_id"),
  "POST /orders": row("createOrder", "never"),
  "PUT /labels": row("setLabel", "safe", false),
} satisfies OperationTable;

/** A provider error class as a provider package would declare it. */
export class TestError extends ProviderError {
  override name = "TestError";
}

/** A recorded attempt of the stub fetch. */
export interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  redirect: RequestRedirect;
}

type Answer = Response | Error | ((req: Request) => Response | Promise<Response>);

/** A stub fetch answering from a queue, recording every request it receives. */
export function stubFetch(answers: Answer[]) {
  const sent: Sent[] = [];
  const fetch = async (req: Request, init?: RequestInit) => {
    sent.push({
      url: req.url,
      method: req.method,
      headers: Object.fromEntries(req.headers),
      body: await req.text(),
      redirect: req.redirect,
    });
    const next =
      answers.shift() ?? new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    if (next instanceof Error) throw next;
    if (typeof next === "function") {
      if (init?.signal) {
        return await Promise.race([
          next(req),
          new Promise<never>((_, reject) =>
            init.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
          ),
        ]);
      }
      return next(req);
    }
    return next;
  };
  return { fetch, sent };
}

/** JSON response helper. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A network failure as undici reports one. */
export function netError(code = "ECONNRESET") {
  return Object.assign(new TypeError("fetch failed"), {
    cause: Object.assign(new Error(`socket ${code}`), { code }),
  });
}

/** A test client with a fake clock and a recording sleep. */
export function testClient(answers: Answer[], overrides: Partial<KeywayClientConfig<TestError>> = {}) {
  const stub = stubFetch(answers);
  const sleeps: number[] = [];
  let clock = 1_700_000_000_000;
  const client = createKeywayClient<TestPaths, TestError>({
    baseUrl: "https://api.example.com/v1",
    operations: testOperations,
    scheme: bearer({ token: "tok_123" }),
    fetch: stub.fetch,
    now: () => clock,
    jitter: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    toError: (f) =>
      new TestError({
        status: f.status,
        code: String((f.body as { code?: string } | undefined)?.code ?? `HTTP_${f.status}`),
        message: String((f.body as { message?: string } | undefined)?.message ?? "failed"),
        attempts: f.attempts,
        body: f.body,
        method: f.method,
        url: f.url,
        operation: f.row.operationId,
      }),
    ...overrides,
  });
  return { client, sent: stub.sent, sleeps, advance: (ms: number) => (clock += ms), now: () => clock };
}
