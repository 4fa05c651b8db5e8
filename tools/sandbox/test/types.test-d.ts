import { describe, expectTypeOf, it } from "vitest";
import type { HiobuyState, HishoppingState, RunningSandbox, SgateState } from "../src/index.js";
import { startSandbox } from "../src/index.js";

describe("startSandbox types", () => {
  it("types urls and providers per provider, and refuses unknown names", () => {
    type Started = Awaited<ReturnType<typeof startSandbox<"hiobuy" | "sgate">>>;
    expectTypeOf<Started["urls"]["hiobuy"]>().toEqualTypeOf<string>();
    expectTypeOf<Started["urls"]["hishopping"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Started["providers"]["hiobuy"]["state"]>().toEqualTypeOf<HiobuyState>();
    expectTypeOf<Started["providers"]["sgate"]["state"]>().toEqualTypeOf<SgateState>();
    expectTypeOf<
      NonNullable<RunningSandbox["providers"]["hishopping"]>["state"]
    >().toEqualTypeOf<HishoppingState>();
    // A started sandbox fits the loose type a test file declares up front.
    expectTypeOf<Started>().toMatchTypeOf<RunningSandbox>();
    // @ts-expect-error a typo in a provider name does not compile
    type _Typo = Started["urls"]["hishoping"];
    // @ts-expect-error nor does an unknown provider
    startSandbox({ providers: ["hishoping"] });
    // @ts-expect-error each provider's options are its own
    startSandbox({ providers: ["sgate"], options: { sgate: { notificationRetryDelaysMs: "fast" } } });
  });
});
