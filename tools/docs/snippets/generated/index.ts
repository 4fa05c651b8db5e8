// Stands in for a provider package's src/generated/ (written by `pnpm codegen`) in auth-client.ts.
export { operations, type paths } from "@keyway/hiobuy";
