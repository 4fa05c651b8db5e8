/**
 * Shared core of every provider sandbox: spec loading, spec-driven validation, fault injection, the sandbox app
 * skeleton, serving on 127.0.0.1 and the provider registry. Provider folders import the individual modules
 * (`../core/app.js`, …), never this barrel or the registry, to stay free of import cycles.
 */
export * from "./app.js";
export * from "./faults.js";
export * from "./registry.js";
export * from "./serve.js";
export * from "./spec.js";
export * from "./validator.js";
