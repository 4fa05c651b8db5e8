import { apiKeyHeader } from "@keyway/auth/api-key";

// `ApiKey: <key>` on every request; the key is read per request, so it can rotate.
export const scheme = apiKeyHeader({ key: () => process.env.HYPER_API_KEY ?? "" });
