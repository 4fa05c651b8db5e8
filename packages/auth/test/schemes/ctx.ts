import type { OperationRow, RequestParts, SignContext, SignDebugEvent } from "../../src/core/types.js";

/** A fixed operation row for scheme tests. */
export const testRow: OperationRow = Object.freeze({
  operationId: "getThing",
  method: "GET",
  path: "/things/{id}",
  security: [],
  retry: "safe",
  extensions: { "x-keyway-retry": "safe" },
});

/** A sign context with an injected clock and deterministic randomness; collects debug events. */
export function testCtx(
  over: Partial<Omit<SignContext, "debug">> & { events?: SignDebugEvent[] } = {},
): SignContext & { events: SignDebugEvent[] } {
  const events = over.events ?? [];
  let counter = 0;
  return {
    row: testRow,
    baseUrl: "https://api.example.com/v1",
    now: () => 1_700_000_000_000,
    random: (n) => Uint8Array.from({ length: n }, () => counter++ & 255),
    attempt: 1,
    params: undefined,
    ...over,
    debug: (e) => events.push(e),
    events,
  };
}

/** Request parts for a scheme test. */
export function parts(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {},
): RequestParts {
  return {
    method: init.method ?? "GET",
    url,
    headers: new Headers(init.headers),
    body: typeof init.body === "string" ? new TextEncoder().encode(init.body) : init.body,
  };
}
