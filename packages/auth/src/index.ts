export * from "./core/errors.js";
export * from "./core/types.js";
