/**
 * A typed SQL statement (STYLE §9: typed statements): its positional parameters `P` and result
 * row `R` travel with the text, so a store cannot call it with the wrong arguments or misread its
 * rows. The name makes it a prepared statement on each pooled connection (parsed and planned once).
 */
export interface Statement<P extends readonly unknown[], R> {
  readonly name: string;
  readonly text: string;
  /** Carries the types only; never set. */
  readonly types?: (params: P) => R;
}

export const statement = <P extends readonly unknown[], R = never>(name: string, text: string): Statement<P, R> => ({ name, text });
