import { fileURLToPath } from "node:url";

/** specsDir of the test fixtures (holds `mini/openapi.yaml`). */
export const FIXTURE_SPECS = fileURLToPath(new URL("./fixtures/", import.meta.url));
