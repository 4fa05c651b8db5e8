/**
 * Shared core of every provider sandbox: spec loading, spec-driven validation, fault injection, the sandbox app
 * skeleton with its one error type, serving on 127.0.0.1, and the provider types. Provider folders import the
 * individual modules (`../core/app.js`, …), never this barrel, the registry or `src/providers.ts`.
 * @module
 */
export * from "./app.js";
export * from "./errors.js";
export * from "./faults.js";
export * from "./routes.js";
export * from "./serve.js";
export * from "./spec.js";
export * from "./types.js";
export * from "./validator.js";
