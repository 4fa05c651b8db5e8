import { sgateHmac } from "@keyway/auth/sgate";

const scheme = sgateHmac({ key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI", secret: "your secret" });
const { headers } = await scheme.sign(
  {
    method: "GET",
    url: "https://sandbox.sgate.sa/api_v1/merchants/M448726",
    headers: new Headers(),
    body: undefined,
  },
  {
    row: {
      operationId: "getMerchant",
      method: "GET",
      path: "/merchants/{merchantId}",
      security: [],
      retry: "safe",
      extensions: { "x-sgate-method": "merchant.detail" },
    },
    baseUrl: "https://sandbox.sgate.sa/api_v1",
    now: () => 1672991487_000,
    random: (n) => crypto.getRandomValues(new Uint8Array(n)),
    attempt: 1,
    params: { path: { merchantId: "M448726" } },
    debug: undefined,
  },
);
console.log(headers?.["x-auth-signature"]); // daFE250/BIWoJGoZxFAsm6fWWyck1HxVpI6E/EXhYKQ=
