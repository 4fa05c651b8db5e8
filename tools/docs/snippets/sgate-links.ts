import {
  SGATE_SANDBOX_BASE_URL,
  type SgateClient,
  sgateEmbedLink,
  sgateMethodLink,
  sgatePaymentLink,
} from "@keyway/sgate";

declare const sgate: SgateClient;
declare const returnURL: string;
const order = (
  await sgate.POST("/merchants/{merchantId}/orders", {
    params: { path: { merchantId: "M448726" } },
    body: { merchantOrderId: "shop-1", amount: "1.00", currency: "SAR", name: "n" },
  })
).data!;

// #region links
const where = { baseUrl: SGATE_SANDBOX_BASE_URL }; // the base URL the order was created on
sgatePaymentLink(order, { ...where, returnURL, language: "EN" }); // hosted cashier
sgateMethodLink(order, "stcpay", { ...where, returnURL }); // one method only (lockPayMethod=yes)
sgateEmbedLink(order, "mada", { ...where, returnURL }); // iframe page
// #endregion
