/** A translation must have exactly the keys of the English catalog, every value a string. */
export type Catalog<T> = { [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };
