// #region setup
// vitest.config.ts: export default defineConfig({ test: { globalSetup: ["./global-setup.ts"] } });
import { startSandbox } from "@keyway/sandbox";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    hiobuyUrl: string;
    hiobuyOrigin: string;
  }
}

export default async function setup(project: TestProject) {
  const sandbox = await startSandbox({ providers: ["hiobuy"] });
  project.provide("hiobuyUrl", sandbox.urls.hiobuy);
  project.provide("hiobuyOrigin", sandbox.providers.hiobuy.origin);
  return () => sandbox.close();
}
// #endregion
