import { jwtSession } from "@keyway/auth/jwt";

// A login call provides the token; the scheme caches it, refreshes it before `exp`, and once after a 401.
export const scheme = jwtSession({
  getToken: async ({ reason }) => {
    const res = await fetch("https://reseller.example/Login/Customer/Api/Verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reason, apiKey: process.env.HYPER_RESELLER_KEY }),
    });
    const body = (await res.json()) as { data: { Token: string; Expiration: string } };
    return { token: body.data.Token, expiresAt: body.data.Expiration };
  },
});
