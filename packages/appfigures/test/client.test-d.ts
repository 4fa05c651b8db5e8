import { describe, expectTypeOf, it } from "vitest";
import {
  type AppfiguresAuth,
  type AppfiguresError,
  type AppfiguresErrorKind,
  createAppfiguresClient,
} from "../src/index.js";

const af = createAppfiguresClient({ auth: { type: "token", token: "pat_x" } });

describe("Appfigures client types", () => {
  it("types data, path params and the error", async () => {
    const mine = await af.GET("/products/mine", { params: { query: { store: "apple" } } });
    if (mine.error) {
      expectTypeOf(mine.error).toEqualTypeOf<AppfiguresError>();
      expectTypeOf(mine.error.kind).toEqualTypeOf<AppfiguresErrorKind>();
    } else {
      expectTypeOf(mine.data["40000812345"]!.id).toEqualTypeOf<number>();
    }
    const root = await af.GET("/");
    if (!root.error) expectTypeOf(root.data.usage.daily_limit).toEqualTypeOf<number>();
    await af.GET("/reports/sales/{group_by}", { params: { path: { group_by: "products" } } });
    // @ts-expect-error group_by is one of the documented groupings
    await af.GET("/reports/sales/{group_by}", { params: { path: { group_by: "weeks" } } });
    // @ts-expect-error the path parameter is required
    await af.GET("/products/{product_id}", {});
    // @ts-expect-error not an Appfigures route
    await af.GET("/orders");
    await af.POST("/external_accounts", {
      // @ts-expect-error password is required
      body: { nickname: "n", username: "u", store: "apple" },
    });
  });

  it("auth is a discriminated union", () => {
    expectTypeOf<Extract<AppfiguresAuth, { type: "basic" }>["clientKeyIn"]>().toEqualTypeOf<
      "header" | "query" | undefined
    >();
    // @ts-expect-error oauth1 needs the token secret
    createAppfiguresClient({ auth: { type: "oauth1", clientKey: "k", clientSecret: "s", token: "t" } });
    // @ts-expect-error unknown auth type
    createAppfiguresClient({ auth: { type: "apikey", token: "t" } });
  });
});
