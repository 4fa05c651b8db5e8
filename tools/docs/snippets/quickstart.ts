import { createHiobuyClient } from "@keyway/hiobuy";

// `npm install @keyway/hiobuy`, then: any hio_test_… key works against `pnpm sandbox`.
const hiobuy = createHiobuyClient({
  apiKey: process.env.HIOBUY_API_KEY!,
  baseUrl: process.env.HIOBUY_BASE_URL,
});

const { data, error } = await hiobuy.POST("/products/detail", {
  body: { channel: "1688", product_id: "554456348334", language: "en" },
});
if (error) console.error(error.code, error.message);
else console.log(data.product.title.original);
