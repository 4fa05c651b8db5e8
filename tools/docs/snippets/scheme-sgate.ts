import { createSgateClient } from "@keyway/sgate";

// Each attempt is signed with a fresh timestamp; `onSign` shows the canonical string (never the secret).
const sgate = createSgateClient({
  key: process.env.SGATE_KEY!,
  secret: () => process.env.SGATE_SECRET ?? "",
  onSign: (event) => console.debug(event.canonical),
});

const { data, error } = await sgate.GET("/orders/{orderId}", {
  params: { path: { orderId: "M448726T2022123112531745487632" } },
});
console.log(error ? `${error.code}: ${error.message}` : data.status);
