/** What the local server tells the IDE page (as JSON in the page), shared by both sides. */
export interface IdeConfig {
  /** The countries the caller panel offers: the sample data's members. */
  readonly countries: readonly { readonly code: string; readonly name: string }[];
}

/** The id of the page's JSON script element that carries the IdeConfig. */
export const ideConfigElementId = 'ide-config';
