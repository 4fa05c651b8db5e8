// #region file
// orders.test.ts: this file's own key is hio_test_orders; its faults name it, so other files never meet them.
import { createHiobuyClient } from "@keyway/hiobuy";
import { expect, inject, it } from "vitest";

const apiKey = "hio_test_orders";
const hiobuy = createHiobuyClient({ apiKey, baseUrl: inject("hiobuyUrl"), retry: false });

it("answers this file's 503 and nobody else's", async () => {
  await fetch(`${inject("hiobuyOrigin")}/__sandbox/faults`, {
    method: "POST",
    body: JSON.stringify({ kind: "status", status: 503, credential: apiKey, times: 1 }),
  });
  const body = { channel: "1688", product_id: "554456348334" } as const;
  const other = createHiobuyClient({
    apiKey: "hio_test_other_file",
    baseUrl: inject("hiobuyUrl"),
    retry: false,
  });
  expect((await other.POST("/products/detail", { body })).error).toBeUndefined();
  expect((await hiobuy.POST("/products/detail", { body })).response.status).toBe(503);
});
// #endregion
