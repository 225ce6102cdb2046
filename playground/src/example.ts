// One bundled program as the page's menu offers it; made at build time (scripts/build-playground.ts).
export interface Example {
  /** The program's stem, used in links: `?example=circuit`. */
  readonly id: string;
  readonly file: string;
  readonly group: string;
  readonly title: string;
  readonly source: string;
  readonly data: string;
  readonly hypers: string;
  /** Batch names of the data, or hyper sets of a program without data. */
  readonly batches: readonly string[];
}
