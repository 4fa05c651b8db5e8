import { startSandbox } from "@keyway/sandbox";
import { createSgateClient, sgatePaymentLink, unwrap } from "@keyway/sgate";

const sandbox = await startSandbox({ providers: ["sgate"] });
// The sandbox accepts the credentials of SGate's own docs example.
const sgate = createSgateClient({
  key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI",
  secret: "your secret",
  baseUrl: sandbox.urls.sgate, // SGate's own sandbox: SGATE_SANDBOX_BASE_URL; omit for production
});

const order = unwrap(
  await sgate.POST("/merchants/{merchantId}/orders", {
    params: { path: { merchantId: "M448726" } },
    body: { merchantOrderId: "shop-10001", amount: "12.50", currency: "SAR", name: "100 game coins" },
  }),
);
console.log(order.id, order.status); // M448726T… pending
console.log(sgatePaymentLink(order, { baseUrl: sandbox.urls.sgate, returnURL: "https://shop.example/back" }));

const { data, error } = await sgate.GET("/orders/{orderId}", { params: { path: { orderId: order.id } } });
if (error)
  console.error(error.code, error.message); // typed SgateError
else console.log(data.status);

await sandbox.close();
