import { createResellerClient, createSupplierClient, unwrap } from "@keyway/hyper";
import { startSandbox } from "@keyway/sandbox";

const sandbox = await startSandbox({ providers: ["hyper"] });
const baseUrl = sandbox.urls.hyper; // a tenant's API host; in production e.g. https://api.bursagb.com

// Reseller: the client calls Generate Token itself and keeps the JWT fresh.
const reseller = createResellerClient({
  baseUrl,
  credentials: { email: "reseller@bursagb.test", password: "reseller-pass" },
});
const products = unwrap(
  await reseller.POST("/Products/List", { params: { query: { page: 1, pageSize: 10 } } }),
);
const product = products.data.find((p) => p.customerStoreProductID === 9002)!;
const order = unwrap(
  await reseller.POST("/Order/create", {
    body: {
      basketData: [
        {
          deliverID: "shop-1001-1",
          customerStoreProductID: product.customerStoreProductID,
          quantity: 1,
          requireData: [{ productRequireID: 4, value: "5123456789" }],
        },
      ],
    },
  }),
);
const line = order.data.details![0]!;
console.log(order.data.orderID, line.deliverID, line.orderDetailID);

// Supplier: ApiKey header; deliver the E-PIN code of the awaiting line.
const supplier = createSupplierClient({ baseUrl, apiKey: `ak_test_${"b5e3".repeat(8)}` });
unwrap(
  await supplier.POST("/Order/deliver", {
    body: { orderDetailID: line.orderDetailID, status: 1, deliveryData: ["UC-0001-XYZ"] },
  }),
);
const detail = unwrap(
  await reseller.GET("/Order/detail/{orderDetailID}", {
    params: { path: { orderDetailID: line.orderDetailID } },
  }),
);
console.log(detail.data.status, detail.data.deliveryData?.join(",")); // 1 UC-0001-XYZ
await sandbox.close();
