/**
 * The Hyper sandbox's operation handlers, keyed by the operationIds of the four specs. The guard has already
 * resolved the tenant, authenticated the caller for its surface and validated the request.
 * @module
 */
import type { Context } from "hono";
import type { HyperCall, HyperEnv, HyperSandboxStats } from "./api.js";
import { issueToken } from "./auth.js";
import { envelope, HyperSandboxError } from "./errors.js";
import type { DeliveryStatus, TenantState } from "./state.js";

/** A Hyper operation handler. */
export type HyperHandler = (call: HyperCall, c: Context<HyperEnv>) => Response | Promise<Response>;

/** What the handlers need beside the call. */
export interface HyperHandlerDeps {
  readonly stats: HyperSandboxStats;
  /** Lifetime of tokens issued now, in seconds. */
  readonly tokenTtl: () => number;
  /** Posts the line's delivery callback (when it has a notify URL). */
  readonly notify: (tenant: TenantState, orderDetailID: number) => void;
}

const page = <T>(items: T[], call: HyperCall) => {
  const n = call.number("page", 1);
  const size = call.number("pageSize", 50);
  return items.slice((n - 1) * size, n * size);
};

/** The handlers, by operationId (shared routes of Reseller and Storefront share a handler). */
export function hyperHandlers(deps: HyperHandlerDeps): Record<string, HyperHandler> {
  const ok = (c: Context<HyperEnv>, data: unknown) => c.json(envelope(data));

  const login: HyperHandler = async (call, c) => {
    const { body, tenant } = call;
    const who = tenant.login(String(body.email), String(body.password), call.operationId === "generateToken");
    const { token, expiresAt } = await issueToken(tenant.config, who, call.now(), deps.tokenTtl());
    deps.stats.logins[tenant.config.id] = (deps.stats.logins[tenant.config.id] ?? 0) + 1;
    return ok(c, {
      token,
      expiration: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
      ...(typeof body.callbackData === "string" ? { callbackData: body.callbackData } : {}),
      ...(who.isApi ? { customerApiKey: who.callbackKey } : {}),
    });
  };

  const account: HyperHandler = (call, c) => {
    const a = call.account!;
    return ok(c, {
      firstName: a.firstName,
      lastName: a.lastName,
      email: a.email,
      balance: a.balance,
      currencyCode: "TRY",
    });
  };

  return {
    generateToken: login,
    customerLogin: login,
    getAccount: account,
    getCustomer: account,
    listCategories: (call, c) => ok(c, call.tenant.categories()),
    listCategoryTypes: (_call, c) =>
      ok(c, [
        { productCategoryTypeID: 1, typeName: "E-PIN" },
        { productCategoryTypeID: 2, typeName: "Game gold" },
      ]),
    listProducts: (call, c) =>
      ok(
        c,
        call.tenant.listProducts(
          call.number("page", 1),
          call.number("pageSize", 50),
          call.number("productCategoryID", 0),
        ),
      ),
    getProduct: (call, c) =>
      ok(c, call.tenant.productView(call.tenant.product(Number(call.params.productID)))),
    createOrder: (call, c) => {
      const { body, tenant } = call;
      const result = tenant.createOrder(
        call.account!,
        body.basketData as never,
        typeof body.notifyURL === "string" ? body.notifyURL : null,
        call.now(),
      );
      if ("refused" in result) {
        // All or nothing: HTTP 200, success false, the refused lines in data.items.
        throw new HyperSandboxError(200, -31, "Some basket items are not available; no order was created", {
          orderID: null,
          details: null,
          items: result.refused,
        });
      }
      return ok(c, {
        orderID: result.orderID,
        details: result.lines.map((l) => ({
          deliverID: l.deliverID,
          orderDetailID: l.orderDetailID,
          quantity: l.quantity,
          price: l.price,
        })),
        items: null,
      });
    },
    listOrders: (call, c) => {
      const mine = call.tenant.lines.filter((l) => l.customerID === call.account!.customerID).reverse();
      return ok(
        c,
        page(mine, call).map((l) => ({
          orderID: l.orderID,
          orderDetailID: l.orderDetailID,
          deliverID: l.deliverID,
          customerStoreProductID: l.customerStoreProductID,
          quantity: l.quantity,
          price: l.price,
          status: l.status,
          createdAt: l.createdAt,
        })),
      );
    },
    getOrderDetail: (call, c) =>
      ok(c, call.tenant.lineView(call.tenant.lineOf(call.account, Number(call.params.orderDetailID)))),
    cancelOrder: (call, c) => {
      const line = call.tenant.lineOf(call.account, Number(call.body.orderDetailID));
      call.tenant.setStatus(line, 0, null, null);
      deps.notify(call.tenant, line.orderDetailID);
      return ok(c, call.tenant.lineView(line));
    },
    listAwaitingOrders: (call, c) => ok(c, page(call.tenant.awaiting(), call)),
    listSupplierProducts: (call, c) =>
      ok(
        c,
        page(call.tenant.products, call).map((p) => call.tenant.supplierProductView(p)),
      ),
    upsertProducts: (call, c) => ok(c, call.tenant.upsertProducts(call.body.products as never)),
    deliverOrder: (call, c) => {
      const { body, tenant } = call;
      const line = tenant.lineOf(undefined, Number(body.orderDetailID));
      if (
        typeof body.deliverID === "string" &&
        line.deliverID !== null &&
        body.deliverID !== line.deliverID
      ) {
        throw new HyperSandboxError(400, -41, `deliverID does not match order line ${line.orderDetailID}`);
      }
      const data = Array.isArray(body.deliveryData) ? (body.deliveryData as string[]) : null;
      const note = (body.deliveryNote ?? null) as string | string[] | null;
      if (body.status === 1 && !data?.length && note === null) {
        throw new HyperSandboxError(400, -42, "A delivery needs deliveryData (codes) or a deliveryNote");
      }
      tenant.setStatus(line, body.status as DeliveryStatus, data, note);
      deps.notify(tenant, line.orderDetailID);
      return ok(c, tenant.lineView(line));
    },
    notifyPayment: (call, c) => ok(c, { ...call.tenant.notifyPayment(call.body as never) }),
    getPaymentStatus: (call, c) => ok(c, { ...call.tenant.payment(String(call.params.paymentID)) }),
    refundPayment: (call, c) =>
      ok(c, { ...call.tenant.refund(String(call.body.paymentID), Number(call.body.amount)) }),
  };
}
