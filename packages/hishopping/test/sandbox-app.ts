/** The sandbox's documented HiShopping app (tools/sandbox/README.md, "HiShopping") and a shipping address. */

/** The sandbox's default app: JSON envelope, Base64 data. */
export const APP = {
  appId: "hs_app_sandbox",
  secretKey: "sandbox-secret-key-32-bytes-long",
  signKey: "sandbox-sign-key",
};

/** A shipping address the sandbox accepts. */
export const address = {
  name: "Ada Lovelace",
  phone: "+44 20 7946 0000",
  address: "12 St James's Square",
  city: "London",
  country: "GB",
  postal_code: "SW1Y 4JH",
};
