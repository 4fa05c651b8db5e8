export * from "./core/crypto.js";
export * from "./core/errors.js";
export * from "./core/types.js";
