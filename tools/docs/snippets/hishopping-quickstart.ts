// #region example
import { createHishoppingClient, unwrap } from "@keyway/hishopping";

const hs = createHishoppingClient({
  appId: "hs_app_sandbox", // the sandbox's documented app
  secretKey: "sandbox-secret-key-32-bytes-long", // or () => vault.read("hishopping/secret")
  signKey: "sandbox-sign-key",
  baseUrl: process.env.HISHOPPING_BASE_URL, // the URL `npx keyway-sandbox` printed; omit for https://hishopping.xyz/api/v1
});

const credit = unwrap(await hs.GET("/credit"));
const page = unwrap(await hs.GET("/products", { params: { query: { page: 1, page_size: 20 } } }));

const { data: order, error } = await hs.POST("/orders", {
  body: {
    goods_id: "601099512345678",
    sku_id: "17592186044417",
    quantity: 2,
    shipping_address: {
      name: "Zoë Müller",
      phone: "+49 30 1234567",
      address: "Friedrichstraße 1",
      city: "Berlin",
      country: "DE",
      postal_code: "10117",
    },
  },
});
if (error)
  console.log(error.code, error.message); // e.g. "2001" Insufficient credit
else console.log(order.order_no, order.merchant_order_no);

// #endregion

export { credit, page };
