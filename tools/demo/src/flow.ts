/** What every demo flow receives. */
export interface FlowContext {
  /** The provider's base URL (the sandbox's, unless running live). */
  readonly baseUrl: string;
  /** Prints one line of the flow's summary. */
  readonly log: (line: string) => void;
}

/** A demo flow: one provider, a realistic sequence of calls through its public client. */
export type Flow = (ctx: FlowContext) => Promise<void>;
