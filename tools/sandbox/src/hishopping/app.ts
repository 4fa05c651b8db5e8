/**
 * The HiShopping B-End sandbox: the encrypted, signed envelope protocol (docs/providers/hishopping.md) served
 * at `/api/v1`, with its own node:crypto implementation (./protocol.ts), spec-driven validation (the envelope
 * against `RequestEnvelope`, then the decrypted payload against the operation's `x-hishopping-payload` schema),
 * in-memory state (./state.ts) and response-tampering faults (./faults.ts).
 * @module
 */
import { randomBytes } from "node:crypto";
import { createSandboxApp, type SandboxApp } from "../core/app.js";
import { operationRoutes } from "../core/routes.js";
import { loadSpec } from "../core/spec.js";
import type { ProviderCreateOptions } from "../core/types.js";
import { SpecValidator } from "../core/validator.js";
import { HISHOPPING_SANDBOX_APPS, type HishoppingSandboxApp } from "./apps.js";
import { envelopeAppId, type HishoppingCall, type HishoppingVars, hishoppingGuard } from "./envelope.js";
import { HishoppingPlainError } from "./errors.js";
import { hishoppingFaultKinds } from "./faults.js";
import { HishoppingState, type Outcome } from "./state.js";

/** The provider's base path. */
export const HISHOPPING_BASE_PATH = "/api/v1";

/** Options of {@link createHishoppingSandbox}. */
export interface HishoppingSandboxOptions extends ProviderCreateOptions {
  /** Extra apps, added to {@link HISHOPPING_SANDBOX_APPS}. */
  apps?: readonly HishoppingSandboxApp[];
  /** Random bytes for response IVs and nonces (default node:crypto). */
  random?: (n: number) => Buffer;
  /** Accepted clock distance in seconds (default 300). */
  toleranceSeconds?: number;
}

/** A created HiShopping sandbox, with its state exposed for scenarios. */
export interface HishoppingSandbox extends SandboxApp<HishoppingVars> {
  /** Catalogue, stock, credit, orders, batches and nonces. */
  readonly state: HishoppingState;
  /** The apps it accepts, by id. */
  readonly apps: ReadonlyMap<string, HishoppingSandboxApp>;
}

/** Validators are stateless and costly to build (dereferencing): one per specs directory. */
const validators = new Map<string, Promise<SpecValidator>>();

/** A handler: the business outcome of a call (sealed into the signed answer by the route). */
type Handler = (state: HishoppingState, call: HishoppingCall) => Outcome;

/** The payload, which passed the operation's schema. */
const q = (call: HishoppingCall) => call.payload as never;

/** Handlers by operationId. */
const HANDLERS: Record<string, Handler> = {
  listProducts: (s, call) => s.listProducts(q(call)),
  getProduct: (s, { params }) => s.getProduct(params.goods_id!),
  getProductBySku: (s, { params }) => s.getProductBySku(params.sku_id!),
  createOrder: (s, call) =>
    s.createOrder(q(call), call.nowS, { rejectDuplicates: call.app.duplicates === "reject" }),
  getOrder: (s, { params }) => s.getOrder(params.order_no!),
  getOrderByMerchantOrderNo: (s, { params }) => s.getOrderByMerchantNo(params.merchant_order_no!),
  createBatchOrders: (s, call) => s.createBatch(q(call), call.nowS),
  getBatchOrder: (s, { params }) => s.getBatch(params.batch_no!),
  getCredit: (s) => s.getCredit(),
  listCreditTransactions: (s, call) => s.listTransactions(q(call)),
};

/** Builds a fresh HiShopping sandbox (fresh state, fresh fault queue). */
export async function createHishoppingSandbox(
  options: HishoppingSandboxOptions = {},
): Promise<HishoppingSandbox> {
  const raw = loadSpec("hishopping", { specsDir: options.specsDir });
  const cacheKey = options.specsDir ?? "";
  let pending = validators.get(cacheKey);
  if (!pending) {
    pending = SpecValidator.create(raw, { basePath: HISHOPPING_BASE_PATH });
    validators.set(cacheKey, pending);
    pending.catch(() => validators.delete(cacheKey));
  }
  const validator = await pending;
  const payloadSchema = new Map<string, string>();
  for (const item of Object.values(raw.paths ?? {})) {
    for (const op of Object.values(item) as {
      operationId?: string;
      "x-hishopping-payload"?: { schema: string };
    }[]) {
      if (op?.operationId && op["x-hishopping-payload"])
        payloadSchema.set(op.operationId, op["x-hishopping-payload"].schema);
    }
  }
  const apps = new Map<string, HishoppingSandboxApp>();
  for (const a of [...HISHOPPING_SANDBOX_APPS, ...(options.apps ?? [])]) apps.set(a.appId, a);
  const state = new HishoppingState();

  const sandbox = createSandboxApp<HishoppingVars>({
    name: "hishopping",
    basePath: HISHOPPING_BASE_PATH,
    validator,
    now: options.now,
    faultKinds: hishoppingFaultKinds<HishoppingVars>(apps),
    faultError: ({ status, code, message }) =>
      new HishoppingPlainError(
        Number.isInteger(Number(code)) && code !== undefined ? Number(code) : 5001,
        message ?? "Internal server error",
        status,
      ),
    internalError: (e) =>
      new HishoppingPlainError(5001, `Internal server error: ${e instanceof Error ? e.message : String(e)}`),
    onReset: () => state.reset(),
    credentialOf: envelopeAppId,
  });
  const { app } = sandbox;
  app.use(
    `${HISHOPPING_BASE_PATH}/*`,
    hishoppingGuard({
      validator,
      payloadSchema,
      apps,
      state,
      toleranceSeconds: options.toleranceSeconds ?? 300,
      random: options.random ?? ((n: number) => randomBytes(n)),
    }),
  );
  for (const route of operationRoutes(validator, HISHOPPING_BASE_PATH)) {
    const handler = HANDLERS[route.operationId];
    app.on(route.method, route.path, (c) => {
      const call = c.var.hishopping;
      return call.answer(
        handler
          ? handler(state, call)
          : { code: 5001, message: `Internal server error: ${route.operationId} has no handler` },
      );
    });
  }
  return { ...sandbox, state, apps };
}
