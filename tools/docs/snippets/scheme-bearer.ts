import { createHiobuyClient } from "@keyway/hiobuy";

// The client puts `Authorization: Bearer <key>` on every attempt; a function is read per request (rotation).
const hiobuy = createHiobuyClient({ apiKey: () => process.env.HIOBUY_API_KEY ?? "" });

const { data, error } = await hiobuy.POST("/products/detail", {
  body: { channel: "1688", product_id: "554456348334" },
});
console.log(error ? error.code : data.product.title.original);
