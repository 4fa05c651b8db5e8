import { createHiobuyClient } from "@keyway/hiobuy";

// Any hio_test_… key works against the sandbox; leave baseUrl out for the real API.
const hiobuy = createHiobuyClient({
  apiKey: process.env.HIOBUY_API_KEY!,
  baseUrl: process.env.HIOBUY_BASE_URL,
});

const { data, error } = await hiobuy.POST("/products/detail", {
  body: { channel: "1688", product_id: "554456348334", language: "en" },
});
if (error) console.error(error.code, error.message, error.requestId);
else
  console.log(
    data.product.title.translated ?? data.product.title.original,
    `¥${data.product.price.display_amount}`,
  );
