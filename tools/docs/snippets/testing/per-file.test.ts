import { createHiobuyClient } from "@keyway/hiobuy";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";

let sandbox: RunningSandbox<"hiobuy">;
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hiobuy"] }); // fresh state and faults, free port
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset()); // state and faults back to the start

it("retries a 429", async () => {
  sandbox.providers.hiobuy.faults.inject({ kind: "status", status: 429, retryAfter: 1 });
  const hiobuy = createHiobuyClient({ apiKey: "hio_test_mine", baseUrl: sandbox.urls.hiobuy });
  const { error } = await hiobuy.POST("/products/detail", {
    body: { channel: "1688", product_id: "554456348334" },
  });
  expect(error).toBeUndefined();
});
