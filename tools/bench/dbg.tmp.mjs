import { build } from "esbuild";
const p = process.argv[2], f = process.argv[3];
const r = await build({ entryPoints: [`../../packages/${p}/dist/${f}.js`], bundle: true, minify: true, format: "esm", write: false, external: ["@keyway/*", "openapi-fetch", "./generated/*", "./errors.js"], logLevel: "silent" });
console.log(r.outputFiles[0].text);
