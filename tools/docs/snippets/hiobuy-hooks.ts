import { createHiobuyClient, type Middleware } from "@keyway/hiobuy";

declare const apiKey: string;

// #region hooks
const hiobuy = createHiobuyClient({ apiKey, headers: { "x-team": "sourcing" } });
const trace: Middleware = {
  // per attempt, before signing: the Bearer header is added after this, and covers nothing it could break
  onRequest({ request, attempt }) {
    request.headers.set("x-trace-id", `${crypto.randomUUID()}#${attempt}`);
  },
  // once per call, on the final answer
  onResponse({ response, operationId }) {
    console.log(operationId, response.status);
  },
};
hiobuy.use(trace);
// later: hiobuy.eject(trace);
// #endregion
