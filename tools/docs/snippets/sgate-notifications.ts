import type { SgateClient } from "@keyway/sgate";

declare const sgate: SgateClient;
declare const key: string;
declare const secret: string;
declare function fulfil(merchantOrderId: string): Promise<void>;
declare function recordRefund(refund: object): Promise<void>;

// #region handler
import { createSgateNotificationHandler } from "@keyway/sgate";

const handle = createSgateNotificationHandler({
  client: sgate,
  key,
  secret,
  onNotification: async ({ type, order, refund }) => {
    if (type === "payment") await fulfil(order.merchantOrderId!);
    else await recordRefund(refund!);
  },
  // store: { claim, release, complete?, isDone? }   // back dedupe with your database (default: in memory)
  // onInvalidSignature: "requery" | "reject"        // default "requery": the re-query is the protection
  // publicPath: "/api"                               // when a proxy strips a prefix before you see the request
});
// Node (e.g. Hono, Next.js route handlers, Bun.serve, Deno.serve): pass the Fetch-API Request.
export const GET = handle;
// #endregion
