// #region example
import { createKeywayClient, ProviderError } from "@keyway/auth";
import { bearer } from "@keyway/auth/bearer";
import { operations, type paths } from "./generated/index.js"; // written by `pnpm codegen`

const client = createKeywayClient<paths, ProviderError>({
  baseUrl: "https://api.example.com/v1",
  operations,
  scheme: bearer({ token: () => process.env.EXAMPLE_TOKEN! }),
  toError: (f) =>
    new ProviderError({
      status: f.status,
      code: String(f.status),
      message: "failed",
      attempts: f.attempts,
      body: f.body,
    }),
});

// #endregion

export { client };
