// #region example
import { createHiobuyClient } from "@keyway/hiobuy";

const hiobuy = createHiobuyClient({ apiKey: "hio_test_readme", baseUrl: process.env.HIOBUY_BASE_URL });
const { data, error } = await hiobuy.POST("/products/detail", {
  body: { channel: "1688", product_id: "554456348334" },
});
// #endregion

// What tools/ci's README test appends to the example, so it can see the answer:
console.log(error ? `error ${error.code}` : data.product.id);
