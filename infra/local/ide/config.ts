/** What the local server tells the IDE page (as JSON in the page), shared by both sides. */
export interface IdeConfig {
  /** The countries the caller panel offers: the sample data's members. */
  readonly countries: readonly { readonly code: string; readonly name: string }[];
  /**
   * The server's DOCUMENTS mode (docs/api.md, "Transport"): `trusted` runs only the manifest's
   * documents, so the IDE's own requests (its schema's introspection, an ad-hoc query) are refused.
   */
  readonly documents: 'open' | 'trusted';
}

/** The id of the page's JSON script element that carries the IdeConfig. */
export const ideConfigElementId = 'ide-config';
