import { createHishoppingClient } from "@keyway/hishopping";

// Requests are encrypted and signed into the envelope; answers are verified before they are decrypted.
const hs = createHishoppingClient({
  appId: process.env.HISHOPPING_APP_ID!,
  secretKey: () => process.env.HISHOPPING_SECRET_KEY ?? "",
  signKey: () => process.env.HISHOPPING_SIGN_KEY ?? "",
});

const { data, error } = await hs.GET("/credit");
console.log(error ? `${error.code}: ${error.message}` : data.available);
